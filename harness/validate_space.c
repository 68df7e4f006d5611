/* Each space's KVM backend, made by the library's factory (a VM per space)
 * and wrapped in our own backend ops: every ioeventfd the backend adds or
 * deletes is one KVM_IOEVENTFD call, which we replay through the io-bus
 * model in the same order, so that the model's buses are the VM's. */
#include <string.h>

#include "validate.h"

/* The arguments the backend gave KVM_IOEVENTFD (src/kvm/kvm_ioeventfd.c):
 * the fd label stands for its eventfd, one eventfd per label. */
static void iobus_args(const struct vspace *s, const mt_ioeventfd *e, mt_iobus_args *a)
{
	memset(a, 0, sizeof(*a));
	a->addr = e->addr;
	a->len = e->size;
	a->match = e->match;
	a->datamatch = e->match ? e->data : 0;
	a->pio = s->pio;
	a->eventfd = e->fd;
}

/* Apply the call to the model unless KVM never saw it (no eventfd could be
 * made for the label); the model must succeed exactly when KVM did, else
 * the model is wrong and stops counting for this space. */
static void replay(struct vspace *s, const mt_ioeventfd *e, bool add, int rc)
{
	mt_iobus_args a;
	char data[24] = "*";
	int m;

	if (s->model_errors || mt_kvm_backend_eventfd(s->b, e->fd) < 0)
		return;
	iobus_args(s, e, &a);
	m = add ? mt_iobus_assign(&s->bus, &a) : mt_iobus_deassign(&s->bus, &a);
	if ((m == 0) == (rc == MT_OK))
		return;
	s->model_errors++;
	if (e->match)
		snprintf(data, sizeof(data), "0x%llx", (unsigned long long)e->data);
	snprintf(s->model_err, sizeof(s->model_err),
		 "KVM_IOEVENTFD %s 0x%llx/%u=%s fd %d: KVM %s, the io-bus model %s (%s)",
		 add ? "assign" : "deassign", (unsigned long long)e->addr, e->size, data,
		 e->fd, rc == MT_OK ? "succeeded" : "refused", m ? "refused" : "succeeded",
		 m ? strerror(-m) : "ok");
}

static void op_region_add(void *opaque, const mt_space *sp, const mt_flat_range *r)
{
	struct vspace *s = opaque;

	s->kops->region_add(s->b, sp, r);
}

static void op_region_del(void *opaque, const mt_space *sp, const mt_flat_range *r)
{
	struct vspace *s = opaque;

	s->kops->region_del(s->b, sp, r);
}

static int op_eventfd_add(void *opaque, const mt_space *sp, const mt_ioeventfd *e)
{
	struct vspace *s = opaque;
	int rc = s->kops->eventfd_add(s->b, sp, e);

	replay(s, e, true, rc);
	return rc;
}

static int op_eventfd_del(void *opaque, const mt_space *sp, const mt_ioeventfd *e)
{
	struct vspace *s = opaque;
	int rc = s->kops->eventfd_del(s->b, sp, e);

	replay(s, e, false, rc);
	return rc;
}

/* The space is done with its backend; the vspace itself stays until the
 * trace ends (vspace_drop_all). */
static void op_destroy(void *opaque)
{
	struct vspace *s = opaque;

	s->kops->destroy(s->b);
	s->b = NULL;
	mt_iobus_vm_free(&s->bus);
}

static const mt_backend_ops vspace_ops = {
	.region_add = op_region_add,
	.region_del = op_region_del,
	.eventfd_add = op_eventfd_add,
	.eventfd_del = op_eventfd_del,
	.destroy = op_destroy,
};

/* The trace runner's factory: the library's KVM backend behind vspace_ops. */
void *vspace_make(void *arg, const char *space, bool pio, const mt_backend_ops **ops,
		  int *code, char *err, size_t errlen)
{
	struct vstate *v = arg;
	struct vspace *s;

	/* One more slot first: a failure after the backend exists would leak it. */
	if (!vgrow(&v->sp, &v->cap, v->nsp + 1, sizeof(*v->sp)) ||
	    !(s = calloc(1, sizeof(*s)))) {
		snprintf(err, errlen, "out of memory");
		*code = MT_ENOSPACE;
		return NULL;
	}
	s->b = v->kvm.make(v->kvm.arg, space, pio, &s->kops, code, err, errlen);
	if (!s->b) {
		free(s);
		return NULL;
	}
	snprintf(s->name, sizeof(s->name), "%s", space);
	s->pio = pio;
	mt_iobus_vm_init(&s->bus);
	v->sp[v->nsp++] = s;
	*ops = &vspace_ops;
	return s;
}

struct vspace *vspace_find(struct vstate *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->nsp; i++)
		if (v->sp[i]->b && !strcmp(v->sp[i]->name, name))
			return v->sp[i];
	return NULL;
}

/* Before the runner frees its spaces: the vCPUs (they hold VM references)
 * and the previous installed sets. */
void vspace_free_cpus(struct vstate *v)
{
	size_t i;

	for (i = 0; i < v->nsp; i++) {
		struct vspace *s = v->sp[i];

		mt_vcpu_free(s->cpu);
		s->cpu = NULL;
		free(s->prev);
		free(s->prev_line);
		s->prev = NULL;
		s->prev_line = NULL;
	}
}

/* After the runner freed its spaces (and so every backend). */
void vspace_drop_all(struct vstate *v)
{
	size_t i;

	for (i = 0; i < v->nsp; i++) {
		mt_iobus_vm_free(&v->sp[i]->bus);
		free(v->sp[i]);
	}
	v->nsp = 0;
}

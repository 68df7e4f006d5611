/* Each space's KVM backend, made by the library's factory (a VM per space)
 * and wrapped in our own backend ops: every ioeventfd the backend adds or
 * deletes is one KVM_IOEVENTFD call, and every zone one or more
 * KVM_(UN)REGISTER_COALESCED_MMIO calls, which we replay through the io-bus
 * model in the same order, so that the model's buses are the VM's.  The
 * other ops (guest accesses, dirty logging, the ring) go straight through:
 * the trace runs on KVM exactly as `memtopo run --backend kvm`. */
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

/* ---- zones: src/kvm/kvm_coalesced.c's calls, replayed ------------------- */

/* Does the backend hold z in the kernel (its kernel_form)? */
static bool zone_in_kernel(const struct vspace *s, const mt_zone *z)
{
	const mt_kvm_caps *c = mt_kvm_vm_caps(mt_kvm_backend_vm(s->b));

	if (z->end >= MT_2_64 || (s->pio && c->coalesced_pio <= 0))
		return false;
	return c->coalesced_mmio > 0;
}

/* The range a delete names: the zone, or its first byte when its size does
 * not fit the kernel's int (kvm_coalesced.c's probe_of). */
static mt_zone zone_probe(const mt_zone *z)
{
	mt_zone p = *z;

	if (z->end - z->start >= (mt_u128)1 << 31)
		p.end = (mt_u128)z->start + 1;
	return p;
}

static void zone_model_error(struct vspace *s, const char *what, const mt_zone *z, int m)
{
	s->model_errors++;
	snprintf(s->model_err, sizeof(s->model_err),
		 "KVM_REGISTER_COALESCED_MMIO %s [0x%llx, +0x%llx): KVM succeeded, the io-bus "
		 "model refused (%s)", what, (unsigned long long)z->start,
		 (unsigned long long)(z->end - z->start), strerror(-m));
}

/* A zone the backend added: KVM_REGISTER_COALESCED_MMIO when in the kernel;
 * our list mirrors the backend's array (its order drives re-registration). */
static void zone_replay_add(struct vspace *s, const mt_zone *z)
{
	struct vzone vz = { *z, zone_in_kernel(s, z) };
	int m;

	if (!vgrow(&s->zones, &s->zones_cap, s->nzones + 1, sizeof(vz))) {
		s->model_errors++;
		snprintf(s->model_err, sizeof(s->model_err), "out of memory");
		return;
	}
	s->zones[s->nzones++] = vz;
	if (!vz.in_kernel || s->model_errors)
		return;
	m = mt_iobus_zone_register(&s->bus, z->start, (uint32_t)(z->end - z->start), s->pio);
	if (m)
		zone_model_error(s, "assign", z, m);
}

/* A delete: the unregister of its probe range, then every other zone of
 * the backend's that contains it registered again, in the backend's array
 * order; the backend's array loses z by moving its last entry there. */
static void zone_replay_del(struct vspace *s, const mt_zone *z)
{
	size_t i, k = s->nzones;
	mt_zone p;
	int m;

	for (i = 0; i < s->nzones; i++)
		if (!mt_zone_cmp(&s->zones[i].z, z))
			k = i;
	if (k == s->nzones)
		return;
	p = zone_probe(z);
	if (s->zones[k].in_kernel && !s->model_errors) {
		mt_iobus_zone_unregister(&s->bus, p.start, (uint32_t)(p.end - p.start), s->pio);
		for (i = 0; i < s->nzones && !s->model_errors; i++) {
			const mt_zone *y = &s->zones[i].z;

			if (i == k || !s->zones[i].in_kernel || y->start > p.start || y->end < p.end)
				continue;
			m = mt_iobus_zone_register(&s->bus, y->start,
						   (uint32_t)(y->end - y->start), s->pio);
			if (m)
				zone_model_error(s, "again", y, m);
		}
	}
	s->zones[k] = s->zones[--s->nzones];
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

static int op_access(void *opaque, const mt_space *sp, mt_guest_access *a)
{
	struct vspace *s = opaque;

	return s->kops->access ? s->kops->access(s->b, sp, a) : MT_EINVAL;
}

static int op_log_start(void *opaque, const mt_space *sp, const mt_flat_range *r)
{
	struct vspace *s = opaque;

	return s->kops->log_start ? s->kops->log_start(s->b, sp, r) : MT_OK;
}

static int op_log_stop(void *opaque, const mt_space *sp, const mt_flat_range *r)
{
	struct vspace *s = opaque;

	return s->kops->log_stop ? s->kops->log_stop(s->b, sp, r) : MT_OK;
}

static int op_log_sync(void *opaque, const mt_space *sp)
{
	struct vspace *s = opaque;

	return s->kops->log_sync ? s->kops->log_sync(s->b, sp) : MT_OK;
}

static int op_zone_add(void *opaque, const mt_space *sp, const mt_zone *z)
{
	struct vspace *s = opaque;
	int rc = s->kops->coalesced_add ? s->kops->coalesced_add(s->b, sp, z) : MT_OK;

	if (rc == MT_OK)
		zone_replay_add(s, z);
	return rc;
}

static int op_zone_del(void *opaque, const mt_space *sp, const mt_zone *z)
{
	struct vspace *s = opaque;
	int rc = s->kops->coalesced_del ? s->kops->coalesced_del(s->b, sp, z) : MT_OK;

	if (rc == MT_OK)
		zone_replay_del(s, z);
	return rc;
}

static size_t op_take(void *opaque, const mt_space *sp, mt_guest_exit *out, size_t max)
{
	struct vspace *s = opaque;

	return s->kops->coalesced_take ? s->kops->coalesced_take(s->b, sp, out, max) : 0;
}

static const mt_backend_ops vspace_ops = {
	.region_add = op_region_add,
	.region_del = op_region_del,
	.eventfd_add = op_eventfd_add,
	.eventfd_del = op_eventfd_del,
	.destroy = op_destroy,
	.access = op_access,
	.log_start = op_log_start,
	.log_stop = op_log_stop,
	.log_sync = op_log_sync,
	.coalesced_add = op_zone_add,
	.coalesced_del = op_zone_del,
	.coalesced_take = op_take,
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
		free(s->pzones);
		s->pzones = NULL;
		s->npzones = 0;
	}
}

/* After the runner freed its spaces (and so every backend). */
void vspace_drop_all(struct vstate *v)
{
	size_t i;

	for (i = 0; i < v->nsp; i++) {
		mt_iobus_vm_free(&v->sp[i]->bus);
		free(v->sp[i]->zones);
		free(v->sp[i]);
	}
	v->nsp = 0;
}

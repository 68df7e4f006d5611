/* The mt_backend_ops of the KVM backend, and the trace runner's factory. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kvm_internal.h"

void mt_kvm_set_error(mt_kvm_backend *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->errbuf, sizeof(b->errbuf), fmt, ap);
	va_end(ap);
	b->nerrors++;
}

void mt_kvm_deviation(mt_kvm_backend *b, const char *fmt, ...)
{
	va_list ap;

	if (!b->stats.deviations++) {
		va_start(ap, fmt);
		vsnprintf(b->deviation, sizeof(b->deviation), fmt, ap);
		va_end(ap);
	}
}

const char *mt_kvm_backend_deviation(const mt_kvm_backend *b)
{
	return b->deviation;
}

static void op_region_add(void *opaque, const mt_space *s, const mt_flat_range *r)
{
	(void)s;
	mt_kvm_mem_add(opaque, r);
}

static void op_region_del(void *opaque, const mt_space *s, const mt_flat_range *r)
{
	mt_kvm_mem_del(opaque, s, r);
}

static int op_log_start(void *opaque, const mt_space *s, const mt_flat_range *r)
{
	return mt_kvm_mem_log(opaque, s, r, true);
}

static int op_log_stop(void *opaque, const mt_space *s, const mt_flat_range *r)
{
	return mt_kvm_mem_log(opaque, s, r, false);
}

static int op_log_sync(void *opaque, const mt_space *s)
{
	return mt_kvm_mem_sync(opaque, s);
}

static int op_zone_add(void *opaque, const mt_space *s, const mt_zone *z)
{
	(void)s;
	return mt_kvm_zone_add(opaque, z);
}

static int op_zone_del(void *opaque, const mt_space *s, const mt_zone *z)
{
	(void)s;
	return mt_kvm_zone_del(opaque, z);
}

static int op_eventfd_add(void *opaque, const mt_space *s, const mt_ioeventfd *e)
{
	(void)s;
	return mt_kvm_efd_add(opaque, e);
}

static int op_eventfd_del(void *opaque, const mt_space *s, const mt_ioeventfd *e)
{
	(void)s;
	return mt_kvm_efd_del(opaque, e);
}

static int op_access(void *opaque, const mt_space *s, mt_guest_access *a)
{
	(void)s;
	return mt_kvm_access(opaque, a);
}

static size_t op_take(void *opaque, const mt_space *s, mt_guest_exit *out,
		      size_t max)
{
	(void)s;
	return mt_kvm_ring_take(opaque, out, max);
}

static void op_destroy(void *opaque)
{
	mt_kvm_backend_free(opaque);
}

static const mt_backend_ops kvm_ops = {
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

const mt_backend_ops *mt_kvm_backend_ops(void)
{
	return &kvm_ops;
}

mt_kvm_backend *mt_kvm_backend_new(mt_kvm_vm *vm, bool pio)
{
	mt_kvm_backend *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->vm = mt_kvm_vm_ref(vm);
	b->pio = pio;
	mt_kvm_efd_init(b);
	return b;
}

void mt_kvm_backend_free(mt_kvm_backend *b)
{
	if (!b)
		return;
	mt_vcpu_free(b->cpu);
	mt_kvm_efd_release(b);
	mt_kvm_zone_release(b);
	mt_kvm_mem_release(b);
	mt_kvm_vm_unref(b->vm);
	free(b);
}

mt_kvm_vm *mt_kvm_backend_vm(const mt_kvm_backend *b)
{
	return b->vm;
}

bool mt_kvm_backend_is_pio(const mt_kvm_backend *b)
{
	return b->pio;
}

const char *mt_kvm_backend_error(const mt_kvm_backend *b)
{
	return b->errbuf;
}

unsigned long mt_kvm_backend_error_count(const mt_kvm_backend *b)
{
	return b->nerrors;
}

/* ---- factory: a VM per space ------------------------------------------ */

static void *factory_make(void *arg, const char *space, bool pio,
			  const mt_backend_ops **ops, int *code, char *err,
			  size_t errlen)
{
	const mt_kvm_dirty_mode *mode = arg;
	mt_kvm_vm *vm;
	mt_kvm_backend *b;

	(void)space;
	vm = mt_kvm_vm_new_dirty(mode ? *mode : MT_KVM_DIRTY_BITMAP, 0, NULL, err, errlen);
	if (!vm) {
		*code = MT_ENOSPACE;
		return NULL;
	}
	b = mt_kvm_backend_new(vm, pio);
	mt_kvm_vm_unref(vm);
	if (!b) {
		snprintf(err, errlen, "out of memory");
		*code = MT_ENOSPACE;
		return NULL;
	}
	*ops = &kvm_ops;
	return b;
}

mt_kvm_status mt_kvm_factory(mt_backend_factory *out, char *err, size_t errlen)
{
	return mt_kvm_factory_dirty(out, MT_KVM_DIRTY_BITMAP, err, errlen);
}

/* The factory's argument: which mode (constant, so no state is shared). */
static const mt_kvm_dirty_mode mode_args[MT_KVM_DIRTY_MODE_COUNT] = {
	MT_KVM_DIRTY_BITMAP, MT_KVM_DIRTY_RING, MT_KVM_DIRTY_CLEAR,
};

mt_kvm_status mt_kvm_factory_dirty(mt_backend_factory *out, mt_kvm_dirty_mode mode,
				   char *err, size_t errlen)
{
	mt_kvm_status st;
	mt_kvm_vm *vm;

	out->make = factory_make;
	out->arg = NULL;
	if (!mt_kvm_dirty_mode_name(mode)) {
		snprintf(err, errlen, "unknown dirty mode %d", (int)mode);
		return MT_KVM_UNUSABLE;
	}
	out->arg = (void *)&mode_args[mode];
	/* A VM in that mode, made and dropped: detection and the mode at once. */
	vm = mt_kvm_vm_new_dirty(mode, 0, &st, err, errlen);
	mt_kvm_vm_unref(vm);
	return st;
}

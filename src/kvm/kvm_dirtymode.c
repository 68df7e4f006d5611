/* The dirty mode of a VM: chosen when the VM is made, enabled with
 * KVM_ENABLE_CAP before it has a vCPU (the kernel refuses the dirty ring
 * once one exists: kvm_vm_ioctl_enable_dirty_log_ring) or a memslot. */
#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_internal.h"

#define RING_DEFAULT 4096u

static const char *const names[MT_KVM_DIRTY_MODE_COUNT] = { "bitmap", "ring", "clear" };

const char *mt_kvm_dirty_mode_name(mt_kvm_dirty_mode mode)
{
	return (unsigned)mode < MT_KVM_DIRTY_MODE_COUNT ? names[mode] : NULL;
}

bool mt_kvm_dirty_mode_parse(const char *name, mt_kvm_dirty_mode *mode)
{
	unsigned i;

	for (i = 0; name && i < MT_KVM_DIRTY_MODE_COUNT; i++)
		if (!strcmp(name, names[i])) {
			*mode = (mt_kvm_dirty_mode)i;
			return true;
		}
	return false;
}

bool mt_kvm_dirty_offered(const mt_kvm_caps *caps, mt_kvm_dirty_mode mode)
{
	switch (mode) {
	case MT_KVM_DIRTY_BITMAP:
		return true;
	case MT_KVM_DIRTY_RING:
		return caps->dirty_ring > 0 || caps->dirty_ring_acq_rel > 0;
	case MT_KVM_DIRTY_CLEAR:
		return caps->manual_protect > 0 &&
		       (caps->manual_protect & KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE);
	default:
		return false;
	}
}

static int enable_cap(mt_kvm_vm *vm, uint32_t cap, uint64_t arg)
{
	struct kvm_enable_cap c;

	memset(&c, 0, sizeof(c));
	c.cap = cap;
	c.args[0] = arg;
	return mt_ioctl(vm->vm_fd, KVM_ENABLE_CAP, &c) < 0 ? errno : 0;
}

/* Ring bytes: the entries asked for as a power of two, at least a page,
 * at most the cap's maximum.  EINVAL means too small for the reserved
 * entries (kvm_dirty_ring_get_rsvd_entries: more with Intel PML): double. */
static mt_kvm_status enable_ring(mt_kvm_vm *vm, uint32_t entries, char *err,
				 size_t errlen)
{
	bool acq_rel = vm->caps.dirty_ring_acq_rel > 0;
	uint32_t cap = acq_rel ? KVM_CAP_DIRTY_LOG_RING_ACQ_REL : KVM_CAP_DIRTY_LOG_RING;
	uint64_t max = (uint64_t)(acq_rel ? vm->caps.dirty_ring_acq_rel : vm->caps.dirty_ring);
	long page = sysconf(_SC_PAGESIZE);
	uint64_t bytes = sizeof(struct kvm_dirty_gfn);
	int e;

	while (bytes < (uint64_t)(entries ? entries : RING_DEFAULT) * sizeof(struct kvm_dirty_gfn) ||
	       bytes < (uint64_t)(page > 0 ? page : 4096))
		bytes *= 2;
	if (bytes > max)
		bytes = max;
	for (;;) {
		e = enable_cap(vm, cap, bytes);
		if (e != EINVAL || bytes * 2 > max)
			break;
		bytes *= 2;
	}
	if (e) {
		snprintf(err, errlen, "KVM_ENABLE_CAP %s of %llu bytes: %s",
			 acq_rel ? "KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "KVM_CAP_DIRTY_LOG_RING",
			 (unsigned long long)bytes, strerror(e));
		return MT_KVM_UNUSABLE;
	}
	vm->ring_entries = (uint32_t)(bytes / sizeof(struct kvm_dirty_gfn));
	return MT_KVM_OK;
}

mt_kvm_status mt_kvm_dirty_enable(mt_kvm_vm *vm, mt_kvm_dirty_mode mode,
				  uint32_t ring_entries, char *err, size_t errlen)
{
	mt_kvm_status st = MT_KVM_OK;
	int e;

	if (!mt_kvm_dirty_mode_name(mode)) {
		snprintf(err, errlen, "unknown dirty mode %d", (int)mode);
		return MT_KVM_UNUSABLE;
	}
	if (vm->ncpus || vm->next_vcpu_id || vm->nvslots) {
		snprintf(err, errlen, "dirty mode %s: the VM already has vCPUs or memslots",
			 names[mode]);
		return MT_KVM_UNUSABLE;
	}
	if (!mt_kvm_dirty_offered(&vm->caps, mode)) {
		snprintf(err, errlen, "this host's KVM lacks dirty mode %s (%s is 0)", names[mode],
			 mode == MT_KVM_DIRTY_RING ?
			 "KVM_CAP_DIRTY_LOG_RING_ACQ_REL and KVM_CAP_DIRTY_LOG_RING" :
			 "KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE of KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2");
		return MT_KVM_NOCAP;
	}
	if (mode == MT_KVM_DIRTY_RING) {
		st = enable_ring(vm, ring_entries, err, errlen);
	} else if (mode == MT_KVM_DIRTY_CLEAR) {
		/* Not KVM_DIRTY_LOG_INITIALLY_SET: every page would start dirty. */
		e = enable_cap(vm, KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2,
			       KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE);
		if (e) {
			snprintf(err, errlen, "KVM_ENABLE_CAP KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2: %s",
				 strerror(e));
			st = MT_KVM_UNUSABLE;
		}
	}
	if (st == MT_KVM_OK)
		vm->dirty_mode = mode;
	return st;
}

mt_kvm_vm *mt_kvm_vm_new_dirty(mt_kvm_dirty_mode mode, uint32_t ring_entries,
			       mt_kvm_status *status, char *err, size_t errlen)
{
	mt_kvm_vm *vm = mt_kvm_vm_new(status, err, errlen);
	mt_kvm_status st;

	if (!vm || mode == MT_KVM_DIRTY_BITMAP)
		return vm;
	st = mt_kvm_dirty_enable(vm, mode, ring_entries, err, errlen);
	if (st != MT_KVM_OK) {
		mt_kvm_vm_unref(vm);
		vm = NULL;
	}
	if (status)
		*status = st;
	return vm;
}

mt_kvm_dirty_mode mt_kvm_vm_dirty_mode(const mt_kvm_vm *vm)
{
	return vm->dirty_mode;
}

uint32_t mt_kvm_vm_dirty_ring_entries(const mt_kvm_vm *vm)
{
	return vm->ring_entries;
}

unsigned long mt_kvm_vm_dirty_ring_full(const mt_kvm_vm *vm)
{
	return vm->ring_full;
}

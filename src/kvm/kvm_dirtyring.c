/* Ring mode: each vCPU has a ring of struct kvm_dirty_gfn, mapped from its
 * fd at page KVM_DIRTY_LOG_PAGE_OFFSET, where KVM pushes the pages the
 * guest dirties in logged slots (slot = as_id << 16 | slot id, offset =
 * page in the slot).  An entry is ours when its flags read
 * KVM_DIRTY_GFN_F_DIRTY; once stored we set KVM_DIRTY_GFN_F_RESET, and
 * KVM_RESET_DIRTY_RINGS gives the entries back and write-protects those
 * pages again, so the next write to them is pushed again.  The flags are
 * read with acquire and written with release ordering, as
 * KVM_CAP_DIRTY_LOG_RING_ACQ_REL requires (and the TSO variant allows).
 *
 * Only vCPU writes reach the ring: the core marks the writes it emulates
 * itself.  A ring is not per slot, so one harvest takes every vCPU's
 * entries into the VM's list (vm->dpend); each backend then takes those of
 * its own slot.  A ring that fills stops its vCPU with
 * KVM_EXIT_DIRTY_RING_FULL: kvm_vcpu.c collects and runs the guest on. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_internal.h"

int mt_kvm_dring_map(const mt_kvm_vm *vm, int vcpu_fd, struct mt_kvm_dring *r)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p;

	memset(r, 0, sizeof(*r));
	if (!vm->ring_entries)
		return 0;
	if (page <= 0)
		return EINVAL;
	p = mmap(NULL, (size_t)vm->ring_entries * sizeof(struct kvm_dirty_gfn),
		 PROT_READ | PROT_WRITE, MAP_SHARED, vcpu_fd,
		 (off_t)KVM_DIRTY_LOG_PAGE_OFFSET * page);
	if (p == MAP_FAILED)
		return errno;
	r->gfns = p;
	r->entries = vm->ring_entries;
	return 0;
}

void mt_kvm_dring_unmap(struct mt_kvm_dring *r)
{
	if (r->gfns)
		munmap(r->gfns, (size_t)r->entries * sizeof(struct kvm_dirty_gfn));
	r->gfns = NULL;
}

/* The dirty entries of one ring, in ring order (KVM wants them harvested
 * in sequence); false when out of memory (the rest stays in the ring). */
static bool take_ring(mt_kvm_vm *vm, struct mt_kvm_dring *r, long *n)
{
	for (;;) {
		struct kvm_dirty_gfn *g = &r->gfns[r->fetch & (r->entries - 1)];
		uint32_t flags = __atomic_load_n(&g->flags, __ATOMIC_ACQUIRE);

		if ((flags & KVM_DIRTY_GFN_F_MASK) != KVM_DIRTY_GFN_F_DIRTY)
			return true;
		if (!mt_grow(&vm->dpend, &vm->dpend_cap, vm->ndpend + 1, sizeof(*vm->dpend)))
			return false;
		vm->dpend[vm->ndpend].slot = g->slot;
		vm->dpend[vm->ndpend].offset = g->offset;
		vm->ndpend++;
		__atomic_store_n(&g->flags, (uint32_t)KVM_DIRTY_GFN_F_RESET, __ATOMIC_RELEASE);
		r->fetch++;
		(*n)++;
	}
}

long mt_kvm_dring_collect(mt_kvm_vm *vm, char *err, size_t errlen)
{
	bool oom = false;
	long n = 0;
	size_t i;

	for (i = 0; i < vm->ncpus && !oom; i++) {
		struct mt_kvm_dring *r = mt_vcpu_dring(vm->cpus[i]);

		if (r->gfns && !take_ring(vm, r, &n))
			oom = true;
	}
	/* Give back what was taken even when the rest could not be. */
	if (n && mt_ioctl(vm->vm_fd, KVM_RESET_DIRTY_RINGS, NULL) < 0) {
		int e = errno;

		snprintf(err, errlen, "KVM_RESET_DIRTY_RINGS: %s", strerror(e));
		return -e;
	}
	if (oom) {
		snprintf(err, errlen, "out of memory for dirty ring entries");
		return -ENOMEM;
	}
	return n;
}

int mt_kvm_dring_harvest(mt_kvm_backend *b, const mt_space *s,
			 const struct mt_kvm_mslot *slot)
{
	mt_kvm_vm *vm = b->vm;
	uint64_t npages = slot->info.size / MT_KVM_PAGE;
	char err[200];
	long got = mt_kvm_dring_collect(vm, err, sizeof(err));
	size_t i, j;

	if (got < 0)
		mt_kvm_set_error(b, "dirty ring, harvesting slot %d: %s", slot->info.slot, err);
	/* What was collected is handed over whatever happened. */
	for (i = j = 0; i < vm->ndpend; i++) {
		const struct mt_kvm_dgfn *g = &vm->dpend[i];

		if (g->slot != (uint32_t)slot->info.slot) {
			vm->dpend[j++] = *g;
			continue;
		}
		if (s && g->offset < npages)
			mt_space_mark_dirty(s, slot->region_id,
					    slot->info.offset + g->offset * MT_KVM_PAGE,
					    MT_KVM_PAGE);
	}
	vm->ndpend = j;
	return got < 0 ? (int)-got : 0;
}

/* The coalesced ring on KVM (SPEC section 10).
 *
 * A guest write inside a zone KVM holds does not exit: the kernel's
 * coalesced device appends it to the VM's ring page (mapped through any
 * vCPU at the page KVM_CAP_COALESCED_MMIO names) while the ring has room
 * (coalesced_mmio_has_room: one entry always stays free, so 169 of 170 on
 * 4 KiB pages), and exits as usual when it has none.  The backend notices a
 * write going there by the ring's `last` moving, and hands the entries over
 * when the core delivers them.  The ring is per VM and its entries carry the
 * bus (pio), so several backends on one VM each take their own: entries of
 * the other bus wait in the VM's stash. */
#include <linux/kvm.h>
#include <unistd.h>

#include "kvm_internal.h"

static struct kvm_coalesced_mmio_ring *vm_ring(const mt_kvm_vm *vm)
{
	size_t i;

	for (i = 0; i < vm->ncpus; i++) {
		struct kvm_coalesced_mmio_ring *r = mt_vcpu_ring(vm->cpus[i]);

		if (r)
			return r;
	}
	return NULL;
}

/* Entries of the ring page: (page - header) / entry, as the kernel's
 * KVM_COALESCED_MMIO_MAX. */
static uint32_t ring_max(void)
{
	long page = sysconf(_SC_PAGESIZE);

	if (page <= 0)
		page = 4096;
	return (uint32_t)(((size_t)page - sizeof(struct kvm_coalesced_mmio_ring)) /
			  sizeof(struct kvm_coalesced_mmio));
}

uint32_t mt_kvm_ring_last(const mt_kvm_vm *vm)
{
	struct kvm_coalesced_mmio_ring *r = vm_ring(vm);

	return r ? __atomic_load_n(&r->last, __ATOMIC_ACQUIRE) : 0;
}

bool mt_kvm_vm_ring(const mt_kvm_vm *vm, uint32_t *first, uint32_t *last,
		    uint32_t *entries)
{
	struct kvm_coalesced_mmio_ring *r = vm_ring(vm);

	if (!r)
		return false;
	*first = __atomic_load_n(&r->first, __ATOMIC_ACQUIRE);
	*last = __atomic_load_n(&r->last, __ATOMIC_ACQUIRE);
	*entries = ring_max();
	return true;
}

/* Move every ring entry into the stash of its bus, oldest first. */
static void pull(mt_kvm_vm *vm)
{
	struct kvm_coalesced_mmio_ring *r = vm_ring(vm);
	uint32_t max = ring_max(), first, last;

	if (!r)
		return;
	first = __atomic_load_n(&r->first, __ATOMIC_RELAXED);
	last = __atomic_load_n(&r->last, __ATOMIC_ACQUIRE);
	while (first != last && first < max) {
		const struct kvm_coalesced_mmio *e = &r->coalesced_mmio[first];
		unsigned bus = e->pio ? 1 : 0, len = e->len > 8 ? 8 : e->len, i;
		mt_guest_exit x = { e->phys_addr, len, true, 0 };

		for (i = 0; i < len; i++)
			x.data |= (uint64_t)e->data[i] << (8 * i);
		if (vm->nstash[bus] < MT_KVM_STASH)
			vm->stash[bus][vm->nstash[bus]++] = x;
		first = (first + 1) % max;
	}
	__atomic_store_n(&r->first, first, __ATOMIC_RELEASE);
}

size_t mt_kvm_ring_take(mt_kvm_backend *b, mt_guest_exit *out, size_t max)
{
	mt_kvm_vm *vm = b->vm;
	unsigned bus = b->pio ? 1 : 0;
	size_t n, i;

	pull(vm);
	n = vm->nstash[bus] < max ? vm->nstash[bus] : max;
	for (i = 0; i < n; i++)
		out[i] = vm->stash[bus][i];
	for (i = n; i < vm->nstash[bus]; i++)
		vm->stash[bus][i - n] = vm->stash[bus][i];
	vm->nstash[bus] -= n;
	b->stats.delivered += n;
	return n;
}

size_t mt_kvm_ring_pending(const mt_kvm_backend *b)
{
	const mt_kvm_vm *vm = b->vm;
	struct kvm_coalesced_mmio_ring *r = vm_ring(vm);
	unsigned bus = b->pio ? 1 : 0;
	size_t n = vm->nstash[bus];
	uint32_t max = ring_max(), i, last;

	if (!r)
		return n;
	last = __atomic_load_n(&r->last, __ATOMIC_ACQUIRE);
	for (i = r->first; i != last && i < max; i = (i + 1) % max)
		n += (r->coalesced_mmio[i].pio ? 1u : 0u) == bus;
	return n;
}

bool mt_kvm_zone_holds(const mt_kvm_backend *b, uint64_t addr, unsigned len)
{
	size_t i;

	for (i = 0; i < b->nzones; i++)
		if (b->zones[i].in_kernel && b->zones[i].z.start <= addr &&
		    (mt_u128)addr + len <= b->zones[i].z.end)
			return true;
	return false;
}

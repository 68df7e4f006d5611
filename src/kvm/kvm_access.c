/* Guest accesses on the KVM backend (SPEC section 8): each runs on the
 * backend's vCPU (kvm_vcpu.c) as one guest instruction.  Exits go back to
 * the core as they happen (it dispatches them through the committed view and
 * answers reads); afterwards an eventfd counter that moved (of a tuple KVM
 * holds at the write's address) means an installed ioeventfd took it, the
 * coalesced ring's `last` moving means a zone took it (kvm_ring.c), and an
 * access with none of these landed in a memslot.
 *
 * The vCPU needs its 2 MiB window (code, tables, stack) installed as a
 * memslot: it stays where it is while it meets neither another memslot of
 * the VM nor the access, else it moves to the highest 2 MiB block below the
 * reach that meets neither (candidates: the top, and just below every slot
 * and the access).  A memslot about to be made moves any window it meets
 * out of the way (mt_kvm_window_clear). */
#include <errno.h>
#include <string.h>

#include "kvm_internal.h"

static bool meets(uint64_t a, mt_u128 a_end, uint64_t b, mt_u128 b_end)
{
	return a < b_end && b < a_end;
}

/* Does a window at w meet the access or any other memslot of the VM? */
static bool window_ok(const mt_kvm_backend *b, uint64_t w, const mt_guest_access *a)
{
	const mt_kvm_vm *vm = b->vm;
	mt_u128 w_end = (mt_u128)w + MT_WINDOW_SIZE;
	int own = mt_vcpu_window_slot(b->cpu);
	size_t i;

	if (!b->pio && meets(w, w_end, a->addr, (mt_u128)a->addr + a->size))
		return false;
	for (i = 0; i < vm->nvslots; i++)
		if (vm->vslots[i].slot != own &&
		    meets(w, w_end, vm->vslots[i].gpa,
			  (mt_u128)vm->vslots[i].gpa + vm->vslots[i].size))
			return false;
	return true;
}

/* Candidates: the top block, and the blocks just below every memslot and
 * below the access; the highest that fits wins.  0 or an errno. */
static int place_window(mt_kvm_backend *b, const mt_guest_access *a)
{
	uint64_t reach = mt_vcpu_reach(b->cpu), cur, best = 0, w;
	bool found = false;
	size_t i;

	if (mt_vcpu_placed(b->cpu, &cur) && window_ok(b, cur, a))
		return 0;
	for (i = 0; i <= b->vm->nvslots + 1; i++) {
		uint64_t below = i < b->vm->nvslots ? b->vm->vslots[i].gpa :
				 i == b->vm->nvslots ? a->addr : reach;

		if (below < MT_WINDOW_SIZE)
			continue;
		w = (below - MT_WINDOW_SIZE) & ~(MT_WINDOW_SIZE - 1);
		if (w + MT_WINDOW_SIZE <= reach && (!found || w > best) && window_ok(b, w, a)) {
			best = w;
			found = true;
		}
	}
	return found ? mt_vcpu_place(b->cpu, best) : ENOSPC;
}

void mt_kvm_window_clear(mt_kvm_vm *vm, uint64_t gpa, uint64_t size)
{
	uint64_t w;
	size_t i;

	for (i = 0; i < vm->ncpus; i++)
		if (mt_vcpu_placed(vm->cpus[i], &w) &&
		    meets(w, (mt_u128)w + MT_WINDOW_SIZE, gpa, (mt_u128)gpa + size))
			mt_vcpu_unplace(vm->cpus[i]);
}

void mt_kvm_backend_unplace(mt_kvm_backend *b)
{
	if (b->cpu)
		mt_vcpu_unplace(b->cpu);
}

struct run {
	mt_kvm_backend *b;
	mt_guest_access *a;
	unsigned exits;
};

/* SPEC 10 says a write inside a zone waits while fewer than 169 do and no
 * ioeventfd matches it; KVM let this one exit instead. */
static void check_zone_exit(struct run *r, const mt_exit *x)
{
	size_t pending;

	if (!x->write || r->exits || !mt_kvm_zone_holds(r->b, x->addr, x->len) ||
	    mt_kvm_efd_matching(r->b, x->addr, x->len, x->data) >= 0)
		return;
	pending = mt_kvm_ring_pending(r->b);
	if (pending < MT_RING_CAPACITY)
		mt_kvm_deviation(r->b, "write of %u at 0x%llx inside a zone exited with %zu "
				 "writes in the ring, not 169 (io-bus order, or "
				 "coalesced_mmio_has_room before Linux 6.11)",
				 x->len, (unsigned long long)x->addr, pending);
}

/* An exit of the guest instruction: the core dispatches it. */
static void on_exit(void *arg, mt_exit *x)
{
	struct run *r = arg;
	mt_guest_exit g = { x->addr, x->len, x->write, x->data };

	check_zone_exit(r, x);
	r->exits++;
	r->a->exit(r->a->exit_arg, &g);
	if (!x->write)
		x->data = g.data;
}

int mt_kvm_access(mt_kvm_backend *b, mt_guest_access *a)
{
	mt_access acc = { a->write ? MT_ACC_WRITE : MT_ACC_READ, a->size, b->pio, a->addr,
			  a->data };
	struct run r = { b, a, 0 };
	mt_vcpu_hooks h = { on_exit, NULL, &r };
	uint64_t result = 0;
	char err[256];
	uint32_t mark;
	int32_t label;
	int e;

	if (!b->cpu && !b->cpu_failed) {
		b->cpu = mt_vcpu_new(b->vm, err, sizeof(err));
		if (!b->cpu) {
			b->cpu_failed = true;
			mt_kvm_set_error(b, "guest accesses: %s", err);
		}
	}
	if (!b->cpu) {
		b->stats.soft++;
		return MT_EINVAL; /* the core performs it in software */
	}
	if (!b->pio && (mt_u128)a->addr + a->size > mt_vcpu_reach(b->cpu)) {
		b->stats.unreachable++;
		a->outcome = MT_GUEST_UNREACHABLE;
		return MT_OK;
	}
	e = place_window(b, a);
	if (e) {
		mt_kvm_set_error(b, "no room for the vCPU's window: %s", strerror(e));
		b->stats.soft++;
		return MT_ENOSPACE;
	}
	if (a->write) /* start from zero (reads never signal) */
		mt_kvm_efd_fired(b, a->addr);
	mark = mt_kvm_ring_last(b->vm);
	if (mt_vcpu_run(b->cpu, &acc, 1, &result, &h, err, sizeof(err))) {
		mt_kvm_set_error(b, "guest access at 0x%llx: %s", (unsigned long long)a->addr,
				 err);
		/* Exits already dispatched cannot be taken back: report them. */
		if (!r.exits) {
			b->stats.soft++;
			return MT_EINVAL;
		}
	}
	b->stats.runs++;
	label = a->write ? mt_kvm_efd_fired(b, a->addr) : -1;
	a->value = a->write ? 0 : result;
	if (r.exits) {
		a->outcome = MT_GUEST_EXIT;
		b->stats.exits++;
	} else if (label >= 0) {
		a->outcome = MT_GUEST_NOTIFY;
		a->fd = label;
		b->stats.notifies++;
	} else if (a->write && mt_kvm_ring_last(b->vm) != mark) {
		a->outcome = MT_GUEST_COALESCED; /* in the ring until delivered */
		b->stats.coalesced++;
		label = mt_kvm_efd_matching(b, a->addr, a->size, a->data);
		if (label >= 0)
			mt_kvm_deviation(b, "write of %u at 0x%llx went to a zone, not to the "
					 "ioeventfd (fd %d) that matches it: the io bus "
					 "sorts the zone first (kvm_io_bus_get_first_dev)",
					 a->size, (unsigned long long)a->addr, label);
	} else {
		a->outcome = MT_GUEST_MEMORY;
		b->stats.memory++;
	}
	return MT_OK;
}

const mt_kvm_access_stats *mt_kvm_backend_access_stats(const mt_kvm_backend *b)
{
	return &b->stats;
}

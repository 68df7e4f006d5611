/* ram/rom flat ranges -> KVM memslots (KVM_SET_USER_MEMORY_REGION). */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm_internal.h"

static void add_emu(mt_kvm_backend *b, const mt_flat_range *r, uint64_t start,
		    mt_u128 end, mt_kvm_emu_reason why, int err)
{
	mt_kvm_emulated *e;

	if ((mt_u128)start >= end)
		return;
	if (!mt_grow(&b->emu, &b->emu_cap, b->nemu + 1, sizeof(*b->emu))) {
		mt_kvm_set_error(b, "out of memory recording an emulated range");
		return;
	}
	e = &b->emu[b->nemu++];
	e->start = start;
	e->end = end;
	e->kind = r->kind;
	e->region_id = r->region_id;
	e->offset = r->offset + (start - r->start);
	e->reason = why;
	e->err = err;
}

static int cmp_emu(const void *pa, const void *pb)
{
	const mt_kvm_emulated *a = pa, *b = pb;

	return a->start < b->start ? -1 : a->start > b->start;
}

static int cmp_info(const void *pa, const void *pb)
{
	const mt_kvm_slot_info *a = pa, *b = pb;

	return a->gpa < b->gpa ? -1 : a->gpa > b->gpa;
}

static void rebuild_views(mt_kvm_backend *b)
{
	size_t i;
	mt_kvm_slot_info *n;

	if (b->nemu > 1)
		qsort(b->emu, b->nemu, sizeof(*b->emu), cmp_emu);
	n = realloc(b->infos, (b->nslots ? b->nslots : 1) * sizeof(*n));
	if (!n) {
		b->ninfos = 0;
		return;
	}
	b->infos = n;
	for (i = 0; i < b->nslots; i++)
		n[i] = b->slots[i].info;
	b->ninfos = b->nslots;
	if (b->ninfos > 1)
		qsort(n, b->ninfos, sizeof(*n), cmp_info);
}

static int set_slot(mt_kvm_vm *vm, int slot, uint64_t gpa, uint64_t size,
		    void *host, bool ro, bool log)
{
	struct kvm_userspace_memory_region m = {
		.slot = (uint32_t)slot,
		.flags = (ro ? KVM_MEM_READONLY : 0) | (log ? KVM_MEM_LOG_DIRTY_PAGES : 0),
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uint64_t)(uintptr_t)host,
	};
	int r;

	r = mt_ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &m);
	if (r < 0)
		return errno;
	mt_kvm_vm_note_slot(vm, slot, gpa, size);
	return 0;
}

void mt_kvm_mem_add(mt_kvm_backend *b, const mt_flat_range *r)
{
	mt_kvm_vm *vm = b->vm;
	bool ro = r->kind == MT_ROM;
	uint8_t *host;
	uint64_t maplen = 0;
	mt_kvm_plan p;
	uint64_t gpa, left, off;
	size_t i;

	if (r->kind != MT_RAM && r->kind != MT_ROM)
		return;
	if (b->pio || (ro && vm->caps.readonly_mem <= 0)) {
		add_emu(b, r, r->start, r->end, b->pio ? MT_KVM_EMU_PIO : MT_KVM_EMU_ROM_RW, 0);
		goto out;
	}
	mt_kvm_plan_range(r->start, r->end, r->offset, MT_KVM_PAGE, vm->caps.phys_bits, &p);
	for (i = 0; i < p.nemu; i++)
		add_emu(b, r, p.emu[i].start, p.emu[i].end, p.emu[i].reason, 0);
	if (!p.slot_size)
		goto out;
	/* The region's contents are the memslot's memory: one mapping of the
	 * core's (mt_memory_map), shared by every range, alias and VM. */
	host = r->memory ? mt_memory_map(r->memory, &maplen) : NULL;
	if (!host || p.slot_offset > maplen || p.slot_size > maplen - p.slot_offset) {
		add_emu(b, r, p.slot_gpa, (mt_u128)p.slot_gpa + p.slot_size,
			MT_KVM_EMU_NO_MAPPING, host ? EFAULT : ENOMEM);
		goto out;
	}
	mt_kvm_vm_borrow(vm, r->region_id, host, maplen);
	mt_kvm_window_clear(vm, p.slot_gpa, p.slot_size);
	gpa = p.slot_gpa;
	left = p.slot_size;
	off = p.slot_offset;
	while (left) {
		uint64_t n = left < MT_KVM_SLOT_MAX ? left : MT_KVM_SLOT_MAX;
		struct mt_kvm_mslot *s;
		int slot, err;

		if (!mt_grow(&b->slots, &b->slots_cap, b->nslots + 1, sizeof(*b->slots))) {
			add_emu(b, r, gpa, (mt_u128)gpa + left, MT_KVM_EMU_NO_SLOT, ENOMEM);
			break;
		}
		slot = mt_kvm_slot_alloc(vm);
		if (slot < 0) {
			mt_kvm_set_error(b, "no memslot left for [0x%llx, +0x%llx) (KVM_CAP_NR_MEMSLOTS %d)",
					 (unsigned long long)gpa, (unsigned long long)left,
					 vm->caps.nr_memslots);
			add_emu(b, r, gpa, (mt_u128)gpa + left, MT_KVM_EMU_NO_SLOT, 0);
			break;
		}
		err = set_slot(vm, slot, gpa, n, host + off, ro, r->log);
		if (err) {
			mt_kvm_slot_free(vm, slot);
			mt_kvm_set_error(b, "KVM_SET_USER_MEMORY_REGION slot %d [0x%llx, +0x%llx)%s: %s",
					 slot, (unsigned long long)gpa, (unsigned long long)n,
					 ro ? " readonly" : "", strerror(err));
			add_emu(b, r, gpa, (mt_u128)gpa + left, MT_KVM_EMU_REFUSED, err);
			break;
		}
		s = &b->slots[b->nslots++];
		s->range_start = r->start;
		s->region_id = r->region_id;
		s->info.slot = slot;
		s->info.gpa = gpa;
		s->info.size = n;
		s->info.region_id = r->region_id;
		s->info.offset = off;
		s->info.readonly = ro;
		s->log = r->log;
		gpa += n;
		off += n;
		left -= n;
	}
out:
	rebuild_views(b);
}

static bool of_range(const struct mt_kvm_mslot *s, const mt_flat_range *r)
{
	return s->range_start == r->start && s->region_id == r->region_id;
}

void mt_kvm_mem_del(mt_kvm_backend *b, const mt_space *sp, const mt_flat_range *r)
{
	size_t i, j;

	if (r->kind != MT_RAM && r->kind != MT_ROM)
		return;
	for (i = j = 0; i < b->nslots; i++) {
		struct mt_kvm_mslot *s = &b->slots[i];
		int err;

		if (!of_range(s, r)) {
			b->slots[j++] = *s;
			continue;
		}
		/* Its dirty pages go to the region before the slot goes. */
		if (s->log)
			mt_kvm_harvest(b, sp, s);
		/* memory_size 0 deletes the slot. */
		err = set_slot(b->vm, s->info.slot, s->info.gpa, 0, NULL, false, false);
		if (err) {
			/* Still in KVM: keep the record (and the slot number). */
			mt_kvm_set_error(b, "deleting memslot %d at 0x%llx: %s", s->info.slot,
					 (unsigned long long)s->info.gpa, strerror(err));
			b->slots[j++] = *s;
			continue;
		}
		mt_kvm_slot_free(b->vm, s->info.slot);
	}
	b->nslots = j;
	for (i = j = 0; i < b->nemu; i++) {
		const mt_kvm_emulated *e = &b->emu[i];

		if (e->region_id == r->region_id && e->start >= r->start &&
		    (mt_u128)e->start < r->end)
			continue;
		b->emu[j++] = *e;
	}
	b->nemu = j;
	rebuild_views(b);
}

void mt_kvm_mem_release(mt_kvm_backend *b)
{
	size_t i;

	/* Other backends may share the VM: give the slots back one by one.
	 * Ring entries of a logged slot would outlive it and be taken for
	 * the next slot with its number: forget them. */
	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].log && b->vm->dirty_mode == MT_KVM_DIRTY_RING)
			mt_kvm_dring_harvest(b, NULL, &b->slots[i]);
	for (i = 0; i < b->nslots; i++)
		if (!set_slot(b->vm, b->slots[i].info.slot, b->slots[i].info.gpa, 0, NULL,
			      false, false))
			mt_kvm_slot_free(b->vm, b->slots[i].info.slot);
	free(b->slots);
	free(b->infos);
	free(b->emu);
	b->slots = NULL;
	b->infos = NULL;
	b->emu = NULL;
	b->nslots = b->ninfos = b->nemu = 0;
}

int mt_kvm_mem_log(mt_kvm_backend *b, const mt_space *sp, const mt_flat_range *r,
		   bool on)
{
	int rc = MT_OK;
	size_t i;

	for (i = 0; i < b->nslots; i++) {
		struct mt_kvm_mslot *s = &b->slots[i];
		uint8_t *host;
		int err;

		if (!of_range(s, r) || s->log == on)
			continue;
		/* Pages dirtied so far belong to the region: take them first. */
		if (s->log && mt_kvm_harvest(b, sp, s) && !rc)
			rc = MT_EINVAL;
		host = mt_kvm_vm_host_ptr(b->vm, s->region_id, s->info.offset, s->info.size);
		err = host ? set_slot(b->vm, s->info.slot, s->info.gpa, s->info.size, host,
				      s->info.readonly, on)
			   : EFAULT;
		if (err) {
			mt_kvm_set_error(b, "KVM_SET_USER_MEMORY_REGION slot %d log %s: %s",
					 s->info.slot, on ? "on" : "off", strerror(err));
			if (!rc)
				rc = mt_kvm_errno_code(err);
			continue;
		}
		s->log = on;
	}
	return rc;
}

int mt_kvm_mem_sync(mt_kvm_backend *b, const mt_space *sp)
{
	int rc = MT_OK;
	size_t i;

	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].log && mt_kvm_harvest(b, sp, &b->slots[i]) && !rc)
			rc = MT_EINVAL;
	return rc;
}

const mt_kvm_emulated *mt_kvm_backend_emulated(const mt_kvm_backend *b, size_t *count)
{
	*count = b->nemu;
	return b->emu;
}

const mt_kvm_slot_info *mt_kvm_backend_slots(const mt_kvm_backend *b, size_t *count)
{
	*count = b->ninfos;
	return b->infos;
}

bool mt_kvm_backend_in_slot(const mt_kvm_backend *b, uint64_t addr, uint64_t len)
{
	size_t i;

	for (i = 0; i < b->ninfos; i++) {
		const mt_kvm_slot_info *s = &b->infos[i];

		if (addr >= s->gpa && (mt_u128)addr + len <= (mt_u128)s->gpa + s->size)
			return true;
	}
	return false;
}

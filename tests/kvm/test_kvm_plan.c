/* Pure logic of the KVM backend, no KVM needed: page-aligned memslot part
 * and emulated edges of a flat range, memslot number allocation and
 * reuse, kernel errno -> SPEC code. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kvm_internal.h"

static void plan(uint64_t start, mt_u128 end, uint64_t off, unsigned bits, mt_kvm_plan *p)
{
	mt_kvm_plan_range(start, end, off, 4096, bits, p);
}

static void test_plan(void)
{
	mt_kvm_plan p;

	plan(0x10000, 0x20000, 0, 40, &p);
	CHECK_MSG(p.slot_gpa == 0x10000 && p.slot_size == 0x10000 && p.slot_offset == 0 && !p.nemu,
	      "aligned range is one memslot, nothing emulated");

	plan(0x10010, 0x20ff0, 0x10, 40, &p);
	CHECK_MSG(p.slot_gpa == 0x11000 && p.slot_size == 0xf000 && p.slot_offset == 0x1000,
	      "unaligned edges: slot [0x11000, 0x20000) at offset 0x1000");
	CHECK_MSG(p.nemu == 2 && p.emu[0].start == 0x10010 && p.emu[0].end == 0x11000 &&
	      p.emu[0].reason == MT_KVM_EMU_UNALIGNED && p.emu[1].start == 0x20000 &&
	      p.emu[1].end == 0x20ff0, "head [0x10010,0x11000) and tail [0x20000,0x20ff0) emulated");

	plan(0x1000, 0x1800, 0, 40, &p);
	CHECK_MSG(!p.slot_size && p.nemu == 1 && p.emu[0].end == 0x1800,
	      "half a page: all emulated");

	plan(0x10000, 0x20000, 0x800, 40, &p);
	CHECK_MSG(!p.slot_size && p.nemu == 1 && p.emu[0].reason == MT_KVM_EMU_MISALIGNED,
	      "gpa and region offset differ mod 4 KiB (alias at odd offset): misaligned, emulated");

	plan(0x10800, 0x20000, 0x1800, 40, &p);
	CHECK_MSG(p.slot_gpa == 0x11000 && p.slot_offset == 0x2000 && p.nemu == 1,
	      "congruent offsets: slot at 0x11000 shows offset 0x2000");

	plan(0xffff000000ull, (mt_u128)0x10000000000ull + 0x4000, 0, 40, &p);
	CHECK_MSG(p.slot_gpa == 0xffff000000ull && p.slot_size == 0x1000000 && p.nemu == 1 &&
	      p.emu[0].start == 0x10000000000ull && p.emu[0].reason == MT_KVM_EMU_ABOVE_PHYS,
	      "straddling 2^40: slot below, the rest above the physical width emulated");

	plan(0, MT_2_64, 0, 40, &p);
	CHECK_MSG(p.slot_gpa == 0 && p.slot_size == 0x10000000000ull && p.nemu == 1 &&
	      p.emu[0].start == 0x10000000000ull && p.emu[0].end == MT_2_64,
	      "a 2^64 ram: [0, 2^40) slot-able, [2^40, 2^64) emulated");

	plan(0xfffffffffffff000ull, MT_2_64, 0, 52, &p);
	CHECK_MSG(!p.slot_size && p.nemu == 1 && p.emu[0].reason == MT_KVM_EMU_ABOVE_PHYS,
	      "last page of the 64-bit space: above phys");

	plan(0x1000, 0x1000, 0, 40, &p);
	CHECK_MSG(!p.slot_size && !p.nemu, "empty range: nothing");
}

static void test_slots(void)
{
	mt_kvm_vm vm;
	int a, b, c, d;

	memset(&vm, 0, sizeof(vm));
	vm.caps.nr_memslots = 3;
	a = mt_kvm_slot_alloc(&vm);
	b = mt_kvm_slot_alloc(&vm);
	c = mt_kvm_slot_alloc(&vm);
	CHECK_MSG(a == 0 && b == 1 && c == 2, "slots 0, 1, 2 in order");
	CHECK_MSG(mt_kvm_slot_alloc(&vm) == -1, "KVM_CAP_NR_MEMSLOTS (3) reached: -1");
	mt_kvm_slot_free(&vm, 1);
	mt_kvm_slot_free(&vm, 0);
	d = mt_kvm_slot_alloc(&vm);
	CHECK_MSG(d == 0, "lowest freed slot reused first (got %d)", d);
	d = mt_kvm_slot_alloc(&vm);
	CHECK_MSG(d == 1, "then the next freed one (got %d)", d);
	mt_kvm_slot_free(&vm, 2);
	CHECK_MSG(mt_kvm_slot_alloc(&vm) == 2, "freeing the top slot makes it available again");
	CHECK_MSG(mt_kvm_slot_alloc(&vm) == -1, "full again");
	free(vm.free_slots);
}

static void test_errno(void)
{
	CHECK_MSG(mt_kvm_errno_code(0) == MT_OK, "0 -> ok");
	CHECK_MSG(mt_kvm_errno_code(EEXIST) == MT_ECONFLICT, "EEXIST -> conflict");
	CHECK_MSG(mt_kvm_errno_code(ENOSPC) == MT_ENOSPACE, "ENOSPC -> no-space");
	CHECK_MSG(mt_kvm_errno_code(ENOMEM) == MT_ENOSPACE, "ENOMEM -> no-space");
	CHECK_MSG(mt_kvm_errno_code(EINVAL) == MT_EINVAL, "EINVAL -> invalid");
	CHECK_MSG(mt_kvm_errno_code(EBADF) == MT_EINVAL, "EBADF (other) -> invalid");
	CHECK_MSG(!strcmp(mt_err_name(mt_kvm_errno_code(EEXIST)), "conflict"), "named conflict");
}

int main(void)
{
	test_plan();
	test_slots();
	test_errno();
	return check_report();
}

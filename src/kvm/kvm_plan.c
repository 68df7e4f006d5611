/* Pure logic of the KVM backend: how a ram/rom flat range splits into a
 * memslot part and emulated parts, and kernel errno -> SPEC codes.  No KVM
 * here, so tests/kvm/test_kvm_plan runs anywhere. */
#include <errno.h>

#include "kvm_internal.h"

static void emu(mt_kvm_plan *p, uint64_t start, mt_u128 end, mt_kvm_emu_reason why)
{
	if ((mt_u128)start >= end || p->nemu >= 3)
		return;
	p->emu[p->nemu].start = start;
	p->emu[p->nemu].end = end;
	p->emu[p->nemu].reason = why;
	p->nemu++;
}

void mt_kvm_plan_range(uint64_t start, mt_u128 end, uint64_t offset,
		       uint64_t page, unsigned phys_bits, mt_kvm_plan *out)
{
	mt_u128 limit = phys_bits >= 64 ? MT_2_64 : (mt_u128)1 << phys_bits;
	mt_u128 bend = end < limit ? end : limit; /* end of the part below limit */
	mt_u128 mask = page - 1, a, b;

	out->slot_gpa = out->slot_size = out->slot_offset = 0;
	out->nemu = 0;
	if ((mt_u128)start >= end)
		return;
	if ((mt_u128)start < bend) {
		a = ((mt_u128)start + mask) & ~mask;
		b = bend & ~mask;
		if ((start & mask) != (offset & mask)) {
			/* gpa - offset is not a page multiple: no guest page
			 * maps to a page-aligned host address. */
			emu(out, start, bend, MT_KVM_EMU_MISALIGNED);
		} else if (a < b) {
			emu(out, start, a, MT_KVM_EMU_UNALIGNED);
			out->slot_gpa = (uint64_t)a;
			out->slot_size = (uint64_t)(b - a);
			out->slot_offset = offset + (uint64_t)(a - start);
			emu(out, (uint64_t)b, bend, MT_KVM_EMU_UNALIGNED);
		} else {
			emu(out, start, bend, MT_KVM_EMU_UNALIGNED);
		}
	}
	if (end > limit)
		emu(out, (mt_u128)start > limit ? start : (uint64_t)limit, end,
		    MT_KVM_EMU_ABOVE_PHYS);
}

int mt_kvm_errno_code(int err)
{
	switch (err) {
	case 0:
		return MT_OK;
	case EEXIST:
		return MT_ECONFLICT;
	case ENOSPC:
	case ENOMEM:
		return MT_ENOSPACE;
	default:
		return MT_EINVAL;
	}
}

const char *mt_kvm_emu_reason_text(mt_kvm_emu_reason reason)
{
	static const char *const text[MT_KVM_EMU_REASON_COUNT] = {
		[MT_KVM_EMU_UNALIGNED] = "not page aligned",
		[MT_KVM_EMU_MISALIGNED] = "guest address and region offset differ modulo the page size",
		[MT_KVM_EMU_ABOVE_PHYS] = "above the guest physical address width",
		[MT_KVM_EMU_NO_MAPPING] = "no host mapping of the region (too large to mmap)",
		[MT_KVM_EMU_NO_SLOT] = "no memslot left",
		[MT_KVM_EMU_REFUSED] = "KVM_SET_USER_MEMORY_REGION refused it",
		[MT_KVM_EMU_PIO] = "ram/rom in a port I/O space",
		[MT_KVM_EMU_ROM_RW] = "rom without KVM_CAP_READONLY_MEM",
	};

	return (unsigned)reason < MT_KVM_EMU_REASON_COUNT ? text[reason] : "?";
}

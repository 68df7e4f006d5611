/* Clear mode (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 enabled with
 * KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE alone): KVM_GET_DIRTY_LOG only
 * copies the slot's bitmap, and KVM_CLEAR_DIRTY_LOG clears the bits given
 * and write-protects those pages again, so that the next guest write to
 * them is logged.  Without KVM_DIRTY_LOG_INITIALLY_SET, turning the log on
 * starts from a clean bitmap as in bitmap mode.
 *
 * The pages are marked in the core before they are cleared: a failed clear
 * only reports them again at the next harvest.  The clear covers runs of
 * bitmap words holding a set bit: first_page a multiple of 64 and
 * num_pages one too, except for a run that ends at the slot's last page
 * (kvm_clear_dirty_log_protect's rules). */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm_internal.h"

/* KVM_CLEAR_DIRTY_LOG of pages [64 w0, 64 w1) ∩ the slot. */
static int clear_words(mt_kvm_backend *b, const struct mt_kvm_mslot *slot,
		       uint64_t *bits, uint64_t w0, uint64_t w1)
{
	uint64_t npages = slot->info.size / MT_KVM_PAGE;
	uint64_t first = w0 * 64, end = w1 * 64 < npages ? w1 * 64 : npages;
	struct kvm_clear_dirty_log c;

	memset(&c, 0, sizeof(c));
	c.slot = (uint32_t)slot->info.slot;
	c.first_page = first;
	c.num_pages = (uint32_t)(end - first); /* a slot has < 2^31 pages */
	c.dirty_bitmap = bits + w0;
	if (mt_ioctl(b->vm->vm_fd, KVM_CLEAR_DIRTY_LOG, &c) < 0) {
		int e = errno;

		mt_kvm_set_error(b, "KVM_CLEAR_DIRTY_LOG slot %d pages [%llu, %llu): %s",
				 slot->info.slot, (unsigned long long)first,
				 (unsigned long long)end, strerror(e));
		return e;
	}
	return 0;
}

int mt_kvm_clear_harvest(mt_kvm_backend *b, const mt_space *s,
			 const struct mt_kvm_mslot *slot)
{
	uint64_t npages = slot->info.size / MT_KVM_PAGE;
	uint64_t words = (npages + 63) / 64, w, start = 0;
	uint64_t *bits;
	bool in_run = false;
	int r = mt_kvm_get_bitmap(b, slot, &bits), e;

	if (r)
		return r;
	mt_kvm_mark_bits(s, slot, bits);
	for (w = 0; w <= words; w++) {
		bool any = w < words && bits[w];

		if (any && !in_run)
			start = w;
		if (!any && in_run) {
			e = clear_words(b, slot, bits, start, w);
			if (e && !r)
				r = e;
		}
		in_run = any;
	}
	free(bits);
	return r;
}

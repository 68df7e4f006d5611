/* Dirty logging on KVM: the pages of a logged memslot, turned from guest
 * pages into pages of the region (slot page i is region offset
 * info.offset + 4096 i) and handed to the core's store, which keeps them
 * until `sync`.  How KVM is asked depends on the VM's dirty mode:
 *   bitmap  KVM_GET_DIRTY_LOG returns the bitmap and clears it (here);
 *   clear   the same, then KVM_CLEAR_DIRTY_LOG (kvm_dirtyclear.c);
 *   ring    the vCPUs' dirty rings (kvm_dirtyring.c).
 * Each dirty page is reported at least once, never lost. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm_internal.h"

int mt_kvm_get_bitmap(mt_kvm_backend *b, const struct mt_kvm_mslot *slot,
		      uint64_t **out)
{
	uint64_t npages = slot->info.size / MT_KVM_PAGE;
	size_t words = (size_t)((npages + 63) / 64);
	struct kvm_dirty_log log;
	uint64_t *bits;
	int r;

	*out = NULL;
	bits = calloc(words ? words : 1, sizeof(*bits));
	if (!bits) {
		mt_kvm_set_error(b, "out of memory for the dirty bitmap of slot %d",
				 slot->info.slot);
		return ENOMEM;
	}
	memset(&log, 0, sizeof(log));
	log.slot = (uint32_t)slot->info.slot;
	log.dirty_bitmap = bits;
	r = mt_ioctl(b->vm->vm_fd, KVM_GET_DIRTY_LOG, &log);
	if (r < 0) {
		r = errno;
		mt_kvm_set_error(b, "KVM_GET_DIRTY_LOG slot %d: %s", slot->info.slot,
				 strerror(r));
		free(bits);
		return r;
	}
	*out = bits;
	return 0;
}

static void mark_run(const mt_space *s, const struct mt_kvm_mslot *slot, uint64_t first,
		     uint64_t end)
{
	if (end > first)
		mt_space_mark_dirty(s, slot->region_id, slot->info.offset + first * MT_KVM_PAGE,
				    (mt_u128)(end - first) * MT_KVM_PAGE);
}

/* Word by word: a 64 GiB slot has 16M bits, mostly clear, so zero words
 * are skipped whole and runs of ones measured with ctz (bench_sync_kvm). */
void mt_kvm_mark_bits(const mt_space *s, const struct mt_kvm_mslot *slot,
		      const uint64_t *bits)
{
	uint64_t npages = slot->info.size / MT_KVM_PAGE, words = (npages + 63) / 64;
	uint64_t first = 0, end = 0, w; /* the run being gathered: pages [first, end) */

	for (w = 0; w < words; w++) {
		uint64_t x = bits[w];

		if (w == words - 1 && npages % 64)
			x &= (1ull << (npages % 64)) - 1; /* no page past the slot */
		while (x) {
			unsigned b = (unsigned)__builtin_ctzll(x);
			uint64_t rest = ~(x >> b); /* its trailing zeros: x's ones from b */
			unsigned len = rest ? (unsigned)__builtin_ctzll(rest) : 64 - b;
			uint64_t p = w * 64 + b;

			if (p != end) {
				mark_run(s, slot, first, end);
				first = p;
			}
			end = p + len;
			x = b + len >= 64 ? 0 : x & ~((1ull << (b + len)) - 1);
		}
	}
	mark_run(s, slot, first, end);
}

static int bitmap_harvest(mt_kvm_backend *b, const mt_space *s,
			  const struct mt_kvm_mslot *slot)
{
	uint64_t *bits;
	int r = mt_kvm_get_bitmap(b, slot, &bits);

	if (r)
		return r;
	mt_kvm_mark_bits(s, slot, bits);
	free(bits);
	return 0;
}

int mt_kvm_harvest(mt_kvm_backend *b, const mt_space *s,
		   const struct mt_kvm_mslot *slot)
{
	if (slot->info.size < MT_KVM_PAGE)
		return 0;
	switch (b->vm->dirty_mode) {
	case MT_KVM_DIRTY_RING:
		return mt_kvm_dring_harvest(b, s, slot);
	case MT_KVM_DIRTY_CLEAR:
		return mt_kvm_clear_harvest(b, s, slot);
	default:
		return bitmap_harvest(b, s, slot);
	}
}

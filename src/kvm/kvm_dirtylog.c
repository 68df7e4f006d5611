/* Dirty logging on KVM: KVM_GET_DIRTY_LOG of a logged memslot, turned from
 * guest pages into pages of the region (slot page i is region offset
 * info.offset + 4096 i) and handed to the core's store.  The ioctl returns
 * the bitmap and clears it, so each dirty page is reported once here and
 * kept by the core until `sync`. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm_internal.h"

int mt_kvm_harvest(mt_kvm_backend *b, const mt_space *s,
		   const struct mt_kvm_mslot *slot)
{
	uint64_t npages = slot->info.size / MT_KVM_PAGE, i, run = 0;
	size_t words = (size_t)((npages + 63) / 64);
	struct kvm_dirty_log log;
	uint64_t *bits;
	int r;

	if (!npages)
		return 0;
	bits = calloc(words, sizeof(*bits));
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
	/* One mark per run of set bits. */
	for (i = 0; i <= npages; i++) {
		bool set = i < npages && ((bits[i / 64] >> (i % 64)) & 1);

		if (set) {
			run++;
			continue;
		}
		if (run)
			mt_space_mark_dirty(s, slot->region_id,
					    slot->info.offset + (i - run) * MT_KVM_PAGE,
					    (mt_u128)run * MT_KVM_PAGE);
		run = 0;
	}
	free(bits);
	return 0;
}

/* mt_kvm_mark_bits (a KVM dirty bitmap into the region's pages, word by
 * word) against a bit-by-bit reading of the same bitmaps: random, empty,
 * full, runs across words, a partial last word, a slot at a region
 * offset.  Pure logic on the reference backend: no /dev/kvm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kvm_internal.h"

static char got[1 << 16], want[1 << 16];

static int rec(void *arg, const char *region, uint64_t id, uint64_t start, mt_u128 end)
{
	size_t n = strlen(got);

	(void)arg;
	(void)id;
	snprintf(got + n, sizeof(got) - n, "%s %llx %llx;", region, (unsigned long long)start,
		 (unsigned long long)end);
	return 0;
}

/* The runs bit by bit, as sync prints them. */
static void naive(const uint64_t *bits, uint64_t npages, uint64_t offset)
{
	uint64_t i, run = 0;
	size_t n;

	want[0] = 0;
	for (i = 0; i <= npages; i++) {
		if (i < npages && ((bits[i / 64] >> (i % 64)) & 1)) {
			run++;
			continue;
		}
		if (run) {
			n = strlen(want);
			snprintf(want + n, sizeof(want) - n, "r %llx %llx;",
				 (unsigned long long)(offset + (i - run) * 4096),
				 (unsigned long long)(offset + i * 4096));
		}
		run = 0;
	}
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check(mt_ctx *c, const uint64_t *bits, uint64_t npages, uint64_t offset)
{
	struct mt_kvm_mslot slot;

	memset(&slot, 0, sizeof(slot));
	slot.region_id = 0;
	slot.info.offset = offset;
	slot.info.size = npages * 4096;
	{
		/* the region's id: the only ram region, found by a mark and a sync */
		mt_flat_range f;

		CHECK(mt_lookup(mt_space_find(c, "mem"), 0, &f) == MT_OK);
		slot.region_id = f.region_id;
	}
	mt_kvm_mark_bits(mt_space_find(c, "mem"), &slot, bits);
	got[0] = 0;
	CHECK(mt_sync(c, rec, NULL) == MT_OK);
	naive(bits, npages, offset);
	CHECK_STR(got, want);
}

int main(void)
{
	enum { WORDS = 8 };
	uint64_t bits[WORDS], npages;
	mt_ctx *c = mt_ctx_new();
	int round, i;

	CHECK(mt_region_new(c, "sys", MT_CONTAINER, MT_2_64) == MT_OK);
	CHECK(mt_region_new(c, "r", MT_RAM, (mt_u128)1 << 30) == MT_OK);
	CHECK(mt_space_new(c, "mem", "sys", false, NULL, NULL) == MT_OK);
	CHECK(mt_map(c, "sys", "r", 0, 0, false) == MT_OK);
	for (round = 0; round < 4000; round++) {
		npages = 1 + next() % (WORDS * 64);
		for (i = 0; i < WORDS; i++) {
			switch (next() % 5) {
			case 0: bits[i] = 0; break;
			case 1: bits[i] = ~0ull; break;
			case 2: bits[i] = next() & next(); break;
			case 3: bits[i] = ~0ull << (next() % 64); break;
			default: bits[i] = next(); break;
			}
		}
		/* KVM sets no bit past the slot; the reader must not trust that */
		check(c, bits, npages, (next() % 16) * 4096);
	}
	memset(bits, 0, sizeof(bits));
	check(c, bits, WORDS * 64, 0);
	memset(bits, 0xff, sizeof(bits));
	check(c, bits, WORDS * 64, 0);
	check(c, bits, 63, 0x1000);
	mt_ctx_free(c);
	return check_report();
}

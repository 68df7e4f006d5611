/* The core's cost of dirty logging and coalesced zones (SPEC sections 4, 9,
 * 10), reference backend, no KVM.
 *
 * Table 1, log flags: N ram regions of 4 KiB mapped side by side (N flat
 * ranges) in one space.
 *   flip     `log R on` then `log R off` of one region, one commit each:
 *            per commit (the log-start/log-stop of its one range)
 *   all on   every region's log on in one transaction: that commit
 * Table 2, sync: one 64 GiB logged ram region (16M pages); P% of its pages
 *   marked dirty by the backend's call (mt_space_mark_dirty, as the KVM
 *   backend reports a harvest), at random, then one `sync`: the time of the
 *   sync, per dirty page, and the marking per page.
 * Table 3, zones: N mmio regions of 4 KiB mapped (N flat ranges), Z of them
 *   with a coalesced range of 0x100 (Z installed zones).
 *   toggle   disable then enable one region without zones: per commit
 *   zone     coalesce then uncoalesce on one region: per commit
 *   write    a guest write into a zone (pending) and its delivery
 *
 * Usage: bench_logzone [N...] (default 1000 10000 100000).
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "memtopo.h"

#define REPS 200

static mt_ctx *side_by_side(unsigned n, mt_kind kind)
{
	mt_ctx *ctx = mt_ctx_new();
	char name[32];
	unsigned i;

	check(mt_begin(ctx), ctx, "begin");
	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	check(mt_space_new(ctx, "mem", "sys", false, mt_ref_backend_ops(),
			   mt_ref_backend_new()), ctx, "space");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		check(mt_region_new(ctx, name, kind, 0x1000), ctx, "region");
		check(mt_map(ctx, "sys", name, (uint64_t)i * 0x1000, 0, false), ctx, "map");
	}
	check(mt_commit(ctx), ctx, "commit");
	return ctx;
}

static void log_row(unsigned n)
{
	mt_ctx *ctx = side_by_side(n, MT_RAM);
	char name[32];
	double t0, flip, all;
	unsigned i;

	t0 = now();
	for (i = 0; i < REPS; i++) {
		snprintf(name, sizeof(name), "r%u", (unsigned)(((uint64_t)i * 7919) % n));
		check(mt_set_log(ctx, name, true), ctx, "log on");
		check(mt_set_log(ctx, name, false), ctx, "log off");
	}
	flip = (now() - t0) / (2 * REPS);
	check(mt_begin(ctx), ctx, "begin");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		check(mt_set_log(ctx, name, true), ctx, "log on");
	}
	t0 = now();
	check(mt_commit(ctx), ctx, "commit");
	all = now() - t0;
	printf("| %u | %.1f µs | %.1f ms | %.1f MiB |\n", n, flip * 1e6, all * 1e3, peak_mib());
	mt_ctx_free(ctx);
}

static int count_run(void *arg, const char *region, uint64_t id, uint64_t start,
		     mt_u128 end)
{
	(void)region, (void)id, (void)start, (void)end;
	++*(unsigned long *)arg;
	return 0;
}

static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void sync_row(double percent)
{
	const uint64_t pages = (64ull << 30) / 4096;
	uint64_t dirty = (uint64_t)((double)pages * percent / 100.0), i, seed = 88172645463325252ull;
	mt_ctx *ctx = mt_ctx_new();
	const mt_space *s;
	mt_flat_range big;
	unsigned long runs = 0;
	double t0, mark, sync;

	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	check(mt_region_new(ctx, "big", MT_RAM, 64ull << 30), ctx, "big");
	check(mt_set_log(ctx, "big", true), ctx, "log");
	check(mt_map(ctx, "sys", "big", 0, 0, false), ctx, "map");
	check(mt_space_new(ctx, "mem", "sys", false, mt_ref_backend_ops(),
			   mt_ref_backend_new()), ctx, "space");
	s = mt_space_find(ctx, "mem");
	check(mt_lookup(s, 0, &big), ctx, "lookup");
	t0 = now();
	for (i = 0; i < dirty; i++)
		check(mt_space_mark_dirty(s, big.region_id,
					  (rng(&seed) % pages) * 4096, 4096), ctx, "mark");
	mark = now() - t0;
	t0 = now();
	check(mt_sync(ctx, count_run, &runs), ctx, "sync");
	sync = now() - t0;
	printf("| %g%% | %llu | %lu | %.1f ms | %.0f ns | %.0f ns | %.1f MiB |\n", percent,
	       (unsigned long long)dirty, runs, sync * 1e3, dirty ? sync * 1e9 / (double)dirty : 0,
	       dirty ? mark * 1e9 / (double)dirty : 0, peak_mib());
	mt_ctx_free(ctx);
}

static void zone_row(unsigned n, unsigned zones)
{
	mt_ctx *ctx = side_by_side(n, MT_MMIO);
	char name[32];
	double t0, toggle, zone, write;
	unsigned i;

	check(mt_begin(ctx), ctx, "begin");
	for (i = 0; i < zones && i < n; i++) {
		snprintf(name, sizeof(name), "r%u", (unsigned)(((uint64_t)i * n) / zones));
		check(mt_coalesce_add(ctx, name, 0x0, 0x100), ctx, "coalesce");
	}
	check(mt_commit(ctx), ctx, "commit");
	snprintf(name, sizeof(name), "r%u", n > 1 ? 1 : 0);
	t0 = now();
	for (i = 0; i < REPS; i++) {
		check(mt_set_enabled(ctx, name, false), ctx, "disable");
		check(mt_set_enabled(ctx, name, true), ctx, "enable");
	}
	toggle = (now() - t0) / (2 * REPS);
	t0 = now();
	for (i = 0; i < REPS; i++) {
		check(mt_coalesce_add(ctx, name, 0x200, 0x100), ctx, "coalesce");
		check(mt_coalesce_del(ctx, name, 0x200, 0x100), ctx, "uncoalesce");
	}
	zone = (now() - t0) / (2 * REPS);
	t0 = now();
	for (i = 0; i < 100 * REPS; i++) {
		check(mt_guest_access_run(ctx, "mem", true, (uint64_t)(i % 64) * 4, 4, i, NULL,
					  NULL, NULL), ctx, "write");
		if (i % 128 == 127)
			mt_coalesced_deliver(ctx);
	}
	mt_coalesced_deliver(ctx);
	write = (now() - t0) / (100 * REPS);
	printf("| %u | %zu | %.1f µs | %.1f µs | %.0f ns | %.1f MiB |\n", n,
	       mt_space_zone_count(mt_space_find(ctx, "mem")), toggle * 1e6, zone * 1e6,
	       write * 1e9, peak_mib());
	mt_ctx_free(ctx);
}

int main(int argc, char **argv)
{
	static const unsigned defaults[] = { 1000, 10000, 100000 };
	unsigned nn = argc > 1 ? (unsigned)(argc - 1) : 3, k;

	printf("Log flags (N ram ranges)\n\n");
	printf("| N | flip (per commit) | all on (one commit) | peak RSS |\n");
	printf("|---:|---:|---:|---:|\n");
	for (k = 0; k < nn; k++)
		log_row(argc > 1 ? (unsigned)strtoul(argv[k + 1], NULL, 0) : defaults[k]);
	printf("\nsync of a 64 GiB logged ram region (16M pages)\n\n");
	printf("| dirty | pages | runs | sync | per dirty page | marking per page | peak RSS |\n");
	printf("|---:|---:|---:|---:|---:|---:|---:|\n");
	sync_row(0.1);
	sync_row(1);
	sync_row(10);
	printf("\nZones (N mmio ranges, 1000 zones)\n\n");
	printf("| N | zones | toggle a range (per commit) | zone add/del (per commit) | "
	       "write into a zone | peak RSS |\n");
	printf("|---:|---:|---:|---:|---:|---:|\n");
	for (k = 0; k < nn; k++)
		zone_row(argc > 1 ? (unsigned)strtoul(argv[k + 1], NULL, 0) : defaults[k], 1000);
	return 0;
}

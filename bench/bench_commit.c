/* Commit cost benchmark (issue: core library, item 4).
 *
 * Setup: N mmio regions of 4 KiB, each with 2 ioeventfds, in one container
 * that is the root of one space with the reference backend.
 *   (a) all mapped in one transaction: time of the commit
 *   (b) one ioeventfd added then deleted outside a transaction: per commit
 *   (c) the N regions mapped one commit each: total time
 *   (d) moving one region: per commit
 *   peak RSS after the case.
 * Prints a table.  Usage: bench_commit [N...] (default 1000 10000 100000).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"
#include "memtopo.h"

/* Regions r<i> with two ioeventfds each, and a space over container sys. */
static mt_ctx *setup(unsigned n)
{
	mt_ctx *ctx = mt_ctx_new();
	char name[32];
	unsigned i;

	check(mt_begin(ctx), ctx, "begin");
	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	check(mt_space_new(ctx, "mem", "sys", false, mt_ref_backend_ops(),
			   mt_ref_backend_new()), ctx, "space");
	for (i = 0; i < n; i++) {
		mt_eventfd_spec a = { 0x0, 4, false, 0, (int32_t)(2 * i) };
		mt_eventfd_spec b = { 0x8, 2, true, 0x1, (int32_t)(2 * i + 1) };

		snprintf(name, sizeof(name), "r%u", i);
		check(mt_region_new(ctx, name, MT_MMIO, 0x1000), ctx, "region");
		check(mt_eventfd_add(ctx, name, &a), ctx, "eventfd");
		check(mt_eventfd_add(ctx, name, &b), ctx, "eventfd");
	}
	check(mt_commit(ctx), ctx, "commit");
	return ctx;
}

static void map_all(mt_ctx *ctx, unsigned n)
{
	char name[32];
	unsigned i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		check(mt_map(ctx, "sys", name, (uint64_t)i * 0x2000, 0, false), ctx,
		      "map");
	}
}

int main(int argc, char **argv)
{
	static const unsigned defaults[] = { 1000, 10000, 100000 };
	unsigned nn = argc > 1 ? (unsigned)(argc - 1) : 3, k;

	printf("| N | (a) one-transaction commit | (a) per region | (b) eventfd add/del per commit | (c) N commits total | (c)/(a) | (d) move per commit | peak RSS |\n");
	printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (k = 0; k < nn; k++) {
		unsigned n = argc > 1 ? (unsigned)strtoul(argv[k + 1], NULL, 0) : defaults[k];
		unsigned reps = 2000, i;
		double t0, ta, tb, tc, td;
		mt_eventfd_spec e = { 0x10, 4, true, 7, 999999 };
		mt_ctx *ctx;

		/* (a) */
		ctx = setup(n);
		check(mt_begin(ctx), ctx, "begin");
		map_all(ctx, n);
		t0 = now();
		check(mt_commit(ctx), ctx, "commit");
		ta = now() - t0;
		if (mt_space_eventfd_count(mt_space_at(ctx, 0)) != 2 * (size_t)n) {
			fprintf(stderr, "bench: expected %u ioeventfds installed\n", 2 * n);
			return 1;
		}
		/* (b) on the full tree */
		t0 = now();
		for (i = 0; i < reps; i++) {
			check(mt_eventfd_add(ctx, "r0", &e), ctx, "eventfd-add");
			check(mt_eventfd_del(ctx, "r0", &e), ctx, "eventfd-del");
		}
		tb = (now() - t0) / (2.0 * reps);
		/* (d) move one region back and forth inside its own slot */
		t0 = now();
		for (i = 0; i < reps; i++)
			check(mt_move(ctx, "r1", 0x2000 + (i & 1 ? 0x1000 : 0)), ctx, "move");
		td = (now() - t0) / reps;
		mt_ctx_free(ctx);
		/* (c) */
		ctx = setup(n);
		t0 = now();
		map_all(ctx, n);
		tc = now() - t0;
		mt_ctx_free(ctx);
		printf("| %u | %.2f ms | %.2f µs | %.2f µs | %.2f ms | %.1fx | %.2f µs | %.1f MiB |\n",
		       n, ta * 1e3, ta * 1e6 / n, tb * 1e6, tc * 1e3, tc / ta,
		       td * 1e6, peak_mib());
		fflush(stdout);
	}
	return 0;
}

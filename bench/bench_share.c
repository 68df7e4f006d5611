/* Shared views benchmark (issue 15, item 4).  Each row runs in its own
 * process, so its peak RSS is its own.
 *
 * (A) K spaces over one root of 2,000 mmio regions (4 KiB, one ioeventfd
 *     each; reference backends), then 200 moves committed one by one:
 *     time of the commit that brings the K spaces up, per move, peak RSS.
 * (B) q35-like: system memory (2 GiB ram, a PCI container under it at
 *     priority -1), 64 devices each with a BAR container (an mmio register
 *     block with 2 ioeventfds) in the PCI hole and a bus-master space whose
 *     root holds an alias of system memory (enabled = bus mastering on).
 *     Device 0's memory-enable (its BAR) is toggled 2,000 times, each
 *     committed alone: µs per toggle with bus mastering on and off.
 *
 * Usage: bench_share [K...] (default 1 10 500)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "memtopo.h"

static void space(mt_ctx *ctx, const char *name, const char *root)
{
	check(mt_space_new(ctx, name, root, false, mt_ref_backend_ops(),
			   mt_ref_backend_new()), ctx, "space");
}

static void row_shared(unsigned k)
{
	mt_ctx *ctx = mt_ctx_new();
	char name[32];
	double t0, t1, t2;
	unsigned i;

	check(mt_begin(ctx), ctx, "begin");
	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	for (i = 0; i < 2000; i++) {
		mt_eventfd_spec e = { 0x0, 4, false, 0, (int32_t)i };

		snprintf(name, sizeof(name), "r%u", i);
		check(mt_region_new(ctx, name, MT_MMIO, 0x1000), ctx, "region");
		check(mt_eventfd_add(ctx, name, &e), ctx, "eventfd");
		check(mt_map(ctx, "sys", name, 0x100000 + i * 0x2000ull, 0, false),
		      ctx, "map");
	}
	for (i = 0; i < k; i++) {
		snprintf(name, sizeof(name), "s%u", i);
		space(ctx, name, "sys");
	}
	t0 = now();
	check(mt_commit(ctx), ctx, "commit");
	t1 = now();
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		check(mt_move(ctx, name, 0x100000 + i * 0x2000ull + 0x1000), ctx,
		      "move");
	}
	t2 = now();
	printf("| %u | %.2f ms | %.1f µs | %.1f MiB |\n", k, (t1 - t0) * 1e3,
	       (t2 - t1) / 200 * 1e6, peak_mib());
	mt_ctx_free(ctx);
}

static void device(mt_ctx *ctx, unsigned i, bool bm)
{
	char bar[32], regs[32], bmr[32], al[32], sp[32];
	mt_eventfd_spec a = { 0x40, 4, false, 0, (int32_t)(2 * i) };
	mt_eventfd_spec b = { 0x48, 2, true, 1, (int32_t)(2 * i + 1) };

	snprintf(bar, sizeof(bar), "d%u.bar", i);
	snprintf(regs, sizeof(regs), "d%u.regs", i);
	snprintf(bmr, sizeof(bmr), "d%u.bm", i);
	snprintf(al, sizeof(al), "d%u.bm-alias", i);
	snprintf(sp, sizeof(sp), "d%u", i);
	check(mt_region_new(ctx, bar, MT_CONTAINER, 0x10000), ctx, "bar");
	check(mt_region_new(ctx, regs, MT_MMIO, 0x1000), ctx, "regs");
	check(mt_eventfd_add(ctx, regs, &a), ctx, "eventfd");
	check(mt_eventfd_add(ctx, regs, &b), ctx, "eventfd");
	check(mt_map(ctx, bar, regs, 0, 0, false), ctx, "map regs");
	check(mt_map(ctx, "pci", bar, 0xe0000000ull + i * 0x100000ull, 0, false),
	      ctx, "map bar");
	check(mt_region_new(ctx, bmr, MT_CONTAINER, MT_2_64), ctx, "bm root");
	check(mt_alias_new(ctx, al, "sys", 0, MT_2_64), ctx, "alias");
	check(mt_map(ctx, bmr, al, 0, 0, false), ctx, "map alias");
	check(mt_set_enabled(ctx, al, bm), ctx, "bus master");
	space(ctx, sp, bmr);
}

static void row_q35(unsigned ndev, bool bm)
{
	mt_ctx *ctx = mt_ctx_new();
	double t0, t1;
	unsigned i;

	check(mt_begin(ctx), ctx, "begin");
	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	check(mt_region_new(ctx, "ram", MT_RAM, 0x80000000ull), ctx, "ram");
	check(mt_map(ctx, "sys", "ram", 0, 0, false), ctx, "map ram");
	check(mt_region_new(ctx, "pci", MT_CONTAINER, MT_2_64), ctx, "pci");
	check(mt_map(ctx, "sys", "pci", 0, -1, true), ctx, "map pci");
	space(ctx, "mem", "sys");
	for (i = 0; i < ndev; i++)
		device(ctx, i, bm);
	check(mt_commit(ctx), ctx, "commit");
	t0 = now();
	for (i = 0; i < 2000; i++)
		check(mt_set_enabled(ctx, "d0.bar", i % 2), ctx, "toggle");
	t1 = now();
	printf("| %u | %s | %.1f µs | %.1f MiB |\n", ndev, bm ? "on" : "off",
	       (t1 - t0) / 2000 * 1e6, peak_mib());
	mt_ctx_free(ctx);
}

/* Run one row in a child: its peak RSS is its own. */
static void in_child(void (*fn)(unsigned, bool), unsigned a, bool b)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fn(a, b);
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st)) {
		fprintf(stderr, "bench: a row failed\n");
		exit(1);
	}
}

static void shared(unsigned k, bool unused)
{
	(void)unused;
	row_shared(k);
}

int main(int argc, char **argv)
{
	static const unsigned dflt[] = { 1, 10, 500 }, devs[] = { 8, 64 };
	unsigned i;

	printf("(A) K spaces over one root of 2000 mmio regions, 200 moves\n\n");
	printf("| K | commit bringing K spaces up | per move (K spaces updated) | peak RSS |\n");
	printf("|---:|---:|---:|---:|\n");
	if (argc > 1)
		for (i = 1; i < (unsigned)argc; i++)
			in_child(shared, (unsigned)strtoul(argv[i], NULL, 0), false);
	else
		for (i = 0; i < 3; i++)
			in_child(shared, dflt[i], false);
	printf("\n(B) q35-like: toggling device 0's BAR 2000 times, one commit each\n\n");
	printf("| devices | bus mastering | per toggle | peak RSS |\n");
	printf("|---:|---|---:|---:|\n");
	for (i = 0; i < 2; i++) {
		in_child(row_q35, devs[i], true);
		in_child(row_q35, devs[i], false);
	}
	return 0;
}

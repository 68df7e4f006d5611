/* Guest access benchmark (SPEC section 8, issue 11 item 6).
 *
 * Setup: N regions of 4 KiB every 8 KiB in one container, the root of one
 * space with the reference backend: even ones mmio with one 4-byte
 * datamatch ioeventfd at offset 0, odd ones ram; the 4 KiB after each is a
 * gap.  Then 1M accesses of each kind at pseudo-random regions, through
 * mt_guest_access_run (checks, the backend's bus and memslots, dispatch
 * through the committed view), and 1M of all kinds mixed:
 *   notify     write matching the ioeventfd
 *   mmio       write with other data: exits, dispatched to the device model
 *   ram-write  into a memslot (contents pages, allocated on first touch)
 *   ram-read   from a memslot
 *   gap        read of unassigned bytes: exits, dispatched to nothing
 * Prints ns per access and the peak RSS.  Usage: bench_access [N...]
 * (default 1000 10000 100000).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"
#include "memtopo.h"

#define ACCESSES 1000000u

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
		mt_eventfd_spec e = { 0x0, 4, true, 0x1, (int32_t)i };

		snprintf(name, sizeof(name), "r%u", i);
		check(mt_region_new(ctx, name, i % 2 ? MT_RAM : MT_MMIO, 0x1000), ctx,
		      "region");
		if (!(i % 2))
			check(mt_eventfd_add(ctx, name, &e), ctx, "eventfd");
		check(mt_map(ctx, "sys", name, (uint64_t)i * 0x2000, 0, false), ctx, "map");
	}
	check(mt_commit(ctx), ctx, "commit");
	return ctx;
}

struct count {
	unsigned long pieces, notifies;
};

static void piece(void *arg, const mt_space *s, bool write, mt_access_piece *p)
{
	(void)s, (void)write, (void)p;
	((struct count *)arg)->pieces++;
}

static void notify(void *arg, const mt_space *s, int32_t fd)
{
	(void)s, (void)fd;
	((struct count *)arg)->notifies++;
}

static const mt_device_ops dev = { piece, notify, NULL };

enum kind { NOTIFY, MMIO, RAM_WRITE, RAM_READ, GAP, MIXED, NKINDS };

static const char *const names[NKINDS] = { "notify", "mmio", "ram-write", "ram-read",
					   "gap", "mixed" };

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* ns per access of one kind. */
static double run(mt_ctx *ctx, unsigned n, enum kind k, struct count *c)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	double t0 = now();
	unsigned i;

	for (i = 0; i < ACCESSES; i++) {
		uint64_t r = next(&x), base = (r % (n / 2)) * 0x4000; /* an even region */
		enum kind kk = k == MIXED ? (enum kind)((r >> 32) % 5) : k;
		uint64_t off = ((r >> 20) % 0x200) * 8;

		switch (kk) {
		case NOTIFY:
			check(mt_guest_access_run(ctx, "mem", true, base, 4, 0x1, &dev, c, NULL),
			      ctx, "notify");
			break;
		case MMIO:
			check(mt_guest_access_run(ctx, "mem", true, base + off, 4, 0x2, &dev, c,
						  NULL), ctx, "mmio");
			break;
		case RAM_WRITE:
			check(mt_guest_access_run(ctx, "mem", true, base + 0x2000 + off, 8, r,
						  &dev, c, NULL), ctx, "ram write");
			break;
		case RAM_READ:
			check(mt_guest_access_run(ctx, "mem", false, base + 0x2000 + off, 8, 0,
						  &dev, c, NULL), ctx, "ram read");
			break;
		default:
			check(mt_guest_access_run(ctx, "mem", false, base + 0x1000 + off, 8, 0,
						  &dev, c, NULL), ctx, "gap");
			break;
		}
	}
	return (now() - t0) * 1e9 / ACCESSES;
}

int main(int argc, char **argv)
{
	static const unsigned defaults[] = { 1000, 10000, 100000 };
	unsigned nn = argc > 1 ? (unsigned)(argc - 1) : 3, j;
	int k;

	printf("| N |");
	for (k = 0; k < NKINDS; k++)
		printf(" %s |", names[k]);
	printf(" peak RSS |\n|---:|");
	for (k = 0; k < NKINDS; k++)
		printf("---:|");
	printf("---:|\n");
	for (j = 0; j < nn; j++) {
		unsigned n = argc > 1 ? (unsigned)strtoul(argv[j + 1], NULL, 0) : defaults[j];
		struct count c = { 0, 0 };
		mt_ctx *ctx;

		if (n < 2) {
			fprintf(stderr, "bench_access: N must be at least 2\n");
			return 2;
		}
		ctx = setup(n);
		printf("| %u |", n);
		for (k = 0; k < NKINDS; k++) {
			printf(" %.0f ns |", run(ctx, n, (enum kind)k, &c));
			fflush(stdout);
		}
		printf(" %.1f MiB |\n", peak_mib());
		if (c.notifies < ACCESSES)
			fprintf(stderr, "bench_access: only %lu notifies\n", c.notifies);
		mt_ctx_free(ctx);
	}
	return 0;
}

/* bench_sync_kvm: `sync` (SPEC section 9) of a big logged ram region on
 * KVM, in each dirty mode the host offers (issue 12 item 6).
 *
 * Per mode (bitmap: KVM_GET_DIRTY_LOG; ring: KVM_CAP_DIRTY_LOG_RING[_ACQ_REL];
 * clear: KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 + KVM_CLEAR_DIRTY_LOG): a fresh
 * context and VM (mt_kvm_vm_new_dirty), one ram region of SIZE GiB (default
 * 64: 16M pages of 4 KiB) mapped at 4 GiB, `log on`, commit: one logged
 * memslot.  Then for 0.1%, 1% and 10% of its pages: the vCPU writes one
 * byte into every k-th page (k = pages / dirty, from page 0: exactly that
 * many pages, spread evenly) in one run (mt_vcpu_run_stride); then one
 * mt_sync is timed (CLOCK_MONOTONIC) and its callback must report exactly
 * those pages, one run each, in order (count, first and last run checked;
 * anything else exits 1); then a second sync with nothing dirty.
 *
 * Ring mode: the vCPU's ring (4096 entries) fills during the guest's loop;
 * each KVM_EXIT_DIRTY_RING_FULL is harvested then (into the VM's pending
 * list) and the guest goes on, so that work is in the "guest dirtying"
 * column; the sync takes what is left in the ring and marks every pending
 * page in the core's store.
 *
 * Exit 0; 1 when a sync reported other pages than the guest dirtied, or
 * anything failed; 77 without /dev/kvm, or when a mode is not offered (its
 * row says "skipped", the other modes still run).
 *
 *   bench_sync_kvm [--size GIB] [--mode bitmap|ring|clear]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench_util.h"
#include "memtopo_kvm.h"

#define PAGE 4096ull
#define BASE (4ull << 30)   /* the region's guest address: 1 GiB aligned */
#define WINDOW (1ull << 30) /* the vCPU's harness window: below the region */
#define NFRAC 3

static const double fractions[NFRAC] = { 0.1, 1, 10 }; /* percent of the pages */

/* What the sync callback saw, checked against the pages the guest wrote:
 * one run of one page every `stride` bytes from offset 0 (stride PAGE:
 * one run of every page). */
struct seen {
	uint64_t id, stride, next;
	uint64_t pages, runs, bad;
	uint64_t first_start, first_end, last_start, last_end;
};

static int on_run(void *arg, const char *region, uint64_t id, uint64_t start, mt_u128 end)
{
	struct seen *s = arg;
	uint64_t len = (uint64_t)(end - start);

	(void)region;
	if (!s->runs) {
		s->first_start = start;
		s->first_end = (uint64_t)end;
	}
	s->last_start = start;
	s->last_end = (uint64_t)end;
	if (id != s->id || start != s->next || !len || len % PAGE ||
	    (s->stride > PAGE && len != PAGE))
		s->bad++;
	s->runs++;
	s->pages += len / PAGE;
	s->next = s->stride > PAGE ? start + s->stride : (uint64_t)end;
	return 0;
}

static void on_exit_cb(void *arg, mt_exit *x)
{
	++*(unsigned long *)arg;
	if (!x->write)
		x->data = 0;
}

static void die(const char *mode, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static void die(const char *mode, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bench_sync_kvm: %s: ", mode);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* One sync, timed; the callback's findings in *s. */
static double timed_sync(mt_ctx *ctx, struct seen *s, uint64_t id, uint64_t stride)
{
	double t0;

	memset(s, 0, sizeof(*s));
	s->id = id;
	s->stride = stride;
	t0 = now();
	check(mt_sync(ctx, on_run, s), ctx, "sync");
	return now() - t0;
}

/* The sync reported exactly `dirty` pages, `stride` apart from offset 0. */
static void verify(const char *mode, double pct, const struct seen *s, uint64_t dirty,
		   uint64_t stride)
{
	uint64_t last = (dirty - 1) * stride;
	uint64_t runs = stride > PAGE ? dirty : 1;

	if (s->pages == dirty && s->runs == runs && !s->bad && s->first_start == 0 &&
	    s->first_end == (stride > PAGE ? PAGE : dirty * PAGE) &&
	    s->last_start == (stride > PAGE ? last : 0) && s->last_end == last + PAGE)
		return;
	fprintf(stderr,
		"bench_sync_kvm: %s, %g%% dirty: WRONG PAGES: sync reported %llu pages in %llu "
		"runs (%llu out of place), first [0x%llx, 0x%llx), last [0x%llx, 0x%llx); the "
		"guest dirtied %llu pages 0x%llx apart, first [0x0, 0x%llx), last [0x%llx, 0x%llx)\n",
		mode, pct, (unsigned long long)s->pages, (unsigned long long)s->runs,
		(unsigned long long)s->bad, (unsigned long long)s->first_start,
		(unsigned long long)s->first_end, (unsigned long long)s->last_start,
		(unsigned long long)s->last_end, (unsigned long long)dirty,
		(unsigned long long)stride, (unsigned long long)PAGE, (unsigned long long)last,
		(unsigned long long)(last + PAGE));
	exit(1);
}

/* The rows of one mode: 0 done, 77 not offered (a "skipped" row). */
static int mode_rows(mt_kvm_dirty_mode mode, uint64_t gib, unsigned long ring_full[NFRAC],
		     uint32_t *ring_entries)
{
	const char *name = mt_kvm_dirty_mode_name(mode);
	const uint64_t size = gib << 30, pages = size / PAGE;
	char err[512];
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new_dirty(mode, 0, &st, err, sizeof(err));
	mt_kvm_backend *mem;
	mt_flat_range big;
	struct seen s;
	mt_vcpu *cpu;
	mt_ctx *ctx;
	int f;

	if (!vm && st == MT_KVM_NOCAP) {
		printf("| %s | skipped: %s | | | | | |\n", name, err);
		return 77;
	}
	if (!vm)
		die(name, "%s", err);
	*ring_entries = mt_kvm_vm_dirty_ring_entries(vm);
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	if (!ctx || !mem)
		die(name, "out of memory");
	check(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64), ctx, "sys");
	check(mt_region_new(ctx, "big", MT_RAM, size), ctx, "big");
	check(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem), ctx, "space");
	check(mt_begin(ctx), ctx, "begin");
	check(mt_map(ctx, "sys", "big", BASE, 0, false), ctx, "map");
	check(mt_set_log(ctx, "big", true), ctx, "log on");
	check(mt_commit(ctx), ctx, "commit");
	check(mt_lookup(mt_space_find(ctx, "mem"), BASE, &big), ctx, "lookup");
	if (!mt_kvm_backend_in_slot(mem, BASE, size))
		die(name, "the region is not one memslot run (%s)", mt_kvm_backend_error(mem));
	cpu = mt_vcpu_new(vm, err, sizeof(err));
	if (!cpu)
		die(name, "vCPU: %s", err);
	if (mt_vcpu_place(cpu, WINDOW))
		die(name, "cannot place the harness window at 1 GiB");
	timed_sync(ctx, &s, big.region_id, PAGE);
	if (s.runs)
		die(name, "a sync before any guest write reported pages");
	for (f = 0; f < NFRAC; f++) {
		uint64_t dirty = (uint64_t)((double)pages * fractions[f] / 100.0);
		uint64_t stride, last;
		uint8_t value = (uint8_t)(0x5a + f), *p0, *p1;
		unsigned long exits = 0, full0 = mt_kvm_vm_dirty_ring_full(vm);
		mt_vcpu_hooks h = { on_exit_cb, NULL, &exits };
		double t0, guest, sync, empty;

		if (!dirty)
			dirty = 1;
		stride = pages / dirty * PAGE;
		last = (dirty - 1) * stride;
		t0 = now();
		if (mt_vcpu_run_stride(cpu, BASE, stride, value, dirty, &h, err, sizeof(err)))
			die(name, "guest loop: %s", err);
		guest = now() - t0;
		ring_full[f] = mt_kvm_vm_dirty_ring_full(vm) - full0;
		p0 = mt_kvm_vm_host_ptr(vm, big.region_id, 0, 1);
		p1 = mt_kvm_vm_host_ptr(vm, big.region_id, last, 1);
		if (exits || !p0 || !p1 || *p0 != value || *p1 != value)
			die(name, "the guest's writes did not all land in the memslot (%lu exits)",
			    exits);
		sync = timed_sync(ctx, &s, big.region_id, stride);
		verify(name, fractions[f], &s, dirty, stride);
		if (mt_kvm_backend_error_count(mem))
			die(name, "backend: %s", mt_kvm_backend_error(mem));
		empty = timed_sync(ctx, &s, big.region_id, stride);
		if (s.runs)
			die(name, "a sync with nothing dirty reported %llu pages",
			    (unsigned long long)s.pages);
		printf("| %s | %g%% | %llu | %.2f | %.0f | %.2f | %.1f |\n", name, fractions[f],
		       (unsigned long long)dirty, sync * 1e3, sync * 1e9 / (double)dirty,
		       empty * 1e3, guest);
	}
	if (mt_kvm_backend_error_count(mem))
		die(name, "backend: %s", mt_kvm_backend_error(mem));
	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return 0;
}

static int usage(FILE *out, int code)
{
	fprintf(out, "usage: bench_sync_kvm [--size GIB] [--mode bitmap|ring|clear]\n"
		     "  sync of a GIB (default 64) logged ram region on KVM with 0.1%%, 1%% and\n"
		     "  10%% of its pages dirtied by the guest, per dirty mode (or only MODE).\n"
		     "  Exit 0, 1 on a failure or wrong pages, 77 without KVM or a mode.\n");
	return code;
}

int main(int argc, char **argv)
{
	unsigned long ring_full[MT_KVM_DIRTY_MODE_COUNT][NFRAC];
	uint32_t ring_entries[MT_KVM_DIRTY_MODE_COUNT] = { 0 };
	bool ran[MT_KVM_DIRTY_MODE_COUNT] = { false };
	int only = -1, i, rc = 0;
	uint64_t gib = 64;
	char msg[512];
	struct utsname u;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		mt_kvm_dirty_mode m;
		char *end;

		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return usage(stdout, 0);
		if (!strcmp(argv[i], "--size") && i + 1 < argc) {
			gib = strtoull(argv[++i], &end, 0);
			if (*end || !gib || gib > 1024)
				return usage(stderr, 2);
		} else if (!strcmp(argv[i], "--mode") && i + 1 < argc &&
			   mt_kvm_dirty_mode_parse(argv[i + 1], &m)) {
			only = (int)m;
			i++;
		} else {
			return usage(stderr, 2);
		}
	}
	if (mt_kvm_detect(msg, sizeof(msg)) != MT_KVM_OK) {
		fprintf(stderr, "bench_sync_kvm: %s\n", msg);
		return mt_kvm_skip_code();
	}
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	printf("sync of a %llu GiB logged ram region (%llu pages of 4 KiB) on KVM, %s %s\n\n",
	       (unsigned long long)gib, (unsigned long long)((gib << 30) / PAGE), u.sysname,
	       u.release);
	printf("| mode | dirty %% | dirty pages | sync ms | ns per dirty page | empty sync ms | "
	       "guest dirtying s |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < MT_KVM_DIRTY_MODE_COUNT; i++) {
		if (only >= 0 && i != only)
			continue;
		if (mode_rows((mt_kvm_dirty_mode)i, gib, ring_full[i], &ring_entries[i]))
			rc = 77;
		else
			ran[i] = true;
	}
	printf("\nsync: one mt_sync with the pages dirty (checked: exactly those pages); empty: "
	       "the next one; guest dirtying: the vCPU's loop, one byte per page, one guest run.\n");
	if (ran[MT_KVM_DIRTY_RING])
		printf("ring: %u entries per vCPU; KVM_EXIT_DIRTY_RING_FULL during the guest's loop "
		       "(harvested then, counted in guest dirtying): %lu, %lu, %lu; the sync takes "
		       "what is left in the ring and marks every page collected.\n",
		       ring_entries[MT_KVM_DIRTY_RING], ring_full[MT_KVM_DIRTY_RING][0],
		       ring_full[MT_KVM_DIRTY_RING][1], ring_full[MT_KVM_DIRTY_RING][2]);
	return rc;
}

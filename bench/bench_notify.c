/* bench_notify: cost of one guest notification delivered through an
 * ioeventfd (KVM signals the eventfd in the kernel, the vCPU goes on) vs
 * an exit to userspace (KVM_EXIT_MMIO / KVM_EXIT_IO, dispatched with
 * mt_lookup, then KVM_RUN again) vs a write into a coalesced zone (KVM
 * appends it to the ring page; the vCPU exits only when the ring is full,
 * and the exit handler takes the ring, SPEC section 10).  The guest does N
 * 4-byte writes in a loop; ns per notification = wall time / N.  Then the paths of SPEC
 * section 8's guest accesses through the library (mt_guest_access_run on
 * the KVM backend: one vCPU run per access, eventfd counters read after a
 * write, exits dispatched through the committed view): ns per access for
 * min(N, 20000) accesses each.  Exit 77 without /dev/kvm.
 *
 *   bench_notify [N]        (default 200000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "harness.h"

struct disp {
	const mt_space *mem, *io;
	mt_kvm_backend *ring; /* the zone row: its backend's coalesced ring */
	uint64_t exits, dispatched, drained;
};

/* Take what the coalesced ring holds (as a VMM does at every exit). */
static void drain(struct disp *d)
{
	mt_guest_exit buf[MT_RING_CAPACITY + 1];
	size_t k;

	if (!d->ring)
		return;
	while ((k = mt_kvm_backend_ops()->coalesced_take(d->ring, d->mem, buf,
							  MT_RING_CAPACITY + 1)) > 0)
		d->drained += k;
}

static void on_exit_cb(void *arg, mt_exit *x)
{
	struct disp *d = arg;
	mt_flat_range f;

	drain(d);
	d->exits++;
	if (mt_lookup(x->pio ? d->io : d->mem, x->addr, &f) == MT_OK && f.kind == MT_MMIO)
		d->dispatched++;
	if (!x->write)
		x->data = 0;
}

struct count {
	unsigned long pieces, notifies;
};

static void dev_piece(void *arg, const mt_space *s, bool write, mt_access_piece *p)
{
	(void)s, (void)write, (void)p;
	((struct count *)arg)->pieces++;
}

static void dev_notify(void *arg, const mt_space *s, int32_t fd)
{
	(void)s, (void)fd;
	((struct count *)arg)->notifies++;
}

static const mt_device_ops dev_ops = { dev_piece, dev_notify, NULL };

/* SPEC section 8 accesses through the library, m of each path. */
static int access_paths(mt_ctx *ctx, mt_kvm_backend *mem, mt_kvm_backend *io, uint64_t m)
{
	static const struct {
		const char *name, *space;
		bool write;
		uint64_t addr, data;
	} rows[6] = {
		{ "access notify", "mem", true, 0x10000000, 0x1234 },
		{ "access exit", "mem", true, 0x10000010, 0x1234 },
		{ "access ram write", "mem", true, 0x20000008, 0x55 },
		{ "access ram read", "mem", false, 0x20000008, 0 },
		{ "access pio notify", "io", true, 0x600, 0x1 },
		{ "access zone write", "mem", true, 0x10000100, 0x1234 },
	};
	const mt_kvm_access_stats *ms = mt_kvm_backend_access_stats(mem),
				  *is = mt_kvm_backend_access_stats(io);
	int i, rc = 0;

	printf("%-18s %10s %10s %10s %10s %12s\n", "path", "accesses", "notifies", "memory",
	       "exits", "ns/access");
	for (i = 0; i < 6; i++) {
		mt_kvm_access_stats m0 = *ms, i0 = *is;
		struct count c = { 0, 0 };
		double t0 = now(), t1;
		uint64_t k;

		for (k = 0; k < m; k++)
			if (mt_guest_access_run(ctx, rows[i].space, rows[i].write, rows[i].addr, 4,
						rows[i].data, &dev_ops, &c, NULL)) {
				fprintf(stderr, "bench_notify: %s: %s\n", rows[i].name, mt_errmsg(ctx));
				return 1;
			}
		mt_coalesced_deliver(ctx); /* the zone row's last pending writes */
		t1 = now();
		printf("%-18s %10llu %10lu %10lu %10lu %12.0f\n", rows[i].name,
		       (unsigned long long)m,
		       ms->notifies - m0.notifies + is->notifies - i0.notifies,
		       ms->memory - m0.memory, ms->exits - m0.exits + is->exits - i0.exits,
		       (t1 - t0) * 1e9 / (double)m);
		if (ms->soft + is->soft) {
			fprintf(stderr, "bench_notify: %s: accesses left the vCPU\n", rows[i].name);
			rc = 1;
		}
	}
	return rc;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 200000;
	mt_eventfd_spec em = { 0x0, 4, false, 0, 1 }, ep = { 0x0, 4, false, 0, 2 };
	struct {
		const char *name;
		bool pio;
		uint64_t addr;
		int32_t label;
		bool zone;
	} rows[5] = {
		{ "mmio ioeventfd", false, 0x10000000, 1, false },
		{ "mmio exit", false, 0x10000010, -1, false },
		{ "mmio zone", false, 0x10000100, -1, true },
		{ "pio ioeventfd", true, 0x600, 2, false },
		{ "pio exit", true, 0x610, -1, false },
	};
	char err[512];
	mt_kvm_status st;
	mt_kvm_vm *vm;
	mt_kvm_backend *mem, *io;
	mt_ctx *ctx;
	mt_vcpu *cpu;
	struct disp d;
	int i, rc = 0;

	if (!n)
		n = 1;
	vm = mt_kvm_vm_new(&st, err, sizeof(err));
	if (!vm) {
		fprintf(stderr, "bench_notify: %s\n", err);
		return mt_kvm_skip_code();
	}
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	io = mt_kvm_backend_new(vm, true);
	if (!ctx || !mem || !io ||
	    mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64) ||
	    mt_region_new(ctx, "iob", MT_CONTAINER, 0x10000) ||
	    mt_region_new(ctx, "dev", MT_MMIO, 0x1000) ||
	    mt_region_new(ctx, "port", MT_MMIO, 0x20) ||
	    mt_region_new(ctx, "ram", MT_RAM, 0x10000) ||
	    mt_map(ctx, "sys", "ram", 0x20000000, 0, false) ||
	    mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem) ||
	    mt_space_new(ctx, "io", "iob", true, mt_kvm_backend_ops(), io) ||
	    mt_map(ctx, "sys", "dev", 0x10000000, 0, false) ||
	    mt_map(ctx, "iob", "port", 0x600, 0, false) ||
	    mt_eventfd_add(ctx, "dev", &em) || mt_eventfd_add(ctx, "port", &ep) ||
	    mt_coalesce_add(ctx, "dev", 0x100, 0x100) ||
	    mt_space_eventfd_count(mt_space_find(ctx, "mem")) != 1 ||
	    mt_space_eventfd_count(mt_space_find(ctx, "io")) != 1) {
		fprintf(stderr, "bench_notify: setting up the machine failed: %s / %s\n",
			ctx ? mt_errmsg(ctx) : "", mem ? mt_kvm_backend_error(mem) : "");
		return 1;
	}
	cpu = mt_vcpu_new(vm, err, sizeof(err));
	if (!cpu || mt_vcpu_place(cpu, 0x40000000)) {
		fprintf(stderr, "bench_notify: vCPU: %s\n", cpu ? "cannot place window" : err);
		return 1;
	}
	d.mem = mt_space_find(ctx, "mem");
	d.io = mt_space_find(ctx, "io");
	printf("%-16s %12s %12s %12s %12s %12s\n", "path", "writes", "signals", "exits",
	       "coalesced", "ns/notify");
	for (i = 0; i < 5; i++) {
		mt_vcpu_hooks h = { on_exit_cb, NULL, &d };
		uint64_t sig = 0;
		double t0, t1;

		d.exits = d.dispatched = d.drained = 0;
		d.ring = rows[i].zone ? mem : NULL;
		if (rows[i].label >= 0)
			mt_kvm_backend_take(rows[i].pio ? io : mem, rows[i].label);
		t0 = now();
		if (mt_vcpu_run_loop(cpu, rows[i].pio, rows[i].addr, 0x1234, n, &h, err, sizeof(err))) {
			fprintf(stderr, "bench_notify: %s: %s\n", rows[i].name, err);
			rc = 1;
			continue;
		}
		drain(&d);
		t1 = now();
		if (rows[i].label >= 0)
			sig = mt_kvm_backend_take(rows[i].pio ? io : mem, rows[i].label);
		printf("%-16s %12llu %12llu %12llu %12llu %12.0f\n", rows[i].name,
		       (unsigned long long)n, (unsigned long long)sig, (unsigned long long)d.exits,
		       (unsigned long long)d.drained, (t1 - t0) * 1e9 / (double)n);
		if (rows[i].zone) {
			/* every write in the ring but those that found it full */
			if (d.drained + d.exits != n || d.exits > n / 80 + 1) {
				fprintf(stderr, "bench_notify: %s: expected the writes in the ring, "
					"an exit only when it is full\n", rows[i].name);
				rc = 1;
			}
		} else if (rows[i].label >= 0 ? (sig != n || d.exits) :
						 (d.exits != n || d.dispatched != n)) {
			fprintf(stderr, "bench_notify: %s: expected %s\n", rows[i].name,
				rows[i].label >= 0 ? "every write signalled, no exit"
						   : "every write an exit dispatched to the mmio region");
			rc = 1;
		}
	}
	rc |= access_paths(ctx, mem, io, n < 20000 ? n : 20000);
	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return rc;
}

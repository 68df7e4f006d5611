/* The KVM backend on a real /dev/kvm (exit 77 without it): one VM with a
 * memory space and a PIO space bound to it, memslots for ram/rom/aliases,
 * emulated edges, ioeventfds (datamatch, any length, PIO), kernel
 * refusals mapped to SPEC codes, deletion, and a vCPU that checks it all. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "harness.h"

struct rec {
	unsigned n;
	mt_exit x[16];
};

static void on_exit_cb(void *arg, mt_exit *x)
{
	struct rec *r = arg;

	if (!x->write)
		x->data = 0x5a5a5a5a5a5a5a5aull & ((x->len >= 8) ? ~0ull : (1ull << (8 * x->len)) - 1);
	if (r->n < 16)
		r->x[r->n] = *x;
	r->n++;
}

/* Run one access; returns the read result; r records the exits. */
static uint64_t run1(mt_vcpu *cpu, struct rec *r, uint8_t op, unsigned w, bool pio,
		     uint64_t addr, uint64_t val)
{
	mt_access a = { op, (uint8_t)w, pio, addr, val };
	mt_vcpu_hooks h = { on_exit_cb, NULL, r };
	uint64_t res = 0;
	char err[256];

	memset(r, 0, sizeof(*r));
	if (mt_vcpu_run(cpu, &a, 1, &res, &h, err, sizeof(err))) {
		CHECK_FAILF("vcpu: %s", err);
	}
	return res;
}

#define OK(call) CHECK_MSG((call) == MT_OK, "%s", #call)

int main(void)
{
	char msg[512];
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new(&st, msg, sizeof(msg));
	mt_kvm_backend *mem, *io;
	mt_ctx *ctx;
	mt_vcpu *cpu;
	struct rec r;
	mt_eventfd_spec e7 = { 0x10, 4, true, 0x1234, 7 }, e8 = { 0x20, 0, false, 0, 8 },
			e9 = { 0x0, 2, false, 0, 9 }, e3 = { 0x10, 4, true, 0x1234, 3 },
			etop = { 0xffc, 4, false, 0, 4 };
	const mt_kvm_emulated *em;
	size_t nem, nslots, i;
	uint8_t *h;
	uint64_t v;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!vm) {
		printf("skip: %s\n", msg);
		return mt_kvm_skip_code();
	}
	printf("KVM: phys bits %u, memslots %d, readonly %d, 1G pages %d\n",
	       mt_kvm_vm_caps(vm)->phys_bits, mt_kvm_vm_caps(vm)->nr_memslots,
	       mt_kvm_vm_caps(vm)->readonly_mem, mt_kvm_vm_caps(vm)->gbpages);
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	io = mt_kvm_backend_new(vm, true);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "iob", MT_CONTAINER, 0x10000));
	OK(mt_region_new(ctx, "r", MT_RAM, 0x10000));
	OK(mt_alias_new(ctx, "a", "r", 0x1000, 0x2000));
	OK(mt_alias_new(ctx, "edge", "r", 0x800, 0x2000));
	OK(mt_region_new(ctx, "rm", MT_ROM, 0x1000));
	OK(mt_region_new(ctx, "u", MT_RAM, 0x3000));
	OK(mt_region_new(ctx, "dev", MT_MMIO, 0x1000));
	OK(mt_region_new(ctx, "top", MT_MMIO, 0x1000));
	OK(mt_region_new(ctx, "port", MT_MMIO, 0x10));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem));
	OK(mt_space_new(ctx, "io", "iob", true, mt_kvm_backend_ops(), io));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "r", 0x100000, 0, false));
	OK(mt_map(ctx, "sys", "a", 0x200000, 0, false));
	OK(mt_map(ctx, "sys", "edge", 0x700800, 0, false));
	OK(mt_map(ctx, "sys", "rm", 0x300000, 0, false));
	OK(mt_map(ctx, "sys", "u", 0x500800, 0, false));
	OK(mt_map(ctx, "sys", "dev", 0x400000, 0, false));
	OK(mt_map(ctx, "sys", "top", (uint64_t)(MT_2_64 - 0x1000), 0, false));
	OK(mt_map(ctx, "iob", "port", 0x600, 0, false));
	OK(mt_eventfd_add(ctx, "dev", &e7));
	OK(mt_eventfd_add(ctx, "dev", &e8));
	OK(mt_eventfd_add(ctx, "port", &e9));
	OK(mt_eventfd_add(ctx, "top", &etop));
	OK(mt_commit(ctx));

	/* memslots: r, a, the middle page of edge, rm */
	mt_kvm_backend_slots(mem, &nslots);
	CHECK_MSG(nslots == 4, "4 memslots (r, alias a, aligned middle of alias edge, rom) (got %zu)", nslots);
	CHECK_MSG(mt_kvm_backend_in_slot(mem, 0x701000, 0x1000) && !mt_kvm_backend_in_slot(mem, 0x700800, 1),
	      "alias edge: [0x701000,0x702000) is a memslot, 0x700800 is not");
	em = mt_kvm_backend_emulated(mem, &nem);
	for (i = 0; i < nem; i++)
		printf("      emulated [0x%llx, 0x%llx) %s\n", (unsigned long long)em[i].start,
		       (unsigned long long)(uint64_t)em[i].end, mt_kvm_emu_reason_text(em[i].reason));
	CHECK_MSG(nem == 3 && em[0].start == 0x500800 && em[0].reason == MT_KVM_EMU_MISALIGNED &&
	      em[1].start == 0x700800 && em[1].end == 0x701000 && em[2].start == 0x702000 &&
	      em[2].end == 0x702800, "emulated report: u (misaligned) and the two edges of alias edge");
	CHECK_MSG(mt_space_eventfd_count(mt_space_find(ctx, "mem")) == 2,
	      "the eventfd ending at 2^64 is refused (installed: 2)");
	CHECK_MSG(strstr(mt_kvm_backend_error(mem), "Invalid argument") != NULL,
	      "kernel said EINVAL -> invalid: \"%s\"", mt_kvm_backend_error(mem));

	cpu = mt_vcpu_new(vm, msg, sizeof(msg));
	if (!cpu) {
		printf("FAIL: %s\n", msg);
		return 1;
	}
	CHECK_MSG(mt_vcpu_place(cpu, 0x40000000) == 0, "harness window placed at 0x40000000");

	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x400010, 0x1234);
	v = mt_kvm_backend_take(mem, 7);
	CHECK_MSG(r.n == 0 && v == 1, "write4 0x400010=0x1234: fd 7 fired (%llu), no exit (%u)",
	      (unsigned long long)v, r.n);
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x400010, 0x1235);
	CHECK_MSG(r.n == 1 && r.x[0].addr == 0x400010 && r.x[0].len == 4 && r.x[0].data == 0x1235 &&
	      !mt_kvm_backend_take(mem, 7), "other data: MMIO exit 0x400010/4 0x1235, no signal");
	run1(cpu, &r, MT_ACC_WRITE, 2, false, 0x400010, 0x1234);
	CHECK_MSG(r.n == 1 && r.x[0].len == 2, "other width: MMIO exit, len 2");
	for (i = 1; i <= 8; i *= 2) {
		run1(cpu, &r, MT_ACC_WRITE, (unsigned)i, false, 0x400020, 0x77);
		v = mt_kvm_backend_take(mem, 8);
		CHECK_MSG(r.n == 0 && v == 1, "any-length eventfd at 0x400020: width %zu fires", i);
	}
	run1(cpu, &r, MT_ACC_WRITE, 2, true, 0x600, 0xbeef);
	v = mt_kvm_backend_take(io, 9);
	CHECK_MSG(r.n == 0 && v == 1, "PIO out 0x600/2: fd 9 fired, no exit (same VM, PIO bus)");
	run1(cpu, &r, MT_ACC_WRITE, 1, true, 0x600, 0xef);
	CHECK_MSG(r.n == 1 && r.x[0].pio && r.x[0].addr == 0x600 && r.x[0].len == 1,
	      "PIO out 0x600/1: KVM_EXIT_IO");

	run1(cpu, &r, MT_ACC_WRITE, 8, false, 0x101000, 0x1122334455667788ull);
	h = mt_kvm_vm_host_ptr(vm, 0, 0, 0); /* ids: look up through the flat view */
	{
		mt_flat_range f;

		mt_lookup(mt_space_find(ctx, "mem"), 0x100000, &f);
		h = mt_kvm_vm_host_ptr(vm, f.region_id, 0x1000, 8);
	}
	memcpy(&v, h, 8);
	CHECK_MSG(r.n == 0 && v == 0x1122334455667788ull, "ram write lands in r's host memory at +0x1000");
	v = run1(cpu, &r, MT_ACC_READ, 8, false, 0x200000, 0);
	CHECK_MSG(r.n == 0 && v == 0x1122334455667788ull, "alias a (offset 0x1000) reads it back at 0x200000");
	v = run1(cpu, &r, MT_ACC_READ, 8, false, 0x700800 + 0x800, 0);
	CHECK_MSG(r.n == 0 && v == 0x1122334455667788ull, "alias edge's memslot part reads it at 0x701000");
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x700800, 0x1);
	CHECK_MSG(r.n == 1 && r.x[0].addr == 0x700800, "alias edge's unaligned head exits (emulated)");
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x500800, 0x1);
	CHECK_MSG(r.n == 1 && r.x[0].addr == 0x500800, "misaligned ram u exits (emulated)");

	{
		mt_flat_range f;

		mt_lookup(mt_space_find(ctx, "mem"), 0x300000, &f);
		h = mt_kvm_vm_host_ptr(vm, f.region_id, 0, 4);
		memcpy(h, "\xef\xbe\xad\xde", 4);
	}
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x300000, 0x12345678);
	CHECK_MSG(r.n == 1 && r.x[0].write && r.x[0].addr == 0x300000 && !memcmp(h, "\xef\xbe\xad\xde", 4),
	      "rom write exits, rom unchanged");
	v = run1(cpu, &r, MT_ACC_READ, 4, false, 0x300000, 0);
	CHECK_MSG(r.n == 0 && v == 0xdeadbeef, "rom read comes from memory: 0x%llx", (unsigned long long)v);

	/* conflict: same tuple, other fd -> EEXIST -> conflict (the refused
	 * tuple at 2^64 would be retried too: remove it first) */
	OK(mt_eventfd_del(ctx, "top", &etop));
	OK(mt_eventfd_add(ctx, "dev", &e3));
	CHECK_MSG(mt_space_eventfd_count(mt_space_find(ctx, "mem")) == 2 &&
	      strstr(mt_kvm_backend_error(mem), "File exists"),
	      "colliding tuple refused by the kernel (EEXIST -> conflict): \"%s\"",
	      mt_kvm_backend_error(mem));
	OK(mt_eventfd_del(ctx, "dev", &e3));

	/* deletion */
	OK(mt_eventfd_del(ctx, "dev", &e7));
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x400010, 0x1234);
	CHECK_MSG(r.n == 1 && !mt_kvm_backend_take(mem, 7), "deleted eventfd: the write exits, fd 7 silent");

	/* memslot reuse: move r, contents follow */
	mt_vcpu_unplace(cpu);
	OK(mt_move(ctx, "r", 0x800000));
	mt_kvm_backend_slots(mem, &nslots);
	CHECK_MSG(nslots == 4, "after move: still 4 memslots (numbers reused)");
	CHECK_MSG(mt_vcpu_place(cpu, 0x40000000) == 0, "window placed again");
	v = run1(cpu, &r, MT_ACC_READ, 8, false, 0x801000, 0);
	CHECK_MSG(r.n == 0 && v == 0x1122334455667788ull, "moved ram keeps its contents (one mapping per region)");
	run1(cpu, &r, MT_ACC_WRITE, 4, false, 0x101000, 0);
	CHECK_MSG(r.n == 1, "old place of r now exits");

	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return check_report();
}

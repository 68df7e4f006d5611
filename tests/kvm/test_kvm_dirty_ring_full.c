/* A dirty ring that fills during a guest run (exit 77 without /dev/kvm or
 * without the dirty ring): with the smallest ring the kernel takes, one
 * mt_vcpu_run of many more writes to distinct logged pages than the ring
 * holds stops on KVM_EXIT_DIRTY_RING_FULL; the vCPU harvests every ring,
 * resets them and runs on, and `sync` reports every page written, none
 * lost and no other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "memtopo_kvm.h"

#define BASE 0x100000ull
#define NWRITES 1000u /* every other page: 1000 one-page runs */

struct runs {
	unsigned n, bad;
	uint64_t next;
};

static int rec_run(void *arg, const char *region, uint64_t id, uint64_t start,
		   mt_u128 end)
{
	struct runs *r = arg;

	(void)region, (void)id;
	if (start != r->next || end != (mt_u128)start + 0x1000) {
		if (!r->bad++)
			printf("unexpected run [0x%" PRIx64 ", 0x%" PRIx64 "), want page 0x%" PRIx64 "\n",
			       start, (uint64_t)end, r->next);
	}
	r->n++;
	r->next = start + 0x2000;
	return 0;
}

static void on_exit_cb(void *arg, mt_exit *x)
{
	(void)arg;
	if (!x->write)
		x->data = 0;
}

#define OK(call) CHECK_MSG((call) == MT_OK, "%s: %s", #call, mt_errmsg(ctx))

int main(void)
{
	char msg[512];
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new_dirty(MT_KVM_DIRTY_RING, 1, &st, msg, sizeof(msg));
	mt_vcpu_hooks h = { on_exit_cb, NULL, NULL };
	struct runs runs = { 0, 0, 0 };
	mt_kvm_backend *mem;
	mt_access *acc;
	mt_vcpu *cpu;
	mt_ctx *ctx;
	unsigned i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!vm) {
		printf("skip: %s\n", msg);
		return st == MT_KVM_NOCAP ? 77 : st == MT_KVM_UNUSABLE ? 1 : mt_kvm_skip_code();
	}
	printf("dirty ring of %u entries per vCPU\n", mt_kvm_vm_dirty_ring_entries(vm));
	CHECK(mt_kvm_vm_dirty_ring_entries(vm) < NWRITES);
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "r", MT_RAM, 2 * NWRITES * 0x1000ull));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "r", BASE, 0, false));
	OK(mt_set_log(ctx, "r", true));
	OK(mt_commit(ctx));
	cpu = mt_vcpu_new(vm, msg, sizeof(msg));
	acc = calloc(NWRITES, sizeof(*acc));
	if (!cpu || !acc) {
		printf("FAIL: %s\n", cpu ? "out of memory" : msg);
		return 1;
	}
	CHECK_MSG(mt_vcpu_place(cpu, 0x40000000) == 0, "harness window placed");
	for (i = 0; i < NWRITES; i++)
		acc[i] = (mt_access){ MT_ACC_WRITE, 8, false, BASE + 0x2000ull * i, i };
	if (mt_vcpu_run(cpu, acc, NWRITES, NULL, &h, msg, sizeof(msg)))
		CHECK_FAILF("guest run: %s", msg);
	printf("KVM_EXIT_DIRTY_RING_FULL exits: %lu\n", mt_kvm_vm_dirty_ring_full(vm));
	CHECK_MSG(mt_kvm_vm_dirty_ring_full(vm) > 0, "the ring filled during the run");
	CHECK(mt_sync(ctx, rec_run, &runs) == MT_OK);
	CHECK_MSG(runs.n == NWRITES && !runs.bad, "%u runs (%u unexpected), want %u one-page runs",
		  runs.n, runs.bad, NWRITES);
	runs = (struct runs){ 0, 0, 0 };
	CHECK(mt_sync(ctx, rec_run, &runs) == MT_OK);
	CHECK_MSG(runs.n == 0, "nothing left after the sync: %u runs", runs.n);
	CHECK_MSG(mt_kvm_backend_error_count(mem) == 0, "no backend error: %s",
		  mt_kvm_backend_error(mem));
	free(acc);
	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return check_report();
}

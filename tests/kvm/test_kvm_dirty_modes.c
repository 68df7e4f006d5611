/* Dirty logging in one dirty mode (argv[1]: bitmap, ring or clear) on a
 * real /dev/kvm: a vCPU's writes into logged memslots come back from `sync`
 * as pages of the region (through an alias too, from two backends sharing
 * the VM), once: a sync right after reports nothing (clear mode: the
 * bitmap was cleared), and a page written again after a sync is reported
 * again (KVM protected it again: KVM_CLEAR_DIRTY_LOG, KVM_RESET_DIRTY_RINGS).
 * Pages survive the vCPU that wrote them, log-stop, a move, a split and an
 * unmap (harvested first);
 * writes after log-stop are not reported.  Exit 77 without /dev/kvm, and
 * when this host's KVM lacks the mode (skipped, never passed). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "memtopo_kvm.h"

static char out[4096];

static int rec_dirty(void *arg, const char *region, uint64_t id, uint64_t start,
		     mt_u128 end)
{
	size_t n = strlen(out);

	(void)arg, (void)id;
	snprintf(out + n, sizeof(out) - n, "%s %" PRIx64 " %" PRIx64 ";", region, start,
		 (uint64_t)end);
	return 0;
}

static const char *sync_text(mt_ctx *c)
{
	out[0] = 0;
	CHECK(mt_sync(c, rec_dirty, NULL) == MT_OK);
	return out;
}

static void on_exit_cb(void *arg, mt_exit *x)
{
	(void)arg;
	if (!x->write)
		x->data = 0;
}

static void wr(mt_vcpu *cpu, uint64_t addr)
{
	mt_access a = { MT_ACC_WRITE, 4, false, addr, 0xabcd };
	mt_vcpu_hooks h = { on_exit_cb, NULL, NULL };
	char err[256];

	if (mt_vcpu_run(cpu, &a, 1, NULL, &h, err, sizeof(err)))
		CHECK_FAILF("vcpu write at 0x%" PRIx64 ": %s", addr, err);
}

#define OK(call) CHECK_MSG((call) == MT_OK, "%s: %s", #call, mt_errmsg(ctx))
#define R(page) (0x100000 + (uint64_t)(page) * 0x1000) /* r mapped at 1 MiB */

/* r: 300 pages (bitmap words 0..4, the last one partial) at 1 MiB, its
 * alias a (pages 8..11) at 3 MiB; r2 in a second space on the same VM. */
static mt_ctx *setup(mt_kvm_vm *vm, mt_kvm_backend **mem, mt_kvm_backend **mem2)
{
	mt_ctx *ctx = mt_ctx_new();

	*mem = mt_kvm_backend_new(vm, false);
	*mem2 = mt_kvm_backend_new(vm, false);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "sys2", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "r", MT_RAM, 300 * 0x1000));
	OK(mt_alias_new(ctx, "a", "r", 0x8000, 0x4000));
	OK(mt_region_new(ctx, "ov", MT_RAM, 0x1000));
	OK(mt_region_new(ctx, "r2", MT_RAM, 0x10000));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), *mem));
	OK(mt_space_new(ctx, "mem2", "sys2", false, mt_kvm_backend_ops(), *mem2));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "r", 0x100000, 0, false));
	OK(mt_map(ctx, "sys", "a", 0x300000, 0, false));
	OK(mt_map(ctx, "sys2", "r2", 0x400000, 0, false));
	OK(mt_set_log(ctx, "r", true));
	OK(mt_set_log(ctx, "r2", true));
	OK(mt_commit(ctx));
	return ctx;
}

static void check_pages(mt_ctx *ctx, mt_vcpu *cpu)
{
	CHECK_STR(sync_text(ctx), "");
	wr(cpu, R(2) + 8);
	wr(cpu, R(15));
	wr(cpu, 0x301000); /* alias: region page 9 */
	wr(cpu, R(200));
	wr(cpu, R(299));
	wr(cpu, 0x400010); /* r2 page 0, the other backend */
	CHECK_STR(sync_text(ctx), "r 2000 3000;r 9000 a000;r f000 10000;r c8000 c9000;"
		  "r 12b000 12c000;r2 0 1000;");
	CHECK_STR(sync_text(ctx), "");
	wr(cpu, R(2));
	wr(cpu, R(2) + 4);
	CHECK_STR(sync_text(ctx), "r 2000 3000;");
}

static void check_survival(mt_ctx *ctx, mt_kvm_vm *vm, mt_vcpu *cpu)
{
	char msg[256];
	mt_vcpu *other = mt_vcpu_new(vm, msg, sizeof(msg));

	/* a vCPU freed (its ring unmapped) after writing: still reported */
	if (CHECK_MSG(other != NULL, "second vCPU: %s", msg)) {
		CHECK(mt_vcpu_place(other, 0x40400000) == 0);
		wr(other, R(7));
		mt_vcpu_free(other);
		CHECK_STR(sync_text(ctx), "r 7000 8000;");
	}
	/* log-stop harvests first; writes after it are not reported */
	wr(cpu, R(4));
	OK(mt_set_log(ctx, "r", false));
	wr(cpu, R(5));
	CHECK_STR(sync_text(ctx), "r 4000 5000;");
	/* a move deletes the slot: harvested before */
	OK(mt_set_log(ctx, "r", true));
	wr(cpu, R(6));
	OK(mt_move(ctx, "r", 0x1000000));
	wr(cpu, 0x1007000);
	/* a split (an overlay mapped over page 8) deletes it too */
	OK(mt_map(ctx, "sys", "ov", 0x1008000, 1, true));
	wr(cpu, 0x100c000);
	wr(cpu, 0x400000 + 0x3000); /* r2 page 3 */
	OK(mt_unmap(ctx, "sys", "r"));
	CHECK_STR(sync_text(ctx), "r 6000 8000;r c000 d000;r2 3000 4000;");
	CHECK_STR(sync_text(ctx), "");
}

int main(int argc, char **argv)
{
	char msg[512];
	mt_kvm_status st;
	mt_kvm_dirty_mode mode;
	mt_kvm_backend *mem, *mem2;
	mt_kvm_vm *vm;
	mt_vcpu *cpu;
	mt_ctx *ctx;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 2 || !mt_kvm_dirty_mode_parse(argv[1], &mode)) {
		printf("usage: test_kvm_dirty_modes bitmap|ring|clear\n");
		return 2;
	}
	vm = mt_kvm_vm_new_dirty(mode, 0, &st, msg, sizeof(msg));
	if (!vm) {
		printf("skip: %s\n", msg);
		return st == MT_KVM_NOCAP ? 77 : st == MT_KVM_UNUSABLE ? 1 : mt_kvm_skip_code();
	}
	CHECK(mt_kvm_vm_dirty_mode(vm) == mode);
	CHECK((mt_kvm_vm_dirty_ring_entries(vm) != 0) == (mode == MT_KVM_DIRTY_RING));
	printf("KVM dirty mode %s, ring entries %u\n", argv[1], mt_kvm_vm_dirty_ring_entries(vm));
	ctx = setup(vm, &mem, &mem2);
	cpu = mt_vcpu_new(vm, msg, sizeof(msg));
	if (!cpu) {
		printf("FAIL: %s\n", msg);
		return 1;
	}
	CHECK_MSG(mt_vcpu_place(cpu, 0x40000000) == 0, "harness window placed");
	check_pages(ctx, cpu);
	check_survival(ctx, vm, cpu);
	CHECK_MSG(mt_kvm_backend_error_count(mem) == 0, "no backend error: %s",
		  mt_kvm_backend_error(mem));
	CHECK_MSG(mt_kvm_backend_error_count(mem2) == 0, "no backend error: %s",
		  mt_kvm_backend_error(mem2));
	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return check_report();
}

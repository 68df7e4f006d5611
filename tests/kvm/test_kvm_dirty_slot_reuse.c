/* A logged memslot that goes away unreported takes its dirty pages with it
 * (argv[1]: bitmap, ring or clear; exit 77 without /dev/kvm or the mode):
 * a guest write into a logged slot, then the backend is freed with the
 * context (no sync), then a new context's logged slot gets the same slot
 * number on the same VM.  Its first sync is empty: in ring mode the old
 * slot's ring entries are forgotten, not taken for the new slot's pages. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "memtopo_kvm.h"

static unsigned nruns;

static int count_run(void *arg, const char *region, uint64_t id, uint64_t start,
		     mt_u128 end)
{
	(void)arg, (void)id;
	printf("dirty %s 0x%" PRIx64 " 0x%" PRIx64 "\n", region, start, (uint64_t)end);
	nruns++;
	return 0;
}

static void on_exit_cb(void *arg, mt_exit *x)
{
	(void)arg;
	if (!x->write)
		x->data = 0;
}

#define OK(call) CHECK_MSG((call) == MT_OK, "%s: %s", #call, mt_errmsg(ctx))

/* A context whose space (a backend on vm) shows logged ram r at 1 MiB. */
static mt_ctx *logged(mt_kvm_vm *vm, mt_kvm_backend **b)
{
	mt_ctx *ctx = mt_ctx_new();

	*b = mt_kvm_backend_new(vm, false);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "r", MT_RAM, 0x10000));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), *b));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "r", 0x100000, 0, false));
	OK(mt_set_log(ctx, "r", true));
	OK(mt_commit(ctx));
	return ctx;
}

static int slot_of(const mt_kvm_backend *b)
{
	size_t n;
	const mt_kvm_slot_info *s = mt_kvm_backend_slots(b, &n);

	return n == 1 ? s[0].slot : -1;
}

int main(int argc, char **argv)
{
	mt_access w = { MT_ACC_WRITE, 4, false, 0x105000, 1 };
	mt_vcpu_hooks h = { on_exit_cb, NULL, NULL };
	char msg[512];
	mt_kvm_status st;
	mt_kvm_dirty_mode mode;
	mt_kvm_backend *b;
	mt_kvm_vm *vm;
	mt_vcpu *cpu;
	mt_ctx *ctx;
	int slot;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 2 || !mt_kvm_dirty_mode_parse(argv[1], &mode)) {
		printf("usage: test_kvm_dirty_slot_reuse bitmap|ring|clear\n");
		return 2;
	}
	vm = mt_kvm_vm_new_dirty(mode, 0, &st, msg, sizeof(msg));
	if (!vm) {
		printf("skip: %s\n", msg);
		return st == MT_KVM_NOCAP ? 77 : st == MT_KVM_UNUSABLE ? 1 : mt_kvm_skip_code();
	}
	ctx = logged(vm, &b);
	slot = slot_of(b);
	cpu = mt_vcpu_new(vm, msg, sizeof(msg));
	if (!cpu || mt_vcpu_place(cpu, 0x40000000)) {
		printf("FAIL: vCPU: %s\n", cpu ? "window not placed" : msg);
		return 1;
	}
	if (mt_vcpu_run(cpu, &w, 1, NULL, &h, msg, sizeof(msg)))
		CHECK_FAILF("guest write: %s", msg);
	mt_ctx_free(ctx); /* the slot goes, its page unreported */
	ctx = logged(vm, &b);
	CHECK_MSG(slot >= 0 && slot_of(b) == slot, "slot number %d used again (got %d)", slot,
		  slot_of(b));
	nruns = 0;
	CHECK(mt_sync(ctx, count_run, NULL) == MT_OK);
	CHECK_MSG(nruns == 0, "the new slot reports nothing (%u runs)", nruns);
	CHECK_MSG(mt_kvm_backend_error_count(b) == 0, "no backend error: %s",
		  mt_kvm_backend_error(b));
	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return check_report();
}

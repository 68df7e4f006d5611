/* Dirty logging and coalesced zones on a real /dev/kvm (exit 77 without
 * it): guest writes into logged memslots come back from `sync` as pages of
 * the region (through an alias too), and survive log-stop, a move and a
 * split because the backend harvests first; writes after log-stop are not
 * reported.  Zones: a write inside an installed zone does not exit (it goes
 * to the coalesced ring), and deleting a zone nested in another leaves the
 * outer one working (KVM_UNREGISTER_COALESCED_MMIO drops both; the backend
 * registers the outer one again). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "harness.h"

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

static unsigned exits;

static void on_exit_cb(void *arg, mt_exit *x)
{
	(void)arg;
	if (!x->write)
		x->data = 0;
	exits++;
}

/* Write 4 bytes; the number of exits it caused. */
static unsigned wr(mt_vcpu *cpu, uint64_t addr)
{
	mt_access a = { MT_ACC_WRITE, 4, false, addr, 0xabcd };
	mt_vcpu_hooks h = { on_exit_cb, NULL, NULL };
	char err[256];

	exits = 0;
	if (mt_vcpu_run(cpu, &a, 1, NULL, &h, err, sizeof(err)))
		CHECK_FAILF("vcpu: %s", err);
	return exits;
}

#define OK(call) CHECK_MSG((call) == MT_OK, "%s", #call)

int main(void)
{
	char msg[512];
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new(&st, msg, sizeof(msg));
	mt_kvm_backend *mem;
	mt_ctx *ctx;
	mt_vcpu *cpu;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!vm) {
		printf("skip: %s\n", msg);
		return mt_kvm_skip_code();
	}
	printf("KVM: coalesced mmio %d, coalesced pio %d\n",
	       mt_kvm_vm_caps(vm)->coalesced_mmio, mt_kvm_vm_caps(vm)->coalesced_pio);
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "r", MT_RAM, 0x10000));
	OK(mt_alias_new(ctx, "a", "r", 0x8000, 0x4000));
	OK(mt_region_new(ctx, "ov", MT_RAM, 0x1000));
	OK(mt_region_new(ctx, "dev", MT_MMIO, 0x10000));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "r", 0x100000, 0, false));
	OK(mt_map(ctx, "sys", "a", 0x300000, 0, false));
	OK(mt_map(ctx, "sys", "dev", 0x400000, 0, false));
	OK(mt_set_log(ctx, "r", true));
	OK(mt_commit(ctx));
	cpu = mt_vcpu_new(vm, msg, sizeof(msg));
	if (!cpu) {
		printf("FAIL: %s\n", msg);
		return 1;
	}
	CHECK_MSG(mt_vcpu_place(cpu, 0x40000000) == 0, "harness window placed");

	/* ---- dirty logging ---- */
	CHECK_STR(sync_text(ctx), "");
	wr(cpu, 0x102008);
	wr(cpu, 0x10f000);
	wr(cpu, 0x301000); /* alias: region page 9 */
	CHECK_STR(sync_text(ctx), "r 2000 3000;r 9000 a000;r f000 10000;");
	CHECK_STR(sync_text(ctx), "");
	/* log-stop harvests first; writes after it are not reported */
	wr(cpu, 0x104000);
	OK(mt_set_log(ctx, "r", false));
	wr(cpu, 0x105000);
	CHECK_STR(sync_text(ctx), "r 4000 5000;");
	/* a move deletes the slot: harvested before */
	OK(mt_set_log(ctx, "r", true));
	wr(cpu, 0x106000);
	OK(mt_move(ctx, "r", 0x200000));
	wr(cpu, 0x207000);
	/* a split (an overlay mapped over the middle) deletes it too */
	OK(mt_map(ctx, "sys", "ov", 0x208000, 1, true));
	wr(cpu, 0x20c000);
	OK(mt_unmap(ctx, "sys", "r"));
	CHECK_STR(sync_text(ctx), "r 6000 8000;r c000 d000;");
	CHECK_MSG(mt_kvm_backend_error_count(mem) == 0, "no backend error: %s",
		  mt_kvm_backend_error(mem));

	/* ---- coalesced zones ---- */
	CHECK_MSG(wr(cpu, 0x400100) == 1, "plain MMIO write exits");
	OK(mt_begin(ctx));
	OK(mt_coalesce_add(ctx, "dev", 0x0, 0x1000));  /* outer */
	OK(mt_coalesce_add(ctx, "dev", 0x100, 0x10));  /* nested */
	OK(mt_coalesce_add(ctx, "dev", 0x2000, 0x100)); /* elsewhere */
	OK(mt_commit(ctx));
	CHECK(mt_space_zone_count(mt_space_find(ctx, "mem")) == 3);
	CHECK_MSG(wr(cpu, 0x400100) == 0, "write in a zone: coalesced, no exit");
	OK(mt_coalesce_del(ctx, "dev", 0x100, 0x10));
	CHECK_MSG(wr(cpu, 0x400104) == 0, "after deleting the nested zone, the outer one still coalesces");
	CHECK_MSG(wr(cpu, 0x402000) == 0, "the unrelated zone still coalesces");
	OK(mt_coalesce_del(ctx, "dev", 0x0, 0x1000));
	CHECK_MSG(wr(cpu, 0x400104) == 1, "outer zone deleted: the write exits");
	CHECK_MSG(wr(cpu, 0x402000) == 0, "the unrelated zone is untouched");
	/* A zone of 2^31 bytes or more is deleted through its first byte,
	 * which also drops the small zone holding that byte: registered again.
	 * (The big zone itself never coalesces on Linux 6.1: the io bus keeps
	 * lengths as int.  Not observable here, so not checked.) */
	OK(mt_region_new(ctx, "big", MT_MMIO, 0x100000000));
	OK(mt_map(ctx, "sys", "big", 0x100000000, 0, false));
	OK(mt_begin(ctx));
	OK(mt_coalesce_add(ctx, "big", 0x0, 0xffffffff));
	OK(mt_coalesce_add(ctx, "big", 0x0, 0x8));
	OK(mt_commit(ctx));
	CHECK_MSG(wr(cpu, 0x100000004) == 0, "small zone at the big one's start coalesces");
	OK(mt_coalesce_del(ctx, "big", 0x0, 0xffffffff));
	CHECK_MSG(wr(cpu, 0x100000004) == 0, "big zone deleted: the small one was registered again");
	OK(mt_coalesce_del(ctx, "big", 0x0, 0x8));
	CHECK_MSG(wr(cpu, 0x100000004) == 1, "small zone deleted: the write exits");
	CHECK_MSG(mt_kvm_backend_error_count(mem) == 0, "no backend error: %s",
		  mt_kvm_backend_error(mem));

	mt_vcpu_free(cpu);
	mt_ctx_free(ctx);
	mt_kvm_vm_unref(vm);
	return check_report();
}

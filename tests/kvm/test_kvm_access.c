/* Guest accesses on the KVM backend (exit 77 without /dev/kvm): every
 * access runs on the backend's vCPU, and what it did shows in its stats:
 * memslot ram and rom reads land in memory, sub-page ram and rom writes
 * exit and are emulated or reach the device model, a matching write
 * signals its eventfd (MMIO and PIO buses), mmio reads get the device
 * model's answer, and addresses beyond the vCPU's reach are unreachable. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "memtopo_kvm.h"

struct dev {
	unsigned pieces, notifies, unreachable;
	int32_t fd;
};

static void piece(void *arg, const mt_space *s, bool write, mt_access_piece *p)
{
	struct dev *d = arg;

	(void)s;
	d->pieces++;
	if (!write && (!p->found || p->range.kind == MT_MMIO))
		p->data = 0x77; /* the device model's answer */
}

static void notify(void *arg, const mt_space *s, int32_t fd)
{
	struct dev *d = arg;

	(void)s;
	d->notifies++;
	d->fd = fd;
}

static void unreachable(void *arg, const mt_space *s, uint64_t addr, unsigned size)
{
	(void)s, (void)addr, (void)size;
	((struct dev *)arg)->unreachable++;
}

static const mt_device_ops dev_ops = { piece, notify, unreachable };

#define OK(call) CHECK_MSG((call) == MT_OK, "%s", #call)

static uint64_t acc(mt_ctx *ctx, const char *s, bool w, uint64_t addr, unsigned size,
		    uint64_t data, struct dev *d)
{
	uint64_t v = 0;

	OK(mt_guest_access_run(ctx, s, w, addr, size, data, &dev_ops, d, &v));
	return v;
}

int main(void)
{
	char msg[512];
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new(&st, msg, sizeof(msg));
	mt_kvm_backend *mem, *io;
	const mt_kvm_access_stats *ms, *is;
	mt_eventfd_spec e = { 0x40, 4, true, 0x1234, 5 }, pe = { 0x0, 1, false, 0, 6 };
	struct dev d;
	mt_ctx *ctx;

	if (!vm) {
		fprintf(stderr, "test_kvm_access: %s\n", msg);
		return mt_kvm_skip_code();
	}
	ctx = mt_ctx_new();
	mem = mt_kvm_backend_new(vm, false);
	io = mt_kvm_backend_new(vm, true);
	mt_kvm_vm_unref(vm);
	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "io", MT_CONTAINER, 0x10000));
	OK(mt_region_new(ctx, "ram", MT_RAM, 0x2000));
	OK(mt_region_new(ctx, "rom", MT_ROM, 0x1000));
	OK(mt_region_new(ctx, "dev", MT_MMIO, 0x1000));
	OK(mt_region_new(ctx, "uart", MT_MMIO, 0x8));
	OK(mt_region_new(ctx, "hole", MT_MMIO, 0x8));
	OK(mt_space_new(ctx, "mem", "sys", false, mt_kvm_backend_ops(), mem));
	OK(mt_space_new(ctx, "port", "io", true, mt_kvm_backend_ops(), io));
	OK(mt_begin(ctx));
	OK(mt_map(ctx, "sys", "ram", 0x100000, 0, false));
	OK(mt_map(ctx, "ram", "hole", 0x1800, 1, true)); /* page 2 of ram: sub-page */
	OK(mt_map(ctx, "sys", "rom", 0x200000, 0, false));
	OK(mt_map(ctx, "sys", "dev", 0x300000, 0, false));
	OK(mt_map(ctx, "io", "uart", 0x3f8, 0, false));
	OK(mt_eventfd_add(ctx, "dev", &e));
	OK(mt_eventfd_add(ctx, "uart", &pe));
	OK(mt_commit(ctx));
	ms = mt_kvm_backend_access_stats(mem);
	is = mt_kvm_backend_access_stats(io);

	memset(&d, 0, sizeof(d));
	acc(ctx, "mem", true, 0x100008, 8, 0x1122334455667788, &d); /* memslot */
	CHECK_EQ_U64(ms->memory, 1);
	CHECK_EQ_U64(acc(ctx, "mem", false, 0x10000c, 4, 0, &d), 0x11223344);
	CHECK_EQ_U64(ms->memory, 2);
	acc(ctx, "mem", true, 0x101000, 4, 0xcafe, &d); /* sub-page part: emulated */
	CHECK_EQ_U64(ms->exits, 1);
	CHECK_EQ_U64(acc(ctx, "mem", false, 0x101000, 4, 0, &d), 0xcafe);
	CHECK_EQ_U64(ms->exits, 2);
	acc(ctx, "mem", true, 0x200000, 4, 0x1, &d); /* rom: read-only memslot */
	CHECK_EQ_U64(ms->exits, 3);
	CHECK_EQ_U64(acc(ctx, "mem", false, 0x200000, 4, 0, &d), 0);
	CHECK_EQ_U64(ms->memory, 3);
	CHECK_EQ_U64(acc(ctx, "mem", false, 0x300000, 4, 0, &d), 0x77); /* the device answers */
	acc(ctx, "mem", true, 0x300040, 4, 0x1234, &d);
	CHECK_EQ_U64(d.notifies, 1);
	CHECK_EQ_U64((uint64_t)d.fd, 5);
	acc(ctx, "mem", true, 0x300040, 4, 0x1235, &d); /* other data: exits */
	CHECK_EQ_U64(d.notifies, 1);
	acc(ctx, "mem", true, 0xfffffffffffffff8, 8, 0, &d);
	CHECK_EQ_U64(d.unreachable, 1);
	acc(ctx, "port", true, 0x3f8, 1, 0x41, &d);
	CHECK_EQ_U64(d.notifies, 2);
	CHECK_EQ_U64((uint64_t)d.fd, 6);
	CHECK_EQ_U64(acc(ctx, "port", false, 0x3fc, 4, 0, &d), 0x77);
	CHECK_EQ_U64(is->exits, 1);
	CHECK_EQ_U64(ms->soft + is->soft, 0);
	CHECK_EQ_U64(ms->runs, 9); /* all but the unreachable one */
	CHECK_EQ_U64(mt_kvm_backend_error_count(mem), 0);
	mt_ctx_free(ctx);
	return check_report();
}

/* The io-bus model (harness/iobus_model.c), pure logic, no KVM needed:
 * kvm_io_bus_cmp's order, the kernel's bsearch missing devices on a bus
 * ordered by registration, the ioeventfd rules of KVM_IOEVENTFD, and the
 * bus states of the goldens whose probes KVM answers (tests/traces, .out):
 * which writes signal which eventfd and which exit, as KVM did. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "iobus_model.h"

static int cmp(uint64_t a1, int l1, uint64_t a2, int l2)
{
	mt_iobus_range r1 = { a1, l1, 0 }, r2 = { a2, l2, 0 };

	return mt_iobus_cmp(&r1, &r2);
}

static void test_cmp(void)
{
	CHECK(cmp(0x10, 4, 0x10, 4) == 0);
	CHECK_MSG(cmp(0xc, 4, 0x10, 4) == -1, "starts below: less, whatever the ends");
	CHECK_MSG(cmp(0x12, 2, 0x10, 4) == 0, "inside r2: equal");
	CHECK_MSG(cmp(0x12, 4, 0x10, 4) == 1, "ends after r2: greater");
	CHECK_MSG(cmp(0x10, 8, 0x10, 4) == 1 && cmp(0x10, 4, 0x10, 8) == 0,
		  "same start: the longer is greater, the shorter equal");
	CHECK_MSG(cmp(0x14, 4, 0x10, 8) == 0, "nested at r2's end: equal");
	CHECK_MSG(cmp(0x3, 1, 0x3, 0) == 0 && cmp(0x3, 8, 0x3, 0) == 0,
		  "r2 of length 0: equal exactly at its address, any r1 length");
	CHECK_MSG(cmp(0x4, 1, 0x3, 0) == 1 && cmp(0x2, 1, 0x3, 0) == -1,
		  "r2 of length 0: greater after it, less before");
	CHECK_MSG(cmp(0x3, 0, 0x2, 1) == 0 && cmp(0x2, 1, 0x3, 0) == -1,
		  "not symmetric: length 0 at (2,1)'s end is equal to it, not the reverse");
	CHECK_MSG(cmp(0xfffffffffffffffcull, 4, 0x10, 4) == 0,
		  "64-bit arithmetic like the kernel's: an end at 2^64 wraps to 0");
}

/* The bus as "0xA/L ..." */
static void bus_text(const mt_iobus *bus, char *buf, size_t len)
{
	size_t i, o = 0;

	buf[0] = 0;
	for (i = 0; i < bus->count && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s0x%" PRIx64 "/%d", i ? " " : "",
				      bus->range[i].addr, bus->range[i].len);
}

static int add(mt_iobus_vm *vm, bool pio, uint64_t addr, uint32_t len, bool match,
	       uint64_t data, int32_t fd)
{
	mt_iobus_args a = { addr, len, data, match, pio, fd };

	return mt_iobus_assign(vm, &a);
}

static int del(mt_iobus_vm *vm, bool pio, uint64_t addr, uint32_t len, bool match,
	       uint64_t data, int32_t fd)
{
	mt_iobus_args a = { addr, len, data, match, pio, fd };

	return mt_iobus_deassign(vm, &a);
}

/* The eventfd a write signals on bus b, -1 when it exits. */
static int32_t fires(const mt_iobus_vm *vm, mt_iobus_id b, uint64_t addr, int len,
		     uint64_t val)
{
	const mt_iobus_ioeventfd *e = mt_iobus_write(vm, b, addr, len, val);

	return e ? e->eventfd : -1;
}

static void test_register_unregister(void)
{
	mt_iobus bus = { 0 };
	char t[200];

	/* kvm_bus_nesting: (3,0) first, then (2,1) compares equal to it and
	 * goes after it: the array is out of order. */
	CHECK(!mt_iobus_register(&bus, 0x3, 0, 1) && !mt_iobus_register(&bus, 0x2, 1, 2));
	bus_text(&bus, t, sizeof(t));
	CHECK_STR(t, "0x3/0 0x2/1");
	CHECK_MSG(mt_iobus_first_dev(&bus, 0x3, 1) == -1,
		  "bsearch steps past (2,1) and never sees (3,0)");
	CHECK_MSG(mt_iobus_first_dev(&bus, 0x2, 1) == 1, "(2,1) itself is found");
	/* Before the first range that compares greater than the new one:
	 * (3,0) ends after (0,1), so (0,1) goes first; (2,1) ends inside
	 * (1,4), so (1,4) is "equal" to every range and goes last. */
	CHECK(!mt_iobus_register(&bus, 0x0, 1, 3) && !mt_iobus_register(&bus, 0x1, 4, 4));
	bus_text(&bus, t, sizeof(t));
	CHECK_STR(t, "0x0/1 0x3/0 0x2/1 0x1/4");
	mt_iobus_unregister(&bus, 2);
	bus_text(&bus, t, sizeof(t));
	CHECK_MSG(!strcmp(t, "0x0/1 0x3/0 0x1/4"), "unregister keeps the others' order: %s", t);
	mt_iobus_unregister(&bus, 42);
	CHECK_MSG(bus.count == 3, "unregistering an absent device changes nothing");
	free(bus.range);
}

static void test_first_dev_walks_back(void)
{
	mt_iobus bus = { 0 };
	unsigned i;

	/* Four equal ranges: bsearch hits the middle, the walk goes to 0. */
	for (i = 0; i < 4; i++)
		mt_iobus_register(&bus, 0x100, 4, i);
	CHECK(mt_iobus_first_dev(&bus, 0x100, 4) == 0);
	CHECK(mt_iobus_first_dev(&bus, 0x102, 2) == 0);
	CHECK(mt_iobus_first_dev(&bus, 0x104, 1) == -1);
	free(bus.range);
}

static void test_in_range(void)
{
	mt_iobus_ioeventfd p = { 1, MT_IOBUS_MMIO, 0x10, 2, false, 0x1234, 7 };

	CHECK_MSG(mt_iobus_in_range(&p, 0x10, 2, 0xffff1234), "datamatch on the access's 2 bytes");
	CHECK(!mt_iobus_in_range(&p, 0x10, 2, 0x1235));
	CHECK_MSG(!mt_iobus_in_range(&p, 0x10, 4, 0x1234), "length must be exact");
	CHECK_MSG(!mt_iobus_in_range(&p, 0x11, 2, 0x1234), "address must be exact");
	p.wildcard = true;
	CHECK(mt_iobus_in_range(&p, 0x10, 2, 0));
	p.length = 0;
	CHECK_MSG(mt_iobus_in_range(&p, 0x10, 8, 0) && mt_iobus_in_range(&p, 0x10, 0, 0),
		  "length 0: any write at the address");
	p.length = 8;
	p.wildcard = false;
	p.datamatch = 0x1ffffffffull;
	CHECK_MSG(mt_iobus_in_range(&p, 0x10, 8, 0x1ffffffffull), "8-byte datamatch");
}

static void test_assign_rules(void)
{
	mt_iobus_vm vm;

	mt_iobus_vm_init(&vm);
	CHECK(add(&vm, false, 0x10, 3, false, 0, 1) == -EINVAL);
	CHECK_MSG(add(&vm, false, 0x10, 0, true, 0, 1) == -EINVAL, "length 0 with datamatch");
	CHECK_MSG(add(&vm, false, 0xfffffffffffffffcull, 4, false, 0, 1) == -EINVAL,
		  "a span ending at 2^64 wraps: refused");
	CHECK(add(&vm, false, 0xfffffffffffffff8ull, 4, false, 0, 1) == 0);
	CHECK(add(&vm, false, 0x20, 0, false, 0, 1) == 0);
	CHECK_MSG(vm.bus[MT_IOBUS_FAST_MMIO].count == 1 && vm.count == 3,
		  "length-0 MMIO is on the MMIO bus and KVM_FAST_MMIO_BUS, two registrations");
	CHECK_MSG(fires(&vm, MT_IOBUS_FAST_MMIO, 0x20, 0, 0) == 1,
		  "handle_ept_misconfig's lookup (length 0) finds it");
	CHECK(add(&vm, true, 0x20, 0, false, 0, 1) == 0);
	CHECK_MSG(vm.bus[MT_IOBUS_FAST_MMIO].count == 1 && vm.bus[MT_IOBUS_PIO].count == 1,
		  "length-0 PIO: the PIO bus only; buses never collide with each other");
	CHECK_MSG(add(&vm, false, 0x20, 4, true, 5, 2) == -EEXIST, "length 0 collides with any");
	CHECK_MSG(del(&vm, false, 0x20, 0, false, 0, 2) == -ENOENT, "deassign needs the eventfd");
	CHECK(del(&vm, false, 0x20, 0, false, 0, 1) == 0);
	CHECK_MSG(!vm.bus[MT_IOBUS_FAST_MMIO].count && vm.bus[MT_IOBUS_MMIO].count == 1,
		  "deassign leaves both buses");
	CHECK(add(&vm, false, 0x30, 4, true, 5, 2) == 0);
	CHECK_MSG(del(&vm, false, 0x30, 4, false, 0, 2) == -ENOENT, "wildcard must match too");
	CHECK_MSG(del(&vm, false, 0x30, 4, true, 6, 2) == -ENOENT, "and the datamatch");
	CHECK(del(&vm, false, 0x30, 4, true, 5, 2) == 0);
	mt_iobus_vm_free(&vm);
}

/* ---- the goldens' bus states -------------------------------------------- */

/* One backend call as the .out prints it: "eventfd-add A SIZE DATA FD",
 * optionally " failed conflict". */
static void apply(mt_iobus_vm *vm, bool pio, const char *line)
{
	char op[16], data[32];
	uint64_t addr, d = 0;
	unsigned size;
	int fd, r;
	bool match;

	if (sscanf(line, "%15s %" SCNx64 " %x %31s %d", op, &addr, &size, data, &fd) != 5) {
		CHECK_MSG(0, "bad op line: %s", line);
		return;
	}
	match = strcmp(data, "*") != 0;
	if (match)
		sscanf(data, "%" SCNx64, &d);
	r = !strcmp(op, "eventfd-add") ? add(vm, pio, addr, size, match, d, fd)
				       : del(vm, pio, addr, size, match, d, fd);
	if (strstr(line, "failed conflict"))
		CHECK_MSG(r == -EEXIST, "%s: model gave %d", line, r);
	else
		CHECK_MSG(r == 0, "%s: model gave %d", line, r);
}

struct write {
	uint64_t addr;
	int len;
	uint64_t val;
	int32_t fd; /* the eventfd KVM signals, -1: the write exits */
};

struct scenario {
	const char *name;
	bool pio;
	const char *const *ops;
	const char *bus; /* the MMIO or PIO bus afterwards */
	const struct write *writes;
	size_t nwrites;
};

static void run_scenario(const struct scenario *s)
{
	mt_iobus_id b = s->pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO;
	mt_iobus_vm vm;
	char t[400];
	size_t i;

	mt_iobus_vm_init(&vm);
	for (i = 0; s->ops[i]; i++)
		apply(&vm, s->pio, s->ops[i]);
	bus_text(&vm.bus[b], t, sizeof(t));
	CHECK_MSG(!strcmp(t, s->bus), "%s: bus %s, expected %s", s->name, t, s->bus);
	for (i = 0; i < s->nwrites; i++) {
		const struct write *w = &s->writes[i];
		int32_t got = fires(&vm, b, w->addr, w->len, w->val);

		CHECK_MSG(got == w->fd, "%s: write 0x%" PRIx64 "/%d <- 0x%" PRIx64
			  ": expected %d, model %d (-1: exit)", s->name, w->addr, w->len,
			  w->val, w->fd, got);
	}
	mt_iobus_vm_free(&vm);
}

/* conflict_rules: everything sorted, every matching write fires. */
static const char *const conflict_rules_ops[] = {
	"eventfd-add 0x1000 0x4 0x1 2",
	"eventfd-add 0x1000 0x4 0x2 1",
	"eventfd-add 0x1010 0x4 0x1 1",
	"eventfd-add 0x1010 0x4 0x1 2 failed conflict",
	"eventfd-add 0x1020 0x4 * 2",
	"eventfd-add 0x1020 0x4 0x1 1 failed conflict",
	"eventfd-add 0x1030 0x0 * 2",
	"eventfd-add 0x1030 0x4 0x1 1 failed conflict",
	"eventfd-add 0x1040 0x2 0x1 1",
	"eventfd-add 0x1040 0x4 0x1 2",
	"eventfd-add 0x1050 0x1 * 1",
	"eventfd-add 0x1050 0x2 * 2",
	"eventfd-add 0x1070 0x4 * 1",
	"eventfd-add 0x1072 0x2 * 2",
	"eventfd-add 0x1080 0x0 * 1",
	"eventfd-add 0x1080 0x0 * 2 failed conflict",
	NULL,
};
static const struct write conflict_rules_writes[] = {
	{ 0x1000, 4, 0x1, 2 },	{ 0x1000, 4, 0x2, 1 },	{ 0x1000, 4, 0x3, -1 },
	{ 0x1000, 2, 0x1, -1 }, { 0x1010, 4, 0x1, 1 },	{ 0x1020, 4, 0x77, 2 },
	{ 0x1030, 1, 0x5, 2 },	{ 0x1030, 8, 0x5, 2 },	{ 0x1040, 2, 0x1, 1 },
	{ 0x1040, 4, 0x1, 2 },	{ 0x1050, 1, 0x9, 1 },	{ 0x1050, 2, 0x9, 2 },
	{ 0x1070, 4, 0x9, 1 },	{ 0x1072, 2, 0x9, 2 },	{ 0x1080, 4, 0x9, 1 },
	{ 0x1074, 4, 0x9, -1 }, { 0x10fc, 4, 0x9, -1 },
};

/* kvm_bus_nesting: length 0 at (2,1)'s end; the same on both buses. */
static const char *const nesting_ops[] = {
	"eventfd-add 0x3 0x0 * 5",
	"eventfd-add 0x2 0x1 0x0 3",
	NULL,
};
static const struct write nesting_writes[] = {
	{ 0x3, 1, 0x1c, -1 }, { 0x3, 2, 0x21d, -1 }, { 0x3, 4, 0xe3f0011e, -1 },
	{ 0x3, 8, 0x1, -1 },  { 0x2, 1, 0x0, 3 },     { 0x2, 1, 0x1, -1 },
};

/* kvm_bus_order_overlap: (0xffc,8) overlaps (0x1000,2) registered before
 * it; the search for (0xffc,4) lands on (0xffc,8) and stops there. */
static const char *const overlap_ops[] = {
	"eventfd-add 0xffc 0x4 0x1e 1",
	"eventfd-add 0x1000 0x2 0x1e 2",
	"eventfd-add 0xffc 0x8 0x1e 3",
	"eventfd-add 0x1009 0x0 * 0",
	NULL,
};
static const struct write overlap_writes[] = {
	{ 0xffc, 4, 0x1e, -1 }, { 0x1000, 2, 0x1e, 2 }, { 0xffc, 8, 0x1e, 3 },
	{ 0x1009, 1, 0x5, 0 },	{ 0x1009, 4, 0x5, 0 },	{ 0xffc, 2, 0x1e, -1 },
};

/* kvm_bus_order_pio: the same shape on the PIO bus at 0xcf8. */
static const char *const pio_ops[] = {
	"eventfd-add 0xcf8 0x4 * 1",
	"eventfd-add 0xcfc 0x2 0x19 1",
	"eventfd-add 0xcf8 0x8 0x29 1",
	"eventfd-add 0xcfc 0x4 0x80 8",
	NULL,
};
static const struct write pio_writes[] = {
	{ 0xcf8, 4, 0xe4f70619, -1 }, { 0xcf8, 4, 0x29, -1 }, { 0xcfc, 2, 0x19, 1 },
	{ 0xcfc, 4, 0x80, 8 },	      { 0xcf8, 8, 0x29, 1 },  { 0xcfc, 4, 0x81, -1 },
};

/* kvm_bus_order_front: (0x10,4), registered last, goes first; the search
 * lands on (0x10,8) and the walk back stops at (0x14,4). */
static const char *const front_ops[] = {
	"eventfd-add 0x14 0x4 0x3c 1",
	"eventfd-add 0x1c 0x2 0xfffc 7",
	"eventfd-add 0x10 0x8 0x2 4",
	"eventfd-add 0x10 0x4 0x3d 2",
	NULL,
};
static const struct write front_writes[] = {
	{ 0x10, 4, 0x3d, -1 }, { 0x14, 4, 0x3c, 1 }, { 0x1c, 2, 0xfffc, 7 },
	{ 0x10, 8, 0x2, 4 },   { 0x10, 2, 0x3d, -1 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct scenario scenarios[] = {
	{ "conflict_rules", false, conflict_rules_ops,
	  "0x1000/4 0x1000/4 0x1010/4 0x1020/4 0x1030/0 0x1040/2 0x1040/4 0x1050/1 0x1050/2 "
	  "0x1070/4 0x1072/2 0x1080/0",
	  conflict_rules_writes, N(conflict_rules_writes) },
	{ "kvm_bus_nesting io", true, nesting_ops, "0x3/0 0x2/1", nesting_writes,
	  N(nesting_writes) },
	{ "kvm_bus_nesting mem", false, nesting_ops, "0x3/0 0x2/1", nesting_writes,
	  N(nesting_writes) },
	{ "kvm_bus_order_overlap", false, overlap_ops, "0xffc/4 0x1000/2 0xffc/8 0x1009/0",
	  overlap_writes, N(overlap_writes) },
	{ "kvm_bus_order_pio", true, pio_ops, "0xcf8/4 0xcfc/2 0xcf8/8 0xcfc/4", pio_writes,
	  N(pio_writes) },
	{ "kvm_bus_order_front", true, front_ops, "0x10/4 0x14/4 0x10/8 0x1c/2", front_writes,
	  N(front_writes) },
};

/* On VMX the fast MMIO bus still finds the nested length-0 ioeventfd. */
static void test_fast_bus_nesting(void)
{
	mt_iobus_vm vm;
	size_t i;

	mt_iobus_vm_init(&vm);
	for (i = 0; nesting_ops[i]; i++)
		apply(&vm, false, nesting_ops[i]);
	CHECK(fires(&vm, MT_IOBUS_MMIO, 0x3, 4, 0) == -1);
	CHECK(fires(&vm, MT_IOBUS_FAST_MMIO, 0x3, 0, 0) == 5);
	CHECK(fires(&vm, MT_IOBUS_FAST_MMIO, 0x2, 0, 0) == -1);
	mt_iobus_vm_free(&vm);
}

int main(void)
{
	size_t i;

	test_cmp();
	test_register_unregister();
	test_first_dev_walks_back();
	test_in_range();
	test_assign_rules();
	for (i = 0; i < N(scenarios); i++)
		run_scenario(&scenarios[i]);
	test_fast_bus_nesting();
	return check_report();
}

/* The validator's prediction of coalesced zones on KVM (harness/
 * iobus_model.c), pure logic, no KVM needed: coalesced_mmio_has_room with
 * the u32 arithmetic of Linux before 6.11 and with the fixed one, zones as
 * devices on the io bus (a zone sorted before an ioeventfd takes its
 * write, the bsearch missing a nested zone, a full ring passing the write
 * on), KVM_UNREGISTER_COALESCED_MMIO taking every zone containing the
 * range, and NR_IOBUS_DEVS counting zones against ioeventfds too. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "iobus_model.h"

#define MAX 170u /* (4096 - 8) / 24 entries on 4 KiB pages */

/* How many writes an empty ring starting at `first` takes before the
 * room check fails. */
static unsigned fill(uint32_t first, bool wrap)
{
	uint32_t last = first;
	unsigned n = 0;

	while (n < 1000 && mt_iobus_ring_has_room(first, last, MAX, wrap)) {
		last = (last + 1) % MAX;
		n++;
	}
	return n;
}

static void test_has_room(void)
{
	uint32_t first;

	CHECK_MSG(!mt_iobus_ring_has_room(0, 85, MAX, true),
		  "u32 wrap: (0 - 85 - 1) %% 170 = 0, full with 85 entries");
	CHECK(mt_iobus_ring_has_room(0, 85, MAX, false));
	CHECK(mt_iobus_ring_has_room(0, 84, MAX, true));
	CHECK(mt_iobus_ring_has_room(0, 86, MAX, true));
	CHECK_MSG(!mt_iobus_ring_has_room(5, 4, MAX, true) && !mt_iobus_ring_has_room(5, 4, MAX, false),
		  "last + 1 = first: full under both");
	CHECK_MSG(!mt_iobus_ring_has_room(0, 169, MAX, false), "fixed: 169 entries is full");
	for (first = 0; first < MAX; first++) {
		CHECK_MSG(fill(first, false) == 169, "fixed, first %u: %u", first, fill(first, false));
		/* the u32 form finds last = first + 85 full only before last wraps */
		CHECK_MSG(fill(first, true) == (first < 85 ? 85u : 169u), "u32 wrap, first %u: %u",
			  first, fill(first, true));
	}
}

static void zone(mt_iobus_vm *vm, uint64_t addr, uint32_t size)
{
	CHECK(mt_iobus_zone_register(vm, addr, size, false) == 0);
}

static void efd(mt_iobus_vm *vm, uint64_t addr, uint32_t len, int32_t fd)
{
	mt_iobus_args a = { addr, len, 0, false, false, fd };

	CHECK(mt_iobus_assign(vm, &a) == 0);
}

/* 'e' + fd: the ioeventfd fires; 'z': the zone takes it; 'x': it exits. */
static int what(const mt_iobus_vm *vm, uint64_t addr, int len, bool room)
{
	mt_iobus_hit h;

	mt_iobus_write_dev(vm, MT_IOBUS_MMIO, addr, len, 0, room, &h);
	return h.efd ? 'e' + h.efd->eventfd : h.zone ? 'z' : 'x';
}

static void test_bus(void)
{
	mt_iobus_vm vm;

	mt_iobus_vm_init(&vm);
	zone(&vm, 0x0, 0x100);
	efd(&vm, 0x10, 0, 1);
	CHECK_MSG(what(&vm, 0x10, 4, true) == 'z',
		  "the zone starts below the ioeventfd: sorted first, it takes the write");
	CHECK_MSG(what(&vm, 0x10, 4, false) == 'e' + 1,
		  "a full ring refuses: the ioeventfd after it gets the write");
	CHECK(what(&vm, 0x100, 1, true) == 'x');
	CHECK_MSG(what(&vm, 0xfc, 8, true) == 'x', "not inside the zone: exits");
	mt_iobus_vm_free(&vm);

	mt_iobus_vm_init(&vm);
	zone(&vm, 0x0, 0x100);
	zone(&vm, 0x10, 0x20);
	CHECK(what(&vm, 0x0, 8, true) == 'z');
	CHECK(what(&vm, 0x10, 8, true) == 'z');
	CHECK_MSG(what(&vm, 0xf8, 8, true) == 'x',
		  "bsearch: the pivot (0x10, 0x20) compares less, the outer zone is missed");
	mt_iobus_zone_unregister(&vm, 0x10, 0x20, false);
	CHECK_MSG(vm.nzones == 0, "unregister takes every zone containing the range");
	CHECK(what(&vm, 0x0, 8, true) == 'x');
	zone(&vm, 0x0, 0x100);
	mt_iobus_zone_unregister(&vm, 0x0, 0x100, true);
	CHECK_MSG(vm.nzones == 1, "the other bus's zones stay");
	mt_iobus_vm_free(&vm);
}

static void test_limit(void)
{
	mt_iobus_args a = { 0x100000, 4, 0, false, false, 1 };
	mt_iobus_vm vm;
	unsigned i;

	mt_iobus_vm_init(&vm);
	for (i = 0; i < 1000; i++)
		CHECK(mt_iobus_zone_register(&vm, 8ull * i, 8, false) == 0);
	CHECK(mt_iobus_zone_register(&vm, 0x90000, 8, false) == -ENOSPC);
	CHECK_MSG(mt_iobus_assign(&vm, &a) == -ENOSPC,
		  "kvm_io_bus_register_dev: 1000 devices that are not ioeventfds fill the bus");
	a.pio = true;
	CHECK(mt_iobus_assign(&vm, &a) == 0);
	mt_iobus_vm_free(&vm);
}

int main(void)
{
	test_has_room();
	test_bus();
	test_limit();
	return check_report();
}

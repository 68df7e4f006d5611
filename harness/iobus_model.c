/* KVM's io buses and ioeventfds as pure logic (see iobus_model.h).  The
 * arithmetic is the kernel's: addresses are 64-bit and wrap, lengths are
 * ints added to them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iobus_model.h"

#define NR_IOBUS_DEVS 1000

void mt_iobus_vm_init(mt_iobus_vm *vm)
{
	memset(vm, 0, sizeof(*vm));
}

void mt_iobus_vm_free(mt_iobus_vm *vm)
{
	size_t i;

	for (i = 0; i < MT_IOBUS_COUNT; i++)
		free(vm->bus[i].range);
	free(vm->list);
	free(vm->zones);
	mt_iobus_vm_init(vm);
}

static bool grow(void *p, size_t *cap, size_t n, size_t sz)
{
	void **pp = p;
	size_t nc = *cap ? *cap * 2 : 8;
	void *np;

	if (n <= *cap)
		return true;
	while (nc < n)
		nc *= 2;
	np = realloc(*pp, nc * sz);
	if (!np)
		return false;
	*pp = np;
	*cap = nc;
	return true;
}

/* kvm_io_bus_cmp.  Below r2's start is "less".  When r2 has a length, r1
 * is "greater" only if it ends after r2 ends, so any r1 that starts in r2
 * and ends inside it (or at its end) is "equal"; when r2 has length 0,
 * only r1's start counts, so "equal" means starting exactly at r2. */
int mt_iobus_cmp(const mt_iobus_range *r1, const mt_iobus_range *r2)
{
	uint64_t a1 = r1->addr, a2 = r2->addr;

	if (a1 < a2)
		return -1;
	if (r2->len) {
		a1 += (uint64_t)r1->len;
		a2 += (uint64_t)r2->len;
	}
	if (a1 > a2)
		return 1;
	return 0;
}

/* lib/bsearch.c (bsearch, __inline_bsearch): halve num each step, and step
 * past the pivot when the key compares greater.  On an array that is not
 * ordered under the comparator this misses entries; that is the point. */
static long kernel_bsearch(const mt_iobus *bus, const mt_iobus_range *key)
{
	size_t base = 0, num = bus->count;

	while (num > 0) {
		size_t pivot = base + (num >> 1);
		int r = mt_iobus_cmp(key, &bus->range[pivot]);

		if (r == 0)
			return (long)pivot;
		if (r > 0) {
			base = pivot + 1;
			num--;
		}
		num >>= 1;
	}
	return -1;
}

/* kvm_io_bus_register_dev: a copy of the array with the new range before
 * the first range that compares greater than it (existing range first,
 * new range second: the new range's length decides). */
int mt_iobus_register(mt_iobus *bus, uint64_t addr, int len, unsigned dev)
{
	mt_iobus_range r = { addr, len, dev };
	size_t i;

	if (!grow(&bus->range, &bus->cap, bus->count + 1, sizeof(r)))
		return -ENOMEM;
	for (i = 0; i < bus->count; i++)
		if (mt_iobus_cmp(&bus->range[i], &r) > 0)
			break;
	memmove(bus->range + i + 1, bus->range + i, (bus->count - i) * sizeof(r));
	bus->range[i] = r;
	bus->count++;
	return 0;
}

/* kvm_io_bus_unregister_dev: the first range of that device goes, the
 * others keep their order. */
void mt_iobus_unregister(mt_iobus *bus, unsigned dev)
{
	size_t i;

	for (i = 0; i < bus->count; i++)
		if (bus->range[i].dev == dev)
			break;
	if (i == bus->count)
		return;
	memmove(bus->range + i, bus->range + i + 1,
		(bus->count - i - 1) * sizeof(*bus->range));
	bus->count--;
}

/* kvm_io_bus_get_first_dev: bsearch for any range "equal" to the access,
 * then walk back while the previous one is "equal" too. */
long mt_iobus_first_dev(const mt_iobus *bus, uint64_t addr, int len)
{
	mt_iobus_range key = { addr, len, 0 };
	long off = kernel_bsearch(bus, &key);

	if (off < 0)
		return -1;
	while (off > 0 && mt_iobus_cmp(&key, &bus->range[off - 1]) == 0)
		off--;
	return off;
}

/* ioeventfd_in_range: exact address; length 0 takes any write there;
 * otherwise exact length, then wildcard or the written value (as wide as
 * the access) equal to datamatch. */
bool mt_iobus_in_range(const mt_iobus_ioeventfd *p, uint64_t addr, int len,
		       uint64_t val)
{
	uint64_t v;

	if (addr != p->addr)
		return false;
	if (!p->length)
		return true;
	if (len != p->length)
		return false;
	if (p->wildcard)
		return true;
	switch (len) {
	case 1:
		v = (uint8_t)val;
		break;
	case 2:
		v = (uint16_t)val;
		break;
	case 4:
		v = (uint32_t)val;
		break;
	case 8:
		v = val;
		break;
	default:
		return false;
	}
	return v == p->datamatch;
}

const mt_iobus_ioeventfd *mt_iobus_find(const mt_iobus_vm *vm, unsigned id)
{
	size_t i;

	for (i = 0; i < vm->count; i++)
		if (vm->list[i].id == id)
			return &vm->list[i];
	return NULL;
}

static const mt_iobus_zone *find_zone(const mt_iobus_vm *vm, unsigned id)
{
	size_t i;

	for (i = 0; i < vm->nzones; i++)
		if (vm->zones[i].id == id)
			return &vm->zones[i];
	return NULL;
}

/* __kvm_io_bus_write: from the first "equal" device on, each one's write
 * callback until one takes the write or the ranges stop comparing "equal":
 * ioeventfd_write (ioeventfd_in_range, else -EOPNOTSUPP), and
 * coalesced_mmio_write (in range and the ring has room, else -EOPNOTSUPP). */
void mt_iobus_write_dev(const mt_iobus_vm *vm, mt_iobus_id bus, uint64_t addr, int len,
			uint64_t val, bool room, mt_iobus_hit *hit)
{
	const mt_iobus *b = &vm->bus[bus];
	mt_iobus_range key = { addr, len, 0 };
	long idx = mt_iobus_first_dev(b, addr, len);

	hit->efd = NULL;
	hit->zone = NULL;
	if (idx < 0)
		return;
	for (; (size_t)idx < b->count && mt_iobus_cmp(&key, &b->range[idx]) == 0; idx++) {
		const mt_iobus_ioeventfd *p = mt_iobus_find(vm, b->range[idx].dev);
		const mt_iobus_zone *z = find_zone(vm, b->range[idx].dev);

		if (p && mt_iobus_in_range(p, addr, len, val)) {
			hit->efd = p;
			return;
		}
		if (z && room && mt_iobus_zone_in_range(z, addr, len)) {
			hit->zone = z;
			return;
		}
	}
}

const mt_iobus_ioeventfd *mt_iobus_write(const mt_iobus_vm *vm, mt_iobus_id bus,
					 uint64_t addr, int len, uint64_t val)
{
	mt_iobus_hit hit;

	mt_iobus_write_dev(vm, bus, addr, len, val, true, &hit);
	return hit.efd;
}

bool mt_iobus_zone_in_range(const mt_iobus_zone *z, uint64_t addr, int len)
{
	if (len < 0 || addr + (uint64_t)len < addr || addr < z->addr)
		return false;
	return addr + (uint64_t)len <= z->addr + z->size;
}

bool mt_iobus_ring_has_room(uint32_t first, uint32_t last, uint32_t entries, bool u32_wrap)
{
	uint32_t avail;

	if (!entries)
		return false;
	if (u32_wrap)
		avail = (first - last - 1) % entries;
	else
		avail = (first + entries - last % entries - 1) % entries;
	return avail != 0;
}

/* Devices on a bus that are not ioeventfds (kvm_io_bus_register_dev counts
 * only those against NR_IOBUS_DEVS). */
static size_t zones_on(const mt_iobus_vm *vm, const mt_iobus *bus)
{
	size_t i, n = 0;

	for (i = 0; i < bus->count; i++)
		n += find_zone(vm, bus->range[i].dev) != NULL;
	return n;
}

int mt_iobus_zone_register(mt_iobus_vm *vm, uint64_t addr, uint32_t size, bool pio)
{
	mt_iobus *bus = &vm->bus[pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO];
	mt_iobus_zone z = { vm->next_id, pio, addr, size };

	if (zones_on(vm, bus) > NR_IOBUS_DEVS - 1)
		return -ENOSPC;
	if (!grow(&vm->zones, &vm->zones_cap, vm->nzones + 1, sizeof(z)))
		return -ENOMEM;
	if (mt_iobus_register(bus, addr, (int)size, z.id))
		return -ENOMEM;
	vm->next_id++;
	vm->zones[vm->nzones++] = z;
	return 0;
}

void mt_iobus_zone_unregister(mt_iobus_vm *vm, uint64_t addr, uint32_t size, bool pio)
{
	mt_iobus *bus = &vm->bus[pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO];
	size_t i = 0;

	while (i < vm->nzones) {
		const mt_iobus_zone *z = &vm->zones[i];

		if (z->pio != pio || !mt_iobus_zone_in_range(z, addr, (int)size)) {
			i++;
			continue;
		}
		mt_iobus_unregister(bus, z->id);
		memmove(vm->zones + i, vm->zones + i + 1, (vm->nzones - i - 1) * sizeof(*z));
		vm->nzones--;
	}
}

/* ioeventfd_check_collision: same bus and address, and either length 0,
 * or the same length with a wildcard or the same datamatch.  The eventfd
 * never matters. */
static bool collides(const mt_iobus_vm *vm, const mt_iobus_ioeventfd *p)
{
	size_t i;

	for (i = 0; i < vm->count; i++) {
		const mt_iobus_ioeventfd *q = &vm->list[i];

		if (q->bus == p->bus && q->addr == p->addr &&
		    (!q->length || !p->length ||
		     (q->length == p->length &&
		      (q->wildcard || p->wildcard || q->datamatch == p->datamatch))))
			return true;
	}
	return false;
}

static size_t zones_on(const mt_iobus_vm *vm, const mt_iobus *bus);

/* kvm_assign_ioeventfd_idx: one registration on one bus, appended to the
 * VM's list (list_add_tail); kvm_io_bus_register_dev refuses it when the
 * bus holds NR_IOBUS_DEVS devices that are not ioeventfds (zones). */
static int assign_idx(mt_iobus_vm *vm, mt_iobus_id bus, const mt_iobus_args *a)
{
	mt_iobus_ioeventfd p;

	memset(&p, 0, sizeof(p));
	p.id = vm->next_id;
	p.bus = bus;
	p.addr = a->addr;
	p.length = (int)a->len;
	p.eventfd = a->eventfd;
	p.wildcard = !a->match;
	p.datamatch = a->match ? a->datamatch : 0;
	if (collides(vm, &p))
		return -EEXIST;
	if (zones_on(vm, &vm->bus[bus]) > NR_IOBUS_DEVS - 1)
		return -ENOSPC;
	if (!grow(&vm->list, &vm->cap, vm->count + 1, sizeof(p)))
		return -ENOMEM;
	if (mt_iobus_register(&vm->bus[bus], p.addr, p.length, p.id))
		return -ENOMEM;
	vm->next_id++;
	vm->list[vm->count++] = p;
	return 0;
}

/* kvm_deassign_ioeventfd_idx: the first registration in list order on that
 * bus with the same eventfd, address, length and wildcard (and datamatch
 * unless wildcard) leaves its bus and the list. */
static int deassign_idx(mt_iobus_vm *vm, mt_iobus_id bus, const mt_iobus_args *a)
{
	size_t i;

	for (i = 0; i < vm->count; i++) {
		const mt_iobus_ioeventfd *p = &vm->list[i];

		if (p->bus != bus || p->eventfd != a->eventfd || p->addr != a->addr ||
		    p->length != (int)a->len || p->wildcard != !a->match)
			continue;
		if (!p->wildcard && p->datamatch != a->datamatch)
			continue;
		mt_iobus_unregister(&vm->bus[bus], p->id);
		memmove(vm->list + i, vm->list + i + 1, (vm->count - i - 1) * sizeof(*p));
		vm->count--;
		return 0;
	}
	return -ENOENT;
}

/* kvm_assign_ioeventfd: argument checks, the bus of the flags, and for a
 * length-0 MMIO ioeventfd a second registration on KVM_FAST_MMIO_BUS
 * (undone on the first bus when that fails). */
int mt_iobus_assign(mt_iobus_vm *vm, const mt_iobus_args *a)
{
	mt_iobus_id bus = a->pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO;
	int r;

	switch (a->len) {
	case 0:
	case 1:
	case 2:
	case 4:
	case 8:
		break;
	default:
		return -EINVAL;
	}
	if (a->addr + a->len < a->addr)
		return -EINVAL;
	if (!a->len && a->match)
		return -EINVAL;
	r = assign_idx(vm, bus, a);
	if (r)
		return r;
	if (!a->len && bus == MT_IOBUS_MMIO) {
		r = assign_idx(vm, MT_IOBUS_FAST_MMIO, a);
		if (r < 0) {
			deassign_idx(vm, bus, a);
			return r;
		}
	}
	return 0;
}

/* kvm_deassign_ioeventfd: the result is the first bus's; a length-0 MMIO
 * ioeventfd also leaves KVM_FAST_MMIO_BUS. */
int mt_iobus_deassign(mt_iobus_vm *vm, const mt_iobus_args *a)
{
	mt_iobus_id bus = a->pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO;
	int r = deassign_idx(vm, bus, a);

	if (!a->len && bus == MT_IOBUS_MMIO)
		deassign_idx(vm, MT_IOBUS_FAST_MMIO, a);
	return r;
}

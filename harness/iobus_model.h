/* A model of how Linux KVM finds the ioeventfd a guest write signals: its
 * io buses (virt/kvm/kvm_main.c) and its ioeventfds (virt/kvm/eventfd.c).
 * Pure logic: no KVM, no I/O, no global state.  Written from the kernel's
 * behaviour (Linux 6.1 and 6.18, the kernels this project validates on),
 * not from its code; each function names the kernel function it follows.
 *
 * Why it exists: KVM keeps each bus's devices in an array ordered by
 * kvm_io_bus_cmp and finds a write's device by binary search.  That
 * comparator is not an order on ranges that overlap or nest, so the array
 * depends on the order of registration and the search can miss a device
 * that would accept the write: the write then exits to userspace instead of
 * signalling.  `memtopo validate` replays the backend's KVM_IOEVENTFD calls
 * through this model to predict exactly those writes.
 *
 * Coalesced zones (virt/kvm/coalesced_mmio.c) are devices on the same buses:
 * KVM_REGISTER_COALESCED_MMIO registers one, and its write callback takes a
 * write it contains while the ring has room (coalesced_mmio_has_room, whose
 * u32 arithmetic before Linux 6.11 finds the ring full too early).
 *
 * Not modelled, because no probe of the validator meets it:
 *  - other devices (the validator's VMs have no in-kernel irqchip or PIT),
 *    hence kvm_io_bus_get_dev;
 *  - allocation failures (-ENOMEM), bad eventfds (-EBADF), unknown flags,
 *    KVM_VIRTIO_CCW_NOTIFY_BUS (s390);
 *  - reads: an ioeventfd has no read callback, so a read never stops at one
 *    and exits (mt_iobus_write is the whole story for the probes);
 *  - kvm_io_bus_write_cookie (tries a cached index first: only used by
 *    s390's virtio-ccw notify);
 *  - when KVM uses KVM_FAST_MMIO_BUS: only VMX's handle_ept_misconfig (and
 *    TDX), and only once an MMIO SPTE is cached for the page, so whether a
 *    write takes it depends on the page's history.  The model registers on
 *    that bus exactly as KVM does and mt_iobus_write can search it; the
 *    caller decides when that search counts (SVM never takes it).
 */
#ifndef MT_IOBUS_MODEL_H
#define MT_IOBUS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* enum kvm_bus, the buses an ioeventfd can be on. */
typedef enum mt_iobus_id {
	MT_IOBUS_MMIO,
	MT_IOBUS_PIO,
	MT_IOBUS_FAST_MMIO,
	MT_IOBUS_COUNT
} mt_iobus_id;

/* struct kvm_io_range: one device's place in a bus. */
typedef struct mt_iobus_range {
	uint64_t addr;
	int len;
	unsigned dev; /* the id of the ioeventfd behind it */
} mt_iobus_range;

/* struct kvm_io_bus: the array the binary search runs on. */
typedef struct mt_iobus {
	mt_iobus_range *range;
	size_t count, cap;
} mt_iobus;

/* struct _ioeventfd: one registration on one bus. */
typedef struct mt_iobus_ioeventfd {
	unsigned id; /* stands for the kernel's struct kvm_io_device pointer */
	mt_iobus_id bus;
	uint64_t addr;
	int length;
	bool wildcard;
	uint64_t datamatch;
	int32_t eventfd; /* which eventfd; the backend's fd label */
} mt_iobus_ioeventfd;

/* struct kvm_ioeventfd, the argument of KVM_IOEVENTFD. */
typedef struct mt_iobus_args {
	uint64_t addr;
	uint32_t len;
	uint64_t datamatch;
	bool match; /* KVM_IOEVENTFD_FLAG_DATAMATCH */
	bool pio;   /* KVM_IOEVENTFD_FLAG_PIO */
	int32_t eventfd;
} mt_iobus_args;

/* struct kvm_coalesced_mmio_dev: one zone (struct kvm_coalesced_mmio_zone). */
typedef struct mt_iobus_zone {
	unsigned id; /* its kvm_io_device, as for ioeventfds */
	bool pio;
	uint64_t addr;
	uint32_t size;
} mt_iobus_zone;

/* The VM's side: its buses, kvm->ioeventfds and kvm->coalesced_zones in
 * list order. */
typedef struct mt_iobus_vm {
	mt_iobus bus[MT_IOBUS_COUNT];
	mt_iobus_ioeventfd *list;
	size_t count, cap;
	mt_iobus_zone *zones;
	size_t nzones, zones_cap;
	unsigned next_id;
} mt_iobus_vm;

void mt_iobus_vm_init(mt_iobus_vm *vm);
void mt_iobus_vm_free(mt_iobus_vm *vm);

/* kvm_io_bus_cmp: -1, 0 or 1; r2's length decides what "equal" means. */
int mt_iobus_cmp(const mt_iobus_range *r1, const mt_iobus_range *r2);

/* kvm_io_bus_register_dev: 0, or -ENOMEM. */
int mt_iobus_register(mt_iobus *bus, uint64_t addr, int len, unsigned dev);
/* kvm_io_bus_unregister_dev (nothing when dev is not on the bus). */
void mt_iobus_unregister(mt_iobus *bus, unsigned dev);
/* kvm_io_bus_get_first_dev: an index into bus->range, or -1 (-ENOENT). */
long mt_iobus_first_dev(const mt_iobus *bus, uint64_t addr, int len);

/* ioeventfd_in_range; val holds the written bytes, little endian. */
bool mt_iobus_in_range(const mt_iobus_ioeventfd *p, uint64_t addr, int len,
		       uint64_t val);

/* The registration with that id (what a range's dev stands for), or NULL. */
const mt_iobus_ioeventfd *mt_iobus_find(const mt_iobus_vm *vm, unsigned id);

/* kvm_io_bus_write on one bus: the ioeventfd that signals, or NULL when
 * every device refuses (-EOPNOTSUPP: the write exits to userspace) or a
 * zone with room takes it (mt_iobus_write_dev tells these apart). */
const mt_iobus_ioeventfd *mt_iobus_write(const mt_iobus_vm *vm, mt_iobus_id bus,
					 uint64_t addr, int len, uint64_t val);

/* What a write reaching a bus does: an ioeventfd signals (efd), a zone
 * appends it to the ring (zone), or neither (it exits to userspace). */
typedef struct mt_iobus_hit {
	const mt_iobus_ioeventfd *efd;
	const mt_iobus_zone *zone;
} mt_iobus_hit;

/* __kvm_io_bus_write with zones too: room says whether the ring has room
 * (mt_iobus_ring_has_room) when a zone's turn comes. */
void mt_iobus_write_dev(const mt_iobus_vm *vm, mt_iobus_id bus, uint64_t addr, int len,
			uint64_t val, bool room, mt_iobus_hit *hit);

/* coalesced_mmio_in_range: [addr, addr + len) inside the zone, len an int. */
bool mt_iobus_zone_in_range(const mt_iobus_zone *z, uint64_t addr, int len);

/* coalesced_mmio_has_room for a ring of `entries` with indexes first and
 * last.  u32_wrap: the arithmetic of Linux before 6.11, (first - last - 1)
 * % entries in u32, which finds the ring full when last - first = 85 (on
 * 170 entries, first <= last); else the fixed one (full only when last + 1
 * = first modulo entries). */
bool mt_iobus_ring_has_room(uint32_t first, uint32_t last, uint32_t entries, bool u32_wrap);

/* kvm_vm_ioctl_register_coalesced_mmio: 0, -ENOSPC (NR_IOBUS_DEVS) or
 * -ENOMEM. */
int mt_iobus_zone_register(mt_iobus_vm *vm, uint64_t addr, uint32_t size, bool pio);
/* kvm_vm_ioctl_unregister_coalesced_mmio: every zone of that bus containing
 * [addr, addr + size) leaves the bus and the list (size as an int). */
void mt_iobus_zone_unregister(mt_iobus_vm *vm, uint64_t addr, uint32_t size, bool pio);

/* kvm_assign_ioeventfd / kvm_deassign_ioeventfd: 0 or a negative errno
 * (-EINVAL, -EEXIST, -ENOENT, -ENOSPC: the bus holds 1000 zones, -ENOMEM). */
int mt_iobus_assign(mt_iobus_vm *vm, const mt_iobus_args *a);
int mt_iobus_deassign(mt_iobus_vm *vm, const mt_iobus_args *a);

#endif

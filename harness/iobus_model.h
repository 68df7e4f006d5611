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
 * Not modelled, because no probe of the validator meets it:
 *  - devices other than ioeventfds (the validator's VMs have no in-kernel
 *    irqchip, PIT or coalesced MMIO), hence NR_IOBUS_DEVS (it only counts
 *    devices that are not ioeventfds) and kvm_io_bus_get_dev;
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

/* The VM's side: its buses and kvm->ioeventfds in list order. */
typedef struct mt_iobus_vm {
	mt_iobus bus[MT_IOBUS_COUNT];
	mt_iobus_ioeventfd *list;
	size_t count, cap;
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
 * every device refuses (-EOPNOTSUPP: the write exits to userspace). */
const mt_iobus_ioeventfd *mt_iobus_write(const mt_iobus_vm *vm, mt_iobus_id bus,
					 uint64_t addr, int len, uint64_t val);

/* kvm_assign_ioeventfd / kvm_deassign_ioeventfd: 0 or a negative errno
 * (-EINVAL, -EEXIST, -ENOENT, -ENOMEM). */
int mt_iobus_assign(mt_iobus_vm *vm, const mt_iobus_args *a);
int mt_iobus_deassign(mt_iobus_vm *vm, const mt_iobus_args *a);

#endif

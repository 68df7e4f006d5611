/* Private structures of the KVM backend (src/kvm). */
#ifndef MT_KVM_INTERNAL_H
#define MT_KVM_INTERNAL_H

#include <stdarg.h>

#include "memtopo_kvm.h"
#include "../util.h"
#include "../tree.h"

#define MT_KVM_PAGE 4096u

/* One host mapping of a ram/rom region. */
struct mt_kvm_map {
	uint64_t region_id;
	uint8_t *host;	/* NULL: mapping failed (err) */
	uint64_t size;	/* bytes mapped (region size rounded up to a page) */
	int err;
	bool borrowed;	/* the core's contents (mt_memory_map): not ours to unmap */
};

#define MT_KVM_STASH 512 /* > the ring's entries (170 on 4 KiB pages) */

/* A page a vCPU's dirty ring reported (kvm_dirtyring.c): the slot field of
 * struct kvm_dirty_gfn (as_id << 16 | slot) and the page in the slot. */
struct mt_kvm_dgfn {
	uint32_t slot;
	uint64_t offset;
};

/* One vCPU's dirty ring: the mmap at KVM_DIRTY_LOG_PAGE_OFFSET, and the
 * next entry to read (userspace's own index, it never goes back). */
struct mt_kvm_dring {
	struct kvm_dirty_gfn *gfns; /* NULL: no ring */
	uint32_t entries;	    /* a power of two */
	uint32_t fetch;
};

struct mt_kvm_vm {
	unsigned refs;
	int sys_fd, vm_fd;
	mt_kvm_caps caps;
	void *cpuid; /* struct kvm_cpuid2 * */
	/* slot allocator: free stack, then next_slot up to caps.nr_memslots */
	int *free_slots;
	size_t nfree, free_cap;
	int next_slot;
	struct mt_kvm_map *maps;
	size_t nmaps, maps_cap;
	/* every memslot of the VM (backends' and vCPU windows'), and the
	 * vCPUs: a window must meet no other slot */
	struct mt_kvm_vslot *vslots;
	size_t nvslots, vslots_cap;
	mt_vcpu **cpus;
	size_t ncpus, cpus_cap;
	int next_vcpu_id;
	/* coalesced writes taken off the ring, by bus (0 mmio, 1 pio), until
	 * that bus's backend delivers them (kvm_ring.c) */
	mt_guest_exit stash[2][MT_KVM_STASH];
	size_t nstash[2];
	/* dirty logging (kvm_dirtymode.c) */
	mt_kvm_dirty_mode dirty_mode;
	uint32_t ring_entries;	 /* per vCPU, ring mode */
	unsigned long ring_full; /* KVM_EXIT_DIRTY_RING_FULL exits */
	/* pages taken off the vCPUs' rings, until the backend that owns the
	 * slot harvests them (another backend may share the VM) */
	struct mt_kvm_dgfn *dpend;
	size_t ndpend, dpend_cap;
};

struct mt_kvm_vslot {
	int slot;
	uint64_t gpa, size;
};

/* A memslot run installed for one flat range (possibly several slots). */
struct mt_kvm_mslot {
	uint64_t range_start; /* the flat range it belongs to (start, region) */
	uint64_t region_id;
	mt_kvm_slot_info info;
	bool log;	/* KVM_MEM_LOG_DIRTY_PAGES set */
};

/* A zone this backend holds: in the kernel, or (see memtopo_kvm.h) kept by
 * the backend alone. */
struct mt_kvm_zone {
	mt_zone z;
	bool in_kernel;
};

struct mt_kvm_label {
	int32_t label;
	int fd;
};

struct mt_kvm_backend {
	mt_kvm_vm *vm;
	bool pio;
	struct mt_kvm_mslot *slots;
	size_t nslots, slots_cap;
	mt_kvm_slot_info *infos; /* view for mt_kvm_backend_slots */
	size_t ninfos;
	mt_kvm_emulated *emu;
	size_t nemu, emu_cap;
	struct mt_kvm_label *labels;
	size_t nlabels, labels_cap;
	struct mt_kvm_zone *zones;
	size_t nzones, zones_cap;
	char errbuf[256];
	unsigned long nerrors;
	/* guest accesses (kvm_access.c): the vCPU they run on, made lazily */
	mt_vcpu *cpu;
	bool cpu_failed;
	mt_kvm_access_stats stats;
	char deviation[256]; /* the first deviation from SPEC section 10 */
	struct mt_tree installed; /* struct mt_kvm_efd: what KVM holds */
};

/* An ioeventfd KVM holds (kvm_ioeventfd.c), by canonical order: a write
 * can only signal the labels of those at its address. */
struct mt_kvm_efd {
	struct mt_tnode node;
	mt_ioeventfd t;
	int efd; /* the label's eventfd */
};

/* kvm_vm.c */
struct mt_kvm_map *mt_kvm_vm_map(mt_kvm_vm *vm, uint64_t region_id,
				 mt_u128 region_size);
/* A memslot was set (size 0: deleted). */
void mt_kvm_vm_note_slot(mt_kvm_vm *vm, int slot, uint64_t gpa, uint64_t size);

/* kvm_vcpu.c: the slot number of the vCPU's window, -1 when not placed */
int mt_vcpu_window_slot(const mt_vcpu *cpu);

/* Remember that region_id's contents are at host (for mt_kvm_vm_host_ptr). */
void mt_kvm_vm_borrow(mt_kvm_vm *vm, uint64_t region_id, uint8_t *host,
		      uint64_t size);

/* kvm_memslots.c */
void mt_kvm_mem_add(mt_kvm_backend *b, const mt_flat_range *r);
void mt_kvm_mem_del(mt_kvm_backend *b, const mt_space *s, const mt_flat_range *r);
void mt_kvm_mem_release(mt_kvm_backend *b);
/* Set or clear KVM_MEM_LOG_DIRTY_PAGES on the slots of range r. */
int mt_kvm_mem_log(mt_kvm_backend *b, const mt_space *s, const mt_flat_range *r,
		   bool on);
int mt_kvm_mem_sync(mt_kvm_backend *b, const mt_space *s);

/* kvm_dirtylog.c: the dirty pages of one logged slot into the core's store,
 * the way the VM's dirty mode reads them; 0 or an errno (message set). */
int mt_kvm_harvest(mt_kvm_backend *b, const mt_space *s,
		   const struct mt_kvm_mslot *slot);
/* KVM_GET_DIRTY_LOG of the slot into a new bitmap (*bits, free it). */
int mt_kvm_get_bitmap(mt_kvm_backend *b, const struct mt_kvm_mslot *slot,
		      uint64_t **bits);
/* Mark the pages whose bits are set (one mark per run). */
void mt_kvm_mark_bits(const mt_space *s, const struct mt_kvm_mslot *slot,
		      const uint64_t *bits);

/* kvm_dirtyclear.c: clear mode, KVM_GET_DIRTY_LOG then KVM_CLEAR_DIRTY_LOG */
int mt_kvm_clear_harvest(mt_kvm_backend *b, const mt_space *s,
			 const struct mt_kvm_mslot *slot);

/* kvm_dirtymode.c: KVM_ENABLE_CAP for the mode on a VM without vCPUs;
 * MT_KVM_OK, or MT_KVM_NOCAP / MT_KVM_UNUSABLE with a message. */
mt_kvm_status mt_kvm_dirty_enable(mt_kvm_vm *vm, mt_kvm_dirty_mode mode,
				  uint32_t ring_entries, char *err, size_t errlen);

/* kvm_dirtyring.c */
/* Map the dirty ring of vCPU fd (vm->ring_entries; none outside ring
 * mode): 0 or an errno. */
int mt_kvm_dring_map(const mt_kvm_vm *vm, int vcpu_fd, struct mt_kvm_dring *r);
void mt_kvm_dring_unmap(struct mt_kvm_dring *r);
/* Move every dirty entry of every vCPU's ring to vm->dpend, mark them
 * reset and KVM_RESET_DIRTY_RINGS: the count taken, or a negative errno
 * with a message (out of memory: the rest stays in the rings). */
long mt_kvm_dring_collect(mt_kvm_vm *vm, char *err, size_t errlen);
/* Ring mode: collect, then hand the slot's pages to the core (s NULL:
 * forget them, the slot is going away unreported). */
int mt_kvm_dring_harvest(mt_kvm_backend *b, const mt_space *s,
			 const struct mt_kvm_mslot *slot);
/* kvm_vcpu.c: the vCPU's dirty ring (gfns NULL when none) */
struct mt_kvm_dring *mt_vcpu_dring(mt_vcpu *c);

/* kvm_coalesced.c */
int mt_kvm_zone_add(mt_kvm_backend *b, const mt_zone *z);
int mt_kvm_zone_del(mt_kvm_backend *b, const mt_zone *z);
void mt_kvm_zone_release(mt_kvm_backend *b);
/* The bus is full (1000 devices) counting the zones the kernel lacks. */
bool mt_kvm_bus_full(const mt_kvm_backend *b);

/* kvm_ioeventfd.c */
int mt_kvm_efd_add(mt_kvm_backend *b, const mt_ioeventfd *e);
int mt_kvm_efd_del(mt_kvm_backend *b, const mt_ioeventfd *e);
void mt_kvm_efd_release(mt_kvm_backend *b);
void mt_kvm_efd_init(mt_kvm_backend *b);
/* Read (and so reset) the counters of the labels of the tuples at addr;
 * the first label whose counter had moved, or -1.  O(log n + tuples at
 * addr). */
int32_t mt_kvm_efd_fired(mt_kvm_backend *b, uint64_t addr);
/* The fd of a tuple KVM holds that matches this write, or -1. */
int32_t mt_kvm_efd_matching(const mt_kvm_backend *b, uint64_t addr, unsigned size,
			    uint64_t data);

/* kvm_ring.c: the coalesced ring (SPEC section 10) */
/* The ring's `last` index (0 without a ring): it moves when a write goes
 * to the ring. */
uint32_t mt_kvm_ring_last(const mt_kvm_vm *vm);
/* Up to max of this backend's bus's ring entries, oldest first, removed. */
size_t mt_kvm_ring_take(mt_kvm_backend *b, mt_guest_exit *out, size_t max);
/* Writes of this backend's bus waiting (ring and stash). */
size_t mt_kvm_ring_pending(const mt_kvm_backend *b);
/* Does a zone this backend holds in the kernel contain [addr, addr+len)? */
bool mt_kvm_zone_holds(const mt_kvm_backend *b, uint64_t addr, unsigned len);
/* Record a deviation from SPEC section 10 (counted, first message kept). */
void mt_kvm_deviation(mt_kvm_backend *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* kvm_vcpu.c: the VM's ring page through this vCPU's mapping, or NULL */
struct kvm_coalesced_mmio_ring *mt_vcpu_ring(const mt_vcpu *c);

/* kvm_access.c */
int mt_kvm_access(mt_kvm_backend *b, mt_guest_access *a);
/* A memslot at [gpa, gpa + size) is about to be made: move every vCPU
 * window of the VM out of its way. */
void mt_kvm_window_clear(mt_kvm_vm *vm, uint64_t gpa, uint64_t size);

/* kvm_backend.c */
void mt_kvm_set_error(mt_kvm_backend *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));


#endif

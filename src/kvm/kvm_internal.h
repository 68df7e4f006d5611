/* Private structures of the KVM backend (src/kvm). */
#ifndef MT_KVM_INTERNAL_H
#define MT_KVM_INTERNAL_H

#include <stdarg.h>

#include "memtopo_kvm.h"

#define MT_KVM_PAGE 4096u

/* One host mapping of a ram/rom region. */
struct mt_kvm_map {
	uint64_t region_id;
	uint8_t *host;	/* NULL: mapping failed (err) */
	uint64_t size;	/* bytes mapped (region size rounded up to a page) */
	int err;
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
};

/* kvm_vm.c */
struct mt_kvm_map *mt_kvm_vm_map(mt_kvm_vm *vm, uint64_t region_id,
				 mt_u128 region_size);

/* kvm_memslots.c */
void mt_kvm_mem_add(mt_kvm_backend *b, const mt_flat_range *r);
void mt_kvm_mem_del(mt_kvm_backend *b, const mt_space *s, const mt_flat_range *r);
void mt_kvm_mem_release(mt_kvm_backend *b);
/* Set or clear KVM_MEM_LOG_DIRTY_PAGES on the slots of range r. */
int mt_kvm_mem_log(mt_kvm_backend *b, const mt_space *s, const mt_flat_range *r,
		   bool on);
int mt_kvm_mem_sync(mt_kvm_backend *b, const mt_space *s);

/* kvm_dirtylog.c: KVM_GET_DIRTY_LOG of one slot into the core's store */
int mt_kvm_harvest(mt_kvm_backend *b, const mt_space *s,
		   const struct mt_kvm_mslot *slot);

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

/* kvm_backend.c */
void mt_kvm_set_error(mt_kvm_backend *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Grow *p (elements of size sz) to hold n; false when out of memory. */
bool mt_kvm_grow(void *p, size_t *cap, size_t n, size_t sz);

#endif

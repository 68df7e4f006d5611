/* memtopo KVM backend: flat views and ioeventfds applied to a Linux KVM VM.
 *
 * Flat ranges of kind ram/rom become memslots (KVM_SET_USER_MEMORY_REGION),
 * rom read-only (KVM_MEM_READONLY).  Only the part of a range that KVM can
 * take is installed: page aligned at both ends, with the guest address and
 * the region offset congruent modulo the page size, below the guest's
 * physical address width, backed by a host mapping that could be made.
 * Everything else is "emulated": it stays out of KVM, guest accesses to it
 * exit to userspace (KVM_EXIT_MMIO), and the backend keeps a report of it.
 *
 * The memory behind a memslot is the region's contents in the core: one
 * host mapping per ram/rom region (mt_memory_map: anonymous, shared,
 * MAP_NORESERVE), made when the region first gets a memslot and shared by
 * every flat range that shows it (aliases included), every backend and
 * every VM; it lives as long as the region object.
 *
 * Guest accesses (SPEC section 8, mt_backend_ops.access) run on a vCPU of
 * the VM (made on the first access): MMIO loads and stores of 1, 2, 4, 8
 * bytes, `in`/`out` on a PIO space.  An eventfd counter that moved is a
 * notify; every KVM_EXIT_MMIO/IO goes back to the core, which dispatches it
 * through the committed view (ram that is not a memslot is emulated in the
 * region's contents); an access with neither landed in a memslot, and a read
 * reports what the guest loaded.  An address the vCPU cannot reach (at or
 * above min(2^phys_bits, 2^47)) is `unreachable`.
 *
 * A logged ram range (mt_flat_range.log) is a memslot with
 * KVM_MEM_LOG_DIRTY_PAGES; log-start/log-stop set the flag on the same slot.
 * Its dirty bitmap (KVM_GET_DIRTY_LOG) is harvested into the core's store of
 * the region's pages (mt_space_mark_dirty) before the slot is deleted or
 * loses the flag, and at every `sync`, so no dirty page is lost.  A VM
 * picks how it learns them when it is made (mt_kvm_dirty_mode): the bitmap
 * (KVM_GET_DIRTY_LOG, the default), the per-vCPU dirty ring
 * (KVM_CAP_DIRTY_LOG_RING) or the bitmap with manual clearing
 * (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2, KVM_CLEAR_DIRTY_LOG); the pages
 * reported are the same in every mode.
 *
 * Coalesced zones become KVM_REGISTER_COALESCED_MMIO (pio spaces: with
 * KVM_CAP_COALESCED_PIO, zone.pio = 1).  KVM_UNREGISTER_COALESCED_MMIO drops
 * every zone containing the given range: the backend registers the others
 * again, so a delete removes exactly one zone.  A zone the kernel cannot
 * hold or delete exactly (one ending at 2^64, where its u64 arithmetic
 * wraps; a pio zone without KVM_CAP_COALESCED_PIO) is kept by the backend
 * alone: it is far above any guest physical address, or has no kernel
 * form.  It still counts towards the bus's 1000 devices.
 *
 * ioeventfds become KVM_IOEVENTFD.  The fd of a tuple is a label: each label
 * gets a real eventfd (EFD_NONBLOCK|EFD_CLOEXEC) of its own on first use,
 * kept per backend, so that a VMM or a test can read its counter.
 *
 * There is no global state.  A VM is reference counted: mt_kvm_vm_new gives
 * one reference, each backend and each user of mt_kvm_vm_ref holds one.
 */
#ifndef MEMTOPO_KVM_H
#define MEMTOPO_KVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "memtopo.h"
#include "memtopo_trace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- detection ---------------------------------------------------------- */

typedef enum mt_kvm_status {
	MT_KVM_OK = 0,
	MT_KVM_NODEV,	 /* /dev/kvm does not exist (ENOENT, ENODEV, ENXIO) */
	MT_KVM_DENIED,	 /* /dev/kvm exists but may not be opened (EACCES, EPERM) */
	MT_KVM_UNUSABLE, /* opened, but the API is wrong or a VM cannot be made */
	MT_KVM_NOCAP,	 /* usable, but it lacks what was asked (a dirty mode) */
} mt_kvm_status;

/* Try /dev/kvm (open, API version, KVM_CREATE_VM) and say why it is not
 * usable in msg (always NUL-terminated; "" when ok). */
MT_API mt_kvm_status mt_kvm_detect(char *msg, size_t msglen);

/* Exit code for "no KVM here": 77 (ctest's skip), or 1 when the environment
 * variable MEMTOPO_REQUIRE_KVM is set to a non-empty value other than 0 (CI
 * inside ci/kvm-vm, where a missing KVM is a failure). */
MT_API int mt_kvm_skip_code(void);

/* ---- VM ----------------------------------------------------------------- */

typedef struct mt_kvm_caps {
	int api_version;	/* KVM_GET_API_VERSION (12) */
	int ioeventfd;		/* KVM_CAP_IOEVENTFD */
	int ioeventfd_any_length; /* KVM_CAP_IOEVENTFD_ANY_LENGTH */
	int ioeventfd_no_length;  /* KVM_CAP_IOEVENTFD_NO_LENGTH */
	int readonly_mem;	/* KVM_CAP_READONLY_MEM */
	int nr_memslots;	/* KVM_CAP_NR_MEMSLOTS (user slots) */
	unsigned phys_bits;	/* guest physical address width: CPUID
				 * 0x80000008 EAX[7:0] of KVM_GET_SUPPORTED_CPUID */
	unsigned virt_bits;	/* EAX[15:8] */
	bool gbpages;		/* CPUID 0x80000001 EDX[26]: 1 GiB pages */
	int coalesced_mmio;	/* KVM_CAP_COALESCED_MMIO (ring page offset) */
	int coalesced_pio;	/* KVM_CAP_COALESCED_PIO */
	int dirty_ring;		/* KVM_CAP_DIRTY_LOG_RING: max ring bytes, 0 none */
	int dirty_ring_acq_rel;	/* KVM_CAP_DIRTY_LOG_RING_ACQ_REL: the same */
	int manual_protect;	/* KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2: its flags */
} mt_kvm_caps;

typedef struct mt_kvm_vm mt_kvm_vm;

/* Open /dev/kvm and create a VM.  NULL on failure, with *status (may be
 * NULL) and a message in err. */
MT_API mt_kvm_vm *mt_kvm_vm_new(mt_kvm_status *status, char *err, size_t errlen);

/* How a VM's KVM reports the pages guests wrote in logged memslots. */
typedef enum mt_kvm_dirty_mode {
	MT_KVM_DIRTY_BITMAP = 0, /* KVM_GET_DIRTY_LOG, which also clears it */
	MT_KVM_DIRTY_RING,	 /* per-vCPU rings (KVM_CAP_DIRTY_LOG_RING[_ACQ_REL]) */
	MT_KVM_DIRTY_CLEAR,	 /* KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG
				  * (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2) */
	MT_KVM_DIRTY_MODE_COUNT
} mt_kvm_dirty_mode;

/* "bitmap", "ring", "clear" (NULL for anything else), and back: false for
 * an unknown name. */
MT_API const char *mt_kvm_dirty_mode_name(mt_kvm_dirty_mode mode);
MT_API bool mt_kvm_dirty_mode_parse(const char *name, mt_kvm_dirty_mode *mode);
/* Whether a KVM with these capabilities offers the mode (bitmap: always). */
MT_API bool mt_kvm_dirty_offered(const mt_kvm_caps *caps, mt_kvm_dirty_mode mode);

/* mt_kvm_vm_new with a dirty mode, enabled (KVM_ENABLE_CAP) before the VM
 * has any vCPU or memslot.  ring_entries: entries of each vCPU's dirty
 * ring, ring mode only; 0 for the default (4096); rounded up to a power of
 * two, raised to the kernel's minimum and capped at its maximum.  A mode
 * the host lacks: NULL with *status MT_KVM_NOCAP. */
MT_API mt_kvm_vm *mt_kvm_vm_new_dirty(mt_kvm_dirty_mode mode, uint32_t ring_entries,
				      mt_kvm_status *status, char *err, size_t errlen);
MT_API mt_kvm_dirty_mode mt_kvm_vm_dirty_mode(const mt_kvm_vm *vm);
/* Entries of each vCPU's dirty ring (0 unless ring mode). */
MT_API uint32_t mt_kvm_vm_dirty_ring_entries(const mt_kvm_vm *vm);
/* Ring mode: how often a vCPU exited with KVM_EXIT_DIRTY_RING_FULL (the
 * rings were harvested and the guest went on). */
MT_API unsigned long mt_kvm_vm_dirty_ring_full(const mt_kvm_vm *vm);
MT_API mt_kvm_vm *mt_kvm_vm_ref(mt_kvm_vm *vm);
MT_API void mt_kvm_vm_unref(mt_kvm_vm *vm);
MT_API int mt_kvm_vm_fd(const mt_kvm_vm *vm);	 /* the VM's fd (KVM_CREATE_VCPU etc.) */
MT_API int mt_kvm_sys_fd(const mt_kvm_vm *vm); /* the /dev/kvm fd */
MT_API const mt_kvm_caps *mt_kvm_vm_caps(const mt_kvm_vm *vm);
/* The KVM_GET_SUPPORTED_CPUID table (a struct kvm_cpuid2 *), for vCPUs. */
MT_API const void *mt_kvm_vm_cpuid(const mt_kvm_vm *vm);

/* Host address of byte `offset` of ram/rom region `region_id`, or NULL
 * when the region has no host mapping (never mapped, or too large) or the
 * offset is beyond it.  len bytes from there are valid when non-NULL. */
MT_API uint8_t *mt_kvm_vm_host_ptr(mt_kvm_vm *vm, uint64_t region_id, uint64_t offset,
			    uint64_t len);

/* Memslot numbers: the VM's allocator (lowest freed first, then new ones
 * up to KVM_CAP_NR_MEMSLOTS).  -1 when none is left.  A VMM that installs
 * its own memslots next to the backend's takes them from here. */
MT_API int mt_kvm_slot_alloc(mt_kvm_vm *vm);
MT_API void mt_kvm_slot_free(mt_kvm_vm *vm, int slot);

/* ---- backend ------------------------------------------------------------ */

typedef struct mt_kvm_backend mt_kvm_backend;

/* A backend for one address space on vm (it takes a reference).  pio: the
 * space is the port I/O bus (KVM_IOEVENTFD_FLAG_PIO; ram/rom there cannot be
 * memslots and are emulated).  Bind one memory space and one PIO space to
 * the same VM for a complete machine.  Pass the result as the opaque of
 * mt_space_new with mt_kvm_backend_ops(); the space owns it from then on. */
MT_API mt_kvm_backend *mt_kvm_backend_new(mt_kvm_vm *vm, bool pio);
MT_API const mt_backend_ops *mt_kvm_backend_ops(void);
MT_API void mt_kvm_backend_free(mt_kvm_backend *b); /* = ops->destroy */
MT_API mt_kvm_vm *mt_kvm_backend_vm(const mt_kvm_backend *b);
MT_API bool mt_kvm_backend_is_pio(const mt_kvm_backend *b);

/* Text of the last kernel refusal or failure ("" if none), e.g.
 * "KVM_IOEVENTFD assign 0x1000/4: File exists", and how many there were. */
MT_API const char *mt_kvm_backend_error(const mt_kvm_backend *b);
MT_API unsigned long mt_kvm_backend_error_count(const mt_kvm_backend *b);

/* The real eventfd behind fd label `label`, or -1 when the label was never
 * used.  mt_kvm_backend_take reads (and so resets) its counter: the number
 * of signals since the last read, 0 when none or no such label. */
MT_API int mt_kvm_backend_eventfd(const mt_kvm_backend *b, int32_t label);
MT_API uint64_t mt_kvm_backend_take(mt_kvm_backend *b, int32_t label);

/* What stays out of KVM and why. */
typedef enum mt_kvm_emu_reason {
	MT_KVM_EMU_UNALIGNED,	/* head or tail not page aligned */
	MT_KVM_EMU_MISALIGNED,	/* guest address and region offset differ
				 * modulo the page size: no page can map */
	MT_KVM_EMU_ABOVE_PHYS,	/* at or above 2^phys_bits */
	MT_KVM_EMU_NO_MAPPING,	/* host mapping of the region failed (too big) */
	MT_KVM_EMU_NO_SLOT,	/* all memslots in use */
	MT_KVM_EMU_REFUSED,	/* KVM_SET_USER_MEMORY_REGION failed */
	MT_KVM_EMU_PIO,		/* ram/rom in a port I/O space */
	MT_KVM_EMU_ROM_RW,	/* rom without KVM_CAP_READONLY_MEM */
	MT_KVM_EMU_REASON_COUNT
} mt_kvm_emu_reason;

MT_API const char *mt_kvm_emu_reason_text(mt_kvm_emu_reason reason);

typedef struct mt_kvm_emulated {
	uint64_t start;
	mt_u128 end;	  /* exclusive */
	mt_kind kind;	  /* MT_RAM or MT_ROM */
	uint64_t region_id;
	uint64_t offset;  /* region offset of start */
	mt_kvm_emu_reason reason;
	int err;	  /* errno for MT_KVM_EMU_REFUSED / NO_MAPPING, else 0 */
} mt_kvm_emulated;

/* The emulated parts, sorted by start; *count is set.  Valid until the next
 * update of the backend. */
MT_API const mt_kvm_emulated *mt_kvm_backend_emulated(const mt_kvm_backend *b,
						size_t *count);

/* An installed memslot of this backend (sorted by guest address). */
typedef struct mt_kvm_slot_info {
	int slot;
	uint64_t gpa, size;
	uint64_t region_id, offset;
	bool readonly;
} mt_kvm_slot_info;
MT_API const mt_kvm_slot_info *mt_kvm_backend_slots(const mt_kvm_backend *b,
					      size_t *count);
/* Whether [addr, addr+len) lies in one of this backend's memslots. */
MT_API bool mt_kvm_backend_in_slot(const mt_kvm_backend *b, uint64_t addr,
			    uint64_t len);

/* ---- vCPU (src/kvm/kvm_vcpu.c, kvm_guest.c) ------------------------------
 *
 * One long-mode vCPU that runs a list of guest accesses: the KVM backend
 * performs every guest access on it (SPEC section 8), and `memtopo
 * validate` probes with it.  See harness/harness.h for the harness window
 * (the vCPU's own 2 MiB of code, tables and stack) and its reach. */

#define MT_WINDOW_SIZE ((uint64_t)2 << 20)
#define MT_BATCH_MAX 64 /* accesses per KVM run sequence */

enum { MT_ACC_WRITE = 0, MT_ACC_READ = 1 };

typedef struct mt_access {
	uint8_t op;	/* MT_ACC_WRITE or MT_ACC_READ */
	uint8_t width;	/* 1, 2, 4, 8 (pio: 1, 2, 4) */
	bool pio;
	uint64_t addr;	/* guest physical address or port */
	uint64_t value; /* written value */
} mt_access;

/* One exit to userspace while access `index` ran. */
typedef struct mt_exit {
	unsigned index;
	bool pio, write;
	uint64_t addr;
	unsigned len;
	uint64_t data; /* written data; for a read, the callback sets it */
} mt_exit;

typedef struct mt_vcpu mt_vcpu;

/* A vCPU on vm (it takes a VM reference), 64-bit long mode. */
MT_API mt_vcpu *mt_vcpu_new(mt_kvm_vm *vm, char *err, size_t errlen);
MT_API void mt_vcpu_free(mt_vcpu *cpu);
/* Highest guest-physical address + 1 the vCPU can reach. */
MT_API uint64_t mt_vcpu_reach(const mt_vcpu *cpu);
/* Install the harness window at gpa (2 MiB aligned): 0 or errno. */
MT_API int mt_vcpu_place(mt_vcpu *cpu, uint64_t gpa);
MT_API void mt_vcpu_unplace(mt_vcpu *cpu);
MT_API bool mt_vcpu_placed(const mt_vcpu *cpu, uint64_t *gpa);

typedef struct mt_vcpu_hooks {
	/* Every exit (MMIO or port I/O) that is not the harness's own. */
	void (*exit)(void *arg, mt_exit *x);
	/* After access `index` completed (the guest halted). */
	void (*step)(void *arg, unsigned index);
	void *arg;
} mt_vcpu_hooks;

/* Run n accesses (any n: batched by MT_BATCH_MAX); results[i] gets what a
 * read returned (may be NULL).  0, or -1 with a message in err (guest
 * fault, KVM error, too many exits). */
MT_API int mt_vcpu_run(mt_vcpu *cpu, const mt_access *acc, size_t n, uint64_t *results,
		const mt_vcpu_hooks *hooks, char *err, size_t errlen);

/* Benchmark loop: count 4-byte writes of value to addr (an MMIO address or
 * a port), then halt.  Exits go to hooks->exit. */
MT_API int mt_vcpu_run_loop(mt_vcpu *cpu, bool pio, uint64_t addr, uint64_t value,
		     uint64_t count, const mt_vcpu_hooks *hooks, char *err,
		     size_t errlen);

/* Benchmark stride loop: count 1-byte writes of value at addr, addr +
 * stride, addr + 2 stride, ..., then halt: one vCPU run for the lot (to
 * dirty many pages of a logged memslot).  The whole span is identity
 * mapped first: 1 GiB pages when the vCPU has them, else 2 MiB pages from
 * the window's table pool (one table page per GiB: about 490 GiB at most;
 * beyond, a message says the pool is full).  In ring mode a full dirty
 * ring is harvested and the guest goes on, as in mt_vcpu_run.  Exits go
 * to hooks->exit.  0, or -1 with a message in err (the span meets the
 * window or leaves the vCPU's reach, guest fault, KVM error). */
MT_API int mt_vcpu_run_stride(mt_vcpu *cpu, uint64_t addr, uint64_t stride,
			      uint8_t value, uint64_t count,
			      const mt_vcpu_hooks *hooks, char *err, size_t errlen);

/* ---- guest code (guest.c) ---------------------------------------------- */

/* The guest program, position independent, copied to the window's start. */
MT_API const uint8_t *mt_guest_code(size_t *len);
/* Offsets in it of the entry points. */
MT_API size_t mt_guest_entry_list(void);  /* rbx table, r12 count, r13 progress */
MT_API size_t mt_guest_entry_mmio_loop(void); /* rdi addr, rax value, rcx count */
MT_API size_t mt_guest_entry_pio_loop(void);  /* rdx port, rax value, rcx count */
MT_API size_t mt_guest_entry_stride_loop(void); /* rdi addr, rsi stride, al value, rcx count */

/* Layout of one access-table entry as the guest reads it (32 bytes). */
struct mt_guest_entry {
	uint8_t op, width, pio, pad[5];
	uint64_t addr, value, result;
};

/* What the backend's guest accesses did (SPEC section 8). */
typedef struct mt_kvm_access_stats {
	unsigned long runs;	   /* run on the vCPU */
	unsigned long exits;	   /* ... that exited (dispatched by the core) */
	unsigned long notifies;	   /* ... that signalled an eventfd */
	unsigned long memory;	   /* ... that landed in a memslot */
	unsigned long unreachable; /* beyond the vCPU's reach */
	unsigned long soft;	   /* left to the core: no vCPU, or no room for its window */
	unsigned long coalesced;   /* ... that went to the coalesced ring */
	unsigned long delivered;   /* ring entries handed to the core */
	/* writes where KVM did not do what SPEC section 10 says: the io bus
	 * gave a write an ioeventfd matches to a zone sorted before it, or a
	 * write inside a zone exited with the ring not full (the bus's
	 * bsearch missed the zone, or coalesced_mmio_has_room's u32 wrap on
	 * kernels before 6.11).  Never hidden: `memtopo run` reports them. */
	unsigned long deviations;
} mt_kvm_access_stats;
/* The VM's coalesced ring (SPEC section 10) as the kernel sees it now:
 * its `first` and `last` indexes and its number of entries (170 on 4 KiB
 * pages).  False when the VM has no ring mapped (no vCPU, or no
 * KVM_CAP_COALESCED_MMIO).  For a validator predicting the kernel's room
 * check (coalesced_mmio_has_room). */
MT_API bool mt_kvm_vm_ring(const mt_kvm_vm *vm, uint32_t *first, uint32_t *last,
			   uint32_t *entries);
/* The first deviation's description ("" when none). */
MT_API const char *mt_kvm_backend_deviation(const mt_kvm_backend *b);
MT_API const mt_kvm_access_stats *mt_kvm_backend_access_stats(const mt_kvm_backend *b);

/* Take the backend's vCPU window out of the VM (it is put back, somewhere
 * free, at the next access), so that another user of the VM can place
 * one of its own. */
MT_API void mt_kvm_backend_unplace(mt_kvm_backend *b);

/* ---- pure logic (unit-tested without KVM) ------------------------------- */

/* How a ram/rom flat range splits: at most one run of memslots (slot_size
 * 0: none) and up to three emulated pieces (head, tail, above phys). */
typedef struct mt_kvm_plan {
	uint64_t slot_gpa, slot_size; /* page aligned; slot_size may exceed
				       * one memslot's maximum: split it */
	uint64_t slot_offset;	      /* region offset of slot_gpa */
	size_t nemu;
	struct {
		uint64_t start;
		mt_u128 end;
		mt_kvm_emu_reason reason;
	} emu[3];
} mt_kvm_plan;

/* Split [start, end) (region offset `offset` at start) for page size `page`
 * (a power of two) and guest physical limit 2^phys_bits. */
MT_API void mt_kvm_plan_range(uint64_t start, mt_u128 end, uint64_t offset,
		       uint64_t page, unsigned phys_bits, mt_kvm_plan *out);

/* SPEC code of a kernel errno: EEXIST -> MT_ECONFLICT, ENOSPC and ENOMEM ->
 * MT_ENOSPACE, anything else (EINVAL, ...) -> MT_EINVAL; 0 -> MT_OK. */
MT_API int mt_kvm_errno_code(int err);

/* The largest memslot the backend makes (KVM's limit is 2^31-1 pages). */
#define MT_KVM_SLOT_MAX ((uint64_t)1 << 42)

/* ---- trace runner and CLI entry points ---------------------------------- */

/* The factory of `memtopo run --backend kvm`: a VM per space.  Returns
 * MT_KVM_OK, or the detection status with a message in err. */
MT_API mt_kvm_status mt_kvm_factory(mt_backend_factory *out, char *err,
			     size_t errlen);
/* The same with a dirty mode for every VM it makes: MT_KVM_NOCAP (and a
 * message naming the capability) when this host's KVM lacks the mode. */
MT_API mt_kvm_status mt_kvm_factory_dirty(mt_backend_factory *out,
					  mt_kvm_dirty_mode mode, char *err,
					  size_t errlen);

#ifdef __cplusplus
}
#endif

#endif

/* memtopo: memory-region tree, flat views and ioeventfd reconciliation.
 *
 * The contract is docs/SPEC.md: this header is its C
 * form.  Everything lives in an mt_ctx; there is no global mutable state, so
 * a program (or a fuzz target) may create and free as many contexts as it
 * likes.  Every call that can fail returns an mt_err and leaves a message in
 * mt_errmsg(); nothing aborts.
 */
#ifndef MEMTOPO_H
#define MEMTOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the shared library exports: exactly the functions these headers
 * declare (it is built with -fvisibility=hidden; ci/install-check compares
 * `nm -D` with the declarations). */
#if defined(__GNUC__)
#define MT_API __attribute__((visibility("default")))
#else
#define MT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Sizes reach 2^64 and range ends may equal 2^64: 128-bit arithmetic. */
typedef unsigned __int128 mt_u128;
#define MT_2_64 (((mt_u128)1) << 64)

typedef enum mt_err {
	MT_OK = 0,
	MT_ESYNTAX,   /* "syntax" */
	MT_ENOTFOUND, /* "not-found" */
	MT_EEXIST,    /* "exists" */
	MT_EINVAL,    /* "invalid" */
	MT_EBUSY,     /* "busy" */
	MT_ELOOP,     /* "loop" */
	MT_EOVERLAP,  /* "overlap" */
	MT_ECONFLICT, /* "conflict" */
	MT_ENOSPACE,  /* "no-space" (also: out of memory) */
	MT_ERR_COUNT
} mt_err;

/* The SPEC's code word for an error ("not-found", ...); "ok" for MT_OK. */
MT_API const char *mt_err_name(int err);

typedef enum mt_kind {
	MT_CONTAINER,
	MT_RAM,
	MT_ROM,
	MT_MMIO,
	MT_ALIAS,
} mt_kind;

/* "container", "ram", "rom", "mmio", "alias". */
MT_API const char *mt_kind_name(mt_kind kind);

typedef struct mt_ctx mt_ctx;
typedef struct mt_space mt_space;
/* The contents of one ram/rom region object (SPEC section 8). */
typedef struct mt_memory mt_memory;

/* One range of a flat view (SPEC section 2).  end is exclusive, <= 2^64.
 * region_id identifies the region object: ids are never reused within a
 * context, so a destroyed region and a new one of the same name differ. */
typedef struct mt_flat_range {
	uint64_t start;
	mt_u128 end;
	mt_kind kind; /* MT_RAM, MT_ROM or MT_MMIO */
	const char *region;
	uint64_t region_id;
	mt_u128 region_size;
	uint64_t offset; /* offset in the region of byte `start` */
	mt_memory *memory; /* ram/rom: the region's contents; NULL for mmio */
	bool log;	 /* dirty logging: a ram region whose log flag is on
			  * (SPEC section 2; not part of the identity) */
} mt_flat_range;

/* A coalesced-MMIO zone (SPEC section 3): [start, end), end <= 2^64.
 * Canonical order: start, then end. */
typedef struct mt_zone {
	uint64_t start;
	mt_u128 end;
} mt_zone;

MT_API int mt_zone_cmp(const mt_zone *a, const mt_zone *b);

/* An active ioeventfd as the backend sees it (SPEC section 3). */
typedef struct mt_ioeventfd {
	uint64_t addr; /* absolute address A */
	uint8_t size;  /* 0, 1, 2, 4 or 8 */
	bool match;    /* false: any data */
	uint64_t data; /* meaningful only when match */
	int32_t fd;    /* 0 <= fd < 2^31 */
} mt_ioeventfd;

/* Canonical order of SPEC section 3: A, size, match (no-match first), data
 * (when both match), fd.  Returns <0, 0, >0. */
MT_API int mt_ioeventfd_cmp(const mt_ioeventfd *a, const mt_ioeventfd *b);

/* An ioeventfd as registered on an mmio region: offset is region-relative. */
typedef struct mt_eventfd_spec {
	uint64_t offset;
	uint8_t size;
	bool match;
	uint64_t data;
	int32_t fd;
} mt_eventfd_spec;

/* ---- guest accesses (SPEC section 8) ----------------------------------- */

/* What a backend did with a guest access. */
typedef enum mt_guest_outcome {
	MT_GUEST_EXIT,	      /* it exited: the core dispatched every exit */
	MT_GUEST_NOTIFY,      /* an installed ioeventfd took it (fd) */
	MT_GUEST_MEMORY,      /* it landed in guest memory (a memslot) */
	MT_GUEST_UNREACHABLE, /* the backend cannot perform it at all */
	MT_GUEST_COALESCED,   /* its coalesced ring took it (SPEC section 10) */
} mt_guest_outcome;

/* SPEC section 10: a space holds at most this many pending coalesced
 * writes (the usable entries of KVM's ring page). */
#define MT_RING_CAPACITY 169

/* One exit to userspace during an access (KVM_EXIT_MMIO or KVM_EXIT_IO):
 * the backend hands it to the core, which dispatches it through the
 * committed view and, for a read, sets data (little-endian). */
typedef struct mt_guest_exit {
	uint64_t addr;
	unsigned len; /* 1..8 */
	bool write;
	uint64_t data;
} mt_guest_exit;

/* One guest access as a backend performs it. */
typedef struct mt_guest_access {
	bool write;
	uint64_t addr;
	uint8_t size;  /* 1, 2, 4 or 8 */
	uint64_t data; /* written value */
	/* set by the backend: */
	mt_guest_outcome outcome;
	int32_t fd;	/* MT_GUEST_NOTIFY */
	uint64_t value; /* a read's value as the guest loaded it */
	/* to be called for every exit, while the access runs */
	void (*exit)(void *arg, mt_guest_exit *x);
	void *exit_arg;
} mt_guest_access;

/* A backend receives each space's updates.  region_add/region_del cannot be
 * refused (a backend that cannot map a range emulates it); eventfd_add may
 * refuse with an mt_err (the tuple then stays out of the installed set and is
 * retried at the next update whose desired set changes); eventfd_del may fail
 * (the tuple then stays installed: the core never loses track of what the
 * backend holds).  destroy is called when the context is freed. */
typedef struct mt_backend_ops {
	void (*region_add)(void *opaque, const mt_space *space,
			   const mt_flat_range *range);
	void (*region_del)(void *opaque, const mt_space *space,
			   const mt_flat_range *range);
	int (*eventfd_add)(void *opaque, const mt_space *space,
			   const mt_ioeventfd *e);
	int (*eventfd_del)(void *opaque, const mt_space *space,
			   const mt_ioeventfd *e);
	void (*destroy)(void *opaque);
	/* Optional: perform a guest access (SPEC section 8) against what the
	 * backend holds (installed ioeventfds, memory), set a->outcome, and
	 * pass every exit to a->exit.  Anything but MT_OK (or no op at all):
	 * the core performs the access in software. */
	int (*access)(void *opaque, const mt_space *space, mt_guest_access *a);
	/* Dirty logging (SPEC sections 4 and 9).  A logged range arrives
	 * through region_add with range->log set; log_start and log_stop
	 * change the flag of a range the backend already holds.  A backend
	 * that tracks dirty pages itself (KVM) reports them with
	 * mt_space_mark_dirty: at the latest before it forgets a logged range
	 * (region_del, log_stop) and when log_sync runs (every `sync`).  A
	 * nonzero return is an mt_err; the core's state does not change. */
	int (*log_start)(void *opaque, const mt_space *space,
			 const mt_flat_range *range);
	int (*log_stop)(void *opaque, const mt_space *space,
			const mt_flat_range *range);
	int (*log_sync)(void *opaque, const mt_space *space);
	/* Coalesced-MMIO zones, as ioeventfds: an add may be refused (the zone
	 * stays out of IZ, retried when Z next changes), a failed delete keeps
	 * the zone installed.  A delete removes exactly that zone. */
	int (*coalesced_add)(void *opaque, const mt_space *space,
			     const mt_zone *z);
	int (*coalesced_del)(void *opaque, const mt_space *space,
			     const mt_zone *z);
	/* Optional, with access: a backend whose ring took writes (outcome
	 * MT_GUEST_COALESCED) hands them over when the core delivers them:
	 * up to max, oldest first, into out, removed from the ring; returns
	 * the count, and is called until it returns 0. */
	size_t (*coalesced_take)(void *opaque, const mt_space *space,
				 mt_guest_exit *out, size_t max);
} mt_backend_ops;

/* ---- context ---------------------------------------------------------- */

MT_API mt_ctx *mt_ctx_new(void);
MT_API void mt_ctx_free(mt_ctx *ctx);
/* Message of the last failed call (empty after a success). */
MT_API const char *mt_errmsg(const mt_ctx *ctx);

/* ---- regions (names match [A-Za-z0-9_.-]{1,64}) ------------------------ */

MT_API bool mt_region_exists(const mt_ctx *ctx, const char *name);
MT_API int mt_region_new(mt_ctx *ctx, const char *name, mt_kind kind, mt_u128 size);
MT_API int mt_alias_new(mt_ctx *ctx, const char *name, const char *target,
		 uint64_t offset, mt_u128 size);
MT_API int mt_map(mt_ctx *ctx, const char *parent, const char *child, uint64_t addr,
	   int32_t priority, bool may_overlap);
MT_API int mt_unmap(mt_ctx *ctx, const char *parent, const char *child);
MT_API int mt_move(mt_ctx *ctx, const char *child, uint64_t addr);
MT_API int mt_set_enabled(mt_ctx *ctx, const char *name, bool enabled);
MT_API int mt_destroy(mt_ctx *ctx, const char *name);

MT_API int mt_eventfd_add(mt_ctx *ctx, const char *region, const mt_eventfd_spec *e);
MT_API int mt_eventfd_del(mt_ctx *ctx, const char *region, const mt_eventfd_spec *e);

/* `log R on|off`: MT_ENOTFOUND, MT_EINVAL when R is not ram.  Idempotent;
 * the commit tells the backends (log_start / log_stop). */
MT_API int mt_set_log(mt_ctx *ctx, const char *region, bool on);
/* `coalesce` / `uncoalesce` a range (offset, size) of an mmio region:
 * 1 <= size < 2^32 and offset + size <= region size (SPEC section 1). */
MT_API int mt_coalesce_add(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size);
MT_API int mt_coalesce_del(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size);

/* ---- dirty pages (SPEC section 9) ------------------------------------- */

/* Whether region object region_id is not destroyed (a destroyed one is
 * gone from the moment of `destroy`, even while the last commit's view
 * still shows it): only such a region's dirty pages are ever reported. */
MT_API bool mt_region_id_live(const mt_ctx *ctx, uint64_t region_id);

/* One maximal run of dirty pages of a region: [start, end), end <= size. */
typedef int (*mt_dirty_cb)(void *arg, const char *region, uint64_t region_id,
			   uint64_t start, mt_u128 end);
/* `sync`: let every space's backend report (log_sync, in creation order),
 * then call cb for each live region in creation order and each maximal run
 * of its dirty pages in offset order, then forget them all.  Returns MT_OK
 * or the first backend error (the runs are reported and forgotten anyway). */
MT_API int mt_sync(mt_ctx *ctx, mt_dirty_cb cb, void *arg);
/* For backends: bytes [offset, offset+len) of region region_id were written
 * while logged.  Ignored for a destroyed region. */
MT_API int mt_space_mark_dirty(const mt_space *space, uint64_t region_id,
			uint64_t offset, mt_u128 len);

/* ---- address spaces ---------------------------------------------------- */

/* ops may be NULL (a backend that accepts everything).  The space takes
 * ownership of opaque: ops->destroy(opaque) runs at mt_ctx_free, and also
 * right away if creation fails. */
MT_API int mt_space_new(mt_ctx *ctx, const char *name, const char *root, bool pio,
		 const mt_backend_ops *ops, void *opaque);
MT_API const mt_space *mt_space_find(const mt_ctx *ctx, const char *name);
MT_API size_t mt_space_count(const mt_ctx *ctx);
MT_API const mt_space *mt_space_at(const mt_ctx *ctx, size_t index);
MT_API const char *mt_space_name(const mt_space *space);
MT_API bool mt_space_is_pio(const mt_space *space);
MT_API void *mt_space_backend(const mt_space *space);

/* ---- transactions ------------------------------------------------------ */

/* Mutations made outside begin/commit are committed at once by each call. */
MT_API int mt_begin(mt_ctx *ctx);
MT_API int mt_commit(mt_ctx *ctx);
MT_API unsigned mt_transaction_depth(const mt_ctx *ctx);

/* ---- committed state --------------------------------------------------- */

/* Walk the flat view / installed set of a space as of its last update, in
 * canonical order.  A callback returning nonzero stops the walk and that
 * value is returned. */
typedef int (*mt_range_cb)(void *arg, const mt_flat_range *range);
typedef int (*mt_eventfd_cb)(void *arg, const mt_ioeventfd *e);
MT_API int mt_space_foreach_range(const mt_space *space, mt_range_cb cb, void *arg);
MT_API int mt_space_foreach_eventfd(const mt_space *space, mt_eventfd_cb cb,
			     void *arg);
MT_API size_t mt_space_range_count(const mt_space *space);
MT_API size_t mt_space_eventfd_count(const mt_space *space);
/* The installed zones IZ, in canonical order. */
typedef int (*mt_zone_cb)(void *arg, const mt_zone *z);
MT_API int mt_space_foreach_zone(const mt_space *space, mt_zone_cb cb, void *arg);
MT_API size_t mt_space_zone_count(const mt_space *space);

/* Which flat range serves absolute address addr: MT_OK and *out filled, or
 * MT_ENOTFOUND when nothing is mapped there.  O(log n). */
MT_API int mt_lookup(const mt_space *space, uint64_t addr, mt_flat_range *out);

/* ---- guest accesses and region contents (SPEC section 8) ---------------- */

/* Bytes of a region's contents: zero where never written.  A region's
 * contents live as long as the region object (through unmap, move,
 * aliases; `destroy` drops them once no committed view shows it). */
MT_API void mt_memory_read(const mt_memory *m, uint64_t offset, void *buf, size_t n);
/* MT_OK, or MT_ENOSPACE when out of memory (nothing written then). */
MT_API int mt_memory_write(mt_memory *m, uint64_t offset, const void *buf, size_t n);

/* The contents as one host mapping of the whole region (rounded up to a
 * page; anonymous, shared, MAP_NORESERVE), e.g. to back KVM memslots: made
 * on the first call (the bytes written so far move into it), the same
 * pointer after that, and mt_memory_read/write use it too.  NULL when it
 * cannot be made (a region too large to map): the contents stay sparse. */
MT_API uint8_t *mt_memory_map(mt_memory *m, uint64_t *len);

/* One piece of an access (SPEC section 8: split at flat-range
 * boundaries), in address order.  For a write, data holds the piece's
 * bytes and ram pieces are already stored; for a read of ram or rom, data
 * is the value; for a read of mmio or unassigned bytes, the device model
 * sets data (it stays 0 otherwise). */
typedef struct mt_access_piece {
	uint64_t addr; /* absolute */
	unsigned len;
	bool found;	     /* false: unassigned */
	mt_flat_range range; /* when found */
	uint64_t offset;     /* region offset of addr, when found */
	uint64_t data;
	bool coalesced;	     /* a pending coalesced write delivered (SPEC 10) */
} mt_access_piece;

/* The device model side of a VMM: what reaches it during an access. */
typedef struct mt_device_ops {
	void (*piece)(void *arg, const mt_space *s, bool write, mt_access_piece *p);
	void (*notify)(void *arg, const mt_space *s, int32_t fd);
	void (*unreachable)(void *arg, const mt_space *s, uint64_t addr,
			    unsigned size);
} mt_device_ops;

/* A guest write (write true) or read of size bytes at addr in space, as of
 * its last commit; checks and errors of SPEC section 8.  The space's
 * backend performs it (mt_backend_ops.access) and what exits is dispatched
 * through the committed view to dev.  *value (may be NULL) gets what a read
 * returned.  Not a mutation: never commits. */
MT_API int mt_guest_access_run(mt_ctx *ctx, const char *space, bool write,
			uint64_t addr, mt_u128 size, uint64_t data,
			const mt_device_ops *dev, void *arg, uint64_t *value);

/* Coalesced writes (SPEC section 10).  The device model that receives
 * the pending writes delivered at the start of every commit and by
 * mt_coalesced_deliver (NULL: they are dispatched to no model). */
MT_API void mt_set_device(mt_ctx *ctx, const mt_device_ops *dev, void *arg);
/* Deliver every space's pending writes, in creation order (the end of a
 * trace does this after committing). */
MT_API void mt_coalesced_deliver(mt_ctx *ctx);
/* Writes of space pending now (at most MT_RING_CAPACITY). */
MT_API size_t mt_space_pending_count(const mt_space *space);
/* Does [addr, addr + len) lie inside one installed zone (IZ) of space? */
MT_API bool mt_space_zone_covers(const mt_space *space, uint64_t addr,
				 unsigned len);

/* ---- reference backend (SPEC section 4: Linux KVM's refusal rules) ----- */

/* One instance per space.  Refuses an add with MT_EINVAL when size > 0 and
 * addr + size = 2^64, else MT_ECONFLICT on ioeventfd_check_collision, else
 * MT_ENOSPACE when it holds 1000 zones (NR_IOBUS_DEVS); a zone add with
 * MT_ENOSPACE when it holds 1000 zones. */
MT_API const mt_backend_ops *mt_ref_backend_ops(void);
MT_API void *mt_ref_backend_new(void);
MT_API size_t mt_ref_backend_count(const void *backend);
MT_API size_t mt_ref_backend_zone_count(const void *backend);
/* Guest accesses of a memory space at or above reach (addr + size > reach)
 * come out MT_GUEST_UNREACHABLE, as on a KVM guest whose vCPU reaches that
 * far (`memtopo run --reach`, to compare with `--backend kvm`).  Default
 * 2^64: everything is reachable, as SPEC section 6 requires. */
MT_API void mt_ref_backend_set_reach(void *backend, mt_u128 reach);

#ifdef __cplusplus
}
#endif

#endif

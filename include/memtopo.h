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
const char *mt_err_name(int err);

typedef enum mt_kind {
	MT_CONTAINER,
	MT_RAM,
	MT_ROM,
	MT_MMIO,
	MT_ALIAS,
} mt_kind;

/* "container", "ram", "rom", "mmio", "alias". */
const char *mt_kind_name(mt_kind kind);

typedef struct mt_ctx mt_ctx;
typedef struct mt_space mt_space;

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
	bool log;	 /* dirty logging: a ram region whose log flag is on
			  * (SPEC section 2; not part of the identity) */
} mt_flat_range;

/* A coalesced-MMIO zone (SPEC section 3): [start, end), end <= 2^64.
 * Canonical order: start, then end. */
typedef struct mt_zone {
	uint64_t start;
	mt_u128 end;
} mt_zone;

int mt_zone_cmp(const mt_zone *a, const mt_zone *b);

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
int mt_ioeventfd_cmp(const mt_ioeventfd *a, const mt_ioeventfd *b);

/* An ioeventfd as registered on an mmio region: offset is region-relative. */
typedef struct mt_eventfd_spec {
	uint64_t offset;
	uint8_t size;
	bool match;
	uint64_t data;
	int32_t fd;
} mt_eventfd_spec;

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
} mt_backend_ops;

/* ---- context ---------------------------------------------------------- */

mt_ctx *mt_ctx_new(void);
void mt_ctx_free(mt_ctx *ctx);
/* Message of the last failed call (empty after a success). */
const char *mt_errmsg(const mt_ctx *ctx);

/* ---- regions (names match [A-Za-z0-9_.-]{1,64}) ------------------------ */

bool mt_region_exists(const mt_ctx *ctx, const char *name);
int mt_region_new(mt_ctx *ctx, const char *name, mt_kind kind, mt_u128 size);
int mt_alias_new(mt_ctx *ctx, const char *name, const char *target,
		 uint64_t offset, mt_u128 size);
int mt_map(mt_ctx *ctx, const char *parent, const char *child, uint64_t addr,
	   int32_t priority, bool may_overlap);
int mt_unmap(mt_ctx *ctx, const char *parent, const char *child);
int mt_move(mt_ctx *ctx, const char *child, uint64_t addr);
int mt_set_enabled(mt_ctx *ctx, const char *name, bool enabled);
int mt_destroy(mt_ctx *ctx, const char *name);

int mt_eventfd_add(mt_ctx *ctx, const char *region, const mt_eventfd_spec *e);
int mt_eventfd_del(mt_ctx *ctx, const char *region, const mt_eventfd_spec *e);

/* `log R on|off`: MT_ENOTFOUND, MT_EINVAL when R is not ram.  Idempotent;
 * the commit tells the backends (log_start / log_stop). */
int mt_set_log(mt_ctx *ctx, const char *region, bool on);
/* `coalesce` / `uncoalesce` a range (offset, size) of an mmio region:
 * 1 <= size < 2^32 and offset + size <= region size (SPEC section 1). */
int mt_coalesce_add(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size);
int mt_coalesce_del(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size);

/* ---- dirty pages (SPEC section 9) ------------------------------------- */

/* One maximal run of dirty pages of a region: [start, end), end <= size. */
typedef int (*mt_dirty_cb)(void *arg, const char *region, uint64_t region_id,
			   uint64_t start, mt_u128 end);
/* `sync`: let every space's backend report (log_sync, in creation order),
 * then call cb for each live region in creation order and each maximal run
 * of its dirty pages in offset order, then forget them all.  Returns MT_OK
 * or the first backend error (the runs are reported and forgotten anyway). */
int mt_sync(mt_ctx *ctx, mt_dirty_cb cb, void *arg);
/* For backends: bytes [offset, offset+len) of region region_id were written
 * while logged.  Ignored for a destroyed region. */
int mt_space_mark_dirty(const mt_space *space, uint64_t region_id,
			uint64_t offset, mt_u128 len);

/* ---- address spaces ---------------------------------------------------- */

/* ops may be NULL (a backend that accepts everything).  The space takes
 * ownership of opaque: ops->destroy(opaque) runs at mt_ctx_free, and also
 * right away if creation fails. */
int mt_space_new(mt_ctx *ctx, const char *name, const char *root, bool pio,
		 const mt_backend_ops *ops, void *opaque);
const mt_space *mt_space_find(const mt_ctx *ctx, const char *name);
size_t mt_space_count(const mt_ctx *ctx);
const mt_space *mt_space_at(const mt_ctx *ctx, size_t index);
const char *mt_space_name(const mt_space *space);
bool mt_space_is_pio(const mt_space *space);
void *mt_space_backend(const mt_space *space);

/* ---- transactions ------------------------------------------------------ */

/* Mutations made outside begin/commit are committed at once by each call. */
int mt_begin(mt_ctx *ctx);
int mt_commit(mt_ctx *ctx);
unsigned mt_transaction_depth(const mt_ctx *ctx);

/* ---- committed state --------------------------------------------------- */

/* Walk the flat view / installed set of a space as of its last update, in
 * canonical order.  A callback returning nonzero stops the walk and that
 * value is returned. */
typedef int (*mt_range_cb)(void *arg, const mt_flat_range *range);
typedef int (*mt_eventfd_cb)(void *arg, const mt_ioeventfd *e);
int mt_space_foreach_range(const mt_space *space, mt_range_cb cb, void *arg);
int mt_space_foreach_eventfd(const mt_space *space, mt_eventfd_cb cb,
			     void *arg);
size_t mt_space_range_count(const mt_space *space);
size_t mt_space_eventfd_count(const mt_space *space);
/* The installed zones IZ, in canonical order. */
typedef int (*mt_zone_cb)(void *arg, const mt_zone *z);
int mt_space_foreach_zone(const mt_space *space, mt_zone_cb cb, void *arg);
size_t mt_space_zone_count(const mt_space *space);

/* Which flat range serves absolute address addr: MT_OK and *out filled, or
 * MT_ENOTFOUND when nothing is mapped there.  O(log n). */
int mt_lookup(const mt_space *space, uint64_t addr, mt_flat_range *out);

/* ---- reference backend (SPEC section 4: Linux KVM's refusal rules) ----- */

/* One instance per space.  Refuses an add with MT_EINVAL when size > 0 and
 * addr + size = 2^64, else MT_ECONFLICT on ioeventfd_check_collision, else
 * MT_ENOSPACE when it holds 1000 zones (NR_IOBUS_DEVS); a zone add with
 * MT_ENOSPACE when it holds 1000 zones. */
const mt_backend_ops *mt_ref_backend_ops(void);
void *mt_ref_backend_new(void);
size_t mt_ref_backend_count(const void *backend);
size_t mt_ref_backend_zone_count(const void *backend);

#ifdef __cplusplus
}
#endif

#endif

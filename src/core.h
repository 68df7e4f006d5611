/* Internal structures of the core.  Only src/ includes this. */
#ifndef MT_CORE_H
#define MT_CORE_H

#include <stdarg.h>

#include "memtopo.h"
#include "tree.h"
#include "util.h"

typedef __int128 mt_i128;

struct mt_space;
struct mt_flat;
struct mt_view;

/* A growable array of pointers (scratch of walks and commits). */
struct mt_ptrvec {
	void **v;
	size_t n, cap;
};
/* util.c: MT_OK, or MT_ENOSPACE out of memory */
int mt_ptrvec_push(struct mt_ptrvec *v, void *p);

/* contents.c: a region's bytes (SPEC section 8), sparse pages */
struct mt_memory {
	struct mt_tree pages;
	mt_u128 size;	/* the region's */
	uint8_t *host;	/* once mapped (mt_memory_map): all the bytes */
	uint64_t host_size;
	bool map_failed;
};

struct mt_region {
	char name[65];
	uint64_t id;		/* never reused: identity of the object */
	mt_kind kind;
	mt_u128 size;
	bool enabled;
	bool dead;		/* destroyed; kept while flat ranges point here */
	struct mt_region *hash_next;

	/* Where it is mapped (parent == NULL: nowhere). */
	struct mt_region *parent;
	uint64_t addr;
	int32_t priority;
	bool may_overlap;
	uint64_t seq;		/* map sequence: larger = mapped more recently */
	struct mt_tnode sub_node; /* in parent->subs, by (addr, id) */
	mt_u128 sub_max_end;	/* max addr+size in this node's subtree */

	struct mt_tree subs;	/* subregions, an interval index */

	/* Alias: its target, and the list of aliases targeting this region. */
	struct mt_region *target;
	uint64_t alias_offset;
	struct mt_region *alias_head, *alias_next, *alias_prev;

	struct mt_view *view;	/* the shared view whose root this is, or NULL */
	unsigned nroots;	/* spaces declared with this root */
	uint64_t visit_gen;	/* loop detection: which search saw it last */
	/* Liveness: can this region render anything at all?  A terminal can;
	 * else it can when some subregion (or its alias target) can.  nlive
	 * counts those; renders and dirty walks skip what cannot. */
	size_t nlive;
	struct mt_region *live_next; /* intrusive stack of the propagation */

	struct mt_tree eventfds; /* struct mt_efd_reg by (offset, size, ...) */
	struct mt_flat *flats;	 /* committed flat ranges showing this region */
	size_t nflats;

	struct mt_memory mem;	/* contents (ram, rom) */
	struct mt_tnode id_node;  /* in ctx->by_id (live regions only) */
	bool log;		  /* ram: dirty logging requested */
	bool log_listed;	  /* on ctx->log_changed */
	struct mt_tree coalesced; /* struct mt_coal_reg by (offset, size) */
};

/* An ioeventfd registered on a region. */
struct mt_efd_reg {
	struct mt_tnode node;
	mt_eventfd_spec spec;
};

/* A committed flat range of a space. */
struct mt_flat {
	struct mt_tnode node;	/* in view->flats, by start */
	uint64_t start;
	mt_u128 end;
	uint64_t offset;
	struct mt_region *region;
	struct mt_view *view;
	struct mt_flat *rnext, *rprev; /* in region->flats */
	bool log;		/* as the backend was last told */
};

/* One tuple a space knows about: desired (dcount > 0), installed, or both. */
struct mt_efd_entry {
	struct mt_tnode node;	 /* in space->efds */
	struct mt_tnode mm_node; /* in space->mismatch when desired != installed */
	mt_ioeventfd t;
	unsigned dcount;	/* contributions from flat ranges */
	bool installed;		/* in I */
	bool prev_desired;	/* in D at the previous update */
	bool in_mismatch;
	bool on_changed;
	struct mt_efd_entry *changed_next;
};

struct mt_interval {
	mt_u128 lo, hi;
};

/* The flat view of one root, shared by every space with that root (as QEMU
 * shares a FlatView): rendered and updated once per commit; each space
 * keeps its own installed sets and backend. */
struct mt_view {
	struct mt_region *root;
	struct mt_tree flats;	/* struct mt_flat by start */
	struct mt_space **spaces; /* sharers (in no particular order) */
	size_t nspaces, spaces_cap;
	struct mt_view *next;	/* ctx->views */
	bool fresh;		/* never rendered */

	struct mt_interval *dirty;
	size_t ndirty, dirty_cap;
	bool dirty_all;

	/* The commit in progress: its generation and the diff every
	 * sharer emits. */
	uint64_t commit_gen;
	struct mt_ptrvec dels, adds;
	struct mt_ptrvec logchg; /* ranges whose log flag flipped (step 3) */
};

struct mt_space {
	char name[65];
	struct mt_region *root;
	bool pio;
	bool fresh;		/* not yet synced with its view: empty to the user */
	const mt_backend_ops *ops;
	void *opaque;

	struct mt_view *view;
	struct mt_tree efds;	/* struct mt_efd_entry by tuple */
	struct mt_tree mismatch; /* entries whose desired != installed */
	struct mt_efd_entry *changed; /* entries whose desired state toggled */
	size_t ninstalled;
	mt_ctx *ctx;
	struct mt_tree zones;	  /* struct mt_zone_entry by zone */
	struct mt_tree zmismatch; /* zone entries whose desired != installed */
	struct mt_zone_entry *zchanged;
	size_t nzinstalled;
	/* SPEC 10: pending coalesced writes the core holds (a backend without
	 * a ring), and how many the backend's ring holds (coalesced.c) */
	mt_guest_exit *pending;
	size_t npending, nheld;
	/* view_bind.c: switching views at this commit (joins the new one once
	 * it is up to date), and the ranges it had */
	bool joining;
	struct mt_ptrvec was;
};

struct mt_ctx {
	struct mt_region **rhash;
	size_t rhash_cap, nregions;
	uint64_t next_id, next_seq, visit_gen;

	struct mt_space **spaces;
	size_t nspaces, spaces_cap;
	struct mt_view *views;
	uint64_t commit_gen;

	unsigned depth;
	char errmsg[256];
	const mt_device_ops *dev; /* receives coalesced deliveries */
	void *dev_arg;

	struct mt_tree by_id;	/* live regions by id (creation order) */
	struct mt_region **log_changed; /* log flag set since the last commit */
	size_t nlog_changed, log_changed_cap;
	struct mt_tree dirty_pages; /* struct mt_dpage_run by (region id, page) */
};

/* region.c: names match [A-Za-z0-9_.-]{1,64} */
bool mt_valid_name(const char *name);

/* ctx.c: the last error message */
int mt_fail(mt_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* region_names.c: the name index of live regions */
struct mt_region *mt_region_lookup(const mt_ctx *ctx, const char *name);
int mt_region_hash_add(mt_ctx *ctx, struct mt_region *r);
void mt_region_hash_del(mt_ctx *ctx, struct mt_region *r);
/* region.c */
void mt_region_free(struct mt_region *r);
/* commit.c: finish a successful mutation, committed alone outside a
 * transaction */
int mt_mutated(mt_ctx *ctx);
/* space.c */
void mt_space_free(struct mt_space *s);

/* subregions.c: the interval index of a region's subregions */
void mt_subs_init(struct mt_region *r);
void mt_subs_insert(struct mt_region *parent, struct mt_region *child);
void mt_subs_remove(struct mt_region *parent, struct mt_region *child);
/* Subregions of r intersecting [lo, hi) (relative to r), appended to *out. */
int mt_subs_collect(const struct mt_region *r, mt_u128 lo, mt_u128 hi,
		    struct mt_region ***out, size_t *n, size_t *cap);
/* Sort into subregion order: priority descending, then most recent first. */
void mt_subs_sort(struct mt_region **v, size_t n);

/* dirty.c: which absolute ranges of which views a change may affect */
void mt_dirty_region(mt_ctx *ctx, struct mt_region *r, mt_u128 lo, mt_u128 hi);
void mt_view_add_dirty(struct mt_view *v, mt_u128 lo, mt_u128 hi);

/* live.c: liveness counts (see struct mt_region) */
static inline bool mt_live(const struct mt_region *r)
{
	return r->kind == MT_RAM || r->kind == MT_ROM || r->kind == MT_MMIO ||
	       r->nlive > 0;
}
/* child (or an alias's target) gained / lost r as a holder */
void mt_live_link(struct mt_region *holder, const struct mt_region *child);
void mt_live_unlink(struct mt_region *holder, const struct mt_region *child);

/* loop.c: is goal reachable from r through subregion and alias-target
 * links?  1 yes, 0 no, or MT_ENOSPACE (negated) when out of memory. */
int mt_reaches(mt_ctx *ctx, struct mt_region *r, struct mt_region *goal);

/* render.c: the flat view of a root inside a window.  Alias DAGs can show
 * one region through exponentially many paths: past MT_RENDER_BUDGET steps
 * in one window the render gives up with MT_EINVAL (the commit's error),
 * instead of running for ever.  Real topologies stay far below. */
#define MT_RENDER_BUDGET ((size_t)1 << 22)
struct mt_piece {
	uint64_t start;
	mt_u128 end;
	uint64_t offset;
	struct mt_region *region;
};
int mt_render_window(const struct mt_region *root, mt_u128 lo, mt_u128 hi,
		     struct mt_piece **out, size_t *n);

/* flatview.c */
struct mt_view *mt_view_new(struct mt_region *root);
int mt_view_join(struct mt_view *v, struct mt_space *s);
void mt_flat_fill(const struct mt_flat *f, mt_flat_range *out);
void mt_view_free(struct mt_view *v);
/* Free a view no space uses, its ranges unlinked from their regions. */
void mt_view_discard(struct mt_view *v);
/* At a commit: bring v up to date (once), keeping its diff for emission. */
int mt_view_update(struct mt_view *v);
/* Send s the region operations of its view's update (all of them when s
 * is fresh); then the diff can be released with mt_view_done. */
void mt_view_emit(struct mt_space *s);
void mt_view_done(struct mt_view *v);
/* Free a flat range no view holds (a copy), and its region when that was
 * the last reference to a destroyed one. */
void mt_flat_release(struct mt_flat *f);

/* view_bind.c: which view a space uses (QEMU's flat-view root rule) */
struct mt_region *mt_view_root_of(struct mt_region *r);
/* At a commit's start: spaces whose view root changed leave their view. */
void mt_views_rebind(mt_ctx *ctx);
/* After its view's update: a switched space joins it and gets the diff. */
int mt_view_emit_joined(struct mt_space *s);
/* After the commit: free the views no space uses. */
void mt_views_collect(mt_ctx *ctx);

/* eventfd.c */
void mt_efds_init(struct mt_space *s);
/* Flat range f appears (+1) or goes (-1): adjust the desired sets of its
 * view's synced sharers, or of `only` when not NULL. */
void mt_efd_contribute(struct mt_flat *f, int delta, struct mt_space *only);
int mt_efd_reconcile(struct mt_space *s);
void mt_efds_free(struct mt_space *s);
int mt_efd_reg_cmp(const struct mt_tnode *a, const struct mt_tnode *b);

/* commit.c */
int mt_do_commit(mt_ctx *ctx);

/* contents.c */
void mt_memory_init(struct mt_memory *m, mt_u128 size);
void mt_memory_free(struct mt_memory *m);

/* access.c: the one path by which a guest write reaches ram contents,
 * through flat range f (a memslot write of a backend, or an exit the core
 * emulates): region offset off, n bytes. */
int mt_ram_store(const mt_flat_range *f, uint64_t off, const void *bytes,
		 size_t n);
/* SPEC 8 rule 3: dispatch write or read x through s's committed view to
 * dev, piece by piece (a read's value into x->data); coalesced marks the
 * pieces of a delivered pending write. */
void mt_access_dispatch(struct mt_space *s, mt_guest_exit *x, bool coalesced,
			const mt_device_ops *dev, void *arg);

/* coalesced.c: pending coalesced writes (SPEC section 10) */
/* The core's own ring (a backend without one): true when x became pending. */
bool mt_pending_hold(struct mt_space *s, const mt_guest_exit *x);
/* Deliver s's pending writes, oldest first: the backend's ring, then the
 * core's (only one of them holds any in practice). */
void mt_pending_deliver(struct mt_space *s, const mt_device_ops *dev, void *arg);
void mt_pending_free(struct mt_space *s);
/* log.c: log flags and the commit's step 3 */
bool mt_region_logged(const struct mt_region *r);
int mt_log_update(mt_ctx *ctx, struct mt_view *v);
void mt_log_emit(struct mt_space *s);
void mt_log_settled(mt_ctx *ctx);
void mt_log_unlist(mt_ctx *ctx, struct mt_region *r);

/* zones.c: coalesced ranges, desired zones Z and installed IZ (step 4) */
struct mt_coal_reg {
	struct mt_tnode node;
	uint64_t offset, size;
};

struct mt_zone_entry {
	struct mt_tnode node;	 /* in space->zones */
	struct mt_tnode mm_node; /* in space->zmismatch */
	mt_zone z;
	unsigned dcount;	/* contributions from flat ranges */
	bool installed;		/* in IZ */
	bool prev_desired;	/* in Z at the previous update */
	bool in_mismatch;
	bool on_changed;
	struct mt_zone_entry *changed_next;
};

void mt_zones_region_init(struct mt_region *r);
void mt_zones_region_free(struct mt_region *r);
void mt_zones_init(struct mt_space *s);
void mt_zone_contribute(struct mt_flat *f, int delta, struct mt_space *only);
int mt_zones_reconcile(struct mt_space *s);
void mt_zones_free(struct mt_space *s);

/* dirty_pages.c: the per-region dirty page store (SPEC section 9); not
 * dirty.c, which is about the commit's re-render windows */
void mt_dirty_pages_init(mt_ctx *ctx);
/* Pages of r touched by [offset, offset+len) become dirty (ignored for a
 * destroyed region).  MT_OK or MT_ENOSPACE. */
int mt_dirty_mark(mt_ctx *ctx, struct mt_region *r, uint64_t offset,
		  mt_u128 len);
void mt_dirty_forget(mt_ctx *ctx, struct mt_region *r);
void mt_dirty_pages_free(mt_ctx *ctx);
void mt_by_id_init(mt_ctx *ctx);

#endif

/* Internal structures of the core.  Only src/ includes this. */
#ifndef MT_CORE_H
#define MT_CORE_H

#include <stdarg.h>

#include "memtopo.h"
#include "tree.h"

typedef __int128 mt_i128;

struct mt_space;
struct mt_flat;

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

	unsigned root_of;	/* how many spaces have this region as root */
	uint64_t visit_gen;	/* loop detection */

	struct mt_tree eventfds; /* struct mt_efd_reg by (offset, size, ...) */
	struct mt_flat *flats;	 /* committed flat ranges showing this region */
	size_t nflats;

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
	struct mt_tnode node;	/* in space->view, by start */
	uint64_t start;
	mt_u128 end;
	uint64_t offset;
	struct mt_region *region;
	struct mt_space *space;
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

struct mt_space {
	char name[65];
	struct mt_region *root;
	bool pio;
	bool fresh;		/* created since the last commit */
	const mt_backend_ops *ops;
	void *opaque;

	struct mt_tree view;	/* struct mt_flat by start */
	struct mt_tree efds;	/* struct mt_efd_entry by tuple */
	struct mt_tree mismatch; /* entries whose desired != installed */
	struct mt_efd_entry *changed; /* entries whose desired state toggled */
	size_t ninstalled;

	struct mt_interval *dirty;
	size_t ndirty, dirty_cap;
	bool dirty_all;

	mt_ctx *ctx;
	struct mt_tree zones;	  /* struct mt_zone_entry by zone */
	struct mt_tree zmismatch; /* zone entries whose desired != installed */
	struct mt_zone_entry *zchanged;
	size_t nzinstalled;
};

struct mt_ctx {
	struct mt_region **rhash;
	size_t rhash_cap, nregions;
	uint64_t next_id, next_seq, visit_gen;

	struct mt_space **spaces;
	size_t nspaces, spaces_cap;

	unsigned depth;
	char errmsg[256];

	struct mt_tree by_id;	/* live regions by id (creation order) */
	struct mt_region **log_changed; /* log flag set since the last commit */
	size_t nlog_changed, log_changed_cap;
	struct mt_tree dirty_pages; /* struct mt_dpage_run by (region id, page) */
};

/* region.c: names match [A-Za-z0-9_.-]{1,64} */
bool mt_valid_name(const char *name);

/* ctx.c */
int mt_fail(mt_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct mt_region *mt_region_lookup(const mt_ctx *ctx, const char *name);
int mt_region_hash_add(mt_ctx *ctx, struct mt_region *r);
void mt_region_hash_del(mt_ctx *ctx, struct mt_region *r);
void mt_region_free(struct mt_region *r);
/* Finish a successful mutation: commit it when outside a transaction. */
int mt_mutated(mt_ctx *ctx);

/* subregions.c: the interval index of a region's subregions */
void mt_subs_init(struct mt_region *r);
void mt_subs_insert(struct mt_region *parent, struct mt_region *child);
void mt_subs_remove(struct mt_region *parent, struct mt_region *child);
/* Subregions of r intersecting [lo, hi) (relative to r), appended to *out. */
int mt_subs_collect(const struct mt_region *r, mt_u128 lo, mt_u128 hi,
		    struct mt_region ***out, size_t *n, size_t *cap);
/* Sort into subregion order: priority descending, then most recent first. */
void mt_subs_sort(struct mt_region **v, size_t n);

/* dirty.c: which absolute ranges of which spaces a change may affect */
void mt_dirty_region(mt_ctx *ctx, struct mt_region *r, mt_u128 lo, mt_u128 hi);
int mt_space_add_dirty(struct mt_space *s, mt_u128 lo, mt_u128 hi);

/* render.c: the flat view of a space inside a window */
struct mt_piece {
	uint64_t start;
	mt_u128 end;
	uint64_t offset;
	struct mt_region *region;
};
int mt_render_window(const struct mt_space *s, mt_u128 lo, mt_u128 hi,
		     struct mt_piece **out, size_t *n);

/* flatview.c */
void mt_view_init(struct mt_space *s);
void mt_flat_fill(const struct mt_flat *f, mt_flat_range *out);
void mt_view_free(struct mt_space *s);
int mt_view_update(struct mt_space *s);

/* eventfd.c */
void mt_efds_init(struct mt_space *s);
void mt_efd_contribute(struct mt_flat *f, int delta);
int mt_efd_reconcile(struct mt_space *s);
void mt_efds_free(struct mt_space *s);
int mt_efd_reg_cmp(const struct mt_tnode *a, const struct mt_tnode *b);

/* commit.c */
int mt_do_commit(mt_ctx *ctx);

/* log.c: log flags and the commit's step 3 */
bool mt_region_logged(const struct mt_region *r);
int mt_log_update(struct mt_space *s);
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
void mt_zone_contribute(struct mt_flat *f, int delta);
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

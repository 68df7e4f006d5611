/* Internals of the reference model (fuzz/model.h), shared by its files:
 * model.c (object, output, dump, lookup), model_tree.c (commands on the
 * region tree and spaces), model_render.c (flat views), model_eventfd.c
 * (desired sets and the reference backend), model_exec.c (dispatch,
 * transactions, commits), model_zones.c (coalesced ranges, zones),
 * model_log.c (log flags, dirty pages, sync). */
#ifndef MT_MODEL_IMPL_H
#define MT_MODEL_IMPL_H

#include "model.h"

/* Work budget of one commit (node visits while rendering) and of the whole
 * run: alias DAGs make the number of paths exponential. */
#define MDL_COMMIT_BUDGET 4000000UL
#define MDL_TOTAL_BUDGET 64000000UL
#define MDL_MAX_DEPTH 2048 /* recursion guard; the tree is acyclic anyway */
/* Budget of the whole run's plain scans (the model's quadratic loops over
 * all regions or ranges: sorting subregions, loop checks, view diffs).
 * Fuzz inputs stay far below; big stress traces make the model give up
 * (mt_model_overflowed) instead of running for hours. */
#define MDL_SCAN_BUDGET (1ULL << 32)

/* Signed 128-bit: an alias can place its target's offset 0 below 0. */
typedef __int128 mdl_s128;

struct mdl_coal {
	uint64_t offset, size;
};

/* Pages [first, last] of a region (inclusive). */
struct mdl_pages {
	uint64_t first, last;
};

/* A zone: [start, end). */
struct mdl_zone {
	mt_u128 start, end;
};

struct mdl_efd {
	uint64_t offset;
	uint8_t size;
	bool match;
	uint64_t data; /* 0 when !match, so equal tuples compare equal */
	int32_t fd;
};

/* 64 bytes of a region's contents (SPEC section 8), kept sorted by index. */
struct mdl_block {
	uint64_t index; /* offset / 64 */
	uint8_t bytes[64];
};

/* A region object.  Its index in mt_model.regions is its identity: never
 * reused, so a destroyed region and a new one of the same name differ. */
struct mdl_region {
	char name[MT_NAME_MAX + 1];
	bool live; /* false once destroyed: the name is free again */
	mt_kind kind;
	mt_u128 size;
	bool enabled;
	long parent; /* index, -1 when not mapped */
	uint64_t addr;
	int32_t prio;
	bool may_overlap;
	uint64_t seq; /* map sequence number: larger is more recent */
	long target;  /* alias only */
	uint64_t alias_offset;
	struct mdl_efd *efds;
	size_t nefds, cap_efds;
	/* rendering scratch: subregions in subregion order */
	long *kids;
	size_t nkids;
	/* contents (ram, rom): the blocks ever written */
	struct mdl_block *mem;
	size_t nmem, cap_mem;
	bool log; /* ram: dirty logging on */
	struct mdl_coal *coal; /* coalesced ranges, unordered */
	size_t ncoal, cap_coal;
	struct mdl_pages *dirty; /* dirty page intervals, unmerged */
	size_t ndirty, cap_dirty;
};

struct mdl_range {
	mt_u128 start, end;
	long region; /* object index */
	mt_kind kind;
	uint64_t offset;
	char name[MT_NAME_MAX + 1]; /* copied: the object may be destroyed */
	bool log; /* its region is ram with log on (not identity) */
};

/* A backend tuple (SPEC section 3). */
struct mdl_tuple {
	mt_u128 addr;
	uint8_t size;
	bool match;
	uint64_t data;
	int32_t fd;
};

/* A pending coalesced write (SPEC section 10). */
struct mdl_write {
	uint64_t addr;
	unsigned size;
	uint64_t data;
};
#define MDL_RING 169 /* KVM's usable ring entries */

struct mdl_space {
	char name[MT_NAME_MAX + 1];
	long root;
	bool pio;
	struct mdl_range *view; /* as of the last update */
	size_t nview;
	struct mdl_tuple *inst; /* I: what the backend holds, canonical order */
	size_t ninst;
	struct mdl_tuple *prev_d; /* D of the last update */
	size_t nprev_d;
	struct mdl_zone *iz; /* IZ: installed zones, canonical order */
	size_t niz;
	struct mdl_zone *prev_z; /* Z of the last update */
	size_t nprev_z;
	struct mdl_write *pending; /* oldest first, at most MDL_RING */
	size_t npending;
};

struct mt_model {
	struct mdl_region *regions;
	size_t nregions, cap_regions;
	struct mdl_space *spaces;
	size_t nspaces, cap_spaces;
	uint64_t map_seq;
	unsigned depth; /* open transactions */
	unsigned commits;
	unsigned long visits;	    /* this commit */
	unsigned long total_visits; /* whole run */
	unsigned long long scans;   /* whole run, see MDL_SCAN_BUDGET */
	bool overflow;
	char *out;
	size_t outlen, outcap;
};

/* Charge work plain-scan steps; false (and overflowed) past the budget. */
static inline bool mdl_scan(mt_model *m, unsigned long long work)
{
	m->scans += work;
	if (m->scans > MDL_SCAN_BUDGET)
		m->overflow = true;
	return !m->overflow;
}

/* model.c */
void mdl_printf(mt_model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *mdl_hex(char buf[40], mt_u128 v);
const char *mdl_kind_name(mt_kind kind);
const char *mdl_err_name(int err);
void *mdl_grow(mt_model *m, void *p, size_t *cap, size_t need, size_t elem);
void mdl_dump(mt_model *m, const struct mdl_space *s);
void mdl_print_tuple(mt_model *m, const struct mdl_tuple *t);

/* model_tree.c: each returns MT_OK or the command's error code */
long mdl_find_region(const mt_model *m, const char *name);
long mdl_find_space(const mt_model *m, const char *name);
int mdl_cmd_region(mt_model *m, const mt_cmd *c);
int mdl_cmd_alias(mt_model *m, const mt_cmd *c);
int mdl_cmd_map(mt_model *m, const mt_cmd *c);
int mdl_cmd_unmap(mt_model *m, const mt_cmd *c);
int mdl_cmd_move(mt_model *m, const mt_cmd *c);
int mdl_cmd_enable(mt_model *m, const mt_cmd *c, bool on);
int mdl_cmd_destroy(mt_model *m, const mt_cmd *c);
int mdl_cmd_space(mt_model *m, const mt_cmd *c);
int mdl_cmd_efd_add(mt_model *m, const mt_cmd *c);
int mdl_cmd_efd_del(mt_model *m, const mt_cmd *c);

/* model_render.c: the flat view of space root, sorted and merged */
bool mdl_sort_kids(mt_model *m);
struct mdl_range *mdl_render(mt_model *m, long root, size_t *n);

/* model_eventfd.c */
int mdl_tuple_cmp(const struct mdl_tuple *a, const struct mdl_tuple *b);
struct mdl_tuple *mdl_desired(mt_model *m, const struct mdl_range *v,
			      size_t nv, size_t *n);
void mdl_update_eventfds(mt_model *m, struct mdl_space *s,
			 struct mdl_tuple *d, size_t nd);

/* model_exec.c */
void mdl_commit(mt_model *m);

/* model_access.c: `write` and `read` (SPEC section 8); MT_OK after
 * printing the access's lines, or the command's error code */
int mdl_cmd_access(mt_model *m, const mt_cmd *c);
/* SPEC 10: print and forget the pending writes of every space, in
 * creation order */
void mdl_deliver_all(mt_model *m);
/* model_zones.c */
#define MDL_BUS_DEVS 1000 /* NR_IOBUS_DEVS: zones a space's bus holds */
int mdl_cmd_coalesce(mt_model *m, const mt_cmd *c);
int mdl_cmd_uncoalesce(mt_model *m, const mt_cmd *c);
void mdl_update_zones(mt_model *m, struct mdl_space *s,
		      const struct mdl_range *v, size_t nv);

/* model_log.c */
int mdl_cmd_log(mt_model *m, const mt_cmd *c);
void mdl_dirty_mark(mt_model *m, long region, uint64_t offset, mt_u128 len);
void mdl_sync(mt_model *m);
void mdl_log_free(mt_model *m);

#endif

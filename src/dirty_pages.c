/* The dirty page store of SPEC section 9 (not dirty.c: that one tracks the
 * commit's re-render windows).
 *
 * Pages are the region's own, offset / 4096, never guest addresses.  The
 * store is one ordered set per context of maximal runs of dirty pages,
 * keyed by (region id, first page): ids grow with creation, so an in-order
 * walk is exactly `sync`'s order (regions in creation order, runs in offset
 * order).  A run costs one node whatever its length, so dirtying all of a
 * 2^64-byte region is cheap and an untouched one costs nothing.
 *
 * The context also keeps its live regions by id, so that a backend (which
 * knows ranges by region_id) can report pages with mt_space_mark_dirty.
 */
#include <stdlib.h>

#include "core.h"

#define PAGE_SHIFT 12

struct mt_dpage_run {
	struct mt_tnode node;
	struct mt_region *r;
	uint64_t first, last; /* pages, inclusive */
};

#define RUN(n) mt_container_of(n, struct mt_dpage_run, node)
#define BYID(n) mt_container_of(n, struct mt_region, id_node)

static int key_cmp(uint64_t ida, uint64_t pa, uint64_t idb, uint64_t pb)
{
	if (ida != idb)
		return ida < idb ? -1 : 1;
	return pa < pb ? -1 : pa > pb;
}

static int run_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return key_cmp(RUN(a)->r->id, RUN(a)->first, RUN(b)->r->id, RUN(b)->first);
}

static int id_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = BYID(a)->id, y = BYID(b)->id;

	return x < y ? -1 : x > y;
}

void mt_by_id_init(mt_ctx *ctx)
{
	mt_tree_init(&ctx->by_id, id_cmp, NULL);
}

void mt_dirty_pages_init(mt_ctx *ctx)
{
	mt_tree_init(&ctx->dirty_pages, run_cmp, NULL);
}

/* The run of region id with the largest first page <= page, or NULL. */
static struct mt_dpage_run *floor_run(const mt_ctx *ctx, uint64_t id,
				      uint64_t page)
{
	struct mt_tnode *h = ctx->dirty_pages.root;
	struct mt_dpage_run *best = NULL;

	while (h) {
		if (key_cmp(RUN(h)->r->id, RUN(h)->first, id, page) <= 0) {
			best = RUN(h);
			h = h->r;
		} else {
			h = h->l;
		}
	}
	return best && best->r->id == id ? best : NULL;
}

/* Runs of region id whose first page is in [lo, hi], in order. */
struct runs {
	struct mt_dpage_run **v;
	size_t n, cap;
	int err;
};

static void runs_in(struct runs *out, struct mt_tnode *h, uint64_t id,
		    uint64_t lo, uint64_t hi)
{
	while (h && !out->err) {
		struct mt_dpage_run *x = RUN(h);

		if (key_cmp(x->r->id, x->first, id, lo) < 0) {
			h = h->r;
			continue;
		}
		if (key_cmp(x->r->id, x->first, id, hi) > 0) {
			h = h->l;
			continue;
		}
		runs_in(out, h->l, id, lo, hi);
		if (!mt_grow(&out->v, &out->cap, out->n + 1, sizeof(*out->v))) {
			out->err = MT_ENOSPACE;
			return;
		}
		out->v[out->n++] = x;
		h = h->r;
	}
}

int mt_dirty_mark(mt_ctx *ctx, struct mt_region *r, uint64_t offset,
		  mt_u128 len)
{
	mt_u128 end = (mt_u128)offset + len;
	struct runs in = { NULL, 0, 0, MT_OK };
	struct mt_dpage_run *f, *m;
	uint64_t p0, p1;
	size_t i;

	if (r->dead || !len || offset >= r->size)
		return MT_OK;
	if (end > r->size)
		end = r->size;
	p0 = offset >> PAGE_SHIFT;
	p1 = (uint64_t)((end - 1) >> PAGE_SHIFT);
	/* Merge with every run that overlaps or touches [p0, p1]: the one
	 * starting below p0 (runs are disjoint) and those starting inside. */
	f = p0 ? floor_run(ctx, r->id, p0 - 1) : NULL;
	if (f && f->last + 1 < p0)
		f = NULL;
	runs_in(&in, ctx->dirty_pages.root, r->id, p0, p1 + 1);
	if (in.err) {
		free(in.v);
		return in.err;
	}
	m = f ? f : in.n ? in.v[0] : NULL;
	if (!m) {
		m = malloc(sizeof(*m));
		if (!m)
			return MT_ENOSPACE;
		m->r = r;
		m->first = p0;
		m->last = p1;
		mt_tree_insert(&ctx->dirty_pages, &m->node);
		return MT_OK;
	}
	for (i = 0; i < in.n; i++) {
		if (in.v[i] == m)
			continue;
		if (in.v[i]->last > p1)
			p1 = in.v[i]->last;
		mt_tree_remove(&ctx->dirty_pages, &in.v[i]->node);
		free(in.v[i]);
	}
	free(in.v);
	if (m->last > p1)
		p1 = m->last;
	/* m's key only moves down to p0 when it was not the floor run; no
	 * other run of r lies in [p0, m->first) any more. */
	if (m->first > p0) {
		mt_tree_remove(&ctx->dirty_pages, &m->node);
		m->first = p0;
		mt_tree_insert(&ctx->dirty_pages, &m->node);
	}
	m->last = p1;
	return MT_OK;
}

static int find_id(const mt_ctx *ctx, uint64_t id, struct mt_region **out)
{
	struct mt_tnode *h = ctx->by_id.root;

	while (h) {
		uint64_t x = BYID(h)->id;

		if (x == id) {
			*out = BYID(h);
			return MT_OK;
		}
		h = id < x ? h->l : h->r;
	}
	return MT_ENOTFOUND;
}

bool mt_region_id_live(const mt_ctx *ctx, uint64_t region_id)
{
	struct mt_region *r;

	return find_id(ctx, region_id, &r) == MT_OK;
}

int mt_space_mark_dirty(const mt_space *space, uint64_t region_id,
			uint64_t offset, mt_u128 len)
{
	struct mt_region *r;

	if (find_id(space->ctx, region_id, &r))
		return MT_OK; /* destroyed: never reported */
	return mt_dirty_mark(space->ctx, r, offset, len);
}

void mt_dirty_forget(mt_ctx *ctx, struct mt_region *r)
{
	struct runs all = { NULL, 0, 0, MT_OK };
	size_t i;

	/* Without memory to list them, drop them one at a time. */
	runs_in(&all, ctx->dirty_pages.root, r->id, 0, UINT64_MAX);
	if (all.err) {
		struct mt_dpage_run *x;

		while ((x = floor_run(ctx, r->id, UINT64_MAX))) {
			mt_tree_remove(&ctx->dirty_pages, &x->node);
			free(x);
		}
	}
	for (i = 0; i < all.n; i++) {
		mt_tree_remove(&ctx->dirty_pages, &all.v[i]->node);
		free(all.v[i]);
	}
	free(all.v);
}

struct report {
	mt_dirty_cb cb;
	void *arg;
};

static void report_run(void *arg, struct mt_tnode *n)
{
	struct report *rep = arg;
	struct mt_dpage_run *x = RUN(n);
	mt_u128 end = ((mt_u128)x->last + 1) << PAGE_SHIFT;

	if (end > x->r->size)
		end = x->r->size;
	if (rep->cb)
		rep->cb(rep->arg, x->r->name, x->r->id, x->first << PAGE_SHIFT, end);
	free(x);
}

int mt_sync(mt_ctx *ctx, mt_dirty_cb cb, void *arg)
{
	struct report rep = { cb, arg };
	int err = MT_OK;
	size_t i;

	ctx->errmsg[0] = 0;
	for (i = 0; i < ctx->nspaces; i++) {
		struct mt_space *s = ctx->spaces[i];
		int e = s->ops && s->ops->log_sync ? s->ops->log_sync(s->opaque, s) : 0;

		if (e && !err)
			err = mt_fail(ctx, e, "backend of space %s: dirty log sync failed",
				      s->name);
	}
	mt_tree_drain(&ctx->dirty_pages, report_run, &rep);
	return err;
}

static void free_run(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(RUN(n));
}

void mt_dirty_pages_free(mt_ctx *ctx)
{
	mt_tree_drain(&ctx->dirty_pages, free_run, NULL);
}

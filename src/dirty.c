/* Dirty tracking: a tree edit can change a view only where the edited
 * region shows through, so walk from the region up to every view root
 * (through parents, and through the aliases that target it) and record
 * that absolute range.  The commit re-renders only those ranges.
 *
 * Over-approximation is harmless (an unchanged range renders the same and
 * produces no operation); under-approximation would be a bug.  The walk
 * skips what cannot show the edit: a disabled region hides everything below
 * it (enabling it later dirties its whole extent).  Alias DAGs can make the
 * number of paths exponential, and chains can be deep, so past a budget the
 * walk gives up and marks every view wholly dirty.  The walk's stack is on
 * the heap; out of memory also means "everything dirty".
 */
#include <stdlib.h>

#include "core.h"

#define DIRTY_BUDGET 4096

void mt_view_add_dirty(struct mt_view *v, mt_u128 lo, mt_u128 hi)
{
	if (hi > MT_2_64)
		hi = MT_2_64;
	if (lo >= hi || v->dirty_all)
		return;
	if (!mt_grow(&v->dirty, &v->dirty_cap, v->ndirty + 1, sizeof(*v->dirty))) {
		/* Cannot remember the range: re-render everything. */
		v->dirty_all = true;
		return;
	}
	v->dirty[v->ndirty].lo = lo;
	v->dirty[v->ndirty].hi = hi;
	v->ndirty++;
}

struct frame {
	struct mt_region *r;
	mt_u128 lo, hi; /* relative to r */
};

struct walk {
	struct frame *v;
	size_t n, cap;
	bool overflow;
};

static void push(struct walk *w, struct mt_region *r, mt_u128 lo, mt_u128 hi)
{
	if (w->overflow || !r->enabled)
		return;
	if (w->n == w->cap) {
		size_t nc = w->cap ? w->cap * 2 : 32;
		struct frame *nv = realloc(w->v, nc * sizeof(*nv));

		if (!nv) {
			w->overflow = true;
			return;
		}
		w->v = nv;
		w->cap = nc;
	}
	w->v[w->n].r = r;
	w->v[w->n].lo = lo;
	w->v[w->n].hi = hi;
	w->n++;
}

/* One step: record at a view root, then continue to every holder. */
static void up(struct walk *w, const struct frame *f)
{
	struct mt_region *r = f->r, *a;
	mt_u128 lo = f->lo, hi = f->hi > r->size ? r->size : f->hi;

	if (lo >= hi)
		return;
	if (r->view)
		mt_view_add_dirty(r->view, lo, hi);
	if (r->parent)
		push(w, r->parent, lo + r->addr, hi + r->addr);
	/* Alias byte x shows target byte x + offset. */
	for (a = r->alias_head; a; a = a->alias_next)
		if (hi > a->alias_offset)
			push(w, a, lo > a->alias_offset ? lo - a->alias_offset : 0,
			     hi - a->alias_offset);
}

void mt_dirty_region(mt_ctx *ctx, struct mt_region *r, mt_u128 lo, mt_u128 hi)
{
	struct walk w = { 0 };
	unsigned budget = DIRTY_BUDGET;
	struct frame f = { r, lo, hi };
	struct mt_view *v;

	if (!ctx->views)
		return;
	up(&w, &f); /* r itself counts even when disabled: enable/disable */
	while (w.n && !w.overflow && budget) {
		f = w.v[--w.n];
		budget--;
		up(&w, &f);
	}
	if (w.n || w.overflow)
		for (v = ctx->views; v; v = v->next)
			v->dirty_all = true;
	free(w.v);
}

/* Dirty tracking: a tree edit can change a space's flat view only where the
 * edited region shows through, so walk from the region up to every space
 * root (through parents, and through the aliases that target it) and record
 * that absolute range.  The commit re-renders only those ranges.
 *
 * Over-approximation is harmless (an unchanged range renders the same and
 * produces no operation); under-approximation would be a bug.  Alias DAGs
 * can make the number of paths exponential, so past a budget the walk gives
 * up and marks every space wholly dirty.
 */
#include <stdlib.h>

#include "core.h"

#define DIRTY_BUDGET 4096

int mt_space_add_dirty(struct mt_space *s, mt_u128 lo, mt_u128 hi)
{
	if (hi > MT_2_64)
		hi = MT_2_64;
	if (lo >= hi || s->dirty_all)
		return MT_OK;
	if (!mt_grow(&s->dirty, &s->dirty_cap, s->ndirty + 1, sizeof(*s->dirty))) {
		/* Cannot remember the range: re-render everything. */
		s->dirty_all = true;
		return MT_OK;
	}
	s->dirty[s->ndirty].lo = lo;
	s->dirty[s->ndirty].hi = hi;
	s->ndirty++;
	return MT_OK;
}

static void up(mt_ctx *ctx, struct mt_region *r, mt_u128 lo, mt_u128 hi,
	       unsigned *budget)
{
	struct mt_region *a;
	size_t i;

	if (hi > r->size)
		hi = r->size;
	if (lo >= hi)
		return;
	if (!*budget) {
		for (i = 0; i < ctx->nspaces; i++)
			ctx->spaces[i]->dirty_all = true;
		return;
	}
	(*budget)--;
	if (r->root_of)
		for (i = 0; i < ctx->nspaces; i++)
			if (ctx->spaces[i]->root == r)
				mt_space_add_dirty(ctx->spaces[i], lo, hi);
	if (r->parent)
		up(ctx, r->parent, lo + r->addr, hi + r->addr, budget);
	/* Alias byte x shows target byte x + offset. */
	for (a = r->alias_head; a; a = a->alias_next) {
		mt_u128 alo = lo > a->alias_offset ? lo - a->alias_offset : 0;

		if (hi > a->alias_offset)
			up(ctx, a, alo, hi - a->alias_offset, budget);
	}
}

void mt_dirty_region(mt_ctx *ctx, struct mt_region *r, mt_u128 lo, mt_u128 hi)
{
	unsigned budget = DIRTY_BUDGET;

	up(ctx, r, lo, hi, &budget);
}

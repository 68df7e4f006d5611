/* Loop detection for `map P C`: is P reachable from C through subregion
 * and alias-target links?
 *
 * Two searches run in turns: down from C (subregions, alias target) and up
 * from P (parent, aliases targeting it).  Either one finishing without
 * meeting the other proves there is no path; a region seen by both proves
 * one.  So a map costs about twice the smaller of C's subtree and P's
 * ancestry: building a deep chain top-down or bottom-up is linear overall.
 * Both stacks live on the heap; nothing recurses.
 */
#include <stdlib.h>

#include "core.h"

#define SUB(n) mt_container_of(n, struct mt_region, sub_node)

struct search {
	struct mt_ptrvec stack;
	uint64_t mine, other; /* visit_gen values of this and the other search */
	size_t work;	      /* regions pushed so far */
	bool met;
};

/* Mark r as seen by s; push it when new.  Nonzero on out of memory. */
static int see(struct search *s, struct mt_region *r)
{
	if (r->visit_gen == s->mine)
		return 0;
	if (r->visit_gen == s->other) {
		s->met = true;
		return 0;
	}
	r->visit_gen = s->mine;
	s->work++;
	return mt_ptrvec_push(&s->stack, r);
}

/* Push every subregion of r (the treap is walked with the same stack). */
static int see_subs(struct search *s, struct mt_region *r)
{
	struct mt_ptrvec nodes = { 0 };
	int err = 0;

	if (r->subs.root)
		err = mt_ptrvec_push(&nodes, r->subs.root);
	while (!err && nodes.n) {
		struct mt_tnode *n = nodes.v[--nodes.n];

		err = see(s, SUB(n));
		if (!err && n->l)
			err = mt_ptrvec_push(&nodes, n->l);
		if (!err && n->r)
			err = mt_ptrvec_push(&nodes, n->r);
	}
	free(nodes.v);
	return err;
}

static int step_down(struct search *s)
{
	struct mt_region *r = s->stack.v[--s->stack.n];

	if (r->target && see(s, r->target))
		return MT_ENOSPACE;
	return see_subs(s, r) ? MT_ENOSPACE : MT_OK;
}

static int step_up(struct search *s)
{
	struct mt_region *r = s->stack.v[--s->stack.n], *a;

	if (r->parent && see(s, r->parent))
		return MT_ENOSPACE;
	for (a = r->alias_head; a; a = a->alias_next)
		if (see(s, a))
			return MT_ENOSPACE;
	return MT_OK;
}

int mt_reaches(mt_ctx *ctx, struct mt_region *r, struct mt_region *goal)
{
	struct search down = { .mine = ctx->visit_gen + 1, .other = ctx->visit_gen + 2 };
	struct search up = { .mine = ctx->visit_gen + 2, .other = ctx->visit_gen + 1 };
	int err = MT_OK, found = 0;

	ctx->visit_gen += 2;
	if (r == goal)
		return 1;
	if (see(&down, r) || see(&up, goal))
		err = MT_ENOSPACE;
	while (!err && !down.met && !up.met && down.stack.n && up.stack.n)
		err = down.work <= up.work ? step_down(&down) : step_up(&up);
	if (!err)
		found = down.met || up.met;
	free(down.stack.v);
	free(up.stack.v);
	return err ? -err : found;
}

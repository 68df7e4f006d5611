/* Liveness: whether a region can render anything (a terminal somewhere
 * below it, through subregions and alias targets).  Mapping or unmapping a
 * region that cannot render changes no view: no dirty walk, and renders
 * skip it, so chains of empty containers cost nothing per level.
 *
 * A change propagates up (parents, and the aliases that target a region)
 * only while it flips a region's liveness; each region flips at most once
 * per propagation (the graph is acyclic), so an intrusive stack suffices
 * and nothing here allocates or recurses. */
#include "core.h"

/* holder's count moved by delta; push it when its liveness flipped. */
static void adjust(struct mt_region *h, int delta, struct mt_region **stack)
{
	bool was = mt_live(h);

	if (delta > 0)
		h->nlive++;
	else
		h->nlive--;
	if (mt_live(h) != was) {
		h->live_next = *stack;
		*stack = h;
	}
}

static void propagate(struct mt_region *holder, int delta)
{
	struct mt_region *stack = NULL, *r, *a;

	adjust(holder, delta, &stack);
	while (stack) {
		r = stack;
		stack = r->live_next;
		if (r->parent)
			adjust(r->parent, delta, &stack);
		for (a = r->alias_head; a; a = a->alias_next)
			adjust(a, delta, &stack);
	}
}

void mt_live_link(struct mt_region *holder, const struct mt_region *child)
{
	if (mt_live(child))
		propagate(holder, +1);
}

void mt_live_unlink(struct mt_region *holder, const struct mt_region *child)
{
	if (mt_live(child))
		propagate(holder, -1);
}

/* The subregions of a region, as an interval index.
 *
 * Keyed by (addr, id); each node keeps the largest end (addr + size) of its
 * subtree, so a window query visits only subregions that can intersect it:
 * a commit that touches one small range of a container with 100k children
 * costs O(log n), not O(n).
 */
#include <stdlib.h>

#include "core.h"

#define SUB(n) mt_container_of(n, struct mt_region, sub_node)

static int sub_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	const struct mt_region *x = SUB(a), *y = SUB(b);

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

static void sub_update(struct mt_tnode *n)
{
	struct mt_region *r = SUB(n);
	mt_u128 m = (mt_u128)r->addr + r->size;

	if (n->l && SUB(n->l)->sub_max_end > m)
		m = SUB(n->l)->sub_max_end;
	if (n->r && SUB(n->r)->sub_max_end > m)
		m = SUB(n->r)->sub_max_end;
	r->sub_max_end = m;
}

void mt_subs_init(struct mt_region *r)
{
	mt_tree_init(&r->subs, sub_cmp, sub_update);
}

void mt_subs_insert(struct mt_region *parent, struct mt_region *child)
{
	mt_tree_insert(&parent->subs, &child->sub_node);
}

void mt_subs_remove(struct mt_region *parent, struct mt_region *child)
{
	mt_tree_remove(&parent->subs, &child->sub_node);
}

struct collect {
	mt_u128 lo, hi;
	struct mt_region ***out;
	size_t *n, *cap;
	int err;
};

static void collect(struct collect *c, struct mt_tnode *h)
{
	while (h && !c->err) {
		struct mt_region *r = SUB(h);

		if (r->sub_max_end <= c->lo)
			return; /* nothing below reaches the window */
		collect(c, h->l);
		if (r->addr >= c->hi)
			return; /* this and everything right start past it */
		if ((mt_u128)r->addr + r->size > c->lo && r->size) {
			if (!mt_grow(c->out, c->cap, *c->n + 1, sizeof(**c->out))) {
				c->err = MT_ENOSPACE;
				return;
			}
			(*c->out)[(*c->n)++] = r;
		}
		h = h->r;
	}
}

int mt_subs_collect(const struct mt_region *r, mt_u128 lo, mt_u128 hi,
		    struct mt_region ***out, size_t *n, size_t *cap)
{
	struct collect c = { lo, hi, out, n, cap, MT_OK };

	if (lo < hi)
		collect(&c, r->subs.root);
	return c.err;
}

static int order_cmp(const void *a, const void *b)
{
	const struct mt_region *x = *(struct mt_region *const *)a;
	const struct mt_region *y = *(struct mt_region *const *)b;

	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq > y->seq ? -1 : 1;
	return 0;
}

void mt_subs_sort(struct mt_region **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), order_cmp);
}

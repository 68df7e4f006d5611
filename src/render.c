/* Rendering (SPEC section 2) restricted to a window of a space.
 *
 * render(R, base, clip) is compositional in the clip: rendering the root
 * with clip W gives exactly the flat view restricted to W.  So a commit
 * renders only its dirty windows.  Covered bytes live in a scratch treap of
 * disjoint pieces; a terminal fills only the gaps of its window.
 */
#include <stdlib.h>

#include "core.h"

struct cov {
	struct mt_tnode node;
	struct mt_piece p;
};

#define COV(n) mt_container_of(n, struct cov, node)

struct render {
	struct mt_tree covered;
	struct cov **hits; /* scratch for fill() */
	size_t nhits, hits_cap;
	int err;
};

static int cov_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = COV(a)->p.start, y = COV(b)->p.start;

	return x < y ? -1 : x > y;
}

/* Pieces intersecting [lo, hi), in address order.  Pieces are disjoint, so
 * both starts and ends increase left to right. */
static void overlapping(struct render *st, struct mt_tnode *h, mt_u128 lo,
			mt_u128 hi)
{
	while (h && !st->err) {
		struct cov *c = COV(h);

		if (c->p.end <= lo) {
			h = h->r;
			continue;
		}
		if (c->p.start >= hi) {
			h = h->l;
			continue;
		}
		overlapping(st, h->l, lo, hi);
		if (!mt_grow(&st->hits, &st->hits_cap, st->nhits + 1, sizeof(*st->hits))) {
			st->err = MT_ENOSPACE;
			return;
		}
		st->hits[st->nhits++] = c;
		h = h->r;
	}
}

static void add_piece(struct render *st, mt_u128 lo, mt_u128 hi,
		      struct mt_region *r, mt_i128 base)
{
	struct cov *c = malloc(sizeof(*c));

	if (!c) {
		st->err = MT_ENOSPACE;
		return;
	}
	c->p.start = (uint64_t)lo;
	c->p.end = hi;
	c->p.offset = (uint64_t)((mt_i128)lo - base);
	c->p.region = r;
	mt_tree_insert(&st->covered, &c->node);
}

/* Every byte of [lo, hi) not yet covered becomes r's. */
static void fill(struct render *st, struct mt_region *r, mt_i128 base,
		 mt_u128 lo, mt_u128 hi)
{
	size_t i, n;
	mt_u128 at = lo;

	st->nhits = 0;
	overlapping(st, st->covered.root, lo, hi);
	n = st->nhits;
	/* add_piece does not touch hits[], and the gaps are computed from
	 * the pieces found before any insertion. */
	for (i = 0; i < n && !st->err; i++) {
		struct mt_piece *p = &st->hits[i]->p;

		if (p->start > at)
			add_piece(st, at, p->start, r, base);
		if (p->end > at)
			at = p->end;
	}
	if (at < hi && !st->err)
		add_piece(st, at, hi, r, base);
}

static void render(struct render *st, struct mt_region *r, mt_i128 base,
		   mt_u128 clo, mt_u128 chi)
{
	mt_i128 lo, hi;

	if (!r->enabled || st->err)
		return;
	lo = base > (mt_i128)clo ? base : (mt_i128)clo;
	hi = base + (mt_i128)r->size;
	if (hi > (mt_i128)chi)
		hi = chi;
	if (lo >= hi)
		return;
	if (r->kind == MT_ALIAS) {
		render(st, r->target, base - (mt_i128)r->alias_offset,
		       (mt_u128)lo, (mt_u128)hi);
		return;
	}
	if (r->subs.count) {
		struct mt_region **v = NULL;
		size_t n = 0, cap = 0, i;

		if (mt_subs_collect(r, (mt_u128)(lo - base), (mt_u128)(hi - base),
				    &v, &n, &cap)) {
			st->err = MT_ENOSPACE;
			return;
		}
		mt_subs_sort(v, n);
		for (i = 0; i < n; i++)
			render(st, v[i], base + (mt_i128)v[i]->addr, (mt_u128)lo,
			       (mt_u128)hi);
		free(v);
	}
	if (r->kind != MT_CONTAINER)
		fill(st, r, base, (mt_u128)lo, (mt_u128)hi);
}

struct emit {
	struct mt_piece *v;
	size_t n;
};

/* Collect pieces in order, merging neighbours of the same region object
 * whose offsets are contiguous (the canonical flat view). */
static void emit_piece(void *arg, struct mt_tnode *n)
{
	struct emit *e = arg;
	struct cov *c = COV(n);

	if (e->n) {
		struct mt_piece *last = &e->v[e->n - 1];

		if (last->region == c->p.region && last->end == c->p.start &&
		    (mt_u128)last->offset + (last->end - last->start) ==
			    c->p.offset) {
			last->end = c->p.end;
			free(c);
			return;
		}
	}
	e->v[e->n++] = c->p;
	free(c);
}

static void drop_piece(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(COV(n));
}

int mt_render_window(const struct mt_space *s, mt_u128 lo, mt_u128 hi,
		     struct mt_piece **out, size_t *n)
{
	struct render st = { .err = MT_OK };
	struct emit e = { NULL, 0 };

	mt_tree_init(&st.covered, cov_cmp, NULL);
	render(&st, s->root, 0, lo, hi);
	free(st.hits);
	if (!st.err && st.covered.count) {
		e.v = malloc(st.covered.count * sizeof(*e.v));
		if (!e.v)
			st.err = MT_ENOSPACE;
	}
	if (st.err) {
		mt_tree_drain(&st.covered, drop_piece, NULL);
		return st.err;
	}
	mt_tree_drain(&st.covered, emit_piece, &e);
	*out = e.v;
	*n = e.n;
	return MT_OK;
}

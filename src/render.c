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

struct step;

struct render {
	struct mt_tree covered;
	struct cov **hits; /* scratch for fill() */
	size_t nhits, hits_cap;
	struct step *steps; /* pending work, a stack */
	size_t nsteps, steps_cap;
	struct mt_region **subs; /* scratch for expand() */
	size_t subs_cap;
	size_t work; /* steps taken */
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

/* Is [lo, hi) already wholly covered by one piece?  Then nothing below can
 * add a byte: this prunes the second path of an alias diamond. */
static bool covered(const struct render *st, mt_u128 lo, mt_u128 hi)
{
	const struct mt_tnode *h = st->covered.root;
	const struct cov *best = NULL;

	while (h) {
		if (COV(h)->p.start <= lo) {
			best = COV(h);
			h = h->r;
		} else {
			h = h->l;
		}
	}
	return best && best->p.end >= hi;
}

/* A pending step: render a region, or fill a terminal's window once its
 * subregions are done.  Steps sit on a heap stack, so a chain of any depth
 * renders without recursion. */
struct step {
	struct mt_region *r;
	mt_i128 base;
	mt_u128 lo, hi;
	bool fill;
};

static void push(struct render *st, struct mt_region *r, mt_i128 base,
		 mt_u128 lo, mt_u128 hi, bool fill)
{
	if (st->nsteps == st->steps_cap) {
		size_t nc = st->steps_cap ? st->steps_cap * 2 : 32;
		struct step *v = realloc(st->steps, nc * sizeof(*v));

		if (!v) {
			st->err = MT_ENOSPACE;
			return;
		}
		st->steps = v;
		st->steps_cap = nc;
	}
	st->steps[st->nsteps++] = (struct step){ r, base, lo, hi, fill };
}

/* SPEC section 2 for one region: clip, then queue the alias target, or
 * the fill and the subregions (pushed last-first, so they run in order). */
static void expand(struct render *st, const struct step *s)
{
	struct mt_region *r = s->r;
	mt_i128 base = s->base, lo, hi;
	size_t n = 0, i;

	if (!r->enabled || !mt_live(r))
		return;
	lo = base > (mt_i128)s->lo ? base : (mt_i128)s->lo;
	hi = base + (mt_i128)r->size;
	if (hi > (mt_i128)s->hi)
		hi = s->hi;
	if (lo >= hi || covered(st, (mt_u128)lo, (mt_u128)hi))
		return;
	if (r->kind == MT_ALIAS) {
		push(st, r->target, base - (mt_i128)r->alias_offset, (mt_u128)lo,
		     (mt_u128)hi, false);
		return;
	}
	if (r->kind != MT_CONTAINER)
		push(st, r, base, (mt_u128)lo, (mt_u128)hi, true);
	if (r->subs.count && !st->err) {
		if (mt_subs_collect(r, (mt_u128)(lo - base), (mt_u128)(hi - base),
				    &st->subs, &n, &st->subs_cap)) {
			st->err = MT_ENOSPACE;
			return;
		}
		mt_subs_sort(st->subs, n);
		for (i = n; i-- > 0 && !st->err;)
			push(st, st->subs[i], base + (mt_i128)st->subs[i]->addr,
			     (mt_u128)lo, (mt_u128)hi, false);
	}
}

static void render(struct render *st, struct mt_region *root, mt_u128 lo,
		   mt_u128 hi)
{
	push(st, root, 0, lo, hi, false);
	while (st->nsteps && !st->err) {
		struct step s = st->steps[--st->nsteps];

		if (++st->work > MT_RENDER_BUDGET) {
			st->err = MT_EINVAL; /* alias DAG blowup */
			break;
		}
		if (s.fill)
			fill(st, s.r, s.base, s.lo, s.hi);
		else
			expand(st, &s);
	}
	free(st->steps);
	free(st->subs);
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

int mt_render_window(const struct mt_region *root, mt_u128 lo, mt_u128 hi,
		     struct mt_piece **out, size_t *n)
{
	struct render st = { .err = MT_OK };
	struct emit e = { NULL, 0 };

	mt_tree_init(&st.covered, cov_cmp, NULL);
	render(&st, (struct mt_region *)root, lo, hi);
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

/* A space's committed flat view and its incremental update.
 *
 * At a commit each dirty window is widened to the committed ranges that
 * touch it: the range holding the byte just left of it and the one holding
 * its end byte.  Bytes outside the dirty windows did not change, so the
 * re-rendered window can never merge with anything beyond that widening, and
 * diffing the window's old and new ranges yields exactly the region-del and
 * region-add operations of SPEC section 4.
 */
#include <stdlib.h>

#include "core.h"

#define FLAT(n) mt_container_of(n, struct mt_flat, node)

static int flat_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = FLAT(a)->start, y = FLAT(b)->start;

	return x < y ? -1 : x > y;
}

void mt_view_init(struct mt_space *s)
{
	mt_tree_init(&s->view, flat_cmp, NULL);
}

/* The committed range holding addr, or NULL. */
static struct mt_flat *containing(const struct mt_space *s, mt_u128 addr)
{
	struct mt_tnode *h = s->view.root;
	struct mt_flat *best = NULL;

	while (h) {
		struct mt_flat *f = FLAT(h);

		if (f->start <= addr) {
			best = f;
			h = h->r;
		} else {
			h = h->l;
		}
	}
	return best && best->end > addr ? best : NULL;
}

void mt_flat_fill(const struct mt_flat *f, mt_flat_range *out)
{
	out->start = f->start;
	out->end = f->end;
	out->kind = f->region->kind;
	out->region = f->region->name;
	out->region_id = f->region->id;
	out->region_size = f->region->size;
	out->offset = f->offset;
	out->log = f->log;
}

int mt_lookup(const mt_space *space, uint64_t addr, mt_flat_range *out)
{
	struct mt_flat *f = containing(space, addr);

	if (!f)
		return MT_ENOTFOUND;
	mt_flat_fill(f, out);
	return MT_OK;
}

struct vec {
	void **v;
	size_t n, cap;
};

static int push(struct vec *v, void *p)
{
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 16;
		void **nv = realloc(v->v, nc * sizeof(*nv));

		if (!nv)
			return MT_ENOSPACE;
		v->v = nv;
		v->cap = nc;
	}
	v->v[v->n++] = p;
	return MT_OK;
}

/* Committed ranges inside [lo, hi), in order. */
static int ranges_in(struct mt_tnode *h, mt_u128 lo, mt_u128 hi, struct vec *out)
{
	while (h) {
		struct mt_flat *f = FLAT(h);

		if (f->start < lo) {
			h = h->r;
			continue;
		}
		if (f->start >= hi) {
			h = h->l;
			continue;
		}
		if (ranges_in(h->l, lo, hi, out) || push(out, f))
			return MT_ENOSPACE;
		h = h->r;
	}
	return MT_OK;
}

static bool same(const struct mt_flat *f, const struct mt_piece *p)
{
	return f->start == p->start && f->end == p->end &&
	       f->region == p->region && f->offset == p->offset;
}

static int interval_cmp(const void *a, const void *b)
{
	const struct mt_interval *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Diff one widened window: old ranges not rendered again go to dels, new
 * pieces not present before become fresh mt_flat nodes in adds. */
static int diff_window(struct mt_space *s, mt_u128 lo, mt_u128 hi,
		       struct vec *dels, struct vec *adds)
{
	struct vec old = { 0 };
	struct mt_piece *p = NULL;
	size_t np = 0, i = 0, j = 0;
	int err = mt_render_window(s, lo, hi, &p, &np);

	if (!err)
		err = ranges_in(s->view.root, lo, hi, &old);
	while (!err && (i < old.n || j < np)) {
		struct mt_flat *f = i < old.n ? old.v[i] : NULL;

		if (f && j < np && same(f, &p[j])) {
			i++, j++;
		} else if (f && (j == np || f->start <= p[j].start)) {
			err = push(dels, f);
			i++;
		} else {
			struct mt_flat *nf = calloc(1, sizeof(*nf));

			if (!nf || push(adds, nf)) {
				free(nf);
				err = MT_ENOSPACE;
				break;
			}
			nf->start = p[j].start;
			nf->end = p[j].end;
			nf->offset = p[j].offset;
			nf->region = p[j].region;
			nf->space = s;
			nf->log = mt_region_logged(p[j].region);
			j++;
		}
	}
	free(old.v);
	free(p);
	return err;
}

static void link_flat(struct mt_flat *f)
{
	struct mt_region *r = f->region;

	mt_tree_insert(&f->space->view, &f->node);
	f->rprev = NULL;
	f->rnext = r->flats;
	if (r->flats)
		r->flats->rprev = f;
	r->flats = f;
	r->nflats++;
	mt_efd_contribute(f, +1);
	mt_zone_contribute(f, +1);
}

static void unlink_flat(struct mt_flat *f)
{
	struct mt_region *r = f->region;

	mt_efd_contribute(f, -1);
	mt_zone_contribute(f, -1);
	mt_tree_remove(&f->space->view, &f->node);
	if (f->rprev)
		f->rprev->rnext = f->rnext;
	else
		r->flats = f->rnext;
	if (f->rnext)
		f->rnext->rprev = f->rprev;
}

static void release_flat(struct mt_flat *f)
{
	struct mt_region *r = f->region;

	if (--r->nflats == 0 && r->dead)
		mt_region_free(r);
	free(f);
}

/* Compute every window's diff first, so that running out of memory leaves
 * the committed view and the backend untouched (and the space still dirty). */
static int plan(struct mt_space *s, struct vec *dels, struct vec *adds)
{
	struct mt_interval all = { 0, MT_2_64 }, *iv = &all;
	size_t n = 1, i = 0;
	int err = MT_OK;

	if (!s->fresh && !s->dirty_all) {
		iv = s->dirty;
		n = s->ndirty;
		qsort(iv, n, sizeof(*iv), interval_cmp);
	}
	while (i < n && !err) {
		mt_u128 lo = iv[i].lo, hi = iv[i].hi;
		struct mt_flat *f;

		i++;
		if (lo > 0 && (f = containing(s, lo - 1)))
			lo = f->start;
		for (;;) {
			if (hi < MT_2_64 && (f = containing(s, hi)))
				hi = f->end;
			if (i == n || iv[i].lo > hi)
				break;
			if (iv[i].hi > hi)
				hi = iv[i].hi;
			i++;
		}
		err = diff_window(s, lo, hi, dels, adds);
	}
	return err;
}

int mt_view_update(struct mt_space *s)
{
	struct vec dels = { 0 }, adds = { 0 };
	mt_flat_range fr;
	size_t i;
	int err = plan(s, &dels, &adds);

	if (err) {
		for (i = 0; i < adds.n; i++)
			free(adds.v[i]);
		free(dels.v);
		free(adds.v);
		return err;
	}
	for (i = 0; i < dels.n; i++)
		unlink_flat(dels.v[i]);
	for (i = 0; i < adds.n; i++)
		link_flat(adds.v[i]);
	for (i = 0; i < dels.n; i++) {
		mt_flat_fill(dels.v[i], &fr);
		if (s->ops && s->ops->region_del)
			s->ops->region_del(s->opaque, s, &fr);
	}
	for (i = 0; i < adds.n; i++) {
		mt_flat_fill(adds.v[i], &fr);
		if (s->ops && s->ops->region_add)
			s->ops->region_add(s->opaque, s, &fr);
	}
	for (i = 0; i < dels.n; i++)
		release_flat(dels.v[i]);
	free(dels.v);
	free(adds.v);
	s->fresh = false;
	s->dirty_all = false;
	s->ndirty = 0;
	return MT_OK;
}

static void free_flat(void *arg, struct mt_tnode *n)
{
	(void)arg;
	release_flat(FLAT(n));
}

void mt_view_free(struct mt_space *s)
{
	mt_tree_drain(&s->view, free_flat, NULL);
}

struct range_walk {
	mt_range_cb cb;
	void *arg;
};

static int walk_range(void *arg, struct mt_tnode *n)
{
	struct range_walk *w = arg;
	mt_flat_range fr;

	mt_flat_fill(FLAT(n), &fr);
	return w->cb(w->arg, &fr);
}

int mt_space_foreach_range(const mt_space *space, mt_range_cb cb, void *arg)
{
	struct range_walk w = { cb, arg };

	return mt_tree_walk(&space->view, walk_range, &w);
}

size_t mt_space_range_count(const mt_space *space)
{
	return space->view.count;
}

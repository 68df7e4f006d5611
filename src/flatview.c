/* The committed flat view of a root, shared by the spaces over it, and its
 * incremental update.
 *
 * At a commit each dirty window is widened to the committed ranges that
 * touch it: the range holding the byte just left of it and the one holding
 * its end byte.  Bytes outside the dirty windows did not change, so the
 * re-rendered window can never merge with anything beyond that widening, and
 * diffing the window's old and new ranges yields exactly the region-del and
 * region-add operations of SPEC section 4.  The view is updated once per
 * commit and every sharer emits the same diff; a space new to the view
 * gets every range instead.
 */
#include <stdlib.h>

#include "core.h"

#define FLAT(n) mt_container_of(n, struct mt_flat, node)

static int flat_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = FLAT(a)->start, y = FLAT(b)->start;

	return x < y ? -1 : x > y;
}

struct mt_view *mt_view_new(struct mt_region *root)
{
	struct mt_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->root = root;
	v->fresh = true;
	mt_tree_init(&v->flats, flat_cmp, NULL);
	return v;
}

int mt_view_join(struct mt_view *v, struct mt_space *s)
{
	if (v->nspaces == v->spaces_cap) {
		size_t nc = v->spaces_cap ? v->spaces_cap * 2 : 4;
		struct mt_space **nv = realloc(v->spaces, nc * sizeof(*nv));

		if (!nv)
			return MT_ENOSPACE;
		v->spaces = nv;
		v->spaces_cap = nc;
	}
	v->spaces[v->nspaces++] = s;
	s->view = v;
	return MT_OK;
}

/* The committed range holding addr, or NULL. */
static struct mt_flat *containing(const struct mt_view *v, mt_u128 addr)
{
	struct mt_tnode *h = v->flats.root;
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
	out->memory = f->region->kind == MT_RAM || f->region->kind == MT_ROM ?
			      &f->region->mem : NULL;
	out->log = f->log;
}

int mt_lookup(const mt_space *space, uint64_t addr, mt_flat_range *out)
{
	struct mt_flat *f = space->fresh ? NULL : containing(space->view, addr);

	if (!f)
		return MT_ENOTFOUND;
	mt_flat_fill(f, out);
	return MT_OK;
}

#define vec mt_ptrvec
#define push mt_ptrvec_push

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
static int diff_window(struct mt_view *s, mt_u128 lo, mt_u128 hi,
		       struct vec *dels, struct vec *adds)
{
	struct vec old = { 0 };
	struct mt_piece *p = NULL;
	size_t np = 0, i = 0, j = 0;
	int err = mt_render_window(s->root, lo, hi, &p, &np);

	if (!err)
		err = ranges_in(s->flats.root, lo, hi, &old);
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
			nf->view = s;
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

	mt_tree_insert(&f->view->flats, &f->node);
	f->rprev = NULL;
	f->rnext = r->flats;
	if (r->flats)
		r->flats->rprev = f;
	r->flats = f;
	r->nflats++;
	mt_efd_contribute(f, +1, NULL);
	mt_zone_contribute(f, +1, NULL);
}

/* Take f off its region's list of ranges. */
static void unlist_flat(struct mt_flat *f)
{
	if (f->rprev)
		f->rprev->rnext = f->rnext;
	else
		f->region->flats = f->rnext;
	if (f->rnext)
		f->rnext->rprev = f->rprev;
}

static void unlink_flat(struct mt_flat *f)
{
	mt_efd_contribute(f, -1, NULL);
	mt_zone_contribute(f, -1, NULL);
	mt_tree_remove(&f->view->flats, &f->node);
	unlist_flat(f);
}

void mt_flat_release(struct mt_flat *f)
{
	struct mt_region *r = f->region;

	if (--r->nflats == 0 && r->dead)
		mt_region_free(r);
	free(f);
}

/* Compute every window's diff first, so that running out of memory leaves
 * the committed view and the backend untouched (and the space still dirty). */
static int plan(struct mt_view *s, struct vec *dels, struct vec *adds)
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

static void drop_plan(struct mt_view *v)
{
	size_t i;

	for (i = 0; i < v->adds.n; i++)
		free(v->adds.v[i]);
	free(v->dels.v);
	free(v->adds.v);
	v->dels = (struct vec){ 0 };
	v->adds = (struct vec){ 0 };
}

int mt_view_update(struct mt_view *v)
{
	size_t i;
	int err;

	if (!v->fresh && !v->dirty_all && !v->ndirty)
		return MT_OK;
	err = plan(v, &v->dels, &v->adds);
	if (err) {
		drop_plan(v);
		return err;
	}
	for (i = 0; i < v->dels.n; i++)
		unlink_flat(v->dels.v[i]);
	for (i = 0; i < v->adds.n; i++)
		link_flat(v->adds.v[i]);
	v->fresh = false;
	v->dirty_all = false;
	v->ndirty = 0;
	return MT_OK;
}

static void emit(struct mt_space *s, struct mt_flat *f, bool add)
{
	mt_flat_range fr;

	mt_flat_fill(f, &fr);
	if (s->ops && (add ? s->ops->region_add : s->ops->region_del))
		(add ? s->ops->region_add : s->ops->region_del)(s->opaque, s, &fr);
}

static int emit_new(void *arg, struct mt_tnode *n)
{
	struct mt_space *s = arg;

	mt_efd_contribute(FLAT(n), +1, s);
	mt_zone_contribute(FLAT(n), +1, s);
	emit(s, FLAT(n), true);
	return 0;
}

void mt_view_emit(struct mt_space *s)
{
	struct mt_view *v = s->view;
	size_t i;

	if (s->fresh) {
		/* Its old view is empty: every range is new to it. */
		s->fresh = false;
		mt_tree_walk(&v->flats, emit_new, s);
		return;
	}
	for (i = 0; i < v->dels.n; i++)
		emit(s, v->dels.v[i], false);
	for (i = 0; i < v->adds.n; i++)
		emit(s, v->adds.v[i], true);
	mt_log_emit(s);
}

void mt_view_done(struct mt_view *v)
{
	size_t i;

	for (i = 0; i < v->dels.n; i++)
		mt_flat_release(v->dels.v[i]);
	free(v->dels.v);
	free(v->adds.v);
	free(v->logchg.v);
	v->dels = (struct vec){ 0 };
	v->adds = (struct vec){ 0 };
	v->logchg = (struct vec){ 0 };
}

static void free_flat(void *arg, struct mt_tnode *n)
{
	(void)arg;
	mt_flat_release(FLAT(n));
}

/* A view no space uses: its ranges leave their regions' lists too (unlike
 * at mt_ctx_free, where every view goes). */
static void discard_flat(void *arg, struct mt_tnode *n)
{
	(void)arg;
	unlist_flat(FLAT(n));
	mt_flat_release(FLAT(n));
}

void mt_view_discard(struct mt_view *v)
{
	mt_tree_drain(&v->flats, discard_flat, NULL);
	mt_view_free(v);
}

void mt_view_free(struct mt_view *v)
{
	/* first: draining may free the root's last reference */
	if (v->root && v->root->view == v)
		v->root->view = NULL;
	v->root = NULL;
	mt_tree_drain(&v->flats, free_flat, NULL);
	free(v->spaces);
	free(v->dirty);
	free(v);
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

	return space->fresh ? 0 : mt_tree_walk(&space->view->flats, walk_range, &w);
}

size_t mt_space_range_count(const mt_space *space)
{
	return space->fresh ? 0 : space->view->flats.count;
}

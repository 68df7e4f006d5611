/* Coalesced MMIO: ranges registered on mmio regions, the desired zones Z
 * of each space and their reconciliation with the installed zones IZ
 * (SPEC sections 1, 3 and 4 step 4).
 *
 * Built like eventfd.c: every committed flat range contributes the zones
 * its region's coalesced ranges give through it (clipped to the range), a
 * zone counts how many contributions it has, and the zones whose desired
 * and installed states differ sit in their own index.  Equal intervals are
 * one entry, so they count once.
 */
#include <stdlib.h>

#include "core.h"

#define COAL(n) mt_container_of(n, struct mt_coal_reg, node)
#define ZENT(n) mt_container_of(n, struct mt_zone_entry, node)
#define ZMM(n) mt_container_of(n, struct mt_zone_entry, mm_node)

#define MAX_COALESCE ((uint64_t)1 << 32) /* sizes are below 2^32 */

int mt_zone_cmp(const mt_zone *a, const mt_zone *b)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return 0;
}

static int coal_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	const struct mt_coal_reg *x = COAL(a), *y = COAL(b);

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->size < y->size ? -1 : x->size > y->size;
}

static int zent_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_zone_cmp(&ZENT(a)->z, &ZENT(b)->z);
}

static int zmm_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_zone_cmp(&ZMM(a)->z, &ZMM(b)->z);
}

void mt_zones_region_init(struct mt_region *r)
{
	mt_tree_init(&r->coalesced, coal_cmp, NULL);
}

static void free_coal(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(COAL(n));
}

void mt_zones_region_free(struct mt_region *r)
{
	mt_tree_drain(&r->coalesced, free_coal, NULL);
}

void mt_zones_init(struct mt_space *s)
{
	mt_tree_init(&s->zones, zent_cmp, NULL);
	mt_tree_init(&s->zmismatch, zmm_cmp, NULL);
}

static void settle(struct mt_space *s, struct mt_zone_entry *e)
{
	bool mismatch = (e->dcount > 0) != e->installed;

	if (mismatch && !e->in_mismatch)
		mt_tree_insert(&s->zmismatch, &e->mm_node);
	else if (!mismatch && e->in_mismatch)
		mt_tree_remove(&s->zmismatch, &e->mm_node);
	e->in_mismatch = mismatch;
	if (!e->dcount && !e->installed && !e->prev_desired && !e->on_changed) {
		mt_tree_remove(&s->zones, &e->node);
		free(e);
	}
}

static void adjust(struct mt_space *s, const mt_zone *z, int delta)
{
	struct mt_zone_entry key = { .z = *z }, *e;
	struct mt_tnode *n = mt_tree_find(&s->zones, &key.node);

	if (n) {
		e = ZENT(n);
	} else {
		if (delta < 0)
			return;
		e = calloc(1, sizeof(*e));
		if (!e)
			return; /* out of memory: the zone stays undesired */
		e->z = *z;
		mt_tree_insert(&s->zones, &e->node);
	}
	e->dcount += delta;
	if ((e->dcount > 0) != e->prev_desired && !e->on_changed) {
		e->on_changed = true;
		e->changed_next = s->zchanged;
		s->zchanged = e;
	}
	settle(s, e);
}

/* The zone c gives through f: [base + off, base + off + size) ∩ f. */
static void contribute_one(struct mt_space *s, struct mt_flat *f,
			   const struct mt_coal_reg *c, int delta)
{
	mt_i128 base = (mt_i128)f->start - (mt_i128)f->offset;
	mt_i128 lo = base + (mt_i128)c->offset, hi = lo + (mt_i128)c->size;
	mt_zone z;

	if (lo < (mt_i128)f->start)
		lo = f->start;
	if (hi > (mt_i128)f->end)
		hi = (mt_i128)f->end;
	if (lo >= hi)
		return;
	z.start = (uint64_t)lo;
	z.end = (mt_u128)hi;
	adjust(s, &z, delta);
}

/* Coalesced ranges with offset in [lo, hi). */
static void contribute_in(struct mt_space *s, struct mt_flat *f,
			  struct mt_tnode *h, uint64_t lo, mt_u128 hi, int delta)
{
	while (h) {
		const struct mt_coal_reg *c = COAL(h);

		if (c->offset < lo) {
			h = h->r;
			continue;
		}
		if (c->offset >= hi) {
			h = h->l;
			continue;
		}
		contribute_in(s, f, h->l, lo, hi, delta);
		contribute_one(s, f, c, delta);
		h = h->r;
	}
}

/* A range c reaches f only when c.offset < f's end offset and c.offset +
 * c.size > f.offset, and c.size < 2^32 bounds how far below it starts. */
static void contribute_space(struct mt_space *s, struct mt_flat *f, int delta)
{
	uint64_t lo = f->offset > MAX_COALESCE ? f->offset - MAX_COALESCE : 0;

	contribute_in(s, f, f->region->coalesced.root, lo,
		      (mt_u128)f->offset + (f->end - f->start), delta);
}

/* As mt_efd_contribute: every synced sharer of f's view, or only one (a
 * space syncing fresh); zone entries are per space. */
void mt_zone_contribute(struct mt_flat *f, int delta, struct mt_space *only)
{
	size_t i;

	if (!f->region->coalesced.count)
		return;
	if (only) {
		contribute_space(only, f, delta);
		return;
	}
	for (i = 0; i < f->view->nspaces; i++)
		if (!f->view->spaces[i]->fresh)
			contribute_space(f->view->spaces[i], f, delta);
}

/* c appears on (or leaves) flat range f: every synced sharer sees it. */
static void contribute_reg(struct mt_flat *f, const struct mt_coal_reg *c,
			   int delta)
{
	size_t i;

	for (i = 0; i < f->view->nspaces; i++)
		if (!f->view->spaces[i]->fresh)
			contribute_one(f->view->spaces[i], f, c, delta);
}

static int check_range(mt_ctx *ctx, const struct mt_region *r, uint64_t offset,
		       mt_u128 size)
{
	if (r->kind != MT_MMIO)
		return mt_fail(ctx, MT_EINVAL, "%s is not an mmio region", r->name);
	if (size < 1 || size >= MAX_COALESCE)
		return mt_fail(ctx, MT_EINVAL, "coalesced size must be in [1, 2^32)");
	if ((mt_u128)offset + size > r->size)
		return mt_fail(ctx, MT_EINVAL, "coalesced range runs past the end of %s",
			       r->name);
	return MT_OK;
}

int mt_coalesce_add(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size)
{
	struct mt_region *r = mt_region_lookup(ctx, region);
	struct mt_coal_reg *c;
	struct mt_flat *f;
	int err;

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", region);
	err = check_range(ctx, r, offset, size);
	if (err)
		return err;
	c = malloc(sizeof(*c));
	if (!c)
		return mt_fail(ctx, MT_ENOSPACE, "out of memory");
	c->offset = offset;
	c->size = (uint64_t)size;
	if (mt_tree_insert(&r->coalesced, &c->node)) {
		free(c);
		return mt_fail(ctx, MT_EEXIST, "%s already has that coalesced range",
			       region);
	}
	for (f = r->flats; f; f = f->rnext)
		contribute_reg(f, c, +1);
	return mt_mutated(ctx);
}

int mt_coalesce_del(mt_ctx *ctx, const char *region, uint64_t offset,
		    mt_u128 size)
{
	struct mt_region *r = mt_region_lookup(ctx, region);
	struct mt_coal_reg key, *c;
	struct mt_tnode *n = NULL;
	struct mt_flat *f;

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", region);
	key.offset = offset;
	key.size = (uint64_t)size;
	if (size < MAX_COALESCE)
		n = mt_tree_find(&r->coalesced, &key.node);
	if (!n)
		return mt_fail(ctx, MT_ENOTFOUND, "%s has no such coalesced range",
			       region);
	c = COAL(n);
	for (f = r->flats; f; f = f->rnext)
		contribute_reg(f, c, -1);
	mt_tree_remove(&r->coalesced, n);
	free(c);
	return mt_mutated(ctx);
}

static int collect(void *arg, struct mt_tnode *n)
{
	struct mt_zone_entry ***w = arg;

	*(*w)++ = ZMM(n);
	return 0;
}

/* Step 4: only when Z differs from the previous update's Z; deletions of
 * IZ \ Z first, then additions of Z \ IZ, each in canonical order. */
int mt_zones_reconcile(struct mt_space *s)
{
	struct mt_zone_entry *e, *next, **v, **w;
	bool differs = false;
	size_t i, n;

	for (e = s->zchanged; e; e = next) {
		next = e->changed_next;
		if ((e->dcount > 0) != e->prev_desired)
			differs = true;
		e->prev_desired = e->dcount > 0;
		e->on_changed = false;
		settle(s, e);
	}
	s->zchanged = NULL;
	if (!differs || !s->zmismatch.count)
		return MT_OK;
	n = s->zmismatch.count;
	v = w = malloc(n * sizeof(*v));
	if (!v)
		return MT_ENOSPACE;
	mt_tree_walk(&s->zmismatch, collect, &w);
	for (i = 0; i < n; i++) {
		e = v[i];
		if (e->installed && !e->dcount &&
		    (!s->ops || !s->ops->coalesced_del ||
		     s->ops->coalesced_del(s->opaque, s, &e->z) == MT_OK)) {
			e->installed = false;
			s->nzinstalled--;
		}
	}
	for (i = 0; i < n; i++) {
		e = v[i];
		if (!e->installed && e->dcount &&
		    (!s->ops || !s->ops->coalesced_add ||
		     s->ops->coalesced_add(s->opaque, s, &e->z) == MT_OK)) {
			e->installed = true;
			s->nzinstalled++;
		}
	}
	for (i = 0; i < n; i++)
		settle(s, v[i]);
	free(v);
	return MT_OK;
}

static void free_zent(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(ZENT(n));
}

void mt_zones_free(struct mt_space *s)
{
	mt_tree_drain(&s->zones, free_zent, NULL);
}

struct zone_walk {
	mt_zone_cb cb;
	void *arg;
};

static int walk_installed(void *arg, struct mt_tnode *n)
{
	struct zone_walk *w = arg;

	return ZENT(n)->installed ? w->cb(w->arg, &ZENT(n)->z) : 0;
}

int mt_space_foreach_zone(const mt_space *space, mt_zone_cb cb, void *arg)
{
	struct zone_walk w = { cb, arg };

	return mt_tree_walk(&space->zones, walk_installed, &w);
}

size_t mt_space_zone_count(const mt_space *space)
{
	return space->nzinstalled;
}

struct zone_cover {
	mt_u128 start, end;
};

/* In order by start: stop (no) at the first zone starting past the
 * access, stop (yes) at an installed zone around it. */
static int covers(void *arg, struct mt_tnode *n)
{
	const struct zone_cover *c = arg;
	const struct mt_zone_entry *e = ZENT(n);

	if (e->z.start > c->start)
		return -1;
	return e->installed && e->z.end >= c->end ? 1 : 0;
}

bool mt_space_zone_covers(const mt_space *space, uint64_t addr, unsigned len)
{
	struct zone_cover c = { addr, (mt_u128)addr + len };

	return mt_tree_walk(&space->zones, covers, &c) > 0;
}

/* ioeventfds: registration on mmio regions, the desired set D of each
 * space, and reconciliation with the installed set I (SPEC sections 3-4).
 *
 * D is kept incrementally: every committed flat range contributes the
 * ioeventfds of its region whose whole span it shows, and registering or
 * removing an ioeventfd adjusts the contributions of the region's ranges at
 * once.  Each space keeps one entry per tuple it knows (desired, installed
 * or both); the entries whose two states differ sit in a `mismatch` index,
 * so a commit touches only what changed, never the whole set.
 */
#include <stdlib.h>

#include "core.h"

#define REG(n) mt_container_of(n, struct mt_efd_reg, node)
#define ENTRY(n) mt_container_of(n, struct mt_efd_entry, node)
#define MM(n) mt_container_of(n, struct mt_efd_entry, mm_node)

static int spec_cmp(const mt_eventfd_spec *a, const mt_eventfd_spec *b)
{
	mt_ioeventfd x = { a->offset, a->size, a->match, a->data, a->fd };
	mt_ioeventfd y = { b->offset, b->size, b->match, b->data, b->fd };

	return mt_ioeventfd_cmp(&x, &y);
}

int mt_efd_reg_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return spec_cmp(&REG(a)->spec, &REG(b)->spec);
}

static int entry_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_ioeventfd_cmp(&ENTRY(a)->t, &ENTRY(b)->t);
}

static int mm_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_ioeventfd_cmp(&MM(a)->t, &MM(b)->t);
}

void mt_efds_init(struct mt_space *s)
{
	mt_tree_init(&s->efds, entry_cmp, NULL);
	mt_tree_init(&s->mismatch, mm_cmp, NULL);
}

static mt_u128 span(uint8_t size)
{
	return size ? size : 1;
}

/* Keep the entry's place in the mismatch index right, and free it when the
 * space no longer has any reason to remember it. */
static void settle(struct mt_space *s, struct mt_efd_entry *e)
{
	bool mismatch = (e->dcount > 0) != e->installed;

	if (mismatch && !e->in_mismatch)
		mt_tree_insert(&s->mismatch, &e->mm_node);
	else if (!mismatch && e->in_mismatch)
		mt_tree_remove(&s->mismatch, &e->mm_node);
	e->in_mismatch = mismatch;
	if (!e->dcount && !e->installed && !e->prev_desired && !e->on_changed) {
		mt_tree_remove(&s->efds, &e->node);
		free(e);
	}
}

static void adjust(struct mt_space *s, const mt_ioeventfd *t, int delta)
{
	struct mt_efd_entry key = { .t = *t }, *e;
	struct mt_tnode *n = mt_tree_find(&s->efds, &key.node);

	if (n) {
		e = ENTRY(n);
	} else {
		if (delta < 0)
			return;
		e = calloc(1, sizeof(*e));
		if (!e)
			return; /* out of memory: the tuple stays undesired */
		e->t = *t;
		mt_tree_insert(&s->efds, &e->node);
	}
	e->dcount += delta;
	if ((e->dcount > 0) != e->prev_desired && !e->on_changed) {
		e->on_changed = true;
		e->changed_next = s->changed;
		s->changed = e;
	}
	settle(s, e);
}

/* Apply reg's contribution through flat range f, if f shows its whole span. */
static void contribute_one(struct mt_space *s, struct mt_flat *f,
			   const mt_eventfd_spec *reg, int delta)
{
	mt_u128 len = f->end - f->start;
	mt_ioeventfd t;

	if (reg->offset < f->offset ||
	    (mt_u128)reg->offset + span(reg->size) > (mt_u128)f->offset + len)
		return;
	t.addr = (uint64_t)((mt_u128)f->start - f->offset + reg->offset);
	t.size = reg->size;
	t.match = reg->match;
	t.data = reg->data;
	t.fd = reg->fd;
	adjust(s, &t, delta);
}

/* Registered ioeventfds with offset in [lo, hi). */
static void contribute_in(struct mt_space *s, struct mt_flat *f,
			  struct mt_tnode *h, uint64_t lo, mt_u128 hi, int delta)
{
	while (h) {
		const mt_eventfd_spec *reg = &REG(h)->spec;

		if (reg->offset < lo) {
			h = h->r;
			continue;
		}
		if (reg->offset >= hi) {
			h = h->l;
			continue;
		}
		contribute_in(s, f, h->l, lo, hi, delta);
		contribute_one(s, f, reg, delta);
		h = h->r;
	}
}

static void contribute(struct mt_space *s, struct mt_flat *f, int delta)
{
	contribute_in(s, f, f->region->eventfds.root, f->offset,
		      (mt_u128)f->offset + (f->end - f->start), delta);
}

void mt_efd_contribute(struct mt_flat *f, int delta, struct mt_space *only)
{
	size_t i;

	if (!f->region->eventfds.count)
		return;
	if (only) {
		contribute(only, f, delta);
		return;
	}
	/* Fresh sharers get every range when they first sync. */
	for (i = 0; i < f->view->nspaces; i++)
		if (!f->view->spaces[i]->fresh)
			contribute(f->view->spaces[i], f, delta);
}

/* reg appears on (or leaves) flat range f: every synced sharer sees it. */
static void contribute_reg(struct mt_flat *f, const mt_eventfd_spec *reg,
			   int delta)
{
	size_t i;

	for (i = 0; i < f->view->nspaces; i++)
		if (!f->view->spaces[i]->fresh)
			contribute_one(f->view->spaces[i], f, reg, delta);
}

static int check_spec(mt_ctx *ctx, const struct mt_region *r,
		      const mt_eventfd_spec *e)
{
	if (r->kind != MT_MMIO)
		return mt_fail(ctx, MT_EINVAL, "%s is not an mmio region", r->name);
	if (e->size != 0 && e->size != 1 && e->size != 2 && e->size != 4 &&
	    e->size != 8)
		return mt_fail(ctx, MT_EINVAL, "ioeventfd size must be 0, 1, 2, 4 or 8");
	if (e->size == 0 && e->match)
		return mt_fail(ctx, MT_EINVAL, "size 0 (any width) cannot match data");
	if (e->match && e->size < 8 && e->data >> (8 * e->size))
		return mt_fail(ctx, MT_EINVAL, "data does not fit in %u bytes",
			       e->size);
	if ((mt_u128)e->offset + span(e->size) > r->size)
		return mt_fail(ctx, MT_EINVAL, "ioeventfd runs past the end of %s",
			       r->name);
	if (e->fd < 0)
		return mt_fail(ctx, MT_EINVAL, "fd must be in [0, 2^31)");
	return MT_OK;
}

static void normalize(mt_eventfd_spec *e)
{
	if (!e->match)
		e->data = 0;
}

int mt_eventfd_add(mt_ctx *ctx, const char *region, const mt_eventfd_spec *spec)
{
	struct mt_region *r = mt_region_lookup(ctx, region);
	struct mt_efd_reg *reg;
	struct mt_flat *f;
	int err;

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", region);
	err = check_spec(ctx, r, spec);
	if (err)
		return err;
	reg = malloc(sizeof(*reg));
	if (!reg)
		return mt_fail(ctx, MT_ENOSPACE, "out of memory");
	reg->spec = *spec;
	normalize(&reg->spec);
	if (mt_tree_insert(&r->eventfds, &reg->node)) {
		free(reg);
		return mt_fail(ctx, MT_EEXIST, "%s already has that ioeventfd",
			       region);
	}
	for (f = r->flats; f; f = f->rnext)
		contribute_reg(f, &reg->spec, +1);
	return mt_mutated(ctx);
}

int mt_eventfd_del(mt_ctx *ctx, const char *region, const mt_eventfd_spec *spec)
{
	struct mt_region *r = mt_region_lookup(ctx, region);
	struct mt_efd_reg key = { .spec = *spec }, *reg;
	struct mt_tnode *n;
	struct mt_flat *f;

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", region);
	normalize(&key.spec);
	n = mt_tree_find(&r->eventfds, &key.node);
	if (!n)
		return mt_fail(ctx, MT_ENOTFOUND, "%s has no such ioeventfd", region);
	reg = REG(n);
	for (f = r->flats; f; f = f->rnext)
		contribute_reg(f, &reg->spec, -1);
	mt_tree_remove(&r->eventfds, n);
	free(reg);
	return mt_mutated(ctx);
}

static int collect(void *arg, struct mt_tnode *n)
{
	struct mt_efd_entry ***w = arg;

	*(*w)++ = MM(n);
	return 0;
}

int mt_efd_reconcile(struct mt_space *s)
{
	struct mt_efd_entry *e, *next, **v, **w;
	bool differs = false;
	size_t i, n;

	for (e = s->changed; e; e = next) {
		next = e->changed_next;
		if ((e->dcount > 0) != e->prev_desired)
			differs = true;
		e->prev_desired = e->dcount > 0;
		e->on_changed = false;
		settle(s, e);
	}
	s->changed = NULL;
	if (!differs || !s->mismatch.count)
		return MT_OK;
	/* Snapshot: the backend calls below change the index. */
	n = s->mismatch.count;
	v = w = malloc(n * sizeof(*v));
	if (!v)
		return MT_ENOSPACE;
	mt_tree_walk(&s->mismatch, collect, &w);
	for (i = 0; i < n; i++) {
		e = v[i];
		if (e->installed && !e->dcount &&
		    (!s->ops || !s->ops->eventfd_del ||
		     s->ops->eventfd_del(s->opaque, s, &e->t) == MT_OK)) {
			e->installed = false;
			s->ninstalled--;
		}
	}
	for (i = 0; i < n; i++) {
		e = v[i];
		if (!e->installed && e->dcount &&
		    (!s->ops || !s->ops->eventfd_add ||
		     s->ops->eventfd_add(s->opaque, s, &e->t) == MT_OK)) {
			e->installed = true;
			s->ninstalled++;
		}
	}
	for (i = 0; i < n; i++)
		settle(s, v[i]);
	free(v);
	return MT_OK;
}

static void free_entry(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(ENTRY(n));
}

void mt_efds_free(struct mt_space *s)
{
	mt_tree_drain(&s->efds, free_entry, NULL);
}

struct efd_walk {
	mt_eventfd_cb cb;
	void *arg;
};

static int walk_installed(void *arg, struct mt_tnode *n)
{
	struct efd_walk *w = arg;

	return ENTRY(n)->installed ? w->cb(w->arg, &ENTRY(n)->t) : 0;
}

int mt_space_foreach_eventfd(const mt_space *space, mt_eventfd_cb cb, void *arg)
{
	struct efd_walk w = { cb, arg };

	return mt_tree_walk(&space->efds, walk_installed, &w);
}

size_t mt_space_eventfd_count(const mt_space *space)
{
	return space->ninstalled;
}

/* Canonical order of tuples (SPEC section 3). */
int mt_ioeventfd_cmp(const mt_ioeventfd *a, const mt_ioeventfd *b)
{
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->match != b->match)
		return a->match ? 1 : -1;
	if (a->match && a->data != b->data)
		return a->data < b->data ? -1 : 1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return 0;
}

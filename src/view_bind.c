/* Which shared view a space uses: QEMU's flat-view root rule.
 *
 * Spaces whose roots render the same flat view share one (rendered and
 * updated once per commit).  Stepping from a space's root to a region that
 * renders exactly the same view keeps the view equal (SPEC section 2):
 * - an enabled alias with offset 0 whose size is at least its target's:
 *   the target's window [0, target size) is never clipped;
 * - an enabled container with exactly one subregion, enabled, mapped at 0,
 *   no larger than the container: it alone renders, unclipped.
 * (QEMU also steps past disabled siblings; here a container must have one
 * subregion in all.)  So a device's bus-master space (a container holding
 * one enabled alias of system memory) shares system memory's view, as QEMU
 * shares its FlatView.  Any stopping point renders the same view, so the
 * walk is bounded (MAX_STEPS) and a deep chain only shares less.
 *
 * At every commit each space's view root is computed again; a space whose
 * root changed switches views: it leaves the old view before the views are
 * updated (with a snapshot of the ranges it had), joins the new one once
 * that is up to date, and is sent the difference between the two, as SPEC
 * section 4 steps 1-3 say.  A view no space uses any more is freed. */
#include <stdlib.h>

#include "core.h"

#define MAX_STEPS 64
#define FLAT(n) mt_container_of(n, struct mt_flat, node)
#define SUB(n) mt_container_of(n, struct mt_region, sub_node)

struct mt_region *mt_view_root_of(struct mt_region *r)
{
	unsigned steps;

	for (steps = 0; steps < MAX_STEPS && r->enabled; steps++) {
		if (r->kind == MT_ALIAS && r->target && !r->alias_offset &&
		    r->size >= r->target->size) {
			r = r->target;
			continue;
		}
		if (r->kind == MT_CONTAINER && r->subs.count == 1) {
			struct mt_region *c = SUB(r->subs.root);

			if (c->enabled && !c->addr && c->size <= r->size) {
				r = c;
				continue;
			}
		}
		break;
	}
	return r;
}

static struct mt_view *view_of(mt_ctx *ctx, struct mt_region *r)
{
	struct mt_view *v = r->view;

	if (v)
		return v;
	v = mt_view_new(r);
	if (!v)
		return NULL;
	v->next = ctx->views;
	ctx->views = v;
	r->view = v;
	return v;
}

static void leave(struct mt_view *v, struct mt_space *s)
{
	size_t i;

	for (i = 0; i < v->nspaces; i++)
		if (v->spaces[i] == s) {
			v->spaces[i] = v->spaces[--v->nspaces];
			break;
		}
}

struct snap {
	struct mt_space *s;
	struct mt_ptrvec out;
	int err;
};

static int copy_one(void *arg, struct mt_tnode *n)
{
	struct snap *w = arg;
	struct mt_flat *f = FLAT(n), *c = malloc(sizeof(*c));

	if (!c || mt_ptrvec_push(&w->out, c)) {
		free(c);
		return w->err = MT_ENOSPACE;
	}
	*c = *f;
	c->view = NULL;
	c->region->nflats++;
	return 0;
}

static int uncontribute(void *arg, struct mt_tnode *n)
{
	mt_efd_contribute(FLAT(n), -1, arg);
	mt_zone_contribute(FLAT(n), -1, arg);
	return 0;
}

/* The space's ranges as it has them: copies that keep their regions alive
 * (released with mt_flat_release once sent); then its desired sets forget
 * them.  Nothing changes when a copy cannot be made. */
static int snapshot(struct mt_space *s, struct mt_view *v)
{
	struct snap w = { s, { 0 }, MT_OK };

	mt_tree_walk(&v->flats, copy_one, &w);
	if (w.err) {
		while (w.out.n)
			mt_flat_release(w.out.v[--w.out.n]);
		free(w.out.v);
		return w.err;
	}
	mt_tree_walk(&v->flats, uncontribute, s);
	s->was = w.out;
	return MT_OK;
}

void mt_views_rebind(mt_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nspaces; i++) {
		struct mt_space *s = ctx->spaces[i];
		struct mt_region *root = mt_view_root_of(s->root);
		struct mt_view *nv;

		if (s->view->root == root)
			continue;
		nv = view_of(ctx, root);
		if (!nv || (!s->fresh && snapshot(s, s->view)))
			continue; /* out of memory: it stays on its old view, as exact */
		leave(s->view, s);
		s->view = nv;
		s->joining = true;
	}
}

static void send(struct mt_space *s, const struct mt_flat *f, bool add)
{
	void (*op)(void *, const mt_space *, const mt_flat_range *) =
		!s->ops ? NULL : add ? s->ops->region_add : s->ops->region_del;
	mt_flat_range fr;

	mt_flat_fill(f, &fr);
	if (op)
		op(s->opaque, s, &fr);
}

static void send_log(struct mt_space *s, const struct mt_flat *f)
{
	int (*op)(void *, const mt_space *, const mt_flat_range *) =
		!s->ops ? NULL : f->log ? s->ops->log_start : s->ops->log_stop;
	mt_flat_range fr;

	mt_flat_fill(f, &fr);
	if (op)
		op(s->opaque, s, &fr);
}

static bool same_range(const struct mt_flat *a, const struct mt_flat *b)
{
	return a->start == b->start && a->end == b->end && a->region == b->region &&
	       a->offset == b->offset;
}

static int collect(void *arg, struct mt_tnode *n)
{
	return mt_ptrvec_push(arg, FLAT(n));
}

/* The range of `in` (sorted by start) identical to f, or NULL. */
static const struct mt_flat *find_same(const struct mt_ptrvec *in, size_t *at,
				       const struct mt_flat *f)
{
	while (*at < in->n && ((const struct mt_flat *)in->v[*at])->start < f->start)
		++*at;
	return *at < in->n && same_range(in->v[*at], f) ? in->v[*at] : NULL;
}

/* Steps 1-3 between the snapshot and the new view, each by start:
 * deletions, additions, then log flags of the ranges in both. */
static void send_difference(struct mt_space *s, const struct mt_ptrvec *now)
{
	const struct mt_ptrvec *was = &s->was;
	const struct mt_flat *o;
	size_t i, at;

	for (i = 0, at = 0; i < was->n; i++)
		if (!find_same(now, &at, was->v[i]))
			send(s, was->v[i], false);
	for (i = 0, at = 0; i < now->n; i++)
		if (!find_same(was, &at, now->v[i]))
			send(s, now->v[i], true);
	for (i = 0, at = 0; i < now->n; i++)
		if ((o = find_same(was, &at, now->v[i])) &&
		    o->log != ((const struct mt_flat *)now->v[i])->log)
			send_log(s, now->v[i]);
}

/* A switched space joins its (updated) view and is sent the difference. */
int mt_view_emit_joined(struct mt_space *s)
{
	struct mt_view *v = s->view;
	struct mt_ptrvec now = { 0 };
	size_t i;
	int err = mt_view_join(v, s);

	if (err)
		return err;
	s->joining = false;
	if (s->fresh) {
		mt_view_emit(s); /* its old view was empty: every range is new */
		return MT_OK;
	}
	err = mt_tree_walk(&v->flats, collect, &now);
	for (i = 0; i < now.n; i++) {
		mt_efd_contribute(now.v[i], +1, s);
		mt_zone_contribute(now.v[i], +1, s);
	}
	if (!err) {
		/* Deletions of all first, then additions and log flags: the
		 * order of steps 1-3. */
		send_difference(s, &now);
	}
	free(now.v);
	for (i = 0; i < s->was.n; i++)
		mt_flat_release(s->was.v[i]);
	free(s->was.v);
	s->was = (struct mt_ptrvec){ 0 };
	return err;
}

/* Free the views no space uses (after the commit's emission). */
void mt_views_collect(mt_ctx *ctx)
{
	struct mt_view **p = &ctx->views;

	while (*p) {
		struct mt_view *v = *p;

		if (v->nspaces) {
			p = &v->next;
			continue;
		}
		*p = v->next;
		mt_view_discard(v);
	}
}

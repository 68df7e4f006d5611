/* Dirty-logging flags (SPEC sections 1, 2 and 4 step 3).
 *
 * `log R on|off` only flips the region's flag and puts the region on the
 * context's changed list: log is not part of a flat range's identity, so
 * nothing re-renders.  At the commit, after a space's region diff, the
 * ranges that survived and whose flag differs from what the backend was
 * last told get log-start / log-stop, by start.  New ranges carry the flag
 * in region-add; deleted ones leave with the flag they had.
 */
#include <stdlib.h>

#include "core.h"

bool mt_region_logged(const struct mt_region *r)
{
	return r->kind == MT_RAM && r->log;
}

static int list(mt_ctx *ctx, struct mt_region *r)
{
	if (r->log_listed)
		return MT_OK;
	if (!mt_grow(&ctx->log_changed, &ctx->log_changed_cap, ctx->nlog_changed + 1,
		     sizeof(*ctx->log_changed)))
		return MT_ENOSPACE;
	ctx->log_changed[ctx->nlog_changed++] = r;
	r->log_listed = true;
	return MT_OK;
}

int mt_set_log(mt_ctx *ctx, const char *name, bool on)
{
	struct mt_region *r = mt_region_lookup(ctx, name);

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", name);
	if (r->kind != MT_RAM)
		return mt_fail(ctx, MT_EINVAL, "%s is not a ram region", name);
	if (r->log != on) {
		if (list(ctx, r))
			return mt_fail(ctx, MT_ENOSPACE, "out of memory");
		r->log = on;
	}
	return mt_mutated(ctx);
}

/* A destroyed region leaves the list: its ranges all go at the commit. */
void mt_log_unlist(mt_ctx *ctx, struct mt_region *r)
{
	size_t i;

	if (!r->log_listed)
		return;
	for (i = 0; i < ctx->nlog_changed; i++) {
		if (ctx->log_changed[i] == r) {
			ctx->log_changed[i] = ctx->log_changed[--ctx->nlog_changed];
			break;
		}
	}
	r->log_listed = false;
}

static int by_start(const void *a, const void *b)
{
	const struct mt_flat *x = *(struct mt_flat *const *)a;
	const struct mt_flat *y = *(struct mt_flat *const *)b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Step 3 for one view (once per commit, after its region diff): its
 * surviving ranges whose flag changed, by start, flipped and kept in
 * v->logchg for every sharer to emit (mt_log_emit). */
int mt_log_update(mt_ctx *ctx, struct mt_view *v)
{
	struct mt_flat *f;
	size_t i;

	for (i = 0; i < ctx->nlog_changed; i++) {
		struct mt_region *r = ctx->log_changed[i];
		bool want = mt_region_logged(r);

		for (f = r->flats; f; f = f->rnext) {
			if (f->view != v || f->log == want)
				continue;
			if (mt_ptrvec_push(&v->logchg, f)) {
				free(v->logchg.v);
				v->logchg = (struct mt_ptrvec){ 0 };
				return MT_ENOSPACE;
			}
		}
	}
	if (v->logchg.n > 1)
		qsort(v->logchg.v, v->logchg.n, sizeof(*v->logchg.v), by_start);
	for (i = 0; i < v->logchg.n; i++) {
		f = v->logchg.v[i];
		f->log = !f->log;
	}
	return MT_OK;
}

/* Send s its view's log-start / log-stop (s was synced before: a fresh
 * space got the flags in region-add). */
void mt_log_emit(struct mt_space *s)
{
	struct mt_view *v = s->view;
	mt_flat_range fr;
	size_t i;

	for (i = 0; i < v->logchg.n; i++) {
		int (*op)(void *, const mt_space *, const mt_flat_range *);
		struct mt_flat *f = v->logchg.v[i];

		mt_flat_fill(f, &fr);
		op = !s->ops ? NULL : f->log ? s->ops->log_start : s->ops->log_stop;
		if (op)
			op(s->opaque, s, &fr);
	}
}

/* Every space is up to date: the flags are what the backends were told. */
void mt_log_settled(mt_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nlog_changed; i++)
		ctx->log_changed[i]->log_listed = false;
	ctx->nlog_changed = 0;
}

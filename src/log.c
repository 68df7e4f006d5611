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
	if (ctx->nlog_changed == ctx->log_changed_cap) {
		size_t nc = ctx->log_changed_cap ? ctx->log_changed_cap * 2 : 8;
		struct mt_region **v = realloc(ctx->log_changed, nc * sizeof(*v));

		if (!v)
			return MT_ENOSPACE;
		ctx->log_changed = v;
		ctx->log_changed_cap = nc;
	}
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

/* Step 3 for one space: its surviving ranges whose flag changed. */
int mt_log_update(struct mt_space *s)
{
	mt_ctx *ctx = s->ctx;
	struct mt_flat **v = NULL, *f;
	size_t n = 0, cap = 0, i;
	mt_flat_range fr;

	for (i = 0; i < ctx->nlog_changed; i++) {
		struct mt_region *r = ctx->log_changed[i];
		bool want = mt_region_logged(r);

		for (f = r->flats; f; f = f->rnext) {
			if (f->space != s || f->log == want)
				continue;
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 8;
				struct mt_flat **nv = realloc(v, nc * sizeof(*nv));

				if (!nv) {
					free(v);
					return MT_ENOSPACE;
				}
				v = nv;
				cap = nc;
			}
			v[n++] = f;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), by_start);
	for (i = 0; i < n; i++) {
		int (*op)(void *, const mt_space *, const mt_flat_range *);

		f = v[i];
		f->log = !f->log;
		mt_flat_fill(f, &fr);
		op = !s->ops ? NULL : f->log ? s->ops->log_start : s->ops->log_stop;
		if (op)
			op(s->opaque, s, &fr);
	}
	free(v);
	return MT_OK;
}

/* Every space is up to date: the flags are what the backends were told. */
void mt_log_settled(mt_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nlog_changed; i++)
		ctx->log_changed[i]->log_listed = false;
	ctx->nlog_changed = 0;
}

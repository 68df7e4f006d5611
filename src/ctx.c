/* The context: its lifetime and its last error message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

int mt_fail(mt_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

const char *mt_errmsg(const mt_ctx *ctx)
{
	return ctx->errmsg;
}

mt_ctx *mt_ctx_new(void)
{
	mt_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return NULL;
	ctx->rhash_cap = 64;
	ctx->rhash = calloc(ctx->rhash_cap, sizeof(*ctx->rhash));
	if (!ctx->rhash) {
		free(ctx);
		return NULL;
	}
	ctx->next_id = 1;
	mt_by_id_init(ctx);
	mt_dirty_pages_init(ctx);
	return ctx;
}

void mt_ctx_free(mt_ctx *ctx)
{
	size_t i;

	if (!ctx)
		return;
	for (i = 0; i < ctx->nspaces; i++)
		mt_space_free(ctx->spaces[i]);
	free(ctx->spaces);
	while (ctx->views) {
		struct mt_view *v = ctx->views;

		ctx->views = v->next;
		mt_view_free(v);
	}
	mt_dirty_pages_free(ctx);
	free(ctx->log_changed);
	/* Live regions are in the hash; dead ones were freed with their
	 * last flat range by mt_view_free. */
	for (i = 0; i < ctx->rhash_cap; i++) {
		struct mt_region *r = ctx->rhash[i], *next;

		for (; r; r = next) {
			next = r->hash_next;
			mt_region_free(r);
		}
	}
	free(ctx->rhash);
	free(ctx);
}


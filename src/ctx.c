/* The context: region name table, spaces, error messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *const err_names[MT_ERR_COUNT] = {
	[MT_OK] = "ok",
	[MT_ESYNTAX] = "syntax",
	[MT_ENOTFOUND] = "not-found",
	[MT_EEXIST] = "exists",
	[MT_EINVAL] = "invalid",
	[MT_EBUSY] = "busy",
	[MT_ELOOP] = "loop",
	[MT_EOVERLAP] = "overlap",
	[MT_ECONFLICT] = "conflict",
	[MT_ENOSPACE] = "no-space",
};

const char *mt_err_name(int err)
{
	if (err < 0 || err >= MT_ERR_COUNT)
		return "invalid";
	return err_names[err];
}

const char *mt_kind_name(mt_kind kind)
{
	switch (kind) {
	case MT_CONTAINER: return "container";
	case MT_RAM: return "ram";
	case MT_ROM: return "rom";
	case MT_MMIO: return "mmio";
	case MT_ALIAS: return "alias";
	}
	return "?";
}

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

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

struct mt_region *mt_region_lookup(const mt_ctx *ctx, const char *name)
{
	struct mt_region *r;

	if (!name)
		return NULL;
	r = ctx->rhash[name_hash(name) & (ctx->rhash_cap - 1)];

	while (r && strcmp(r->name, name))
		r = r->hash_next;
	return r;
}

static int rehash(mt_ctx *ctx)
{
	size_t cap = ctx->rhash_cap * 2, i;
	struct mt_region **nh = calloc(cap, sizeof(*nh));

	if (!nh)
		return MT_ENOSPACE;
	for (i = 0; i < ctx->rhash_cap; i++) {
		struct mt_region *r = ctx->rhash[i], *next;

		for (; r; r = next) {
			size_t b = name_hash(r->name) & (cap - 1);

			next = r->hash_next;
			r->hash_next = nh[b];
			nh[b] = r;
		}
	}
	free(ctx->rhash);
	ctx->rhash = nh;
	ctx->rhash_cap = cap;
	return MT_OK;
}

int mt_region_hash_add(mt_ctx *ctx, struct mt_region *r)
{
	size_t b;

	if (ctx->nregions + 1 > ctx->rhash_cap && rehash(ctx))
		return MT_ENOSPACE;
	b = name_hash(r->name) & (ctx->rhash_cap - 1);
	r->hash_next = ctx->rhash[b];
	ctx->rhash[b] = r;
	ctx->nregions++;
	return MT_OK;
}

void mt_region_hash_del(mt_ctx *ctx, struct mt_region *r)
{
	struct mt_region **p = &ctx->rhash[name_hash(r->name) & (ctx->rhash_cap - 1)];

	while (*p != r)
		p = &(*p)->hash_next;
	*p = r->hash_next;
	ctx->nregions--;
}

static void free_efd_reg(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(mt_container_of(n, struct mt_efd_reg, node));
}

void mt_region_free(struct mt_region *r)
{
	mt_tree_drain(&r->eventfds, free_efd_reg, NULL);
	mt_zones_region_free(r);
	free(r);
}

int mt_mutated(mt_ctx *ctx)
{
	ctx->errmsg[0] = 0;
	return ctx->depth ? MT_OK : mt_do_commit(ctx);
}

void mt_ctx_free(mt_ctx *ctx)
{
	size_t i;

	if (!ctx)
		return;
	for (i = 0; i < ctx->nspaces; i++) {
		struct mt_space *s = ctx->spaces[i];

		mt_view_free(s);
		mt_efds_free(s);
		mt_zones_free(s);
		if (s->ops && s->ops->destroy)
			s->ops->destroy(s->opaque);
		free(s->dirty);
		free(s);
	}
	free(ctx->spaces);
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

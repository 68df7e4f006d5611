/* The region name index of a context: a chained hash table from name to
 * live region (regions and spaces have separate namespaces, SPEC section 5). */
#include <stdlib.h>
#include <string.h>

#include "core.h"

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

/* Address spaces: a root region bound to a backend, kept in creation order. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static struct mt_space *find(const mt_ctx *ctx, const char *name)
{
	size_t i;

	for (i = 0; name && i < ctx->nspaces; i++)
		if (!strcmp(ctx->spaces[i]->name, name))
			return ctx->spaces[i];
	return NULL;
}

static int fail_owned(const mt_backend_ops *ops, void *opaque, int err)
{
	if (ops && ops->destroy)
		ops->destroy(opaque);
	return err;
}

int mt_space_new(mt_ctx *ctx, const char *name, const char *root, bool pio,
		 const mt_backend_ops *ops, void *opaque)
{
	struct mt_region *r;
	struct mt_space *s;

	if (!mt_valid_name(name))
		return fail_owned(ops, opaque,
				  mt_fail(ctx, MT_ESYNTAX, "bad space name"));
	if (find(ctx, name))
		return fail_owned(ops, opaque,
				  mt_fail(ctx, MT_EEXIST, "space %s exists", name));
	r = mt_region_lookup(ctx, root);
	if (!r)
		return fail_owned(ops, opaque,
				  mt_fail(ctx, MT_ENOTFOUND, "no region %s", root));
	if (ctx->nspaces == ctx->spaces_cap) {
		size_t nc = ctx->spaces_cap ? ctx->spaces_cap * 2 : 4;
		struct mt_space **v = realloc(ctx->spaces, nc * sizeof(*v));

		if (!v)
			return fail_owned(ops, opaque,
					  mt_fail(ctx, MT_ENOSPACE, "out of memory"));
		ctx->spaces = v;
		ctx->spaces_cap = nc;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return fail_owned(ops, opaque,
				  mt_fail(ctx, MT_ENOSPACE, "out of memory"));
	strcpy(s->name, name);
	s->root = r;
	s->pio = pio;
	s->fresh = true;
	s->ops = ops;
	s->opaque = opaque;
	s->ctx = ctx;
	mt_view_init(s);
	mt_efds_init(s);
	mt_zones_init(s);
	r->root_of++;
	ctx->spaces[ctx->nspaces++] = s;
	return mt_mutated(ctx);
}

const mt_space *mt_space_find(const mt_ctx *ctx, const char *name)
{
	return find(ctx, name);
}

size_t mt_space_count(const mt_ctx *ctx)
{
	return ctx->nspaces;
}

const mt_space *mt_space_at(const mt_ctx *ctx, size_t index)
{
	return index < ctx->nspaces ? ctx->spaces[index] : NULL;
}

const char *mt_space_name(const mt_space *space)
{
	return space->name;
}

bool mt_space_is_pio(const mt_space *space)
{
	return space->pio;
}

void *mt_space_backend(const mt_space *space)
{
	return space->opaque;
}

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

/* Share the view of r's other spaces, or start one. */
static int join_view(mt_ctx *ctx, struct mt_region *r, struct mt_space *s)
{
	struct mt_view *v = r->view;

	if (!v) {
		v = mt_view_new(r);
		if (!v)
			return MT_ENOSPACE;
		if (mt_view_join(v, s)) {
			mt_view_free(v);
			return MT_ENOSPACE;
		}
		v->next = ctx->views;
		ctx->views = v;
		r->view = v;
		return MT_OK;
	}
	return mt_view_join(v, s);
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
	if (!mt_grow(&ctx->spaces, &ctx->spaces_cap, ctx->nspaces + 1, sizeof(*ctx->spaces)))
		return fail_owned(ops, opaque, mt_fail(ctx, MT_ENOSPACE, "out of memory"));
	s = calloc(1, sizeof(*s));
	if (!s || join_view(ctx, r, s)) {
		free(s);
		return fail_owned(ops, opaque,
				  mt_fail(ctx, MT_ENOSPACE, "out of memory"));
	}
	strcpy(s->name, name);
	s->root = r;
	r->nroots++;
	s->pio = pio;
	s->fresh = true;
	s->ops = ops;
	s->opaque = opaque;
	s->ctx = ctx;
	mt_efds_init(s);
	mt_zones_init(s);
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

/* A space's sets and backend (the context frees the array and the shared
 * views). */
void mt_space_free(struct mt_space *s)
{
	mt_efds_free(s);
	mt_zones_free(s);
	mt_pending_free(s);
	if (s->ops && s->ops->destroy)
		s->ops->destroy(s->opaque);
	free(s);
}

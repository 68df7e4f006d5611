/* Transactions and the commit of SPEC section 4. */
#include "core.h"

int mt_begin(mt_ctx *ctx)
{
	ctx->depth++;
	ctx->errmsg[0] = 0;
	return MT_OK;
}

int mt_commit(mt_ctx *ctx)
{
	ctx->errmsg[0] = 0;
	if (!ctx->depth)
		return mt_fail(ctx, MT_EINVAL, "commit without begin");
	if (--ctx->depth)
		return MT_OK;
	return mt_do_commit(ctx);
}

unsigned mt_transaction_depth(const mt_ctx *ctx)
{
	return ctx->depth;
}

/* Bring every space up to date, in creation order: region diff first, then
 * log flags, zones, and the ioeventfd difference (deletions before
 * additions). */
int mt_do_commit(mt_ctx *ctx)
{
	int err = MT_OK;
	size_t i;

	ctx->errmsg[0] = 0;
	for (i = 0; i < ctx->nspaces; i++) {
		struct mt_space *s = ctx->spaces[i];
		int e = MT_OK;

		if (s->fresh || s->dirty_all || s->ndirty)
			e = mt_view_update(s);
		if (!e)
			e = mt_log_update(s);
		if (!e)
			e = mt_zones_reconcile(s);
		if (!e)
			e = mt_efd_reconcile(s);
		if (e && !err)
			err = mt_fail(ctx, e, "out of memory updating space %s",
				      s->name);
	}
	if (!err)
		mt_log_settled(ctx);
	return err;
}

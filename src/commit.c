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

/* Deliver the pending coalesced writes, then bring every space up to date,
 * in creation order: region diff first, then
 * log flags, zones, and the ioeventfd difference (deletions before
 * additions).  A view shared by several spaces is rendered (and its log
 * flags compared) once, at its first space; all of its spaces emit the
 * same diff, released when the last one is done. */
int mt_do_commit(mt_ctx *ctx)
{
	uint64_t gen = ++ctx->commit_gen;
	struct mt_view *v;
	int err = MT_OK;
	size_t i;

	ctx->errmsg[0] = 0;
	/* SPEC 4/10: pending writes first, through the view they were written to */
	mt_coalesced_deliver(ctx);
	mt_views_rebind(ctx); /* QEMU's flat-view root rule (view_bind.c) */
	for (i = 0; i < ctx->nspaces; i++) {
		struct mt_space *s = ctx->spaces[i];
		int e = MT_OK;

		if (s->view->commit_gen != gen) {
			s->view->commit_gen = gen;
			e = mt_view_update(s->view);
			if (!e)
				e = mt_log_update(ctx, s->view);
		}
		if (s->joining) {
			/* even when its view failed to update: it takes the view as
			 * it stands, which the next commit brings up to date */
			int je = mt_view_emit_joined(s);

			e = e ? e : je;
		} else if (!e) {
			mt_view_emit(s);
		}
		if (!e) {
			e = mt_zones_reconcile(s);
			if (!e)
				e = mt_efd_reconcile(s);
		}
		if (e && !err && e == MT_EINVAL)
			err = mt_fail(ctx, e, "space %s: rendering takes over %zu steps "
				      "(alias paths multiply); not updated", s->name,
				      MT_RENDER_BUDGET);
		else if (e && !err)
			err = mt_fail(ctx, e, "out of memory updating space %s",
				      s->name);
	}
	for (v = ctx->views; v; v = v->next)
		mt_view_done(v);
	mt_views_collect(ctx);
	if (!err)
		mt_log_settled(ctx);
	return err;
}

/* Every mutating call ends here: outside a transaction it is committed
 * alone (SPEC section 4). */
int mt_mutated(mt_ctx *ctx)
{
	ctx->errmsg[0] = 0;
	return ctx->depth ? MT_OK : mt_do_commit(ctx);
}

/* The trace runner: executes parsed commands on a context and prints what
 * SPEC section 6 says.  Each space's backend is wrapped in a tee that prints
 * the operation, then forwards it. */
#include <stdlib.h>
#include <string.h>

#include "memtopo_trace.h"
#include "strbuf.h"
#include "trace_access.h"

struct mt_runner {
	mt_ctx *ctx;
	struct mt_strbuf out;
	mt_backend_factory factory;
	void (*on_commit)(void *arg, unsigned line);
	void *on_commit_arg;
	void (*before_commit)(void *arg, unsigned line);
	void (*commit_failed)(void *arg, unsigned line);
	void *before_commit_arg;
	FILE *log;
	FILE *outf;	    /* streaming: the buffer goes here after each command */
	unsigned last_line; /* of the last command run */
};

/* Streaming keeps memory bounded whatever the trace's length: the buffer is
 * written out after every command, and mid-command once it passes this. */
#define FLUSH_AT ((size_t)1 << 16)

static void flush_out(struct mt_runner *r, size_t at_least)
{
	if (!r->outf || r->out.len < at_least || !r->out.len)
		return;
	fwrite(r->out.p, 1, r->out.len, r->outf);
	r->out.len = 0;
	r->out.p[0] = 0;
}

struct tee {
	struct mt_runner *r;
	const mt_backend_ops *ops;
	void *opaque;
};

/* START END KIND REGION OFFSET, then ` log` when with_log and logged. */
static void print_range(struct mt_strbuf *b, const mt_flat_range *f,
			bool with_log)
{
	mt_sb_hex(b, f->start);
	mt_sb_printf(b, " ");
	mt_sb_hex(b, f->end);
	mt_sb_printf(b, " %s %s ", mt_kind_name(f->kind), f->region);
	mt_sb_hex(b, f->offset);
	mt_sb_printf(b, with_log && f->log ? " log\n" : "\n");
}

static void print_eventfd(struct mt_strbuf *b, const mt_ioeventfd *e)
{
	mt_sb_hex(b, e->addr);
	mt_sb_printf(b, " ");
	mt_sb_hex(b, e->size);
	mt_sb_printf(b, " ");
	if (e->match)
		mt_sb_hex(b, e->data);
	else
		mt_sb_printf(b, "*");
	mt_sb_printf(b, " %d", e->fd);
}

static void tee_region(void *opaque, const mt_space *s, const mt_flat_range *f,
		       bool add)
{
	struct tee *t = opaque;

	mt_sb_printf(&t->r->out, "%s region-%s ", mt_space_name(s),
		     add ? "add" : "del");
	print_range(&t->r->out, f, true);
	flush_out(t->r, FLUSH_AT);
	if (t->ops && (add ? t->ops->region_add : t->ops->region_del))
		(add ? t->ops->region_add : t->ops->region_del)(t->opaque, s, f);
}

static void tee_region_add(void *opaque, const mt_space *s, const mt_flat_range *f)
{
	tee_region(opaque, s, f, true);
}

static void tee_region_del(void *opaque, const mt_space *s, const mt_flat_range *f)
{
	tee_region(opaque, s, f, false);
}

static int tee_eventfd(void *opaque, const mt_space *s, const mt_ioeventfd *e,
		       bool add)
{
	struct tee *t = opaque;
	int (*fn)(void *, const mt_space *, const mt_ioeventfd *) =
		t->ops ? (add ? t->ops->eventfd_add : t->ops->eventfd_del) : NULL;
	int err = fn ? fn(t->opaque, s, e) : MT_OK;

	mt_sb_printf(&t->r->out, "%s eventfd-%s ", mt_space_name(s),
		     add ? "add" : "del");
	print_eventfd(&t->r->out, e);
	if (err)
		mt_sb_printf(&t->r->out, " failed %s", mt_err_name(err));
	mt_sb_printf(&t->r->out, "\n");
	flush_out(t->r, FLUSH_AT);
	return err;
}

static int tee_eventfd_add(void *opaque, const mt_space *s, const mt_ioeventfd *e)
{
	return tee_eventfd(opaque, s, e, true);
}

static int tee_eventfd_del(void *opaque, const mt_space *s, const mt_ioeventfd *e)
{
	return tee_eventfd(opaque, s, e, false);
}

/* Accesses print nothing of their own here: the device model does. */
static int tee_access(void *opaque, const mt_space *s, mt_guest_access *a)
{
	struct tee *t = opaque;

	if (!t->ops || !t->ops->access)
		return MT_ENOTFOUND; /* the core performs it in software */
	return t->ops->access(t->opaque, s, a);
}

static int tee_log(void *opaque, const mt_space *s, const mt_flat_range *f,
		   bool start)
{
	struct tee *t = opaque;
	int (*fn)(void *, const mt_space *, const mt_flat_range *) =
		t->ops ? (start ? t->ops->log_start : t->ops->log_stop) : NULL;

	mt_sb_printf(&t->r->out, "%s log-%s ", mt_space_name(s),
		     start ? "start" : "stop");
	print_range(&t->r->out, f, false);
	return fn ? fn(t->opaque, s, f) : MT_OK;
}

static int tee_log_start(void *opaque, const mt_space *s, const mt_flat_range *f)
{
	return tee_log(opaque, s, f, true);
}

static int tee_log_stop(void *opaque, const mt_space *s, const mt_flat_range *f)
{
	return tee_log(opaque, s, f, false);
}

static int tee_log_sync(void *opaque, const mt_space *s)
{
	struct tee *t = opaque;

	return t->ops && t->ops->log_sync ? t->ops->log_sync(t->opaque, s) : MT_OK;
}

static void print_zone(struct mt_strbuf *b, const mt_zone *z)
{
	mt_sb_hex(b, z->start);
	mt_sb_printf(b, " ");
	mt_sb_hex(b, z->end);
}

static int tee_zone(void *opaque, const mt_space *s, const mt_zone *z, bool add)
{
	struct tee *t = opaque;
	int (*fn)(void *, const mt_space *, const mt_zone *) =
		t->ops ? (add ? t->ops->coalesced_add : t->ops->coalesced_del) : NULL;
	int err = fn ? fn(t->opaque, s, z) : MT_OK;

	mt_sb_printf(&t->r->out, "%s coalesced-%s ", mt_space_name(s),
		     add ? "add" : "del");
	print_zone(&t->r->out, z);
	if (err)
		mt_sb_printf(&t->r->out, " failed %s", mt_err_name(err));
	mt_sb_printf(&t->r->out, "\n");
	return err;
}

static int tee_zone_add(void *opaque, const mt_space *s, const mt_zone *z)
{
	return tee_zone(opaque, s, z, true);
}

static int tee_zone_del(void *opaque, const mt_space *s, const mt_zone *z)
{
	return tee_zone(opaque, s, z, false);
}

static size_t tee_take(void *opaque, const mt_space *s, mt_guest_exit *out,
		       size_t max)
{
	struct tee *t = opaque;

	if (!t->ops || !t->ops->coalesced_take)
		return 0;
	return t->ops->coalesced_take(t->opaque, s, out, max);
}

static void tee_destroy(void *opaque)
{
	struct tee *t = opaque;

	if (t->ops && t->ops->destroy)
		t->ops->destroy(t->opaque);
	free(t);
}

static const mt_backend_ops tee_ops = {
	.region_add = tee_region_add,
	.region_del = tee_region_del,
	.eventfd_add = tee_eventfd_add,
	.eventfd_del = tee_eventfd_del,
	.destroy = tee_destroy,
	.access = tee_access,
	.log_start = tee_log_start,
	.log_stop = tee_log_stop,
	.log_sync = tee_log_sync,
	.coalesced_add = tee_zone_add,
	.coalesced_del = tee_zone_del,
	.coalesced_take = tee_take,
};

mt_runner *mt_runner_new(const mt_backend_factory *factory)
{
	mt_runner *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->ctx = mt_ctx_new();
	if (!r->ctx) {
		free(r);
		return NULL;
	}
	if (factory)
		r->factory = *factory;
	mt_set_device(r->ctx, mt_trace_printer(), &r->out);
	return r;
}

void mt_runner_free(mt_runner *r)
{
	if (!r)
		return;
	mt_ctx_free(r->ctx);
	mt_sb_free(&r->out);
	free(r);
}

mt_ctx *mt_runner_ctx(mt_runner *r)
{
	return r->ctx;
}

void mt_runner_on_commit(mt_runner *r, void (*cb)(void *arg, unsigned line),
			 void *arg)
{
	r->on_commit = cb;
	r->on_commit_arg = arg;
}

void mt_runner_before_commit(mt_runner *r, void (*before)(void *arg, unsigned line),
			     void (*failed)(void *arg, unsigned line), void *arg)
{
	r->before_commit = before;
	r->commit_failed = failed;
	r->before_commit_arg = arg;
}

void mt_runner_set_log(mt_runner *r, FILE *log)
{
	r->log = log;
}

bool mt_runner_output_lost(const mt_runner *r)
{
	return r->out.oom;
}

void mt_runner_set_output(mt_runner *r, FILE *out)
{
	flush_out(r, 0);
	r->outf = out;
}

const char *mt_runner_output(const mt_runner *r, size_t *len)
{
	if (len)
		*len = r->out.len;
	return r->out.p ? r->out.p : "";
}

void mt_runner_clear_output(mt_runner *r)
{
	r->out.len = 0;
	if (r->out.p)
		r->out.p[0] = 0;
}

static int make_space(mt_runner *r, const mt_cmd *c)
{
	char msg[256] = "";
	const mt_backend_ops *ops = mt_ref_backend_ops();
	void *opaque;
	struct tee *t;
	int code = MT_ENOSPACE;

	/* The SPEC's checks come before any backend is made. */
	if (mt_space_find(r->ctx, c->name) || !mt_region_exists(r->ctx, c->name2))
		return mt_space_new(r->ctx, c->name, c->name2, c->pio, NULL, NULL);
	if (r->factory.make)
		opaque = r->factory.make(r->factory.arg, c->name, c->pio, &ops,
					 &code, msg, sizeof(msg));
	else
		opaque = mt_ref_backend_new();
	t = opaque ? malloc(sizeof(*t)) : NULL;
	if (!t) {
		if (opaque && ops->destroy)
			ops->destroy(opaque);
		if (r->log)
			fprintf(r->log, "memtopo: line %u: cannot make a backend: %s\n",
				c->line, msg[0] ? msg : "out of memory");
		return code;
	}
	t->r = r;
	t->ops = ops;
	t->opaque = opaque;
	return mt_space_new(r->ctx, c->name, c->name2, c->pio, &tee_ops, t);
}

static int print_space(mt_runner *r, const mt_space *s);

static int dump(mt_runner *r, const mt_cmd *c)
{
	size_t i;

	if (c->has_name) {
		const mt_space *s = mt_space_find(r->ctx, c->name);

		return s ? print_space(r, s) : MT_ENOTFOUND;
	}
	for (i = 0; i < mt_space_count(r->ctx); i++)
		print_space(r, mt_space_at(r->ctx, i));
	return MT_OK;
}

static int dump_range(void *arg, const mt_flat_range *f)
{
	struct mt_runner *r = arg;

	mt_sb_printf(&r->out, "  ");
	print_range(&r->out, f, true);
	flush_out(r, FLUSH_AT);
	return 0;
}

static int dump_eventfd(void *arg, const mt_ioeventfd *e)
{
	struct mt_runner *r = arg;

	mt_sb_printf(&r->out, "  ");
	print_eventfd(&r->out, e);
	mt_sb_printf(&r->out, "\n");
	flush_out(r, FLUSH_AT);
	return 0;
}

static int dump_zone(void *arg, const mt_zone *z)
{
	struct mt_runner *r = arg;

	mt_sb_printf(&r->out, "  ");
	print_zone(&r->out, z);
	mt_sb_printf(&r->out, "\n");
	flush_out(r, FLUSH_AT);
	return 0;
}

static int print_space(mt_runner *r, const mt_space *s)
{
	mt_sb_printf(&r->out, "flatview %s\n", mt_space_name(s));
	mt_space_foreach_range(s, dump_range, r);
	mt_sb_printf(&r->out, "eventfds %s\n", mt_space_name(s));
	mt_space_foreach_eventfd(s, dump_eventfd, r);
	mt_sb_printf(&r->out, "zones %s\n", mt_space_name(s));
	mt_space_foreach_zone(s, dump_zone, r);
	return MT_OK;
}

/* `dirty R START END` (SPEC section 9). */
static int print_dirty(void *arg, const char *region, uint64_t id,
		       uint64_t start, mt_u128 end)
{
	(void)id;
	mt_sb_printf(arg, "dirty %s ", region);
	mt_sb_hex(arg, start);
	mt_sb_printf(arg, " ");
	mt_sb_hex(arg, end);
	mt_sb_printf(arg, "\n");
	return 0;
}

static mt_eventfd_spec efd_of(const mt_cmd *c)
{
	mt_eventfd_spec e = c->efd;

	/* An out-of-set size reaches the core as 0xff: `invalid` for an add,
	 * `not-found` for a delete, each after the region check. */
	e.size = c->efd_size <= 8 ? (uint8_t)c->efd_size : 0xff;
	return e;
}

static int run(mt_runner *r, const mt_cmd *c)
{
	mt_ctx *ctx = r->ctx;
	mt_eventfd_spec e;

	switch (c->op) {
	case MT_OP_REGION:
		return mt_region_new(ctx, c->name, c->kind, c->size);
	case MT_OP_ALIAS:
		return mt_alias_new(ctx, c->name, c->name2, c->num, c->size);
	case MT_OP_MAP:
		return mt_map(ctx, c->name, c->name2, c->num, c->prio, c->has_prio);
	case MT_OP_UNMAP:
		return mt_unmap(ctx, c->name, c->name2);
	case MT_OP_MOVE:
		return mt_move(ctx, c->name, c->num);
	case MT_OP_ENABLE:
	case MT_OP_DISABLE:
		return mt_set_enabled(ctx, c->name, c->op == MT_OP_ENABLE);
	case MT_OP_DESTROY:
		return mt_destroy(ctx, c->name);
	case MT_OP_EFD_ADD:
		e = efd_of(c);
		return mt_eventfd_add(ctx, c->name, &e);
	case MT_OP_EFD_DEL:
		e = efd_of(c);
		return mt_eventfd_del(ctx, c->name, &e);
	case MT_OP_SPACE:
		return make_space(r, c);
	case MT_OP_BEGIN:
		return mt_begin(ctx);
	case MT_OP_COMMIT:
		return mt_commit(ctx);
	case MT_OP_DUMP:
		return dump(r, c);
	case MT_OP_WRITE:
	case MT_OP_READ:
		return mt_trace_access(ctx, &r->out, c);
	case MT_OP_LOG:
		return mt_set_log(ctx, c->name, c->on);
	case MT_OP_COALESCE:
		return mt_coalesce_add(ctx, c->name, c->num, c->size);
	case MT_OP_UNCOALESCE:
		return mt_coalesce_del(ctx, c->name, c->num, c->size);
	case MT_OP_SYNC:
		return mt_sync(ctx, print_dirty, &r->out);
	case MT_OP_NONE:
		break;
	}
	return MT_OK;
}

static void exec(mt_runner *r, const mt_cmd *c);

void mt_runner_exec(mt_runner *r, const mt_cmd *c)
{
	exec(r, c);
	flush_out(r, 0);
}

static void exec(mt_runner *r, const mt_cmd *c)
{
	unsigned depth = mt_transaction_depth(r->ctx);
	bool commits;
	int err;

	r->last_line = c->line;

	if (c->parse_err) {
		mt_sb_printf(&r->out, "error %u %s\n", c->line,
			     mt_err_name(c->parse_err));
		if (r->log)
			fprintf(r->log, "memtopo: line %u: %s\n", c->line,
				c->parse_err == MT_ESYNTAX ? "syntax error" :
							     "number out of range");
		return;
	}
	commits = (c->op == MT_OP_COMMIT && depth == 1) ||
		  (mt_op_is_mutation(c->op) && depth == 0);
	if (commits && r->before_commit)
		r->before_commit(r->before_commit_arg, c->line);
	err = run(r, c);
	if (err) {
		mt_sb_printf(&r->out, "error %u %s\n", c->line, mt_err_name(err));
		if (r->log && *mt_errmsg(r->ctx))
			fprintf(r->log, "memtopo: line %u: %s\n", c->line,
				mt_errmsg(r->ctx));
		if (commits && r->commit_failed)
			r->commit_failed(r->before_commit_arg, c->line);
		return;
	}
	if (commits && r->on_commit)
		r->on_commit(r->on_commit_arg, c->line);
}

/* SPEC 5/10: the end of the input commits the open transactions, then
 * delivers every space's pending coalesced writes. */
void mt_runner_finish(mt_runner *r)
{
	if (mt_transaction_depth(r->ctx)) {
		if (r->before_commit)
			r->before_commit(r->before_commit_arg, r->last_line);
		while (mt_transaction_depth(r->ctx))
			mt_commit(r->ctx);
		if (r->on_commit)
			r->on_commit(r->on_commit_arg, r->last_line);
	}
	mt_coalesced_deliver(r->ctx);
	flush_out(r, 0);
}

void mt_runner_run_text(mt_runner *r, const char *text, size_t len)
{
	unsigned lineno = 0;
	size_t i = 0;
	mt_cmd c;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		mt_parse_line(text + i, n, ++lineno, &c);
		mt_runner_exec(r, &c);
		i += n + 1;
	}
	mt_runner_finish(r);
}

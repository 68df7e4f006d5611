/* Reference model: command dispatch, transactions (SPEC section 4) and the
 * commit that brings every space up to date. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

static bool same_range(const struct mdl_range *a, const struct mdl_range *b)
{
	return a->start == b->start && a->end == b->end &&
	       a->region == b->region && a->offset == b->offset;
}

static bool has_range(const struct mdl_range *v, size_t n,
		      const struct mdl_range *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_range(&v[i], r))
			return true;
	return false;
}

static void print_range(mt_model *m, const char *space, const char *op,
			const struct mdl_range *r, bool with_log)
{
	char a[40], b[40], c[40];

	mdl_printf(m, "%s %s %s %s %s %s %s%s\n", space, op, mdl_hex(a, r->start),
		   mdl_hex(b, r->end), mdl_kind_name(r->kind), r->name,
		   mdl_hex(c, r->offset), with_log && r->log ? " log" : "");
}

/* Step 3: ranges in both views whose log flag changed, by start (nv is
 * sorted). */
static void update_log(mt_model *m, const struct mdl_space *s,
		       const struct mdl_range *nv, size_t nn)
{
	size_t i, k;

	for (i = 0; i < nn; i++)
		for (k = 0; k < s->nview; k++)
			if (same_range(&s->view[k], &nv[i]) &&
			    s->view[k].log != nv[i].log)
				print_range(m, s->name,
					    nv[i].log ? "log-start" : "log-stop",
					    &nv[i], false);
}

/* Steps 1-5 of SPEC section 4 for one space, with its new view nv. */
static void update_space(mt_model *m, struct mdl_space *s,
			 struct mdl_range *nv, size_t nn)
{
	struct mdl_tuple *d;
	size_t i, nd;

	if (!mdl_scan(m, (unsigned long long)s->nview * nn + nn)) {
		free(nv);
		return;
	}
	for (i = 0; i < s->nview; i++)
		if (!has_range(nv, nn, &s->view[i]))
			print_range(m, s->name, "region-del", &s->view[i], true);
	for (i = 0; i < nn; i++)
		if (!has_range(s->view, s->nview, &nv[i]))
			print_range(m, s->name, "region-add", &nv[i], true);
	update_log(m, s, nv, nn);
	mdl_update_zones(m, s, nv, nn);
	d = mdl_desired(m, nv, nn, &nd);
	mdl_update_eventfds(m, s, d, nd);
	free(s->view);
	s->view = nv;
	s->nview = nn;
}

static struct mdl_range *copy_view(mt_model *m, const struct mdl_range *v,
				   size_t n)
{
	struct mdl_range *c;

	if (!n)
		return NULL;
	c = malloc(n * sizeof(*c));
	if (!c) {
		m->overflow = true;
		return NULL;
	}
	memcpy(c, v, n * sizeof(*c));
	return c;
}

void mdl_commit(mt_model *m)
{
	struct mdl_range **views;
	size_t *counts, i, j;

	m->commits++;
	m->visits = 0;
	mdl_deliver_all(m); /* SPEC 4: before the commit's first operation */
	if (!m->nspaces)
		return;
	views = calloc(m->nspaces, sizeof(*views));
	counts = calloc(m->nspaces, sizeof(*counts));
	if (!views || !counts ||
	    !mdl_scan(m, (unsigned long long)m->nregions * m->nregions) ||
	    !mdl_sort_kids(m)) {
		m->overflow = true;
		free(views);
		free(counts);
		return;
	}
	/* render every space first; spaces sharing a root share the work */
	for (i = 0; i < m->nspaces; i++) {
		for (j = 0; j < i; j++)
			if (m->spaces[j].root == m->spaces[i].root)
				break;
		if (j < i) {
			views[i] = copy_view(m, views[j], counts[j]);
			counts[i] = views[i] ? counts[j] : 0;
		} else {
			views[i] = mdl_render(m, m->spaces[i].root, &counts[i]);
		}
	}
	for (i = 0; i < m->nspaces; i++)
		update_space(m, &m->spaces[i], views[i], counts[i]);
	free(views);
	free(counts);
}

static bool is_mutation(mt_op op)
{
	switch (op) {
	case MT_OP_REGION:
	case MT_OP_ALIAS:
	case MT_OP_MAP:
	case MT_OP_UNMAP:
	case MT_OP_MOVE:
	case MT_OP_ENABLE:
	case MT_OP_DISABLE:
	case MT_OP_DESTROY:
	case MT_OP_EFD_ADD:
	case MT_OP_EFD_DEL:
	case MT_OP_SPACE:
	case MT_OP_LOG:
	case MT_OP_COALESCE:
	case MT_OP_UNCOALESCE:
		return true;
	default:
		return false;
	}
}

static int mutate(mt_model *m, const mt_cmd *c)
{
	switch (c->op) {
	case MT_OP_REGION:
		return mdl_cmd_region(m, c);
	case MT_OP_ALIAS:
		return mdl_cmd_alias(m, c);
	case MT_OP_MAP:
		return mdl_cmd_map(m, c);
	case MT_OP_UNMAP:
		return mdl_cmd_unmap(m, c);
	case MT_OP_MOVE:
		return mdl_cmd_move(m, c);
	case MT_OP_ENABLE:
		return mdl_cmd_enable(m, c, true);
	case MT_OP_DISABLE:
		return mdl_cmd_enable(m, c, false);
	case MT_OP_DESTROY:
		return mdl_cmd_destroy(m, c);
	case MT_OP_EFD_ADD:
		return mdl_cmd_efd_add(m, c);
	case MT_OP_EFD_DEL:
		return mdl_cmd_efd_del(m, c);
	case MT_OP_SPACE:
		return mdl_cmd_space(m, c);
	case MT_OP_LOG:
		return mdl_cmd_log(m, c);
	case MT_OP_COALESCE:
		return mdl_cmd_coalesce(m, c);
	case MT_OP_UNCOALESCE:
		return mdl_cmd_uncoalesce(m, c);
	default:
		return MT_OK;
	}
}

static void print_error(mt_model *m, const mt_cmd *c, int err)
{
	mdl_printf(m, "error %u %s\n", c->line, mdl_err_name(err));
}

static void dump_cmd(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	long s;

	if (!c->has_name) {
		mt_model_dump_all(m);
		return;
	}
	memcpy(n, c->name, MT_NAME_MAX);
	n[MT_NAME_MAX] = 0;
	s = mdl_find_space(m, n);
	if (s < 0)
		print_error(m, c, MT_ENOTFOUND);
	else
		mdl_dump(m, &m->spaces[s]);
}

void mt_model_exec(mt_model *m, const mt_cmd *c)
{
	int err;

	if (!m || !c)
		return;
	if (c->parse_err != MT_OK) {
		print_error(m, c, c->parse_err);
		return;
	}
	if (is_mutation(c->op)) {
		err = mutate(m, c);
		if (err)
			print_error(m, c, err);
		else if (!m->depth)
			mdl_commit(m);
		return;
	}
	switch (c->op) {
	case MT_OP_BEGIN:
		m->depth++;
		break;
	case MT_OP_COMMIT:
		if (!m->depth)
			print_error(m, c, MT_EINVAL);
		else if (!--m->depth)
			mdl_commit(m);
		break;
	case MT_OP_DUMP:
		dump_cmd(m, c);
		break;
	case MT_OP_WRITE:
	case MT_OP_READ:
		err = mdl_cmd_access(m, c);
		if (err)
			print_error(m, c, err);
		break;
	case MT_OP_SYNC:
		mdl_sync(m);
		break;
	default: /* MT_OP_NONE, or an op this model does not know */
		break;
	}
}

/* SPEC 5/10: commit what is open, then deliver what is pending. */
void mt_model_finish(mt_model *m)
{
	if (!m)
		return;
	if (m->depth) {
		m->depth = 0;
		mdl_commit(m);
	}
	mdl_deliver_all(m);
}

#include <stdlib.h>
#include <string.h>

#include "lockstep.h"
#include "memtopo_trace.h"
#include "model.h"

#define MAX_SPACES 64

struct lockstep {
	mt_runner *core;
	mt_model *model;
	void *backends[MAX_SPACES]; /* reference backends, in creation order */
	size_t nbackends;
	unsigned core_commits;
	const char *text;
	size_t len;
	FILE *report;
	const mt_cmd *cmd;
};

static void *make_backend(void *arg, const char *space, bool pio,
			  const mt_backend_ops **ops, int *code, char *err,
			  size_t errlen)
{
	struct lockstep *ls = arg;
	void *b = mt_ref_backend_new();

	(void)space;
	(void)pio;
	(void)err;
	(void)errlen;
	*code = MT_ENOSPACE;
	*ops = mt_ref_backend_ops();
	if (b && ls->nbackends < MAX_SPACES)
		ls->backends[ls->nbackends++] = b;
	return b;
}

static void on_commit(void *arg, unsigned line)
{
	(void)line;
	((struct lockstep *)arg)->core_commits++;
}

static void print_trace(struct lockstep *ls)
{
	unsigned lineno = 0;
	size_t i = 0;

	fprintf(ls->report, "---- trace ----\n");
	while (i < ls->len) {
		const char *nl = memchr(ls->text + i, '\n', ls->len - i);
		size_t n = nl ? (size_t)(nl - (ls->text + i)) : ls->len - i;

		fprintf(ls->report, "%4u  %.*s\n", ++lineno, (int)n, ls->text + i);
		i += n + 1;
	}
}

static int diverged(struct lockstep *ls, const char *what, const char *expected,
		    size_t elen, const char *actual, size_t alen)
{
	print_trace(ls);
	fprintf(ls->report, "---- first divergence: %s, at line %u", what,
		ls->cmd ? ls->cmd->line : 0);
	if (!ls->cmd)
		fprintf(ls->report, " (end of input)");
	fprintf(ls->report, " ----\nexpected (model):\n%.*s\nactual (core):\n%.*s\n",
		(int)elen, expected, (int)alen, actual);
	return MT_LOCKSTEP_DIVERGED;
}

/* Compare what both sides printed since the last clear. */
static int compare_output(struct lockstep *ls, const char *what)
{
	size_t clen, mlen;
	const char *c = mt_runner_output(ls->core, &clen);
	const char *m = mt_model_output(ls->model, &mlen);

	if (clen != mlen || memcmp(c, m, clen))
		return diverged(ls, what, m, mlen, c, clen);
	mt_runner_clear_output(ls->core);
	mt_model_clear_output(ls->model);
	return MT_LOCKSTEP_OK;
}

#define MAX_PROBES 256

struct probes {
	uint64_t v[MAX_PROBES];
	size_t n;
};

static void probe(struct probes *p, mt_u128 a)
{
	if (a < MT_2_64 && p->n < MAX_PROBES)
		p->v[p->n++] = (uint64_t)a;
}

/* Probe both sides of every edge of the core's view. */
static int edges(void *arg, const mt_flat_range *f)
{
	probe(arg, f->start);
	if (f->start)
		probe(arg, f->start - 1);
	probe(arg, f->end - 1);
	probe(arg, f->end);
	return 0;
}

static void owner_line(char *buf, size_t n, const char *space, uint64_t a,
		       bool hit, mt_kind kind, const char *region, uint64_t off)
{
	if (hit)
		snprintf(buf, n, "%s 0x%llx -> %s %s 0x%llx\n", space,
			 (unsigned long long)a, mt_kind_name(kind), region,
			 (unsigned long long)off);
	else
		snprintf(buf, n, "%s 0x%llx -> unmapped\n", space,
			 (unsigned long long)a);
}

/* mt_lookup must agree with the model's byte ownership. */
static int check_lookups(struct lockstep *ls, const mt_space *s)
{
	const char *name = mt_space_name(s);
	struct probes p = { .n = 0 };
	char want[MT_NAME_MAX + 1], e[256], a[256];
	size_t i;

	probe(&p, 0);
	probe(&p, UINT64_MAX);
	probe(&p, (mt_u128)1 << 63);
	mt_space_foreach_range(s, edges, &p);
	for (i = 0; i < p.n; i++) {
		mt_flat_range f;
		mt_kind kind = MT_RAM;
		uint64_t off = 0, got;
		int hit = mt_model_lookup(ls->model, name, p.v[i], want, &kind, &off);
		bool found = mt_lookup(s, p.v[i], &f) == MT_OK;

		if (hit < 0)
			return MT_LOCKSTEP_OK;
		got = found ? f.offset + (p.v[i] - f.start) : 0;
		if (found == (hit == 1) &&
		    (!found || (!strcmp(want, f.region) && kind == f.kind && off == got)))
			continue;
		owner_line(e, sizeof(e), name, p.v[i], hit == 1, kind, want, off);
		owner_line(a, sizeof(a), name, p.v[i], found, f.kind,
			   found ? f.region : "", got);
		return diverged(ls, "lookup", e, strlen(e), a, strlen(a));
	}
	return MT_LOCKSTEP_OK;
}

/* The core's IZ against what its reference backend holds. */
static int check_zone_count(struct lockstep *ls, const mt_space *s, void *b)
{
	size_t have = mt_space_zone_count(s), held = mt_ref_backend_zone_count(b);
	char e[128], a[128];

	if (have == held)
		return MT_LOCKSTEP_OK;
	snprintf(e, sizeof(e), "backend of %s holds %zu zones\n", mt_space_name(s),
		 held);
	snprintf(a, sizeof(a), "core believes %zu zones are installed\n", have);
	return diverged(ls, "installed zones vs backend", e, strlen(e), a, strlen(a));
}

/* After a commit: dumps equal, installed sets equal to the backends. */
static int after_commit(struct lockstep *ls, unsigned flags)
{
	mt_ctx *ctx = mt_runner_ctx(ls->core);
	mt_cmd dump = { .op = MT_OP_DUMP };
	size_t i;
	int rc;

	mt_runner_exec(ls->core, &dump);
	mt_model_dump_all(ls->model);
	rc = compare_output(ls, "state after commit (dump)");
	for (i = 0; !rc && i < mt_space_count(ctx) && i < ls->nbackends; i++) {
		const mt_space *s = mt_space_at(ctx, i);
		size_t have = mt_space_eventfd_count(s);
		size_t held = mt_ref_backend_count(ls->backends[i]);

		if (have != held) {
			char e[128], a[128];

			snprintf(e, sizeof(e), "backend of %s holds %zu\n",
				 mt_space_name(s), held);
			snprintf(a, sizeof(a), "core believes %zu are installed\n", have);
			rc = diverged(ls, "installed set vs backend", e, strlen(e), a,
				      strlen(a));
		}
		if (!rc)
			rc = check_zone_count(ls, s, ls->backends[i]);
		if (!rc && (flags & MT_LOCKSTEP_LOOKUP))
			rc = check_lookups(ls, s);
	}
	return rc;
}

static int step(struct lockstep *ls, const mt_cmd *c, unsigned flags)
{
	unsigned mc = mt_model_commits(ls->model), cc = ls->core_commits;
	int rc;

	ls->cmd = c;
	if (c) {
		mt_runner_exec(ls->core, c);
		mt_model_exec(ls->model, c);
	} else {
		mt_runner_finish(ls->core);
		mt_model_finish(ls->model);
	}
	if (mt_model_overflowed(ls->model))
		return MT_LOCKSTEP_SKIPPED;
	if (flags & MT_LOCKSTEP_VERBOSE) {
		size_t n;
		const char *o = mt_runner_output(ls->core, &n);

		if (c)
			fprintf(ls->report, "line %u:\n", c->line);
		fwrite(o, 1, n, ls->report);
	}
	rc = compare_output(ls, "output");
	if (rc)
		return rc;
	if ((mt_model_commits(ls->model) != mc) != (ls->core_commits != cc)) {
		const char *e = mt_model_commits(ls->model) != mc ? "a commit\n" : "no commit\n";
		const char *a = ls->core_commits != cc ? "a commit\n" : "no commit\n";

		return diverged(ls, "whether the command committed", e, strlen(e), a,
				strlen(a));
	}
	return ls->core_commits != cc ? after_commit(ls, flags) : MT_LOCKSTEP_OK;
}

int mt_lockstep_run(const char *text, size_t len, unsigned flags, FILE *report)
{
	struct lockstep ls = { .text = text, .len = len, .report = report };
	mt_backend_factory f = { make_backend, &ls };
	unsigned lineno = 0;
	size_t i = 0;
	int rc = MT_LOCKSTEP_OK;
	mt_cmd c;

	ls.core = mt_runner_new(&f);
	ls.model = mt_model_new();
	if (!ls.core || !ls.model) {
		mt_runner_free(ls.core);
		mt_model_free(ls.model);
		return MT_LOCKSTEP_SKIPPED;
	}
	mt_runner_on_commit(ls.core, on_commit, &ls);
	while (i < len && !rc) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		mt_parse_line(text + i, n, ++lineno, &c);
		rc = step(&ls, &c, flags);
		i += n + 1;
	}
	if (!rc)
		rc = step(&ls, NULL, flags);
	mt_runner_free(ls.core);
	mt_model_free(ls.model);
	return rc;
}

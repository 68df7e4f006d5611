/* QEMU `info mtree` -> memtopo trace: one region per QEMU region, one space
 * per address space in printed order, siblings mapped so that memtopo's tie
 * rule (the most recently mapped wins among equal priorities) gives QEMU's
 * order (QEMU inserts a subregion before the others of equal priority, so
 * the most recently added wins there too; `info mtree` prints siblings of
 * equal address and priority in that list order). */
#include <stdlib.h>
#include <string.h>

#include "qemu_import.h"
#include "qemu_regions.h"
#include "qemu_target.h"

struct qi {
	struct qm_tree *t;
	const struct qm_flat *flat;
	const char *file, *flat_file;
	FILE *out, *err;
	long *reps;      /* region -> first node */
	mt_kind *kind;   /* region -> memtopo kind */
	long *target;    /* alias region -> target region, -1 none */
	struct qt_resolver res;
	char **names;    /* region -> memtopo name */
	bool *emitted;
	long nreg;
	unsigned guessed_leaves;
};

static void note(struct qi *q, unsigned line, const char *fmt, const char *a,
		 const char *b)
{
	fprintf(q->err, "%s:%u: note: ", q->file, line);
	fprintf(q->err, fmt, a, b ? b : "");
	fputc('\n', q->err);
}

static bool in_flat(const struct qi *q, const char *name)
{
	size_t i;

	for (i = 0; q->flat && i < q->flat->n; i++)
		if (!strcmp(q->flat->r[i].name, name))
			return true;
	return false;
}

static bool has_children(const struct qm_node *n)
{
	return n->span > 1;
}

static mt_kind io_kind(struct qi *q, const struct qm_node *n)
{
	if (n->hidden)
		return MT_CONTAINER;
	if (q->flat)
		return in_flat(q, n->name) ? MT_MMIO : MT_CONTAINER;
	if (!has_children(n)) {
		q->guessed_leaves++;
		return MT_MMIO;
	}
	note(q, n->line, "i/o region '%s' with subregions taken as a container "
	     "(no --flat to tell it from an i/o region)%s", n->name, NULL);
	return MT_CONTAINER;
}

static mt_kind region_kind(struct qi *q, const struct qm_node *n)
{
	const char *k = n->kind;

	if (!strncmp(k, "nv-", 3))
		k += 3;
	if (n->alias)
		return MT_ALIAS;
	if (!strcmp(k, "ram"))
		return MT_RAM;
	if (!strcmp(k, "rom"))
		return MT_ROM;
	if (!strcmp(k, "i/o"))
		return io_kind(q, n);
	if (!strcmp(k, "romd")) {
		note(q, n->line, "rom device '%s' in romd mode imported as rom "
		     "(its i/o mode cannot be expressed)%s", n->name, NULL);
		return MT_ROM;
	}
	if (!strcmp(k, "ramd")) {
		note(q, n->line, "ram device '%s' imported as ram%s", n->name, NULL);
		return MT_RAM;
	}
	note(q, n->line, "region '%s' of unknown kind '%s' imported as mmio", n->name, k);
	return MT_MMIO;
}

/* Every alias target unknown (-1) until classify() resolves it in print
 * order, so loops are checked against the choices made so far. */
static int init_targets(struct qi *q)
{
	long r;

	for (r = 0; r < q->nreg; r++)
		q->target[r] = -1;
	return qt_init(&q->res, q->t, q->reps, q->target, q->nreg, q->flat, q->file, q->err);
}

static int classify(struct qi *q)
{
	long r;
	size_t i;

	for (r = 0; r < q->nreg; r++) {
		const struct qm_node *n = &q->t->nodes[q->reps[r]];

		q->kind[r] = region_kind(q, n);
		if (n->alias) {
			q->target[r] = qt_resolve(&q->res, n, r);
			if (q->target[r] < 0)
				q->kind[r] = MT_CONTAINER;
		}
		if (n->hidden)
			note(q, n->line, "the parent of '%s' is a disabled region QEMU did not print "
			     "(capture with `info mtree -D`): imported as a disabled container%s",
			     q->t->nodes[q->reps[r] + 1].name, NULL);
		q->names[r] = qi_sanitize(n->name, q->names, (size_t)r);
		if (!q->names[r])
			return -1;
	}
	for (i = 0; q->flat && i < q->flat->n; i++) {
		const struct qm_flat_range *f = &q->flat->r[i];

		if (strcmp(f->kind, "rom"))
			continue;
		for (r = 0; r < q->nreg; r++)
			if (q->kind[r] == MT_RAM && !strcmp(q->t->nodes[q->reps[r]].name, f->name))
				break;
		if (r < q->nreg) {
			fprintf(q->err, "%s:%u: note: AS \"%s\" maps ram '%s' read-only there "
				"(a read-only alias, like PAM's): memtopo has no read-only alias, "
				"it stays ram\n", q->flat_file, f->line, f->as_name, f->name);
		}
	}
	if (q->guessed_leaves)
		fprintf(q->err, "%s: note: %u i/o regions without subregions taken as mmio "
			"(no --flat to tell them from empty containers)\n", q->file, q->guessed_leaves);
	return 0;
}

static void emit_region(struct qi *q, long r)
{
	const struct qm_node *n = &q->t->nodes[q->reps[r]];

	if (q->kind[r] == MT_ALIAS) {
		fprintf(q->out, "alias %s %s ", q->names[r], q->names[q->target[r]]);
		qi_put_hex(q->out, n->alias_off);
		fputc(' ', q->out);
	} else {
		fprintf(q->out, "%s %s ", mt_kind_name(q->kind[r]), q->names[r]);
	}
	qi_put_hex(q->out, n->size);
	fprintf(q->out, " #qemu %s %s\n", n->alias ? "alias" : n->kind, n->name);
	q->emitted[r] = true;
}

/* Aliases after their targets: passes until nothing is left. */
static void emit_regions(struct qi *q)
{
	long r, left = 0;
	bool progress = true;

	for (r = 0; r < q->nreg; r++)
		if (q->kind[r] != MT_ALIAS)
			emit_region(q, r);
		else
			left++;
	while (left && progress) {
		progress = false;
		for (r = 0; r < q->nreg; r++) {
			if (q->emitted[r] || q->kind[r] != MT_ALIAS || !q->emitted[q->target[r]])
				continue;
			emit_region(q, r);
			left--;
			progress = true;
		}
	}
	for (r = 0; left && r < q->nreg; r++)
		if (!q->emitted[r])
			note(q, q->t->nodes[q->reps[r]].line, "alias '%s' is part of an alias loop: left out%s",
			     q->t->nodes[q->reps[r]].name, NULL);
}

/* Reverse print order: the first printed sibling is mapped last, so it wins
 * ties among equal priorities as it does in QEMU. */
static void emit_maps(struct qi *q)
{
	long i;

	for (i = (long)q->t->nnodes; i-- > 0;) {
		const struct qm_node *n = &q->t->nodes[i], *p;
		long r = n->region;

		if (q->reps[r] != i || n->parent < 0 || !q->emitted[r] ||
		    !q->emitted[q->t->nodes[n->parent].region])
			continue;
		p = &q->t->nodes[n->parent];
		fprintf(q->out, "map %s %s ", q->names[p->region], q->names[r]);
		qi_put_hex(q->out, (uint64_t)(n->start - p->start));
		fprintf(q->out, " %d\n", (int)n->prio);
	}
	for (i = 0; i < (long)q->t->nnodes; i++) {
		const struct qm_node *n = &q->t->nodes[i];

		if (q->reps[n->region] == i && n->disabled && q->emitted[n->region])
			fprintf(q->out, "disable %s\n", q->names[n->region]);
	}
}

static int emit_spaces(struct qi *q)
{
	char **used = NULL;
	size_t s, j, n = 0;
	int rc = 0;

	for (s = 0; s < q->t->nsecs && !rc; s++) {
		const struct qm_section *sec = &q->t->secs[s];
		char **nu;

		if (!sec->is_as)
			continue;
		if (sec->root < 0) {
			note(q, sec->line, "address space '%s' has no tree: left out%s", sec->as_names[0], NULL);
			continue;
		}
		for (j = 0; j < sec->nas && !rc; j++) {
			nu = realloc(used, (n + 1) * sizeof(char *));
			if (!nu || !(nu[n] = qi_sanitize(sec->as_names[j], nu, n))) {
				used = nu ? nu : used;
				rc = -1;
				break;
			}
			used = nu;
			fprintf(q->out, "space %s %s%s #qemu as %s\n", used[n],
				q->names[q->t->nodes[sec->root].region],
				strcmp(sec->as_names[j], "I/O") ? "" : " pio", sec->as_names[j]);
			n++;
		}
	}
	for (j = 0; j < n; j++)
		free(used[j]);
	free(used);
	return rc;
}

int qi_import(struct qm_tree *t, const struct qm_flat *flat, const char *file,
	      const char *flat_file, FILE *out, FILE *err)
{
	struct qi q = { .t = t, .flat = flat, .file = file, .flat_file = flat_file,
			.out = out, .err = err };
	size_t n = t->nnodes ? t->nnodes : 1;
	int rc = -1;
	long r;

	q.reps = calloc(n, sizeof(long));
	q.kind = calloc(n, sizeof(mt_kind));
	q.target = calloc(n, sizeof(long));
	q.names = calloc(n, sizeof(char *));
	q.emitted = calloc(n, sizeof(bool));
	if (q.reps && q.kind && q.target && q.names && q.emitted &&
	    (q.nreg = qr_assign(t, q.reps, n)) >= 0 && !init_targets(&q) && !classify(&q)) {
		fprintf(out, "# imported by memtopo import qemu-mtree from %s%s%s\n"
			"# %ld regions; #qemu comments keep QEMU's kinds and names for memtopo mtree\n"
			"begin\n", file, flat_file ? " and " : "", flat_file ? flat_file : "", q.nreg);
		emit_regions(&q);
		emit_maps(&q);
		rc = emit_spaces(&q);
		fputs("commit\ndump\n", out);
	} else {
		fprintf(err, "%s: out of memory\n", file);
	}
	for (r = 0; q.names && r < q.nreg; r++)
		free(q.names[r]);
	free(q.reps);
	free(q.kind);
	free(q.target);
	free(q.names);
	free(q.emitted);
	qt_free(&q.res);
	return rc;
}

/* Alias targets of `info mtree` (qemu_target.h).  With -o the owner
 * decides.  Otherwise, among the `memory-region:` sections of the target's
 * name: a section that holds the alias (through subregions and the targets
 * already chosen) cannot be its target, since QEMU would never finish
 * rendering it; of the rest, the one whose subregions in the alias window
 * QEMU's flat view shows wins, then the one with the most subregions there.
 * Whenever more than one section was possible, the choice is noted. */
#include <stdlib.h>
#include <string.h>

#include "qemu_target.h"

/* Steps (loop searches, scoring, fallbacks) for a whole import: each is
 * linear, but hostile input could ask for one per alias. */
#define QT_BUDGET (1UL << 26)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* memory-region: sections by name, then in print order. */
static int cmp_sec(const void *a, const void *b)
{
	const struct qt_sec *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->sec > y->sec) - (x->sec < y->sec);
}

static int index_sections(struct qt_resolver *r)
{
	size_t s;

	r->mrs = malloc((r->t->nsecs ? r->t->nsecs : 1) * sizeof(*r->mrs));
	if (!r->mrs)
		return -1;
	for (s = 0; s < r->t->nsecs; s++) {
		const struct qm_section *sec = &r->t->secs[s];

		if (!sec->is_as && sec->root >= 0 && sec->mr_name)
			r->mrs[r->nmrs++] = (struct qt_sec){ sec->mr_name, s };
	}
	qsort(r->mrs, r->nmrs, sizeof(*r->mrs), cmp_sec);
	return 0;
}

/* The first entry of mrs[] named name (r->nmrs if none). */
static size_t first_named(const struct qt_resolver *r, const char *name)
{
	size_t lo = 0, hi = r->nmrs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(r->mrs[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool named(const struct qt_resolver *r, size_t i, const char *name)
{
	return i < r->nmrs && !strcmp(r->mrs[i].name, name);
}

int qt_init(struct qt_resolver *r, const struct qm_tree *t, const long *reps,
	    const long *target, long nreg, const struct qm_flat *flat,
	    const char *file, FILE *err)
{
	size_t n = t->nnodes ? t->nnodes : 1, i;

	memset(r, 0, sizeof(*r));
	r->t = t, r->reps = reps, r->target = target, r->nreg = nreg;
	r->file = file, r->err = err, r->budget = QT_BUDGET;
	r->child = malloc(n * sizeof(long));
	r->sib = malloc(n * sizeof(long));
	r->seen = calloc(nreg ? (size_t)nreg : 1, sizeof(unsigned));
	r->stack = malloc((nreg ? (size_t)nreg : 1) * sizeof(long));
	r->nflat = flat ? flat->n : 0;
	r->flat_names = malloc((r->nflat ? r->nflat : 1) * sizeof(char *));
	if (!r->child || !r->sib || !r->seen || !r->stack || !r->flat_names)
		return -1;
	for (i = 0; i < t->nnodes; i++)
		r->child[i] = r->sib[i] = -1;
	for (i = t->nnodes; i-- > 0;) { /* backwards: lists come out in print order */
		long p = t->nodes[i].parent;

		if (p >= 0) {
			r->sib[i] = r->child[p];
			r->child[p] = (long)i;
		}
	}
	for (i = 0; i < r->nflat; i++)
		r->flat_names[i] = flat->r[i].name;
	qsort(r->flat_names, r->nflat, sizeof(char *), cmp_str);
	return index_sections(r);
}

void qt_free(struct qt_resolver *r)
{
	free(r->child);
	free(r->sib);
	free(r->seen);
	free(r->stack);
	free(r->flat_names);
	free(r->mrs);
	memset(r, 0, sizeof(*r));
}

static bool in_flat(const struct qt_resolver *r, const char *name)
{
	return r->nflat && bsearch(&name, r->flat_names, r->nflat, sizeof(char *), cmp_str);
}

/* A fresh stamp: every region unseen again. */
static void restamp(struct qt_resolver *r)
{
	if (++r->stamp == 0) {
		memset(r->seen, 0, (size_t)(r->nreg ? r->nreg : 1) * sizeof(unsigned));
		r->stamp = 1;
	}
}

static void push(struct qt_resolver *r, long reg, size_t *top)
{
	if (reg >= 0 && r->seen[reg] != r->stamp) {
		r->seen[reg] = r->stamp;
		r->stack[(*top)++] = reg;
	}
}

/* Take n steps of the budget; false (noted once) when it is spent. */
static bool spend(struct qt_resolver *r, unsigned long n)
{
	if (r->budget >= n) {
		r->budget -= n;
		return true;
	}
	r->budget = 0;
	if (!r->budget_noted)
		fprintf(r->err, "%s: note: too many regions to weigh every alias target: the "
			"rest are the first printed, and `memtopo run` reports any `loop`\n", r->file);
	r->budget_noted = true;
	return false;
}

/* Whether region from holds region to, through subregions and the alias
 * targets chosen so far.  Regions searched without finding `to` keep their
 * stamp (they cannot reach it from another candidate either); a search that
 * finds it starts the next one afresh.  Out of budget: false (the runner's
 * own loop check reports what is left). */
static bool holds(struct qt_resolver *r, long from, long to)
{
	size_t top = 0;

	push(r, from, &top);
	while (top) {
		long reg = r->stack[--top], rep = r->reps[reg], c;

		if (reg == to) {
			restamp(r);
			return true;
		}
		for (c = r->child[rep]; c >= 0; c = r->sib[c]) {
			if (!spend(r, 1)) {
				restamp(r);
				return false;
			}
			push(r, r->t->nodes[c].region, &top);
		}
		if (r->t->nodes[rep].alias)
			push(r, r->target[reg], &top);
	}
	return false;
}

static bool meets(const struct qm_node *root, const struct qm_node *c, const struct qm_node *a)
{
	mt_u128 lo = a->alias_off, hi = lo + a->size;
	mt_u128 cs = (uint64_t)(c->start - root->start);

	return cs < hi && cs + c->size > lo;
}

/* How many regions without subregions in the alias window of section root
 * `root` QEMU's flat view shows (by name). */
static unsigned flat_score(const struct qt_resolver *r, long root, const struct qm_node *a)
{
	const struct qm_node *rn = &r->t->nodes[root];
	unsigned score = 0;
	size_t i;

	for (i = 1; r->nflat && i < rn->span; i++) {
		const struct qm_node *c = rn + i;

		if (!c->alias && !c->hidden && c->span == 1 && meets(rn, c, a) && in_flat(r, c->name))
			score++;
	}
	return score;
}

/* How many direct subregions of section root `root` meet the window. */
static unsigned window_score(const struct qt_resolver *r, long root, const struct qm_node *a)
{
	unsigned score = 0;
	long c;

	for (c = r->child[root]; c >= 0; c = r->sib[c])
		if (meets(&r->t->nodes[root], &r->t->nodes[c], a))
			score++;
	return score;
}

struct qt_pick {
	long region;          /* best so far, -1 none */
	unsigned line;        /* its section's header line */
	unsigned fs, ws;      /* its scores */
	unsigned viable, looped;
	unsigned same_fs;     /* viable ones with its flat score */
	unsigned ties;        /* viable ones with both its scores */
	char lines[96];       /* the viable sections' header lines, for the note */
};

static void add_line(struct qt_pick *p, unsigned line)
{
	size_t n = strlen(p->lines);

	if (p->viable > 4) {
		if (p->viable == 5)
			snprintf(p->lines + n, sizeof(p->lines) - n, ", ...");
		return;
	}
	snprintf(p->lines + n, sizeof(p->lines) - n, "%s%u", n ? ", " : "", line);
}

static void set_best(struct qt_pick *p, long cr, unsigned line, unsigned fs, unsigned ws)
{
	p->region = cr, p->line = line, p->fs = fs, p->ws = ws, p->ties = 1;
}

/* Candidates in print order: among equals the first stays. */
static void consider(struct qt_resolver *r, struct qt_pick *p, const struct qm_section *sec,
		     const struct qm_node *a, long ar)
{
	long cr = r->t->nodes[sec->root].region;
	unsigned fs, ws;

	if (holds(r, cr, ar)) {
		p->looped++;
		return;
	}
	fs = ws = 0;
	if (spend(r, r->t->nodes[sec->root].span)) {
		fs = flat_score(r, sec->root, a);
		ws = window_score(r, sec->root, a);
	}
	p->viable++;
	add_line(p, sec->line);
	if (p->region < 0 || fs > p->fs) {
		set_best(p, cr, sec->line, fs, ws);
		p->same_fs = 1;
	} else if (fs == p->fs) {
		p->same_fs++;
		if (ws > p->ws)
			set_best(p, cr, sec->line, fs, ws);
		else if (ws == p->ws)
			p->ties++;
	}
}

static void note_pick(const struct qt_resolver *r, const struct qt_pick *p, const struct qm_node *a)
{
	const char *why = p->ties > 1 ? "the first: nothing here tells them apart"
			: p->same_fs == 1 ? "the one whose subregions in the window QEMU's flat view shows"
			: "the one with the most subregions in the window";

	fprintf(r->err, "%s:%u: note: alias '%s': %u regions named '%s' (lines %s) can be its "
		"target; took line %u, %s (capture with `info mtree -o` to decide by owner)\n",
		r->file, a->line, a->name, p->viable, a->target, p->lines, p->line, why);
}

/* The -o owner's section of the target's name, or -1. */
static long by_owner(const struct qt_resolver *r, const struct qm_node *a)
{
	size_t i;

	for (i = first_named(r, a->target); a->owner && named(r, i, a->target); i++) {
		const struct qm_node *root = &r->t->nodes[r->t->secs[r->mrs[i].sec].root];

		if (root->owner && !strcmp(a->owner, root->owner))
			return root->region;
	}
	return -1;
}

/* No section of that name: any region printed with it that does not hold
 * the alias. */
static long any_named(struct qt_resolver *r, const struct qm_node *a, long ar)
{
	size_t i;

	if (!spend(r, r->t->nnodes))
		return -1;
	for (i = 0; i < r->t->nnodes; i++) {
		const struct qm_node *n = &r->t->nodes[i];

		if (!n->alias && !strcmp(n->name, a->target) && !holds(r, n->region, ar))
			return n->region;
	}
	return -1;
}

long qt_resolve(struct qt_resolver *r, const struct qm_node *a, long ar)
{
	struct qt_pick p = { .region = -1 };
	long found = by_owner(r, a);
	size_t i;

	if (found >= 0)
		return found;
	restamp(r); /* the graph and `to` changed since the last alias */
	for (i = first_named(r, a->target); named(r, i, a->target); i++)
		consider(r, &p, &r->t->secs[r->mrs[i].sec], a, ar);
	if (p.viable > 1)
		note_pick(r, &p, a);
	if (p.region >= 0 || p.looped)
		found = p.region;
	else
		found = any_named(r, a, ar);
	if (found < 0)
		fprintf(r->err, "%s:%u: note: alias '%s': target '%s' is %s; imported as an empty "
			"container\n", r->file, a->line, a->name, a->target,
			p.looped ? "printed only as regions that hold the alias (a loop)"
				 : "printed nowhere");
	return found;
}

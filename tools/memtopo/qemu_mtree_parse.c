/* `info mtree` text -> sections of region trees (qemu_mtree.h). */
#include <stdlib.h>
#include <string.h>

#include "qemu_mtree.h"

void qm_parse_name(char *rest, struct qm_node *n);

#define OVERFLOW_MARK "[DETECTED OVERFLOW!] "

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	np = realloc(p, c * elem);
	if (np) {
		memset((char *)np + *cap * elem, 0, (c - *cap) * elem);
		*cap = c;
	}
	return np;
}

/* Next line of text without its newline and trailing blanks (CR too). */
static bool next_line(const char **p, const char *end, char **out)
{
	const char *s = *p, *e;
	size_t n;

	if (s >= end)
		return false;
	e = memchr(s, '\n', (size_t)(end - s));
	if (!e)
		e = end;
	*p = e < end ? e + 1 : end;
	n = (size_t)(e - s);
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*out = malloc(n + 1);
	if (*out) {
		memcpy(*out, s, n);
		(*out)[n] = 0;
	}
	return true;
}

struct pstate {
	struct qm_tree *t;
	long *stack; /* node index per depth */
	size_t cap_stack;
	unsigned depth; /* entries on the stack */
	bool in_tree;   /* the current section accepts region lines */
	const char *file;
	FILE *err;
};

static struct qm_node *new_node(struct pstate *s)
{
	struct qm_tree *t = s->t;
	void *np = grow(t->nodes, &t->cap_nodes, t->nnodes + 1, sizeof(*t->nodes));

	if (!np)
		return NULL;
	t->nodes = np;
	return &t->nodes[t->nnodes++];
}

static int fail(struct pstate *s, unsigned line, const char *msg)
{
	fprintf(s->err, "%s:%u: %s\n", s->file, line, msg);
	return -1;
}

static struct qm_section *cur_sec(struct pstate *s)
{
	return s->t->nsecs ? &s->t->secs[s->t->nsecs - 1] : NULL;
}

static int header(struct pstate *s, const char *l, unsigned line)
{
	struct qm_tree *t = s->t;
	struct qm_section *sec = cur_sec(s);
	bool as = !strncmp(l, "address-space: ", 15);
	const char *name = l + (as ? 15 : 15);

	if (!as || !sec || !sec->is_as || sec->root >= 0) {
		void *np = grow(t->secs, &t->cap_secs, t->nsecs + 1, sizeof(*t->secs));

		if (!np)
			return fail(s, line, "out of memory");
		t->secs = np;
		sec = &t->secs[t->nsecs++];
		sec->is_as = as;
		sec->line = line;
		sec->root = -1;
	}
	if (as) {
		char **nn = realloc(sec->as_names, (sec->nas + 1) * sizeof(char *));
		unsigned *nl = nn ? realloc(sec->as_lines, (sec->nas + 1) * sizeof(unsigned)) : NULL;

		if (nn)
			sec->as_names = nn;
		if (!nl)
			return fail(s, line, "out of memory");
		sec->as_lines = nl;
		sec->as_lines[sec->nas] = line;
		sec->as_names[sec->nas++] = strdup(name);
	} else {
		sec->mr_name = strdup(name);
	}
	s->in_tree = true;
	s->depth = 0;
	return 0;
}

/* Push node idx at depth d, first inventing the disabled parents QEMU did
 * not print (plain `info mtree` prints the children of a disabled region
 * one level deeper than its visible parent). */
static int place(struct pstate *s, long idx, unsigned d, unsigned line)
{
	struct qm_tree *t = s->t;
	void *np = grow(s->stack, &s->cap_stack, (size_t)d + 1, sizeof(long));

	if (!np)
		return fail(s, line, "out of memory");
	s->stack = np;
	if (d > s->depth)
		return -2; /* caller adds hidden parents first */
	s->depth = d;
	t->nodes[idx].depth = d;
	t->nodes[idx].parent = d ? s->stack[d - 1] : -1;
	s->stack[d] = idx;
	s->depth = d + 1;
	return 0;
}

static int region_line(struct pstate *s, char *l, unsigned line)
{
	struct qm_section *sec = cur_sec(s);
	size_t ind = 0;
	uint64_t start, end;
	int32_t prio;
	char kind[16];
	const char *rest;
	struct qm_node *n;
	unsigned d;
	long idx;
	int rc;

	if (!strncmp(l, OVERFLOW_MARK, strlen(OVERFLOW_MARK)))
		l += strlen(OVERFLOW_MARK);
	while (l[ind] == ' ')
		ind++;
	if (!sec || !s->in_tree || ind < 2 || ind % 2)
		return fail(s, line, "expected a region line under a section header");
	if (!qm_parse_range(l + ind, &start, &end, &prio, kind, &rest))
		return fail(s, line, "malformed region line (want START-END (prio P, KIND): NAME)");
	d = (unsigned)(ind / 2 - 1);
	if (d == 0 && sec->root >= 0)
		return fail(s, line, "a second root in one section");
	/* an alias has no subregions: a deeper line under one is the child of
	 * a hidden sibling */
	if (d > 0 && d <= s->depth && s->t->nodes[s->stack[d - 1]].alias)
		s->depth = d - 1;
	while (d > s->depth) { /* hidden disabled parents */
		if (!(n = new_node(s)))
			return fail(s, line, "out of memory");
		idx = (long)(n - s->t->nodes);
		n->name = strdup("hidden-disabled");
		strcpy(n->kind, "i/o");
		n->start = start;
		n->disabled = n->hidden = true;
		n->line = line;
		n->region = -1;
		if (!s->depth)
			sec->root = idx; /* the section's root itself is hidden */
		if (place(s, idx, s->depth, line))
			return -1;
	}
	if (!(n = new_node(s)))
		return fail(s, line, "out of memory");
	idx = (long)(n - s->t->nodes);
	n->start = start;
	n->size = (mt_u128)(uint64_t)(end - start + 1);
	if (n->size == 0)
		n->size = MT_2_64;
	n->prio = prio;
	memcpy(n->kind, kind, sizeof(n->kind));
	n->line = line;
	n->region = -1;
	{
		char *r = strdup(rest);

		if (!r)
			return fail(s, line, "out of memory");
		qm_parse_name(r, n);
		free(r);
	}
	if (!n->name || (n->alias && !n->target))
		return fail(s, line, "out of memory");
	rc = place(s, idx, d, line);
	if (rc)
		return -1;
	if (d == 0)
		sec->root = idx;
	return 0;
}

/* Subtree spans and hidden parents' extents, children before parents. */
static void finish(struct qm_tree *t)
{
	size_t i;

	for (i = 0; i < t->nnodes; i++)
		t->nodes[i].span = 1;
	for (i = t->nnodes; i-- > 0;) {
		struct qm_node *n = &t->nodes[i];

		if (n->parent < 0)
			continue;
		struct qm_node *p = &t->nodes[n->parent];

		p->span += n->span;
		if (p->hidden) {
			mt_u128 end = (mt_u128)n->start + n->size;

			if (p->start > n->start)
				p->start = n->start;
			if (end - p->start > p->size)
				p->size = end - p->start;
		}
	}
}

int qm_parse_tree(const char *text, size_t len, const char *file,
		  struct qm_tree *out, FILE *err)
{
	struct pstate s = { .t = out, .file = file, .err = err };
	const char *p = text, *end = text + len;
	unsigned line = 0;
	char *l;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (!rc && next_line(&p, end, &l)) {
		line++;
		if (!l)
			rc = fail(&s, line, "out of memory");
		else if (!l[0])
			s.in_tree = false;
		else if (!strncmp(l, "address-space: ", 15) || !strncmp(l, "memory-region: ", 15))
			rc = header(&s, l, line);
		else if (!strcmp(l, "(qemu)") || !strncmp(l, "(qemu) ", 7))
			; /* a monitor prompt pasted along */
		else
			rc = region_line(&s, l, line);
		free(l);
	}
	free(s.stack);
	if (!rc && !out->nsecs)
		rc = fail(&s, line, "no address-space: section (is this `info mtree` output?)");
	if (!rc)
		finish(out);
	return rc;
}

void qm_tree_free(struct qm_tree *t)
{
	size_t i, j;

	for (i = 0; i < t->nnodes; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].owner);
		free(t->nodes[i].target);
	}
	for (i = 0; i < t->nsecs; i++) {
		for (j = 0; j < t->secs[i].nas; j++)
			free(t->secs[i].as_names[j]);
		free(t->secs[i].as_names);
		free(t->secs[i].as_lines);
		free(t->secs[i].mr_name);
	}
	free(t->nodes);
	free(t->secs);
	memset(t, 0, sizeof(*t));
}

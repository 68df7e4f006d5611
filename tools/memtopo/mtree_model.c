/* The tree of a trace for QEMU's `info mtree -f` layout (mtree_model.h). */
#include <stdlib.h>
#include <string.h>

#include "mtree_model.h"

long mm_find(const struct mm_model *m, const char *name)
{
	size_t i;

	for (i = m->n; i-- > 0;)
		if (m->r[i].alive && !strcmp(m->r[i].name, name))
			return (long)i;
	return -1;
}

static void add_region(struct mm_model *m, const mt_cmd *c, const char *raw, size_t rawlen)
{
	struct mm_region *r;
	char word[16];

	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		void *np = realloc(m->r, cap * sizeof(*m->r));

		if (!np) {
			m->oom = true;
			return;
		}
		m->r = np;
		m->cap = cap;
	}
	r = &m->r[m->n++];
	memset(r, 0, sizeof(*r));
	strcpy(r->name, c->name);
	r->kind = c->op == MT_OP_ALIAS ? MT_ALIAS : c->kind;
	r->size = c->size;
	r->target = c->op == MT_OP_ALIAS ? mm_find(m, c->name2) : -1;
	r->off = c->num;
	r->parent = -1;
	r->enabled = r->alive = true;
	r->qname = tw_qemu_note(raw, rawlen, word);
	if (r->qname && strcmp(word, "alias"))
		snprintf(r->qkind, sizeof(r->qkind), "%s", word);
}

static void add_space(struct mm_model *m, const mt_cmd *c, const char *raw, size_t rawlen)
{
	char word[16];
	void *np = realloc(m->s, (m->ns + 1) * sizeof(*m->s));

	if (!np) {
		m->oom = true;
		return;
	}
	m->s = np;
	strcpy(m->s[m->ns].name, c->name);
	m->s[m->ns].root = mm_find(m, c->name2);
	m->s[m->ns].qname = tw_qemu_note(raw, rawlen, word);
	m->ns++;
}

void mm_follow(void *arg, const mt_cmd *c, const char *raw, size_t rawlen, bool ok)
{
	struct mm_model *m = arg;
	long a = ok ? mm_find(m, c->name) : -1, b = ok ? mm_find(m, c->name2) : -1;

	if (!ok)
		return;
	switch (c->op) {
	case MT_OP_REGION:
	case MT_OP_ALIAS:
		add_region(m, c, raw, rawlen);
		break;
	case MT_OP_MAP:
		m->r[b].parent = a;
		m->r[b].addr = c->num;
		m->r[b].prio = c->has_prio ? c->prio : 0;
		break;
	case MT_OP_UNMAP:
		m->r[b].parent = -1;
		break;
	case MT_OP_MOVE:
		m->r[a].addr = c->num;
		break;
	case MT_OP_ENABLE:
	case MT_OP_DISABLE:
		m->r[a].enabled = c->op == MT_OP_ENABLE;
		break;
	case MT_OP_DESTROY:
		m->r[a].alive = false;
		break;
	case MT_OP_SPACE:
		add_space(m, c, raw, rawlen);
		break;
	default:
		break;
	}
}

/* The only enabled child of container i when it sits at 0 and fits, -1
 * when there is none, -2 when there are several or it does not fit. */
static long sole_child(const struct mm_model *m, long i)
{
	long found = -1;
	size_t k;

	for (k = 0; k < m->n; k++) {
		const struct mm_region *c = &m->r[k];

		if (!c->alive || c->parent != i || !c->enabled)
			continue;
		if (found != -1)
			return -2;
		found = (long)k;
	}
	if (found >= 0 && (m->r[found].addr || m->r[found].size > m->r[i].size))
		return -3;
	return found;
}

long mm_flatview_root(const struct mm_model *m, long i)
{
	size_t steps;

	for (steps = 0; i >= 0 && steps <= m->n; steps++) {
		const struct mm_region *r = &m->r[i];
		long next;

		if (!r->enabled)
			return -1;
		if (r->kind == MT_ALIAS) {
			if (r->off || r->size < m->r[r->target].size)
				return i;
			i = r->target;
			continue;
		}
		if (r->kind != MT_CONTAINER)
			return i;
		next = sole_child(m, i);
		if (next == -1)
			return -1;
		if (next < 0)
			return i;
		i = next;
	}
	return i;
}

const char *mm_qname(const struct mm_model *m, long i)
{
	return m->r[i].qname ? m->r[i].qname : m->r[i].name;
}

const char *mm_qkind(const struct mm_model *m, long i)
{
	if (m->r[i].qkind[0] && strcmp(m->r[i].qkind, "i/o"))
		return m->r[i].qkind;
	switch (m->r[i].kind) {
	case MT_RAM:
		return "ram";
	case MT_ROM:
		return "rom";
	default:
		return "i/o";
	}
}

void mm_free(struct mm_model *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->r[i].qname);
	for (i = 0; i < m->ns; i++)
		free(m->s[i].qname);
	free(m->r);
	free(m->s);
	memset(m, 0, sizeof(*m));
}

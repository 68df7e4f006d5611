/* Which printed lines are the same QEMU region.  QEMU prints a region once
 * per address-space group and again under `memory-region:` for every alias
 * target, so a subtree printed twice with identical lines (relative
 * addresses, names, kinds, priorities, sizes, aliases, owners) is one
 * region.  But QEMU queues each alias target once (by pointer), so two
 * `memory-region:` sections are always two regions, even when they print
 * alike (the buses of two PCI bridges of a chain, without -o). */
#include <string.h>

#include "qemu_regions.h"

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_line(const struct qm_node *a, const struct qm_node *ra,
		      const struct qm_node *b, const struct qm_node *rb)
{
	return a->depth - ra->depth == b->depth - rb->depth &&
	       a->start - ra->start == b->start - rb->start && a->size == b->size &&
	       a->prio == b->prio && a->alias == b->alias && a->disabled == b->disabled &&
	       a->hidden == b->hidden && a->alias_off == b->alias_off &&
	       !strcmp(a->kind, b->kind) && str_eq(a->name, b->name) &&
	       str_eq(a->target, b->target) && str_eq(a->owner, b->owner);
}

bool qr_same_subtree(const struct qm_tree *t, long a, long b)
{
	const struct qm_node *ra = &t->nodes[a], *rb = &t->nodes[b];
	size_t i;

	if (ra->span != rb->span)
		return false;
	for (i = 0; i < ra->span; i++)
		if (!same_line(ra + i, ra, rb + i, rb))
			return false;
	return true;
}

/* Whether region reg is already the region of an earlier memory-region:
 * section than sec. */
static bool claimed(const struct qm_tree *t, const struct qm_section *sec, long reg)
{
	const struct qm_section *s;

	for (s = t->secs; s < sec; s++)
		if (!s->is_as && s->root >= 0 && t->nodes[s->root].region == reg)
			return true;
	return false;
}

static long find_twin(const struct qm_tree *t, const struct qm_section *sec)
{
	long r = sec->root, q;

	for (q = 0; q < r; q++) {
		const struct qm_node *n = &t->nodes[q];

		if (n->region < 0 || (sec->is_as && n->parent >= 0))
			continue;
		if (!sec->is_as && (strcmp(n->name, sec->mr_name) || claimed(t, sec, n->region)))
			continue;
		if (qr_same_subtree(t, q, r))
			return q;
	}
	return -1;
}

long qr_assign(struct qm_tree *t, long *reps, size_t cap)
{
	size_t s, i;
	long nreg = 0;

	for (s = 0; s < t->nsecs; s++) {
		const struct qm_section *sec = &t->secs[s];
		long r = sec->root, twin;

		if (r < 0)
			continue;
		twin = find_twin(t, sec);
		for (i = 0; i < t->nodes[r].span; i++) {
			if (twin >= 0) {
				t->nodes[r + (long)i].region = t->nodes[twin + (long)i].region;
				continue;
			}
			if ((size_t)nreg >= cap)
				return -1;
			reps[nreg] = r + (long)i;
			t->nodes[r + (long)i].region = nreg++;
		}
	}
	return nreg;
}

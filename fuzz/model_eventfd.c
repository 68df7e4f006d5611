/* Reference model: active ioeventfds (SPEC section 3) and one space's
 * eventfd update against the reference backend (section 4).  Sets are
 * sorted arrays; membership is a linear scan. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

/* Canonical order: A, size, match (no-match first), data (when both
 * match), fd. */
int mdl_tuple_cmp(const struct mdl_tuple *a, const struct mdl_tuple *b)
{
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->match != b->match)
		return a->match ? 1 : -1;
	if (a->match && a->data != b->data)
		return a->data < b->data ? -1 : 1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return 0;
}

static int tuple_qcmp(const void *a, const void *b)
{
	return mdl_tuple_cmp(a, b);
}

static bool member(const struct mdl_tuple *set, size_t n,
		   const struct mdl_tuple *t)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!mdl_tuple_cmp(&set[i], t))
			return true;
	return false;
}

/* D of a flat view: e of R is active at A = F.start - F.offset + e.offset
 * when its whole span lies in a flat range F of R. */
struct mdl_tuple *mdl_desired(mt_model *m, const struct mdl_range *v,
			      size_t nv, size_t *n)
{
	struct mdl_tuple *d = NULL, *q;
	size_t nd = 0, cap = 0, i, k, u = 0;

	*n = 0;
	for (i = 0; i < nv; i++) {
		const struct mdl_region *r = &m->regions[v[i].region];
		mdl_s128 base = (mdl_s128)v[i].start - (mdl_s128)v[i].offset;

		if (r->kind != MT_MMIO)
			continue;
		for (k = 0; k < r->nefds; k++) {
			const struct mdl_efd *e = &r->efds[k];
			mdl_s128 a = base + (mdl_s128)e->offset;
			mdl_s128 end = a + (e->size ? e->size : 1);

			if (a < (mdl_s128)v[i].start || end > (mdl_s128)v[i].end)
				continue;
			q = mdl_grow(m, d, &cap, nd + 1, sizeof(*q));
			if (!q) {
				free(d);
				return NULL;
			}
			d = q;
			memset(&d[nd], 0, sizeof(d[nd]));
			d[nd].addr = (mt_u128)a;
			d[nd].size = e->size;
			d[nd].match = e->match;
			d[nd].data = e->match ? e->data : 0;
			d[nd].fd = e->fd;
			nd++;
		}
	}
	if (nd)
		qsort(d, nd, sizeof(*d), tuple_qcmp);
	for (i = 0; i < nd; i++)
		if (!u || mdl_tuple_cmp(&d[u - 1], &d[i]))
			d[u++] = d[i];
	*n = u;
	return d;
}

static bool same_set(const struct mdl_tuple *a, size_t na,
		     const struct mdl_tuple *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (mdl_tuple_cmp(&a[i], &b[i]))
			return false;
	return true;
}

/* Linux KVM: range overflow, then ioeventfd_check_collision, then the
 * bus's device limit. */
static int backend_refuses(const struct mdl_space *s, const struct mdl_tuple *n)
{
	size_t i;

	if (n->size > 0 && n->addr + n->size == MT_2_64)
		return MT_EINVAL;
	for (i = 0; i < s->ninst; i++) {
		const struct mdl_tuple *o = &s->inst[i];

		if (n->addr != o->addr)
			continue;
		if (n->size == 0 || o->size == 0)
			return MT_ECONFLICT;
		if (n->size == o->size &&
		    (!n->match || !o->match || n->data == o->data))
			return MT_ECONFLICT;
	}
	if (s->niz >= MDL_BUS_DEVS) /* the io bus is full of zones */
		return MT_ENOSPACE;
	return MT_OK;
}

/* Step 5 of a space's update; takes ownership of d (sorted, unique). */
void mdl_update_eventfds(mt_model *m, struct mdl_space *s,
			 struct mdl_tuple *d, size_t nd)
{
	struct mdl_tuple *q;
	size_t i, k;

	if (same_set(d, nd, s->prev_d, s->nprev_d)) {
		free(d);
		return;
	}
	/* I \ D, in canonical order (I is kept sorted) */
	for (i = 0, k = 0; i < s->ninst; i++) {
		if (member(d, nd, &s->inst[i])) {
			s->inst[k++] = s->inst[i];
			continue;
		}
		mdl_printf(m, "%s eventfd-del ", s->name);
		mdl_print_tuple(m, &s->inst[i]);
		mdl_printf(m, "\n");
	}
	s->ninst = k;
	/* D \ I, in canonical order, each against what is installed now */
	for (i = 0; i < nd; i++) {
		int err;

		if (member(s->inst, s->ninst, &d[i]))
			continue;
		mdl_printf(m, "%s eventfd-add ", s->name);
		mdl_print_tuple(m, &d[i]);
		err = backend_refuses(s, &d[i]);
		if (err) {
			mdl_printf(m, " failed %s\n", mdl_err_name(err));
			continue;
		}
		mdl_printf(m, "\n");
		q = realloc(s->inst, (s->ninst + 1) * sizeof(*q));
		if (!q) {
			m->overflow = true;
			break;
		}
		s->inst = q;
		s->inst[s->ninst++] = d[i];
	}
	if (s->ninst)
		qsort(s->inst, s->ninst, sizeof(*s->inst), tuple_qcmp);
	free(s->prev_d);
	s->prev_d = d;
	s->nprev_d = nd;
}

/* Reference model: coalesced ranges (SPEC section 1), desired zones Z
 * (section 3) and one space's zone update against the reference backend
 * (section 4 step 4).  Sets are sorted arrays; membership is a bsearch. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

#define COAL_LIMIT (((mt_u128)1) << 32)

static void cname(char dst[MT_NAME_MAX + 1], const char *src)
{
	memcpy(dst, src, MT_NAME_MAX);
	dst[MT_NAME_MAX] = 0;
}

static long find_coal(const struct mdl_region *r, uint64_t off, mt_u128 size)
{
	size_t i;

	for (i = 0; i < r->ncoal; i++)
		if (r->coal[i].offset == off && r->coal[i].size == size)
			return (long)i;
	return -1;
}

int mdl_cmd_coalesce(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	struct mdl_region *r;
	struct mdl_coal *q;
	long i;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	r = &m->regions[i];
	if (r->kind != MT_MMIO || c->size < 1 || c->size >= COAL_LIMIT ||
	    (mt_u128)c->num + c->size > r->size)
		return MT_EINVAL;
	if (find_coal(r, c->num, c->size) >= 0)
		return MT_EEXIST;
	q = mdl_grow(m, r->coal, &r->cap_coal, r->ncoal + 1, sizeof(*q));
	if (!q)
		return MT_ENOSPACE;
	r->coal = q;
	r->coal[r->ncoal].offset = c->num;
	r->coal[r->ncoal].size = (uint64_t)c->size;
	r->ncoal++;
	return MT_OK;
}

int mdl_cmd_uncoalesce(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	struct mdl_region *r;
	long i, k;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	r = &m->regions[i];
	k = find_coal(r, c->num, c->size);
	if (k < 0)
		return MT_ENOTFOUND;
	r->coal[k] = r->coal[--r->ncoal];
	return MT_OK;
}

static int zone_cmp(const void *pa, const void *pb)
{
	const struct mdl_zone *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Membership in a sorted set: a binary search (a scan made a trace of
 * 1,700 coalesce commands, each a commit, cubic: a fuzz timeout). */
static bool member(const struct mdl_zone *set, size_t n, const struct mdl_zone *z)
{
	return n && bsearch(z, set, n, sizeof(*set), zone_cmp) != NULL;
}

/* Z: each coalesced range c of R through each flat range F of R gives
 * [F.start - F.offset + c.offset, + c.size) ∩ [F.start, F.end). */
static struct mdl_zone *desired(mt_model *m, const struct mdl_range *v,
				size_t nv, size_t *n)
{
	struct mdl_zone *z = NULL, *q;
	size_t nz = 0, cap = 0, i, k, u = 0;

	*n = 0;
	for (i = 0; i < nv; i++) {
		const struct mdl_region *r = &m->regions[v[i].region];
		mdl_s128 base = (mdl_s128)v[i].start - (mdl_s128)v[i].offset;

		for (k = 0; k < r->ncoal; k++) {
			mdl_s128 lo = base + (mdl_s128)r->coal[k].offset;
			mdl_s128 hi = lo + (mdl_s128)r->coal[k].size;

			if (lo < (mdl_s128)v[i].start)
				lo = (mdl_s128)v[i].start;
			if (hi > (mdl_s128)v[i].end)
				hi = (mdl_s128)v[i].end;
			if (lo >= hi)
				continue;
			q = mdl_grow(m, z, &cap, nz + 1, sizeof(*q));
			if (!q) {
				free(z);
				return NULL;
			}
			z = q;
			z[nz].start = (mt_u128)lo;
			z[nz].end = (mt_u128)hi;
			nz++;
		}
	}
	if (nz)
		qsort(z, nz, sizeof(*z), zone_cmp);
	for (i = 0; i < nz; i++) /* equal intervals count once */
		if (!u || zone_cmp(&z[u - 1], &z[i]))
			z[u++] = z[i];
	*n = u;
	return z;
}

static bool same_set(const struct mdl_zone *a, size_t na,
		     const struct mdl_zone *b, size_t nb)
{
	return na == nb && (!na || !memcmp(a, b, na * sizeof(*a)));
}

static void print_zone(mt_model *m, const char *space, const char *op,
		       const struct mdl_zone *z)
{
	char a[40], b[40];

	mdl_printf(m, "%s %s %s %s", space, op, mdl_hex(a, z->start),
		   mdl_hex(b, z->end));
}

/* Step 4 of one space's update, from its new view v. */
void mdl_update_zones(mt_model *m, struct mdl_space *s,
		      const struct mdl_range *v, size_t nv)
{
	size_t nz, i, k;
	struct mdl_zone *z = desired(m, v, nv, &nz), *q;

	if (m->overflow || same_set(z, nz, s->prev_z, s->nprev_z)) {
		free(z);
		return;
	}
	for (i = 0, k = 0; i < s->niz; i++) {
		if (member(z, nz, &s->iz[i])) {
			s->iz[k++] = s->iz[i];
			continue;
		}
		print_zone(m, s->name, "coalesced-del", &s->iz[i]);
		mdl_printf(m, "\n");
	}
	s->niz = k; /* still sorted; what follows is added unsorted, but z
		     * holds each zone once, so only this prefix can match */
	for (i = 0; i < nz; i++) {
		if (member(s->iz, k, &z[i]))
			continue;
		print_zone(m, s->name, "coalesced-add", &z[i]);
		if (s->niz >= MDL_BUS_DEVS) {
			mdl_printf(m, " failed %s\n", mdl_err_name(MT_ENOSPACE));
			continue;
		}
		mdl_printf(m, "\n");
		q = realloc(s->iz, (s->niz + 1) * sizeof(*q));
		if (!q) {
			m->overflow = true;
			break;
		}
		s->iz = q;
		s->iz[s->niz++] = z[i];
	}
	if (s->niz)
		qsort(s->iz, s->niz, sizeof(*s->iz), zone_cmp);
	free(s->prev_z);
	s->prev_z = z;
	s->nprev_z = nz;
}

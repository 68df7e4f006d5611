/* Reference model: the flat view of SPEC section 2, computed from byte
 * ownership instead of by painting.
 *
 * owner(addr) walks the tree top-down for one address, in render order
 * (subregions in subregion order, then the terminal itself), and returns
 * the first terminal whose clipped window holds addr: that is the region
 * that covers the byte first.  Every region instance's window starts and
 * ends at a boundary collected by walking all paths, so between two
 * consecutive boundaries the owning instance (and so region and
 * addr - offset) is constant: one owner() query per elementary interval,
 * then adjacent pieces of one region with contiguous offsets are merged. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

#define MDL_MAX_PATHS 200000UL

static const mdl_s128 TOP = (mdl_s128)1 << 64;

struct rstate {
	mt_model *m;
	mt_u128 *pts;
	size_t npts, cap;
	unsigned long paths;
};

/* Count one node visit; false once the work budget is spent. */
static bool visit(mt_model *m, unsigned depth)
{
	if (m->overflow)
		return false;
	if (++m->visits > MDL_COMMIT_BUDGET ||
	    ++m->total_visits > MDL_TOTAL_BUDGET || depth > MDL_MAX_DEPTH) {
		m->overflow = true;
		return false;
	}
	return true;
}

/* Subregion order: does x come before y?  Higher priority first, then
 * the most recently mapped (map sequence numbers are unique). */
static bool kid_before(const mt_model *m, long x, long y)
{
	const struct mdl_region *a = &m->regions[x], *b = &m->regions[y];

	if (a->prio != b->prio)
		return a->prio > b->prio;
	return a->seq > b->seq;
}

/* Insertion sort: the lists are tiny. */
static void sort_kids(const mt_model *m, long *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		long x = v[i];

		for (j = i; j > 0 && kid_before(m, x, v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Build every live region's subregion list, in subregion order. */
bool mdl_sort_kids(mt_model *m)
{
	size_t i, k;

	for (i = 0; i < m->nregions; i++) {
		struct mdl_region *r = &m->regions[i];

		free(r->kids);
		r->kids = NULL;
		r->nkids = 0;
	}
	for (i = 0; i < m->nregions; i++) {
		struct mdl_region *r = &m->regions[i];
		size_t n = 0;

		if (!r->live)
			continue;
		for (k = 0; k < m->nregions; k++)
			if (m->regions[k].live && m->regions[k].parent == (long)i)
				n++;
		if (!n)
			continue;
		r->kids = malloc(n * sizeof(*r->kids));
		if (!r->kids) {
			m->overflow = true;
			return false;
		}
		for (k = 0; k < m->nregions; k++)
			if (m->regions[k].live && m->regions[k].parent == (long)i)
				r->kids[r->nkids++] = (long)k;
		sort_kids(m, r->kids, r->nkids);
	}
	return true;
}

/* window = [base, base + size) ∩ [*lo, *hi); false when empty */
static bool window(const struct mdl_region *r, mdl_s128 base, mdl_s128 *lo,
		   mdl_s128 *hi)
{
	mdl_s128 end = base + (mdl_s128)r->size;

	if (base > *lo)
		*lo = base;
	if (end < *hi)
		*hi = end;
	return *lo < *hi;
}

static void add_pt(struct rstate *st, mdl_s128 v)
{
	mt_u128 *q = mdl_grow(st->m, st->pts, &st->cap, st->npts + 1,
			      sizeof(*q));

	if (!q)
		return;
	st->pts = q;
	st->pts[st->npts++] = (mt_u128)v;
}

/* Collect the ends of every region instance's window (all paths). */
static void collect(struct rstate *st, long ri, mdl_s128 base, mdl_s128 lo,
		    mdl_s128 hi, unsigned depth)
{
	const struct mdl_region *r = &st->m->regions[ri];
	size_t i;

	if (!visit(st->m, depth))
		return;
	if (++st->paths > MDL_MAX_PATHS) {
		st->m->overflow = true;
		return;
	}
	if (!r->enabled || !window(r, base, &lo, &hi))
		return;
	add_pt(st, lo);
	add_pt(st, hi);
	if (r->kind == MT_ALIAS) {
		if (r->target >= 0)
			collect(st, r->target, base - (mdl_s128)r->alias_offset,
				lo, hi, depth + 1);
		return;
	}
	for (i = 0; i < r->nkids; i++) {
		long k = r->kids[i];

		collect(st, k, base + (mdl_s128)st->m->regions[k].addr, lo, hi,
			depth + 1);
	}
}

/* The region covering byte a, and where its offset 0 sits. */
static bool owner(mt_model *m, long ri, mdl_s128 base, mdl_s128 lo,
		  mdl_s128 hi, mdl_s128 a, unsigned depth, long *who,
		  mdl_s128 *who_base)
{
	const struct mdl_region *r = &m->regions[ri];
	size_t i;

	if (!visit(m, depth))
		return false;
	if (!r->enabled || !window(r, base, &lo, &hi) || a < lo || a >= hi)
		return false;
	if (r->kind == MT_ALIAS)
		return r->target >= 0 &&
		       owner(m, r->target, base - (mdl_s128)r->alias_offset, lo,
			     hi, a, depth + 1, who, who_base);
	for (i = 0; i < r->nkids; i++) {
		long k = r->kids[i];

		if (owner(m, k, base + (mdl_s128)m->regions[k].addr, lo, hi, a,
			  depth + 1, who, who_base))
			return true;
	}
	if (r->kind == MT_RAM || r->kind == MT_ROM || r->kind == MT_MMIO) {
		*who = ri;
		*who_base = base;
		return true;
	}
	return false;
}

static int u128_cmp(const void *a, const void *b)
{
	mt_u128 x = *(const mt_u128 *)a, y = *(const mt_u128 *)b;

	return x < y ? -1 : x > y;
}

struct mdl_range *mdl_render(mt_model *m, long root, size_t *n)
{
	struct rstate st = { .m = m };
	struct mdl_range *v = NULL, *q;
	size_t nv = 0, cap = 0, i, u = 0;

	*n = 0;
	if (root < 0 || (size_t)root >= m->nregions)
		return NULL;
	add_pt(&st, 0);
	add_pt(&st, TOP);
	collect(&st, root, 0, 0, TOP, 0);
	if (m->overflow) {
		free(st.pts);
		return NULL;
	}
	qsort(st.pts, st.npts, sizeof(*st.pts), u128_cmp);
	for (i = 0; i < st.npts; i++)
		if (!u || st.pts[u - 1] != st.pts[i])
			st.pts[u++] = st.pts[i];
	for (i = 0; i + 1 < u && !m->overflow; i++) {
		mt_u128 s = st.pts[i], e = st.pts[i + 1];
		long who;
		mdl_s128 wb;
		uint64_t off;

		if (!owner(m, root, 0, 0, TOP, (mdl_s128)s, 0, &who, &wb))
			continue;
		off = (uint64_t)((mdl_s128)s - wb);
		if (nv && v[nv - 1].region == who && v[nv - 1].end == s &&
		    (mt_u128)v[nv - 1].offset + (v[nv - 1].end - v[nv - 1].start) ==
			    off) {
			v[nv - 1].end = e;
			continue;
		}
		q = mdl_grow(m, v, &cap, nv + 1, sizeof(*q));
		if (!q)
			break;
		v = q;
		memset(&v[nv], 0, sizeof(v[nv]));
		v[nv].start = s;
		v[nv].end = e;
		v[nv].region = who;
		v[nv].kind = m->regions[who].kind;
		v[nv].offset = off;
		v[nv].log = m->regions[who].kind == MT_RAM && m->regions[who].log;
		memcpy(v[nv].name, m->regions[who].name, MT_NAME_MAX + 1);
		nv++;
	}
	free(st.pts);
	if (m->overflow) {
		free(v);
		return NULL;
	}
	*n = nv;
	return v;
}

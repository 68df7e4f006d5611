/* Reference model: the commands that edit the region tree, the ioeventfd
 * lists and the spaces.  Each checks its errors in the order of SPEC
 * section 5's table and changes nothing when one applies. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

/* cmd names are fixed arrays: never trust them to be terminated */
static void cname(char dst[MT_NAME_MAX + 1], const char *src)
{
	memcpy(dst, src, MT_NAME_MAX);
	dst[MT_NAME_MAX] = 0;
}

long mdl_find_region(const mt_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nregions; i++)
		if (m->regions[i].live && !strcmp(m->regions[i].name, name))
			return (long)i;
	return -1;
}

long mdl_find_space(const mt_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nspaces; i++)
		if (!strcmp(m->spaces[i].name, name))
			return (long)i;
	return -1;
}

static int new_region(mt_model *m, const char *name, mt_kind kind,
		      mt_u128 size, long target, uint64_t offset)
{
	struct mdl_region *r, *q;

	q = mdl_grow(m, m->regions, &m->cap_regions, m->nregions + 1,
		     sizeof(*q));
	if (!q)
		return MT_ENOSPACE;
	m->regions = q;
	r = &m->regions[m->nregions++];
	memset(r, 0, sizeof(*r));
	strcpy(r->name, name);
	r->live = true;
	r->kind = kind;
	r->size = size;
	r->enabled = true;
	r->parent = -1;
	r->target = target;
	r->alias_offset = offset;
	return MT_OK;
}

int mdl_cmd_region(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];

	cname(n, c->name);
	if (c->kind != MT_CONTAINER && c->kind != MT_RAM && c->kind != MT_ROM &&
	    c->kind != MT_MMIO)
		return MT_ESYNTAX; /* the parser never makes this */
	if (c->size > MT_2_64)
		return MT_EINVAL;
	if (mdl_find_region(m, n) >= 0)
		return MT_EEXIST;
	return new_region(m, n, c->kind, c->size, -1, 0);
}

int mdl_cmd_alias(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1], t[MT_NAME_MAX + 1];
	long ti;

	cname(n, c->name);
	cname(t, c->name2);
	if (c->size > MT_2_64)
		return MT_EINVAL;
	if (mdl_find_region(m, n) >= 0)
		return MT_EEXIST;
	ti = mdl_find_region(m, t);
	if (ti < 0)
		return MT_ENOTFOUND;
	return new_region(m, n, MT_ALIAS, c->size, ti, c->num);
}

/* [a, a+as) and [b, b+bs) share a byte */
static bool intersect(uint64_t a, mt_u128 as, uint64_t b, mt_u128 bs)
{
	mt_u128 lo = a > b ? a : b;
	mt_u128 ae = (mt_u128)a + as, be = (mt_u128)b + bs;
	mt_u128 hi = ae < be ? ae : be;

	return lo < hi;
}

/* Would child ci at addr (with may_overlap mo) meet a sibling under p? */
static bool overlaps(const mt_model *m, long p, long ci, uint64_t addr,
		     bool mo)
{
	size_t i;

	for (i = 0; i < m->nregions; i++) {
		const struct mdl_region *s = &m->regions[i];

		if (!s->live || s->parent != p || (long)i == ci)
			continue;
		if (!mo && !s->may_overlap &&
		    intersect(addr, m->regions[ci].size, s->addr, s->size))
			return true;
	}
	return false;
}

/* Is to reachable from from through subregion and alias-target links?
 * Plain graph search with a visited mark per object. */
static bool reachable(mt_model *m, long from, long to)
{
	size_t n = m->nregions, top = 0, i;
	long *stack = malloc((n + 1) * sizeof(*stack));
	bool *seen = calloc(n + 1, 1);
	bool found = false;

	if (!stack || !seen) {
		m->overflow = true;
		free(stack);
		free(seen);
		return true; /* refuse the map: never build a cycle */
	}
	stack[top++] = from;
	seen[from] = true;
	while (top && !found && mdl_scan(m, n)) {
		long x = stack[--top];

		if (x == to) {
			found = true;
			break;
		}
		for (i = 0; i < n; i++) {
			const struct mdl_region *r = &m->regions[i];
			bool edge = r->live && r->parent == x;

			if (m->regions[x].kind == MT_ALIAS &&
			    m->regions[x].target == (long)i)
				edge = true;
			if (edge && !seen[i]) {
				seen[i] = true;
				stack[top++] = (long)i;
			}
		}
	}
	free(stack);
	free(seen);
	return found || m->overflow; /* gave up: never build a cycle */
}

int mdl_cmd_map(mt_model *m, const mt_cmd *c)
{
	char pn[MT_NAME_MAX + 1], cn[MT_NAME_MAX + 1];
	long p, ch;
	bool mo = c->has_prio;
	struct mdl_region *r;

	cname(pn, c->name);
	cname(cn, c->name2);
	p = mdl_find_region(m, pn);
	ch = mdl_find_region(m, cn);
	if (p < 0 || ch < 0)
		return MT_ENOTFOUND;
	if (m->regions[p].kind == MT_ALIAS)
		return MT_EINVAL;
	if (m->regions[ch].parent >= 0)
		return MT_EBUSY;
	if (ch == p || reachable(m, ch, p))
		return MT_ELOOP;
	if (overlaps(m, p, ch, c->num, mo))
		return MT_EOVERLAP;
	r = &m->regions[ch];
	r->parent = p;
	r->addr = c->num;
	r->prio = c->has_prio ? c->prio : 0;
	r->may_overlap = mo;
	r->seq = ++m->map_seq;
	return MT_OK;
}

int mdl_cmd_unmap(mt_model *m, const mt_cmd *c)
{
	char pn[MT_NAME_MAX + 1], cn[MT_NAME_MAX + 1];
	long p, ch;

	cname(pn, c->name);
	cname(cn, c->name2);
	p = mdl_find_region(m, pn);
	ch = mdl_find_region(m, cn);
	if (p < 0 || ch < 0 || m->regions[ch].parent != p)
		return MT_ENOTFOUND;
	m->regions[ch].parent = -1;
	return MT_OK;
}

int mdl_cmd_move(mt_model *m, const mt_cmd *c)
{
	char cn[MT_NAME_MAX + 1];
	long ch;
	struct mdl_region *r;

	cname(cn, c->name);
	ch = mdl_find_region(m, cn);
	if (ch < 0)
		return MT_ENOTFOUND;
	r = &m->regions[ch];
	if (r->parent < 0)
		return MT_EINVAL;
	if (overlaps(m, r->parent, ch, c->num, r->may_overlap))
		return MT_EOVERLAP;
	r->addr = c->num;
	r->seq = ++m->map_seq; /* moving is mapping again */
	return MT_OK;
}

int mdl_cmd_enable(mt_model *m, const mt_cmd *c, bool on)
{
	char n[MT_NAME_MAX + 1];
	long i;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	m->regions[i].enabled = on;
	return MT_OK;
}

static bool is_busy(const mt_model *m, long x)
{
	size_t i;

	if (m->regions[x].parent >= 0)
		return true;
	for (i = 0; i < m->nregions; i++) {
		const struct mdl_region *r = &m->regions[i];

		if (!r->live)
			continue;
		if (r->parent == x)
			return true;
		if (r->kind == MT_ALIAS && r->target == x)
			return true;
	}
	for (i = 0; i < m->nspaces; i++)
		if (m->spaces[i].root == x)
			return true;
	return false;
}

int mdl_cmd_destroy(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	long i;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	if (is_busy(m, i))
		return MT_EBUSY;
	/* the object stays (committed views may still name it), unreachable */
	m->regions[i].live = false;
	return MT_OK;
}

int mdl_cmd_space(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1], rn[MT_NAME_MAX + 1];
	struct mdl_space *s;
	long root;

	cname(n, c->name);
	cname(rn, c->name2);
	if (mdl_find_space(m, n) >= 0)
		return MT_EEXIST;
	root = mdl_find_region(m, rn);
	if (root < 0)
		return MT_ENOTFOUND;
	s = mdl_grow(m, m->spaces, &m->cap_spaces, m->nspaces + 1, sizeof(*s));
	if (!s)
		return MT_ENOSPACE;
	m->spaces = s;
	s = &m->spaces[m->nspaces++];
	memset(s, 0, sizeof(*s));
	strcpy(s->name, n);
	s->root = root;
	s->pio = c->pio;
	return MT_OK;
}

/* The tuple of an add/del command, normalised; false if SIZE is not one of
 * 0, 1, 2, 4, 8. */
static bool cmd_efd(const mt_cmd *c, struct mdl_efd *e)
{
	mt_u128 sz = c->efd_size;

	if (sz != 0 && sz != 1 && sz != 2 && sz != 4 && sz != 8)
		return false;
	e->offset = c->efd.offset;
	e->size = (uint8_t)sz;
	e->match = c->efd.match;
	e->data = c->efd.match ? c->efd.data : 0;
	e->fd = c->efd.fd;
	return true;
}

static long find_efd(const struct mdl_region *r, const struct mdl_efd *e)
{
	size_t i;

	for (i = 0; i < r->nefds; i++) {
		const struct mdl_efd *x = &r->efds[i];

		if (x->offset == e->offset && x->size == e->size &&
		    x->match == e->match && x->data == e->data && x->fd == e->fd)
			return (long)i;
	}
	return -1;
}

/* SPEC section 1's rules for an ioeventfd of r */
static bool efd_valid(const struct mdl_region *r, const struct mdl_efd *e)
{
	mt_u128 span = e->size ? e->size : 1;

	if (r->kind != MT_MMIO)
		return false;
	if (e->size == 0 && e->match)
		return false;
	if (e->match && e->size < 8 &&
	    (mt_u128)e->data >= ((mt_u128)1 << (8 * e->size)))
		return false;
	if ((mt_u128)e->offset + span > r->size)
		return false;
	return e->fd >= 0;
}

int mdl_cmd_efd_add(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	struct mdl_region *r;
	struct mdl_efd e, *q;
	long i;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	r = &m->regions[i];
	if (!cmd_efd(c, &e) || !efd_valid(r, &e))
		return MT_EINVAL;
	if (find_efd(r, &e) >= 0)
		return MT_EEXIST;
	q = mdl_grow(m, r->efds, &r->cap_efds, r->nefds + 1, sizeof(*q));
	if (!q)
		return MT_ENOSPACE;
	r->efds = q;
	r->efds[r->nefds++] = e;
	return MT_OK;
}

int mdl_cmd_efd_del(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	struct mdl_region *r;
	struct mdl_efd e;
	long i, k;

	cname(n, c->name);
	i = mdl_find_region(m, n);
	if (i < 0 || !cmd_efd(c, &e))
		return MT_ENOTFOUND;
	r = &m->regions[i];
	k = find_efd(r, &e);
	if (k < 0)
		return MT_ENOTFOUND;
	r->efds[k] = r->efds[--r->nefds];
	return MT_OK;
}

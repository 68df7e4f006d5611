/* Reference model: log flags (SPEC section 1), dirty pages and `sync`
 * (section 9).  A region keeps the page intervals it was marked with, as
 * they came; `sync` sorts and merges them.  Destroyed regions are skipped:
 * their object index is never reused, so nothing is reported for them. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

#define PAGE 4096u

int mdl_cmd_log(mt_model *m, const mt_cmd *c)
{
	char n[MT_NAME_MAX + 1];
	long i;

	memcpy(n, c->name, MT_NAME_MAX);
	n[MT_NAME_MAX] = 0;
	i = mdl_find_region(m, n);
	if (i < 0)
		return MT_ENOTFOUND;
	if (m->regions[i].kind != MT_RAM)
		return MT_EINVAL;
	m->regions[i].log = c->on;
	return MT_OK;
}

void mdl_dirty_mark(mt_model *m, long ri, uint64_t offset, mt_u128 len)
{
	struct mdl_region *r;
	struct mdl_pages *q;
	mt_u128 end = (mt_u128)offset + len;

	if (ri < 0 || (size_t)ri >= m->nregions)
		return;
	r = &m->regions[ri];
	if (!r->live || !len || offset >= r->size)
		return;
	if (end > r->size)
		end = r->size;
	q = mdl_grow(m, r->dirty, &r->cap_dirty, r->ndirty + 1, sizeof(*q));
	if (!q)
		return;
	r->dirty = q;
	r->dirty[r->ndirty].first = offset / PAGE;
	r->dirty[r->ndirty].last = (uint64_t)((end - 1) / PAGE);
	r->ndirty++;
}

void mt_model_mark_dirty(mt_model *m, const char *region, uint64_t offset,
			 mt_u128 len)
{
	if (m && region)
		mdl_dirty_mark(m, mdl_find_region(m, region), offset, len);
}

static int pages_cmp(const void *pa, const void *pb)
{
	const struct mdl_pages *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

static void print_run(mt_model *m, const struct mdl_region *r, uint64_t first,
		      uint64_t last)
{
	char a[40], b[40];
	mt_u128 end = ((mt_u128)last + 1) * PAGE;

	if (end > r->size)
		end = r->size;
	mdl_printf(m, "dirty %s %s %s\n", r->name,
		   mdl_hex(a, (mt_u128)first * PAGE), mdl_hex(b, end));
}

/* For each live region in creation order, its maximal runs, then forget. */
void mdl_sync(mt_model *m)
{
	size_t i, k;

	for (i = 0; i < m->nregions; i++) {
		struct mdl_region *r = &m->regions[i];
		uint64_t first = 0, last = 0;
		bool open = false;

		if (r->live && r->ndirty) {
			qsort(r->dirty, r->ndirty, sizeof(*r->dirty), pages_cmp);
			for (k = 0; k < r->ndirty; k++) {
				const struct mdl_pages *p = &r->dirty[k];

				if (open && p->first <= last + 1) {
					if (p->last > last)
						last = p->last;
					continue;
				}
				if (open)
					print_run(m, r, first, last);
				first = p->first;
				last = p->last;
				open = true;
			}
			if (open)
				print_run(m, r, first, last);
		}
		r->ndirty = 0;
	}
}

void mdl_log_free(mt_model *m)
{
	size_t i;

	for (i = 0; i < m->nregions; i++) {
		free(m->regions[i].coal);
		free(m->regions[i].dirty);
	}
	for (i = 0; i < m->nspaces; i++) {
		free(m->spaces[i].iz);
		free(m->spaces[i].prev_z);
	}
}

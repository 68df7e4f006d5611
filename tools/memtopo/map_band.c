/* Bands of `memtopo map` from a context's committed state (map_band.h). */
#include <stdlib.h>
#include <string.h>

#include "map_band.h"

static int take_range(void *arg, const mt_flat_range *f)
{
	struct map_band *b = arg;

	b->r[b->nr++] = *f;
	return 0;
}

static int take_eventfd(void *arg, const mt_ioeventfd *e)
{
	struct map_band *b = arg;

	b->e[b->ne++] = *e;
	return 0;
}

/* The extent of a space: its root's size as the trace made it, else the
 * end of its last range. */
static mt_u128 extent(const struct mm_model *m, const mt_space *sp, const struct map_band *b)
{
	mt_u128 end = b->nr ? b->r[b->nr - 1].end : 0;
	size_t i;

	for (i = m->ns; i-- > 0;)
		if (!strcmp(m->s[i].name, mt_space_name(sp)) && m->s[i].root >= 0)
			return m->r[m->s[i].root].size > end ? m->r[m->s[i].root].size : end;
	return end;
}

static int read_space(struct map_band *b, const mt_space *sp, const struct mm_model *m)
{
	memset(b, 0, sizeof(*b));
	b->r = malloc((mt_space_range_count(sp) + 1) * sizeof(*b->r));
	b->e = malloc((mt_space_eventfd_count(sp) + 1) * sizeof(*b->e));
	b->sp = malloc(sizeof(*b->sp));
	if (!b->r || !b->e || !b->sp)
		return -1;
	mt_space_foreach_range(sp, take_range, b);
	mt_space_foreach_eventfd(sp, take_eventfd, b);
	b->sp[b->nsp++] = sp;
	b->pio = mt_space_is_pio(sp);
	b->limit = extent(m, sp, b);
	return 0;
}

static bool same_state(const struct map_band *a, const struct map_band *b)
{
	size_t i;

	if (a->pio != b->pio || a->limit != b->limit || a->nr != b->nr || a->ne != b->ne)
		return false;
	for (i = 0; i < a->nr; i++)
		if (a->r[i].start != b->r[i].start || a->r[i].end != b->r[i].end ||
		    a->r[i].region_id != b->r[i].region_id || a->r[i].offset != b->r[i].offset)
			return false;
	for (i = 0; i < a->ne; i++)
		if (mt_ioeventfd_cmp(&a->e[i], &b->e[i]))
			return false;
	return true;
}

static void band_free(struct map_band *b)
{
	free(b->sp);
	free(b->r);
	free(b->e);
	map_axis_free(&b->ax);
	memset(b, 0, sizeof(*b)); /* a failed collect frees every slot once */
}

/* Space sp joins an existing band of the same state, or becomes one. */
static int add_space(struct map_section *sec, const mt_space *sp)
{
	struct map_band *nb = &sec->b[sec->nb];
	size_t i;

	if (read_space(nb, sp, sec->m))
		return -1;
	for (i = 0; i < sec->nb; i++) {
		struct map_band *b = &sec->b[i];
		const mt_space **g;

		if (!same_state(b, nb))
			continue;
		band_free(nb);
		g = realloc(b->sp, (b->nsp + 1) * sizeof(*g));
		if (!g)
			return -1;
		b->sp = g;
		b->sp[b->nsp++] = sp;
		return 0;
	}
	sec->nb++;
	return 0;
}

int map_section_collect(struct map_section *sec, mt_ctx *ctx,
			const struct mm_model *m, double x0, double width)
{
	size_t i, n = mt_space_count(ctx);

	sec->m = m;
	sec->nb = 0;
	sec->qnames = false;
	for (i = 0; i < m->n && !sec->qnames; i++)
		sec->qnames = m->r[i].qname != NULL;
	sec->b = calloc(n + 1, sizeof(*sec->b));
	if (!sec->b)
		return -1;
	for (i = 0; i < n; i++)
		if (add_space(sec, mt_space_at(ctx, i)))
			goto fail;
	for (i = 0; i < sec->nb; i++)
		if (map_axis_build(&sec->b[i].ax, sec->b[i].r, sec->b[i].nr,
				   sec->b[i].limit, x0, width))
			goto fail;
	return 0;
fail:
	sec->nb++; /* the band being read may hold memory too */
	map_section_free(sec);
	return -1;
}

void map_section_free(struct map_section *sec)
{
	size_t i;

	for (i = 0; i < sec->nb; i++)
		band_free(&sec->b[i]);
	free(sec->b);
	sec->b = NULL;
	sec->nb = 0;
}

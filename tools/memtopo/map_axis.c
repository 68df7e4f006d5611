/* The piecewise address axis (map_axis.h). */
#include <math.h>
#include <stdlib.h>

#include "svg_out.h"

#include "map_axis.h"

/* A segment's weight: log2 of its size plus a floor, so that no segment is
 * ever thinner than MIN_PX pixels. */
#define WEIGHT_FLOOR 3.0
#define MIN_PX 4.0

static double weight(const struct map_seg *s)
{
	mt_u128 size = s->end - s->start;

	return WEIGHT_FLOOR + (size > 1 ? log2((double)size) : 0.0);
}

static void push(struct map_axis *ax, mt_u128 start, mt_u128 end, long range)
{
	struct map_seg *s = &ax->s[ax->n++];

	s->start = start;
	s->end = end;
	s->range = range;
}

/* Gaps before, between and after the ranges, in address order. */
static void cut(struct map_axis *ax, const mt_flat_range *r, size_t nr, mt_u128 limit)
{
	mt_u128 at = 0;
	size_t i;

	for (i = 0; i < nr; i++) {
		if (r[i].start > at)
			push(ax, at, r[i].start, -1);
		push(ax, r[i].start, r[i].end, (long)i);
		at = r[i].end;
	}
	if (limit > at || !ax->n)
		push(ax, at, limit > at ? limit : at, -1);
}

static size_t label_len(mt_u128 v)
{
	char buf[40];
	size_t n = 0;

	for (svg_hex(buf, v); buf[n]; n++)
		;
	return n;
}

/* Greedy left to right; the end label wins over the labels too close to it. */
static void thin(struct map_axis *ax)
{
	double last = -1e300, end = ax->x0 + ax->width;
	size_t i;

	for (i = 0; i < ax->n; i++) {
		ax->s[i].label = ax->s[i].x - last >= MAP_LABEL_GAP;
		if (ax->s[i].label)
			last = ax->s[i].x;
	}
	for (i = ax->n; i-- > 1 && end - ax->s[i].x < MAP_LABEL_GAP;)
		ax->s[i].label = false;
	ax->end_label = true;
	ax->label_chars = label_len(ax->s[ax->n - 1].end);
	for (i = 0; i < ax->n; i++) {
		size_t n = label_len(ax->s[i].start);

		if (ax->s[i].label && n > ax->label_chars)
			ax->label_chars = n;
	}
}

int map_axis_build(struct map_axis *ax, const mt_flat_range *r, size_t nr,
		   mt_u128 limit, double x0, double width)
{
	double total = 0, least = 1e300, scale, x = x0;
	size_t i;

	ax->n = 0;
	ax->s = malloc((2 * nr + 2) * sizeof(*ax->s));
	if (!ax->s)
		return -1;
	cut(ax, r, nr, limit);
	for (i = 0; i < ax->n; i++) {
		total += weight(&ax->s[i]);
		least = weight(&ax->s[i]) < least ? weight(&ax->s[i]) : least;
	}
	scale = width / total;
	if (scale * least < MIN_PX) /* grow rather than hide a segment */
		scale = MIN_PX / least;
	for (i = 0; i < ax->n; i++) {
		ax->s[i].x = x;
		ax->s[i].w = weight(&ax->s[i]) * scale;
		x += ax->s[i].w;
	}
	ax->x0 = x0;
	ax->width = x - x0;
	thin(ax);
	return 0;
}

double map_axis_x(const struct map_axis *ax, mt_u128 a)
{
	size_t lo = 0, hi = ax->n;
	const struct map_seg *s;

	if (!ax->n)
		return ax->x0;
	while (hi - lo > 1) { /* the last segment starting at or before a */
		size_t mid = lo + (hi - lo) / 2;

		if (ax->s[mid].start <= a)
			lo = mid;
		else
			hi = mid;
	}
	s = &ax->s[lo];
	if (a >= s->end)
		return s->x + s->w;
	return s->x + s->w * ((double)(a - s->start) / (double)(s->end - s->start));
}

void map_axis_free(struct map_axis *ax)
{
	free(ax->s);
	ax->s = NULL;
	ax->n = 0;
}

/* The piecewise address axis of `memtopo map`: every flat range and every
 * gap between them is a segment whose width grows with the log of its size,
 * so a 1-byte port stays visible next to a 2^64-sized hole. */
#ifndef MT_MAP_AXIS_H
#define MT_MAP_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "memtopo.h"

#define MAP_LABEL_GAP 16.0

struct map_seg {
	mt_u128 start, end; /* [start, end), exact: end may be 2^64 */
	long range;         /* index into the band's flat ranges, -1 for a gap */
	double x, w;        /* where it is drawn */
	bool label;         /* its start gets a tick label */
};

struct map_axis {
	struct map_seg *s;
	size_t n;
	double x0, width;
	bool end_label;       /* the end of the last segment gets a label */
	size_t label_chars;   /* the longest label, in characters */
};

/* Segments of [0, limit) from the sorted, disjoint ranges r[0..nr): x0 is
 * the left edge, width the wanted width (grown when the segments need more
 * to stay visible).  Tick labels (hex addresses, drawn slanted) are thinned
 * to one per MAP_LABEL_GAP pixels, the first and the last always kept.
 * Returns 0, or -1 when out of memory. */
int map_axis_build(struct map_axis *ax, const mt_flat_range *r, size_t nr,
		   mt_u128 limit, double x0, double width);
/* Where address a is drawn (linear inside its segment). */
double map_axis_x(const struct map_axis *ax, mt_u128 a);
void map_axis_free(struct map_axis *ax);

#endif

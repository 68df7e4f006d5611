/* The SVG document of `memtopo map`: title, legend, then each section
 * (a point of the trace) with its bands, stacked top to bottom. */
#ifndef MT_MAP_DOC_H
#define MT_MAP_DOC_H

#include <stdio.h>

#include "map_band.h"

#define MAP_X0 110.0     /* room on the left for slanted tick labels */
#define MAP_WIDTH 1060.0 /* the axis, unless its segments need more */

/* Write the document; the caller checks out for write errors. */
void map_doc_write(FILE *out, const char *title, const struct map_section *sec,
		   size_t nsec);

#endif

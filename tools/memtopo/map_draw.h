/* One band of `memtopo map`: a space's committed state over its piecewise
 * axis, drawn as separate layers (ranges, names, ioeventfds, axis). */
#ifndef MT_MAP_DRAW_H
#define MT_MAP_DRAW_H

#include <stdio.h>

#include "map_band.h"

/* Height of band b, its label and tick labels included. */
double map_band_height(const struct map_section *sec, const struct map_band *b);
/* Draw band b of section sec with its top at y. */
void map_band_draw(FILE *out, const struct map_section *sec, const struct map_band *b,
		   double y);

#endif

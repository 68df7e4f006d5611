/* The label over a band of `memtopo map`: every space's name (and QEMU's
 * name when it differs), then the band's kind, extent and counts, wrapped
 * at the axis width. */
#ifndef MT_MAP_LABEL_H
#define MT_MAP_LABEL_H

#include <stdio.h>

#include "map_band.h"

#define MAP_LABEL_LINE 15.0

/* Write the label with its first baseline at y (out NULL: measure only);
 * returns its number of lines. */
size_t map_label(FILE *out, const struct map_section *sec, const struct map_band *b,
		 double y);

#endif

/* Colours and the legend of `memtopo map`: one entry per thing a band can
 * show.  Marks added later (coalesced zones, logged ranges) get an entry
 * here and a layer in map_draw.c. */
#ifndef MT_MAP_STYLE_H
#define MT_MAP_STYLE_H

#include <stdio.h>

#include "memtopo.h"

#define MAP_GAP_FILL "url(#unassigned)"
#define MAP_EVENTFD_FILL "#d7191c"
#define MAP_INK "#222222"

/* Fill of a flat range of this kind (ram, rom, mmio). */
const char *map_kind_fill(mt_kind kind);
/* <defs>: the hatch of unassigned space. */
void map_style_defs(FILE *out);
/* The legend, one row from (x, y); returns its height. */
double map_legend(FILE *out, double x, double y);

#endif

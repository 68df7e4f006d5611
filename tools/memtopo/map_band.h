/* What `memtopo map` draws: per section (a point of the trace), one band
 * per distinct committed state; spaces whose flat view, installed
 * ioeventfds and extent are identical share a band (as QEMU's `info mtree
 * -f` shares a FlatView), labelled with every space's name. */
#ifndef MT_MAP_BAND_H
#define MT_MAP_BAND_H

#include "map_axis.h"
#include "mtree_model.h"

struct map_band {
	const mt_space **sp; /* the spaces shown, in creation order */
	size_t nsp;
	bool pio;
	mt_u128 limit;       /* the root's size: the band spans [0, limit) */
	mt_flat_range *r;    /* committed flat view (names point into the ctx) */
	size_t nr;
	mt_ioeventfd *e;     /* installed ioeventfds, canonical order */
	size_t ne;
	struct map_axis ax;
};

struct map_section {
	char title[200];
	const struct mm_model *m; /* the tree: extents, QEMU names */
	bool qnames;              /* m holds QEMU names (an imported trace) */
	struct map_band *b;
	size_t nb;
};

/* Read every space of ctx into bands, axes starting at x0 with the given
 * width.  Returns 0, or -1 when out of memory (sec is then freed). */
int map_section_collect(struct map_section *sec, mt_ctx *ctx,
			const struct mm_model *m, double x0, double width);
void map_section_free(struct map_section *sec);

#endif

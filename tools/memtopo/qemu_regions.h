/* Merging the lines QEMU prints more than once into one region each. */
#ifndef MT_QEMU_REGIONS_H
#define MT_QEMU_REGIONS_H

#include "qemu_mtree.h"

/* Whether the subtrees at nodes a and b print identically. */
bool qr_same_subtree(const struct qm_tree *t, long a, long b);

/* Set every node's region; reps[k] = the first node of region k (cap
 * entries at least t->nnodes).  Returns the number of regions. */
long qr_assign(struct qm_tree *t, long *reps, size_t cap);

#endif

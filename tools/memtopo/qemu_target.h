/* Which printed region an alias of `info mtree` targets.  QEMU names the
 * target only by name, and several `memory-region:` sections can share it
 * (every PCI bridge's bus is `pci_bridge_pci`). */
#ifndef MT_QEMU_TARGET_H
#define MT_QEMU_TARGET_H

#include <stdio.h>

#include "qemu_mtree.h"

struct qt_sec {
	const char *name; /* a memory-region: section's name */
	size_t sec;       /* its index in the tree */
};

struct qt_resolver {
	const struct qm_tree *t;
	const long *reps;      /* region -> first node */
	const long *target;    /* alias region -> target region, -1 not yet */
	long nreg;
	long *child, *sib;     /* node -> first child / next sibling, -1 none */
	unsigned *seen;        /* region -> stamp of the last loop search */
	unsigned stamp;
	long *stack;           /* the loop search's explicit stack */
	struct qt_sec *mrs;    /* memory-region: sections, by name then line */
	size_t nmrs;
	char **flat_names;     /* sorted names of QEMU's flat ranges */
	size_t nflat;
	unsigned long budget;  /* loop-search steps left (hostile input) */
	bool budget_noted;
	const char *file;
	FILE *err;
};

/* 0, or -1 out of memory.  target[] is read as the importer fills it. */
int qt_init(struct qt_resolver *r, const struct qm_tree *t, const long *reps,
	    const long *target, long nreg, const struct qm_flat *flat,
	    const char *file, FILE *err);
void qt_free(struct qt_resolver *r);

/* The target region of alias node a (region ar), or -1 (noted on err). */
long qt_resolve(struct qt_resolver *r, const struct qm_node *a, long ar);

#endif

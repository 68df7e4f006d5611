/* QEMU's HMP `info mtree` text (plain, -o, -D) and `info mtree -f` text,
 * parsed into flat arrays.  Lines are parsed one at a time with an explicit
 * depth stack, so nesting depth is bounded only by memory. */
#ifndef MT_QEMU_MTREE_H
#define MT_QEMU_MTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "memtopo.h"

/* One printed region line.  Nodes are kept in file order, so a node's
 * subtree is the contiguous run [i, i + span). */
struct qm_node {
	char *name;
	char *owner;     /* the " owner:{...}" / " parent:{...}" text of -o, or NULL */
	char kind[16];   /* QEMU's type word: ram, rom, romd, ramd, i/o, nv-ram ... */
	int32_t prio;
	uint64_t start;  /* absolute, as printed */
	mt_u128 size;    /* end - start + 1 (a 0-byte region reads as 1) */
	bool alias, disabled, hidden; /* hidden: a disabled parent QEMU did not print */
	char *target;    /* alias target name */
	uint64_t alias_off;
	unsigned line, depth;
	size_t span;     /* nodes in the subtree, itself included */
	long parent;     /* node index, -1 for a section root */
	long region;     /* the region this node is (after merging duplicates) */
};

struct qm_section {
	bool is_as;
	char **as_names;  /* address-space: headers sharing this tree */
	unsigned *as_lines;
	size_t nas;
	char *mr_name;    /* memory-region: NAME */
	unsigned line;
	long root;        /* node index, -1 when the tree is missing */
};

struct qm_tree {
	struct qm_node *nodes;
	size_t nnodes, cap_nodes;
	struct qm_section *secs;
	size_t nsecs, cap_secs;
};

/* A flat range of `info mtree -f`. */
struct qm_flat_range {
	char *as_name; /* the first AS of its FlatView */
	char *name;
	char kind[16];
	unsigned line;
};
struct qm_flat {
	struct qm_flat_range *r;
	size_t n, cap;
};

/* 0, or -1 after printing "FILE:LINE: message" on err. */
int qm_parse_tree(const char *text, size_t len, const char *file,
		  struct qm_tree *out, FILE *err);
int qm_parse_flat(const char *text, size_t len, const char *file,
		  struct qm_flat *out, FILE *err);
void qm_tree_free(struct qm_tree *t);
void qm_flat_free(struct qm_flat *f);

/* Split "START-END (prio P, KIND): REST" (REST points into line). */
bool qm_parse_range(const char *line, uint64_t *start, uint64_t *end,
		    int32_t *prio, char kind[16], const char **rest);

#endif

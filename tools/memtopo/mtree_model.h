/* The region tree a trace builds, as far as QEMU's `info mtree -f` layout
 * needs it: QEMU names and kinds (the importer's #qemu comments),
 * priorities, and what decides QEMU's FlatView roots. */
#ifndef MT_MTREE_MODEL_H
#define MT_MTREE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "trace_walk.h"

struct mm_region {
	char name[MT_NAME_MAX + 1];
	char *qname;      /* QEMU's name, or NULL */
	char qkind[16];   /* QEMU's kind word, or "" */
	mt_kind kind;
	mt_u128 size;
	long target;      /* alias target */
	uint64_t off, addr;
	long parent;      /* -1 when unmapped */
	int32_t prio;
	bool enabled, alive;
};

struct mm_space {
	char name[MT_NAME_MAX + 1];
	char *qname;
	long root;
};

struct mm_model {
	struct mm_region *r;
	size_t n, cap;
	struct mm_space *s;
	size_t ns, caps;
	bool oom;
};

/* A tw_fn: follow one command (arg is the model). */
void mm_follow(void *arg, const mt_cmd *cmd, const char *raw, size_t rawlen, bool ok);
long mm_find(const struct mm_model *m, const char *name);
/* QEMU's FlatView root of a space (memory_region_get_flatview_root's
 * rules): a region index, or -1 for "(none)". */
long mm_flatview_root(const struct mm_model *m, long root);
const char *mm_qname(const struct mm_model *m, long i);
/* QEMU's kind word of a flat range of region i. */
const char *mm_qkind(const struct mm_model *m, long i);
void mm_free(struct mm_model *m);

#endif

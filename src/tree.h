/* An intrusive treap: the one ordered-set structure of the core.
 *
 * Nodes are embedded in their owners (container_of to get back).  Keys are
 * unique under cmp.  An optional update hook recomputes a node's augmented
 * data from its children (the subregion index keeps a max-end there).  The
 * heap priorities come from a per-tree xorshift state: no global state, and
 * the shape is deterministic for a given operation sequence.
 */
#ifndef MT_TREE_H
#define MT_TREE_H

#include <stddef.h>
#include <stdint.h>

#define mt_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct mt_tnode {
	struct mt_tnode *l, *r;
	uint32_t prio;
};

typedef int (*mt_tree_cmp)(const struct mt_tnode *a, const struct mt_tnode *b);
typedef void (*mt_tree_update)(struct mt_tnode *n);

struct mt_tree {
	struct mt_tnode *root;
	mt_tree_cmp cmp;
	mt_tree_update update; /* may be NULL */
	uint32_t seed;
	size_t count;
};

void mt_tree_init(struct mt_tree *t, mt_tree_cmp cmp, mt_tree_update update);
/* Insert n; returns NULL, or the equal node already present (n not inserted). */
struct mt_tnode *mt_tree_insert(struct mt_tree *t, struct mt_tnode *n);
/* Remove n, which must be in t. */
void mt_tree_remove(struct mt_tree *t, struct mt_tnode *n);
/* The node equal to key under cmp, or NULL. */
struct mt_tnode *mt_tree_find(const struct mt_tree *t, const struct mt_tnode *key);
/* In-order walk; a nonzero return from fn stops it and is returned. */
int mt_tree_walk(const struct mt_tree *t, int (*fn)(void *arg, struct mt_tnode *n),
		 void *arg);
/* Walk in order, calling fn on every node; the nodes may be freed by fn. */
void mt_tree_drain(struct mt_tree *t, void (*fn)(void *arg, struct mt_tnode *n),
		   void *arg);

#endif

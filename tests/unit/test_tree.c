/* The intrusive treap (src/tree.h) against a brute-force presence array:
 * random insert/remove/find, in-order walks, duplicates, early-stopping
 * walks, drain, determinism, heap order, and an augmented max-over-subtree
 * field that must be right after every operation. */
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "tree.h"

struct item {
	struct mt_tnode node;
	uint32_t key;
	uint32_t val;    /* payload for the augmentation */
	uint32_t maxval; /* max val in this node's subtree */
	bool in;
};

#define ITEM(n) mt_container_of(n, struct item, node)

static uint64_t rng = 12345;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int item_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint32_t x = ITEM(a)->key, y = ITEM(b)->key;

	return x < y ? -1 : x > y;
}

static unsigned long update_calls;

static void item_update(struct mt_tnode *n)
{
	struct item *it = ITEM(n);
	uint32_t m = it->val;

	update_calls++;
	if (n->l && ITEM(n->l)->maxval > m)
		m = ITEM(n->l)->maxval;
	if (n->r && ITEM(n->r)->maxval > m)
		m = ITEM(n->r)->maxval;
	it->maxval = m;
}

/* Structure check: BST order, heap order, augmentation, size. */
struct verify {
	bool ok_order, ok_heap, ok_aug;
	size_t count;
	const struct item *prev;
};

static uint32_t verify_node(struct verify *v, const struct mt_tnode *n,
			    bool augmented)
{
	uint32_t m;

	if (!n)
		return 0;
	if ((n->l && n->l->prio > n->prio) || (n->r && n->r->prio > n->prio))
		v->ok_heap = false;
	m = ITEM(n)->val;
	{
		uint32_t lm = verify_node(v, n->l, augmented);

		if (n->l && lm > m)
			m = lm;
	}
	if (v->prev && v->prev->key >= ITEM(n)->key)
		v->ok_order = false;
	v->prev = ITEM(n);
	v->count++;
	{
		uint32_t rm = verify_node(v, n->r, augmented);

		if (n->r && rm > m)
			m = rm;
	}
	if (augmented && ITEM(n)->maxval != m)
		v->ok_aug = false;
	return m;
}

static bool verify(const struct mt_tree *t, bool augmented, const char *when)
{
	struct verify v = { true, true, true, 0, NULL };

	verify_node(&v, t->root, augmented);
	return CHECK_MSG(v.ok_order, "%s: in-order keys not increasing", when) &
	       CHECK_MSG(v.ok_heap, "%s: heap order broken", when) &
	       CHECK_MSG(v.ok_aug, "%s: augmented max wrong", when) &
	       CHECK_MSG(v.count == t->count, "%s: count %zu, nodes %zu", when,
			 t->count, v.count);
}

struct walk_state {
	const struct item *items;
	size_t nkeys, next, visited;
	bool ok;
	size_t stop_after;
};

/* Checks the walk visits exactly the present keys, increasing. */
static int walk_fn(void *arg, struct mt_tnode *n)
{
	struct walk_state *w = arg;

	while (w->next < w->nkeys && !w->items[w->next].in)
		w->next++;
	if (w->next >= w->nkeys || ITEM(n) != &w->items[w->next])
		w->ok = false;
	w->next++;
	w->visited++;
	if (w->stop_after && w->visited == w->stop_after)
		return 42;
	return 0;
}

static void random_run(size_t nkeys, unsigned long nops, bool augmented,
		       unsigned full_every)
{
	struct item *items = calloc(nkeys, sizeof(*items));
	struct item *dups = calloc(nkeys, sizeof(*dups));
	struct mt_tree t;
	size_t present = 0, i;
	unsigned long op;
	bool ok_find = true, ok_ins = true, ok_dup = true, ok_count = true;
	bool structure_ok = true;

	mt_tree_init(&t, item_cmp, augmented ? item_update : NULL);
	for (i = 0; i < nkeys; i++) {
		items[i].key = dups[i].key = (uint32_t)i * 3 + 1;
		items[i].val = (uint32_t)(rnd() % 1000000);
		dups[i].val = 7;
	}
	CHECK(t.root == NULL && t.count == 0);
	for (op = 0; op < nops; op++) {
		size_t k = rnd() % nkeys;
		unsigned what = (unsigned)(rnd() % 10);
		struct item key = { .key = items[k].key };
		struct mt_tnode *f;

		if (what < 4) { /* insert (maybe a duplicate) */
			if (items[k].in) {
				f = mt_tree_insert(&t, &dups[k].node);
				if (f != &items[k].node)
					ok_dup = false;
			} else {
				items[k].val = (uint32_t)(rnd() % 1000000);
				if (mt_tree_insert(&t, &items[k].node))
					ok_ins = false;
				items[k].in = true;
				present++;
			}
		} else if (what < 7) { /* remove */
			if (items[k].in) {
				mt_tree_remove(&t, &items[k].node);
				items[k].in = false;
				present--;
			}
		} else { /* find, including keys never present (key - 1) */
			f = mt_tree_find(&t, &key.node);
			if (f != (items[k].in ? &items[k].node : NULL))
				ok_find = false;
			key.key = items[k].key - 1;
			if (mt_tree_find(&t, &key.node))
				ok_find = false;
		}
		if (t.count != present)
			ok_count = false;
		if (structure_ok && full_every && op % full_every == 0)
			structure_ok = verify(&t, augmented, "random op");
	}
	CHECK_MSG(ok_ins, "insert of an absent key returned non-NULL");
	CHECK_MSG(ok_dup, "duplicate insert did not return the existing node");
	CHECK_MSG(ok_find, "find disagrees with brute force");
	CHECK_MSG(ok_count, "count disagrees with brute force");
	verify(&t, augmented, "end of random run");

	/* Full walk, then a walk stopped early. */
	{
		struct walk_state w = { items, nkeys, 0, 0, true, 0 };

		CHECK(mt_tree_walk(&t, walk_fn, &w) == 0);
		CHECK_MSG(w.ok && w.visited == present, "walk: visited %zu of %zu",
			  w.visited, present);
		if (present > 3) {
			struct walk_state s = { items, nkeys, 0, 0, true, 3 };

			CHECK(mt_tree_walk(&t, walk_fn, &s) == 42);
			CHECK(s.ok && s.visited == 3);
		}
	}
	/* Augmented max at the root is the max over present values. */
	if (augmented && t.root) {
		uint32_t mx = 0;

		for (i = 0; i < nkeys; i++)
			if (items[i].in && items[i].val > mx)
				mx = items[i].val;
		CHECK_EQ_U64(ITEM(t.root)->maxval, mx);
	}
	free(items);
	free(dups);
}

/* Drain: visits every node once, in order; nodes may be freed. */
struct drain_state {
	uint32_t last;
	size_t n;
	bool ok;
};

static void drain_fn(void *arg, struct mt_tnode *n)
{
	struct drain_state *d = arg;
	struct item *it = ITEM(n);

	if (d->n && it->key <= d->last)
		d->ok = false;
	d->last = it->key;
	d->n++;
	memset(it, 0xa5, sizeof(*it)); /* scribble: drain must not read it again */
	free(it);
}

static void test_drain(void)
{
	struct mt_tree t;
	struct drain_state d = { 0, 0, true };
	size_t i, n = 5000;

	mt_tree_init(&t, item_cmp, item_update);
	for (i = 0; i < n; i++) {
		struct item *it = calloc(1, sizeof(*it));

		it->key = (uint32_t)((i * 7919) % n);
		if (mt_tree_insert(&t, &it->node))
			free(it);
	}
	CHECK_EQ_U64(t.count, n);
	mt_tree_drain(&t, drain_fn, &d);
	CHECK(d.ok);
	CHECK_EQ_U64(d.n, n);
	CHECK(t.root == NULL && t.count == 0);
	/* Usable again after a drain. */
	{
		struct item a = { .key = 5 }, b = { .key = 5 };

		CHECK(mt_tree_insert(&t, &a.node) == NULL);
		CHECK(mt_tree_insert(&t, &b.node) == &a.node);
		CHECK_EQ_U64(t.count, 1);
		mt_tree_remove(&t, &a.node);
		CHECK(t.root == NULL && t.count == 0);
	}
}

/* Same operation sequence, same shape (the priorities come from per-tree
 * state, not a global). */
static bool same_shape(const struct mt_tnode *a, const struct mt_tnode *b)
{
	if (!a || !b)
		return a == b;
	return ITEM(a)->key == ITEM(b)->key && a->prio == b->prio &&
	       same_shape(a->l, b->l) && same_shape(a->r, b->r);
}

static void test_determinism(void)
{
	static struct item a[300], b[300];
	struct mt_tree ta, tb, tc;
	size_t i;
	struct item c0 = { .key = 1 };

	mt_tree_init(&ta, item_cmp, NULL);
	mt_tree_init(&tb, item_cmp, NULL);
	for (i = 0; i < 300; i++) {
		a[i].key = b[i].key = (uint32_t)((i * 37) % 300);
		mt_tree_insert(&ta, &a[i].node);
		/* interleave with an unrelated tree: no shared state */
		mt_tree_init(&tc, item_cmp, NULL);
		mt_tree_insert(&tc, &c0.node);
		mt_tree_insert(&tb, &b[i].node);
	}
	for (i = 0; i < 300; i += 3) {
		mt_tree_remove(&ta, &a[i].node);
		mt_tree_remove(&tb, &b[i].node);
	}
	CHECK(same_shape(ta.root, tb.root));
	verify(&ta, false, "determinism");
}

/* Sorted insertion (the worst case of an unbalanced tree) stays shallow. */
static size_t depth(const struct mt_tnode *n)
{
	size_t l, r;

	if (!n)
		return 0;
	l = depth(n->l);
	r = depth(n->r);
	return 1 + (l > r ? l : r);
}

static void test_balance(void)
{
	size_t n = 1 << 16, i;
	struct item *v = calloc(n, sizeof(*v));
	struct mt_tree t;

	mt_tree_init(&t, item_cmp, item_update);
	for (i = 0; i < n; i++) {
		v[i].key = (uint32_t)i;
		v[i].val = (uint32_t)i;
		mt_tree_insert(&t, &v[i].node);
	}
	CHECK_MSG(depth(t.root) < 64, "depth %zu after sorted inserts",
		  depth(t.root));
	verify(&t, true, "sorted inserts");
	CHECK_EQ_U64(ITEM(t.root)->maxval, n - 1);
	/* Remove the maximum repeatedly: the root's max must follow. */
	for (i = n; i-- > n - 100;) {
		mt_tree_remove(&t, &v[i].node);
		if (!CHECK_EQ_U64(ITEM(t.root)->maxval, i - 1))
			break;
	}
	/* Remove in sorted order down to empty. */
	for (i = 0; i < n - 100; i++)
		mt_tree_remove(&t, &v[i].node);
	CHECK(t.root == NULL && t.count == 0);
	free(v);
}

static void test_small(void)
{
	struct mt_tree t;
	struct item a = { .key = 10, .val = 3 }, b = { .key = 20, .val = 9 },
		    c = { .key = 30, .val = 1 }, k = { .key = 20 };

	mt_tree_init(&t, item_cmp, item_update);
	CHECK(mt_tree_find(&t, &k.node) == NULL);
	CHECK(mt_tree_walk(&t, NULL, NULL) == 0); /* fn never called */
	CHECK(mt_tree_insert(&t, &b.node) == NULL);
	CHECK(mt_tree_insert(&t, &a.node) == NULL);
	CHECK(mt_tree_insert(&t, &c.node) == NULL);
	CHECK(mt_tree_find(&t, &k.node) == &b.node);
	CHECK_EQ_U64(ITEM(t.root)->maxval, 9);
	mt_tree_remove(&t, &b.node);
	CHECK(mt_tree_find(&t, &k.node) == NULL);
	CHECK_EQ_U64(ITEM(t.root)->maxval, 3);
	CHECK_EQ_U64(t.count, 2);
	/* Re-insert a removed node (its links are stale). */
	b.node.l = b.node.r = &c.node;
	CHECK(mt_tree_insert(&t, &b.node) == NULL);
	CHECK_EQ_U64(t.count, 3);
	verify(&t, true, "small");
}

int main(void)
{
	test_small();
	/* 100k ops over a small key space, structure checked after every op. */
	random_run(256, 100000, true, 1);
	random_run(256, 100000, false, 1);
	/* 100k ops over a large key space, checked every 1000 ops. */
	random_run(50000, 100000, true, 1000);
	/* A nearly empty tree: many inserts/removes of the same few keys. */
	random_run(3, 100000, true, 1);
	test_drain();
	test_determinism();
	test_balance();
	return check_report();
}

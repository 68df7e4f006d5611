#include "tree.h"

static uint32_t next_prio(struct mt_tree *t)
{
	uint32_t x = t->seed;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	t->seed = x;
	return x;
}

void mt_tree_init(struct mt_tree *t, mt_tree_cmp cmp, mt_tree_update update)
{
	t->root = NULL;
	t->cmp = cmp;
	t->update = update;
	t->seed = 0x9e3779b9u;
	t->count = 0;
}

static void upd(const struct mt_tree *t, struct mt_tnode *n)
{
	if (t->update)
		t->update(n);
}

static struct mt_tnode *rot_right(const struct mt_tree *t, struct mt_tnode *h)
{
	struct mt_tnode *x = h->l;

	h->l = x->r;
	x->r = h;
	upd(t, h);
	upd(t, x);
	return x;
}

static struct mt_tnode *rot_left(const struct mt_tree *t, struct mt_tnode *h)
{
	struct mt_tnode *x = h->r;

	h->r = x->l;
	x->l = h;
	upd(t, h);
	upd(t, x);
	return x;
}

static struct mt_tnode *ins(struct mt_tree *t, struct mt_tnode *h,
			    struct mt_tnode *n, struct mt_tnode **dup)
{
	int c;

	if (!h)
		return n;
	c = t->cmp(n, h);
	if (c == 0) {
		*dup = h;
		return h;
	}
	if (c < 0) {
		h->l = ins(t, h->l, n, dup);
		if (h->l->prio > h->prio)
			return rot_right(t, h);
	} else {
		h->r = ins(t, h->r, n, dup);
		if (h->r->prio > h->prio)
			return rot_left(t, h);
	}
	upd(t, h);
	return h;
}

struct mt_tnode *mt_tree_insert(struct mt_tree *t, struct mt_tnode *n)
{
	struct mt_tnode *dup = NULL;

	n->l = n->r = NULL;
	n->prio = next_prio(t);
	upd(t, n);
	t->root = ins(t, t->root, n, &dup);
	if (!dup)
		t->count++;
	return dup;
}

static struct mt_tnode *merge(const struct mt_tree *t, struct mt_tnode *a,
			      struct mt_tnode *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	if (a->prio > b->prio) {
		a->r = merge(t, a->r, b);
		upd(t, a);
		return a;
	}
	b->l = merge(t, a, b->l);
	upd(t, b);
	return b;
}

static struct mt_tnode *del(const struct mt_tree *t, struct mt_tnode *h,
			    struct mt_tnode *n)
{
	if (!h)
		return NULL;
	if (h == n)
		return merge(t, h->l, h->r);
	if (t->cmp(n, h) < 0)
		h->l = del(t, h->l, n);
	else
		h->r = del(t, h->r, n);
	upd(t, h);
	return h;
}

void mt_tree_remove(struct mt_tree *t, struct mt_tnode *n)
{
	t->root = del(t, t->root, n);
	t->count--;
}

struct mt_tnode *mt_tree_find(const struct mt_tree *t, const struct mt_tnode *key)
{
	struct mt_tnode *h = t->root;

	while (h) {
		int c = t->cmp(key, h);

		if (c == 0)
			return h;
		h = c < 0 ? h->l : h->r;
	}
	return NULL;
}

static int walk(struct mt_tnode *h, int (*fn)(void *, struct mt_tnode *),
		void *arg)
{
	int rc;

	while (h) {
		rc = walk(h->l, fn, arg);
		if (rc)
			return rc;
		rc = fn(arg, h);
		if (rc)
			return rc;
		h = h->r;
	}
	return 0;
}

int mt_tree_walk(const struct mt_tree *t, int (*fn)(void *, struct mt_tnode *),
		 void *arg)
{
	return walk(t->root, fn, arg);
}

static void drain(struct mt_tnode *h, void (*fn)(void *, struct mt_tnode *),
		  void *arg)
{
	while (h) {
		struct mt_tnode *r = h->r;

		drain(h->l, fn, arg);
		fn(arg, h);
		h = r;
	}
}

void mt_tree_drain(struct mt_tree *t, void (*fn)(void *, struct mt_tnode *),
		   void *arg)
{
	drain(t->root, fn, arg);
	t->root = NULL;
	t->count = 0;
}

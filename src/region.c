/* Region objects and the tree edits of SPEC section 5, with their checks in
 * the order the SPEC lists them.  Every edit marks what it may change as
 * dirty (dirty.c); rendering waits for the commit. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

bool mt_valid_name(const char *name)
{
	size_t n = 0;

	if (!name)
		return false;
	for (; name[n]; n++) {
		char c = name[n];

		if (n >= 64 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				 (c >= '0' && c <= '9') || c == '_' || c == '.' ||
				 c == '-'))
			return false;
	}
	return n > 0;
}

/* The checks every new region passes, in the SPEC's order. */
static int check_new(mt_ctx *ctx, const char *name, mt_u128 size)
{
	if (!mt_valid_name(name))
		return mt_fail(ctx, MT_ESYNTAX, "bad region name");
	if (size > MT_2_64)
		return mt_fail(ctx, MT_EINVAL, "size above 2^64");
	if (mt_region_lookup(ctx, name))
		return mt_fail(ctx, MT_EEXIST, "region %s exists", name);
	return MT_OK;
}

static struct mt_region *new_region(mt_ctx *ctx, const char *name,
				    mt_kind kind, mt_u128 size)
{
	struct mt_region *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	strcpy(r->name, name);
	r->id = ctx->next_id++;
	r->kind = kind;
	r->size = size;
	r->enabled = true;
	mt_subs_init(r);
	mt_tree_init(&r->eventfds, mt_efd_reg_cmp, NULL);
	mt_memory_init(&r->mem, size);
	mt_zones_region_init(r);
	if (mt_region_hash_add(ctx, r)) {
		free(r);
		return NULL;
	}
	mt_tree_insert(&ctx->by_id, &r->id_node);
	return r;
}

int mt_region_new(mt_ctx *ctx, const char *name, mt_kind kind, mt_u128 size)
{
	int err;

	if ((unsigned)kind >= MT_ALIAS)
		return mt_fail(ctx, MT_EINVAL, "use mt_alias_new for aliases");
	err = check_new(ctx, name, size);
	if (err)
		return err;
	if (!new_region(ctx, name, kind, size))
		return mt_fail(ctx, MT_ENOSPACE, "out of memory");
	return mt_mutated(ctx);
}

int mt_alias_new(mt_ctx *ctx, const char *name, const char *target,
		 uint64_t offset, mt_u128 size)
{
	struct mt_region *t, *r;
	int err = check_new(ctx, name, size);

	if (err)
		return err;
	t = mt_region_lookup(ctx, target);
	if (!t)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", target);
	r = new_region(ctx, name, MT_ALIAS, size);
	if (!r)
		return mt_fail(ctx, MT_ENOSPACE, "out of memory");
	r->target = t;
	r->alias_offset = offset;
	r->alias_next = t->alias_head;
	if (t->alias_head)
		t->alias_head->alias_prev = r;
	t->alias_head = r;
	mt_live_link(r, t);
	return mt_mutated(ctx);
}

static mt_u128 end_of(uint64_t addr, mt_u128 size)
{
	return (mt_u128)addr + size;
}

/* Would child at addr collide with a sibling in parent (SPEC: neither has
 * may_overlap and the extents intersect)? */
static int overlap_check(mt_ctx *ctx, struct mt_region *parent,
			 struct mt_region *child, uint64_t addr)
{
	struct mt_region **v = NULL;
	size_t n = 0, cap = 0, i;
	int err = MT_OK;

	if (child->may_overlap || !child->size)
		return MT_OK;
	if (mt_subs_collect(parent, addr, end_of(addr, child->size), &v, &n, &cap))
		return mt_fail(ctx, MT_ENOSPACE, "out of memory");
	for (i = 0; i < n; i++) {
		if (v[i] != child && !v[i]->may_overlap) {
			err = mt_fail(ctx, MT_EOVERLAP, "%s overlaps %s in %s",
				      child->name, v[i]->name, parent->name);
			break;
		}
	}
	free(v);
	return err;
}

/* The child's extent inside its parent changed: mark it dirty (unless it
 * cannot render anything, when no view can change). */
static void dirty_extent(mt_ctx *ctx, struct mt_region *child)
{
	if (mt_live(child))
		mt_dirty_region(ctx, child->parent, child->addr,
			end_of(child->addr, child->size));
}

int mt_map(mt_ctx *ctx, const char *parent, const char *child, uint64_t addr,
	   int32_t priority, bool may_overlap)
{
	struct mt_region *p = mt_region_lookup(ctx, parent);
	struct mt_region *c = mt_region_lookup(ctx, child);
	bool saved;
	int err, loop;

	if (!p || !c)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", p ? child : parent);
	if (p->kind == MT_ALIAS)
		return mt_fail(ctx, MT_EINVAL, "%s is an alias: it has no subregions",
			       parent);
	if (c->parent)
		return mt_fail(ctx, MT_EBUSY, "%s is already mapped in %s", child,
			       c->parent->name);
	loop = mt_reaches(ctx, c, p);
	if (loop < 0)
		return mt_fail(ctx, -loop, "out of memory checking for a loop");
	if (loop)
		return mt_fail(ctx, MT_ELOOP, "mapping %s in %s makes a loop",
			       child, parent);
	saved = c->may_overlap;
	c->may_overlap = may_overlap;
	err = overlap_check(ctx, p, c, addr);
	if (err) {
		c->may_overlap = saved;
		return err;
	}
	c->parent = p;
	c->addr = addr;
	c->priority = priority;
	c->seq = ++ctx->next_seq;
	mt_subs_insert(p, c);
	mt_live_link(p, c);
	dirty_extent(ctx, c);
	return mt_mutated(ctx);
}

int mt_unmap(mt_ctx *ctx, const char *parent, const char *child)
{
	struct mt_region *p = mt_region_lookup(ctx, parent);
	struct mt_region *c = mt_region_lookup(ctx, child);

	if (!p || !c || c->parent != p)
		return mt_fail(ctx, MT_ENOTFOUND, "%s is not mapped in %s", child,
			       parent);
	dirty_extent(ctx, c);
	mt_live_unlink(p, c);
	mt_subs_remove(p, c);
	c->parent = NULL;
	return mt_mutated(ctx);
}

int mt_move(mt_ctx *ctx, const char *child, uint64_t addr)
{
	struct mt_region *c = mt_region_lookup(ctx, child);
	int err;

	if (!c)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", child);
	if (!c->parent)
		return mt_fail(ctx, MT_EINVAL, "%s is not mapped", child);
	err = overlap_check(ctx, c->parent, c, addr);
	if (err)
		return err;
	dirty_extent(ctx, c);
	mt_subs_remove(c->parent, c);
	c->addr = addr;
	c->seq = ++ctx->next_seq;
	mt_subs_insert(c->parent, c);
	dirty_extent(ctx, c);
	return mt_mutated(ctx);
}

int mt_set_enabled(mt_ctx *ctx, const char *name, bool enabled)
{
	struct mt_region *r = mt_region_lookup(ctx, name);

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", name);
	if (r->enabled != enabled) {
		r->enabled = enabled;
		if (mt_live(r))
			mt_dirty_region(ctx, r, 0, r->size);
	}
	return mt_mutated(ctx);
}

int mt_destroy(mt_ctx *ctx, const char *name)
{
	struct mt_region *r = mt_region_lookup(ctx, name);

	if (!r)
		return mt_fail(ctx, MT_ENOTFOUND, "no region %s", name);
	if (r->parent)
		return mt_fail(ctx, MT_EBUSY, "%s is mapped in %s", name,
			       r->parent->name);
	if (r->subs.count)
		return mt_fail(ctx, MT_EBUSY, "%s has subregions", name);
	if (r->alias_head)
		return mt_fail(ctx, MT_EBUSY, "%s is the target of alias %s", name,
			       r->alias_head->name);
	if (r->nroots)
		return mt_fail(ctx, MT_EBUSY, "%s is the root of a space", name);
	mt_region_hash_del(ctx, r);
	mt_tree_remove(&ctx->by_id, &r->id_node);
	mt_dirty_forget(ctx, r);
	mt_log_unlist(ctx, r);
	if (r->target) {
		if (r->alias_prev)
			r->alias_prev->alias_next = r->alias_next;
		else
			r->target->alias_head = r->alias_next;
		if (r->alias_next)
			r->alias_next->alias_prev = r->alias_prev;
	}
	/* The committed views may still show it until the next commit. */
	if (r->nflats)
		r->dead = true;
	else
		mt_region_free(r);
	return mt_mutated(ctx);
}

bool mt_region_exists(const mt_ctx *ctx, const char *name)
{
	return mt_region_lookup(ctx, name) != NULL;
}

static void free_efd_reg(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(mt_container_of(n, struct mt_efd_reg, node));
}

void mt_region_free(struct mt_region *r)
{
	if (r->view) /* a view root that no space declared: it renders nothing now */
		r->view->root = NULL;
	mt_tree_drain(&r->eventfds, free_efd_reg, NULL);
	mt_zones_region_free(r);
	mt_memory_free(&r->mem);
	free(r);
}

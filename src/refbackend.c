/* The reference backend: accepts what Linux KVM accepts (SPEC section 4).
 * An add is refused `invalid` when size > 0 and addr + size = 2^64 (the
 * kernel's overflow check), else `conflict` when it collides with an
 * installed tuple at the same address (ioeventfd_check_collision), else
 * `no-space` when the bus is full.  The bus is full with 1000 zones
 * (NR_IOBUS_DEVS; ioeventfds do not count, as in kvm_io_bus_register_dev),
 * and then refuses zones too.  Zones are deleted exactly.
 * It performs guest accesses in software the way KVM does (refaccess.c):
 * installed tuples on the bus, the page-aligned parts of ram/rom ranges as
 * memslots, and a coalesced ring of MT_RING_CAPACITY writes. */
#include <stdlib.h>

#include "refbackend.h"

#define NR_IOBUS_DEVS 1000

static int rz_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_zone_cmp(&RZ(a)->z, &RZ(b)->z);
}

static int re_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_ioeventfd_cmp(&RE(a)->t, &RE(b)->t);
}

static bool collides(const mt_ioeventfd *n, const mt_ioeventfd *o)
{
	return n->addr == o->addr &&
	       (!n->size || !o->size ||
		(n->size == o->size &&
		 (!n->match || !o->match || n->data == o->data)));
}

/* Any installed tuple at n->addr that collides with n? */
static bool any_collision(struct mt_tnode *h, const mt_ioeventfd *n)
{
	while (h) {
		const mt_ioeventfd *o = &RE(h)->t;

		if (o->addr < n->addr) {
			h = h->r;
		} else if (o->addr > n->addr) {
			h = h->l;
		} else {
			if (collides(n, o) || any_collision(h->l, n))
				return true;
			h = h->r;
		}
	}
	return false;
}

static int ref_add(void *opaque, const mt_space *space, const mt_ioeventfd *e)
{
	struct ref_backend *b = opaque;
	struct ref_entry *re;

	(void)space;
	if (e->size && (mt_u128)e->addr + e->size == MT_2_64)
		return MT_EINVAL;
	if (any_collision(b->installed.root, e))
		return MT_ECONFLICT;
	if (b->zones.count >= NR_IOBUS_DEVS)
		return MT_ENOSPACE;
	re = malloc(sizeof(*re));
	if (!re)
		return MT_ENOSPACE;
	re->t = *e;
	mt_tree_insert(&b->installed, &re->node);
	return MT_OK;
}

static int ref_del(void *opaque, const mt_space *space, const mt_ioeventfd *e)
{
	struct ref_backend *b = opaque;
	struct ref_entry key = { .t = *e };
	struct mt_tnode *n = mt_tree_find(&b->installed, &key.node);

	(void)space;
	if (!n)
		return MT_ENOTFOUND;
	mt_tree_remove(&b->installed, n);
	free(RE(n));
	return MT_OK;
}

static int ref_zone_add(void *opaque, const mt_space *space, const mt_zone *z)
{
	struct ref_backend *b = opaque;
	struct ref_zone *rz;

	(void)space;
	if (b->zones.count >= NR_IOBUS_DEVS)
		return MT_ENOSPACE;
	rz = malloc(sizeof(*rz));
	if (!rz)
		return MT_ENOSPACE;
	rz->z = *z;
	if (mt_tree_insert(&b->zones, &rz->node)) {
		free(rz);
		return MT_EEXIST;
	}
	return MT_OK;
}

static int ref_zone_del(void *opaque, const mt_space *space, const mt_zone *z)
{
	struct ref_backend *b = opaque;
	struct ref_zone key = { .z = *z };
	struct mt_tnode *n = mt_tree_find(&b->zones, &key.node);

	(void)space;
	if (!n)
		return MT_ENOTFOUND;
	mt_tree_remove(&b->zones, n);
	free(RZ(n));
	return MT_OK;
}

static void free_re(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(RE(n));
}

static void free_rz(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(RZ(n));
}

static void ref_destroy(void *opaque)
{
	struct ref_backend *b = opaque;

	if (!b)
		return;
	mt_tree_drain(&b->installed, free_re, NULL);
	mt_ref_slots_free(&b->slots);
	mt_tree_drain(&b->zones, free_rz, NULL);
	free(b);
}

static const mt_backend_ops ref_ops = {
	.region_add = mt_ref_slot_add,
	.region_del = mt_ref_slot_del,
	.eventfd_add = ref_add,
	.eventfd_del = ref_del,
	.destroy = ref_destroy,
	.access = mt_ref_access,
	.coalesced_add = ref_zone_add,
	.coalesced_del = ref_zone_del,
	.coalesced_take = mt_ref_take,
};

const mt_backend_ops *mt_ref_backend_ops(void)
{
	return &ref_ops;
}

void *mt_ref_backend_new(void)
{
	struct ref_backend *b = malloc(sizeof(*b));

	if (b) {
		mt_tree_init(&b->installed, re_cmp, NULL);
		mt_ref_slots_init(&b->slots);
		b->reach = MT_2_64;
		mt_tree_init(&b->zones, rz_cmp, NULL);
		b->nring = 0;
	}
	return b;
}

size_t mt_ref_backend_count(const void *backend)
{
	return ((const struct ref_backend *)backend)->installed.count;
}

void mt_ref_backend_set_reach(void *backend, mt_u128 reach)
{
	((struct ref_backend *)backend)->reach = reach;
}

size_t mt_ref_backend_zone_count(const void *backend)
{
	return ((const struct ref_backend *)backend)->zones.count;
}

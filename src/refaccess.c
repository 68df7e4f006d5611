/* Guest accesses on the reference backend, in software the way KVM does
 * them: a write that matches an installed ioeventfd at its address signals
 * it (the io bus); an access wholly inside a memslot lands in memory (rom
 * slots are read-only: writes exit); anything else exits to the core.  As
 * in the KVM backend, only the page-aligned part of a ram/rom range whose
 * guest address and offset agree modulo the page is a memslot, so the
 * core's emulation of sub-page ram runs under the reference backend too. */
#include <stdlib.h>

#include "refbackend.h"

#define PAGE 4096u

struct ref_slot {
	struct mt_tnode node;
	uint64_t gpa;
	mt_u128 end;
	mt_flat_range range; /* the flat range it belongs to */
};

#define SLOT(n) mt_container_of(n, struct ref_slot, node)

static int slot_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = SLOT(a)->gpa, y = SLOT(b)->gpa;

	return x < y ? -1 : x > y;
}

void mt_ref_slots_init(struct mt_tree *slots)
{
	mt_tree_init(slots, slot_cmp, NULL);
}

static void free_slot(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(SLOT(n));
}

void mt_ref_slots_free(struct mt_tree *slots)
{
	mt_tree_drain(slots, free_slot, NULL);
}

/* The memslot part of r: [*gpa, *end), false when there is none. */
static bool slot_part(const mt_flat_range *r, uint64_t *gpa, mt_u128 *end)
{
	mt_u128 a = ((mt_u128)r->start + PAGE - 1) & ~(mt_u128)(PAGE - 1);
	mt_u128 b = r->end & ~(mt_u128)(PAGE - 1);

	if ((r->kind != MT_RAM && r->kind != MT_ROM) ||
	    (r->start % PAGE) != (r->offset % PAGE) || a >= b)
		return false;
	*gpa = (uint64_t)a;
	*end = b;
	return true;
}

void mt_ref_slot_add(void *opaque, const mt_space *space, const mt_flat_range *r)
{
	struct ref_backend *b = opaque;
	struct ref_slot *s;
	uint64_t gpa;
	mt_u128 end;

	if (mt_space_is_pio(space) || !slot_part(r, &gpa, &end))
		return; /* KVM has no memslots on the port I/O bus */
	s = malloc(sizeof(*s));
	if (!s)
		return; /* no memslot: its accesses exit and are emulated */
	s->gpa = gpa;
	s->end = end;
	s->range = *r;
	if (mt_tree_insert(&b->slots, &s->node))
		free(s);
}

void mt_ref_slot_del(void *opaque, const mt_space *space, const mt_flat_range *r)
{
	struct ref_backend *b = opaque;
	struct ref_slot key;
	struct mt_tnode *n;
	mt_u128 end;

	(void)space;
	if (!slot_part(r, &key.gpa, &end))
		return;
	n = mt_tree_find(&b->slots, &key.node);
	if (n && SLOT(n)->range.region_id == r->region_id &&
	    SLOT(n)->range.start == r->start) {
		mt_tree_remove(&b->slots, n);
		free(SLOT(n));
	}
}

/* The memslot holding [addr, addr + size) whole, or NULL.  O(log n). */
static struct ref_slot *slot_at(const struct ref_backend *b, uint64_t addr,
				unsigned size)
{
	struct mt_tnode *h = b->slots.root;
	struct ref_slot *best = NULL;

	while (h) {
		if (SLOT(h)->gpa <= addr) {
			best = SLOT(h);
			h = h->r;
		} else {
			h = h->l;
		}
	}
	return best && (mt_u128)addr + size <= best->end ? best : NULL;
}

/* The first installed tuple >= key in canonical order.  O(log n). */
static const mt_ioeventfd *lower_bound(const struct ref_backend *b,
				       const mt_ioeventfd *key)
{
	struct mt_tnode *h = b->installed.root;
	const mt_ioeventfd *best = NULL;

	while (h) {
		if (mt_ioeventfd_cmp(&RE(h)->t, key) >= 0) {
			best = &RE(h)->t;
			h = h->l;
		} else {
			h = h->r;
		}
	}
	return best;
}

/* The installed tuple this write signals: three candidates, each the first
 * of its kind at the address (the collision rule leaves at most one). */
static const mt_ioeventfd *bus_match(const struct ref_backend *b,
				     const mt_guest_access *a)
{
	const mt_ioeventfd keys[3] = {
		{ a->addr, 0, false, 0, 0 },
		{ a->addr, a->size, false, 0, 0 },
		{ a->addr, a->size, true, a->data, 0 },
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		const mt_ioeventfd *t = lower_bound(b, &keys[i]);

		if (t && t->addr == a->addr && t->size == keys[i].size &&
		    t->match == keys[i].match && (!t->match || t->data == a->data))
			return t;
	}
	return NULL;
}

struct ring_probe {
	mt_u128 start, end;
};

static int zone_around(void *arg, struct mt_tnode *n)
{
	const struct ring_probe *p = arg;
	const mt_zone *z = &RZ(n)->z;

	if (z->start > p->start)
		return -1; /* zones in order by start: none further can hold it */
	return z->end >= p->end ? 1 : 0;
}

/* KVM's coalesced device: a write inside one zone this backend holds goes
 * to the ring while it has room (coalesced_mmio_in_range, _has_room). */
static bool ring_takes(struct ref_backend *b, const mt_guest_access *a)
{
	struct ring_probe p = { a->addr, (mt_u128)a->addr + a->size };
	mt_guest_exit x = { a->addr, a->size, true, a->data };

	if (!a->write || b->nring >= MT_RING_CAPACITY ||
	    mt_tree_walk(&b->zones, zone_around, &p) <= 0)
		return false;
	b->ring[b->nring++] = x;
	return true;
}

size_t mt_ref_take(void *opaque, const mt_space *space, mt_guest_exit *out,
		   size_t max)
{
	struct ref_backend *b = opaque;
	size_t n = b->nring < max ? b->nring : max, i;

	(void)space;
	for (i = 0; i < n; i++)
		out[i] = b->ring[i];
	for (i = n; i < b->nring; i++)
		b->ring[i - n] = b->ring[i];
	b->nring -= n;
	return n;
}

int mt_ref_access(void *opaque, const mt_space *space, mt_guest_access *a)
{
	struct ref_backend *b = opaque;
	const mt_ioeventfd *t = a->write ? bus_match(b, a) : NULL;
	const struct ref_slot *s = t ? NULL : slot_at(b, a->addr, a->size);
	mt_guest_exit x = { a->addr, a->size, a->write, a->data };
	uint8_t bytes[8];
	unsigned i;

	if (!mt_space_is_pio(space) && (mt_u128)a->addr + a->size > b->reach) {
		a->outcome = MT_GUEST_UNREACHABLE;
		return MT_OK;
	}
	if (t) {
		a->outcome = MT_GUEST_NOTIFY;
		a->fd = t->fd;
		return MT_OK;
	}
	if (!s && ring_takes(b, a)) {
		a->outcome = MT_GUEST_COALESCED;
		return MT_OK;
	}
	if (s && (!a->write || s->range.kind == MT_RAM)) {
		uint64_t off = s->range.offset + (a->addr - s->range.start);

		a->outcome = MT_GUEST_MEMORY;
		if (a->write) {
			for (i = 0; i < a->size; i++)
				bytes[i] = (uint8_t)(a->data >> (8 * i));
			mt_ram_store(&s->range, off, bytes, a->size);
			return MT_OK;
		}
		mt_memory_read(s->range.memory, off, bytes, a->size);
		a->value = 0;
		for (i = 0; i < a->size; i++)
			a->value |= (uint64_t)bytes[i] << (8 * i);
		return MT_OK;
	}
	/* An exit (a rom slot write exits too, as KVM_MEM_READONLY does). */
	a->exit(a->exit_arg, &x);
	a->outcome = MT_GUEST_EXIT;
	a->value = a->write ? 0 : x.data;
	return MT_OK;
}

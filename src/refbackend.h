/* Private structures of the reference backend (refbackend.c: sets and
 * refusals; refaccess.c: guest accesses). */
#ifndef MT_REFBACKEND_H
#define MT_REFBACKEND_H

#include "core.h"

struct ref_entry {
	struct mt_tnode node;
	mt_ioeventfd t;
};

struct ref_zone {
	struct mt_tnode node;
	mt_zone z;
};

#define RZ(n) mt_container_of(n, struct ref_zone, node)

/* refaccess.c */
void mt_ref_slots_init(struct mt_tree *slots);
void mt_ref_slots_free(struct mt_tree *slots);
void mt_ref_slot_add(void *opaque, const mt_space *space, const mt_flat_range *r);
void mt_ref_slot_del(void *opaque, const mt_space *space, const mt_flat_range *r);
int mt_ref_access(void *opaque, const mt_space *space, mt_guest_access *a);
size_t mt_ref_take(void *opaque, const mt_space *space, mt_guest_exit *out,
		   size_t max);

struct ref_backend {
	struct mt_tree installed;
	struct mt_tree slots; /* struct ref_slot by gpa (refaccess.c) */
	mt_u128 reach;	      /* guest accesses: see mt_ref_backend_set_reach */
	struct mt_tree zones; /* struct ref_zone by zone (coalesced MMIO) */
	/* the coalesced ring (SPEC section 10), oldest first */
	mt_guest_exit ring[MT_RING_CAPACITY];
	size_t nring;
};

#define RE(n) mt_container_of(n, struct ref_entry, node)

#endif

/* Pending coalesced writes (SPEC section 10).
 *
 * A write inside an installed zone does not reach the device model at
 * once: it waits in the space's ring (at most MT_RING_CAPACITY) and is
 * delivered, oldest first, at the start of the next commit, before an
 * access of the same space reaches a device model, and at the end of a
 * trace.  A backend with a ring of its own (KVM's page shared with the
 * kernel, or the reference backend's copy of it) holds the writes itself and
 * hands them over through coalesced_take; for a backend without one the
 * core holds them here.  Delivery dispatches each write through the
 * committed view, so it always sees the view the guest wrote to. */
#include <stdlib.h>

#include "core.h"

bool mt_pending_hold(struct mt_space *s, const mt_guest_exit *x)
{
	if (s->npending + s->nheld >= MT_RING_CAPACITY ||
	    !mt_space_zone_covers(s, x->addr, x->len))
		return false;
	if (!s->pending) {
		s->pending = malloc(MT_RING_CAPACITY * sizeof(*s->pending));
		if (!s->pending)
			return false; /* dispatched at once instead: nothing lost */
	}
	s->pending[s->npending++] = *x;
	return true;
}

static void deliver_one(struct mt_space *s, mt_guest_exit x,
			const mt_device_ops *dev, void *arg)
{
	x.write = true;
	mt_access_dispatch(s, &x, true, dev, arg);
}

void mt_pending_deliver(struct mt_space *s, const mt_device_ops *dev, void *arg)
{
	mt_guest_exit ring[MT_RING_CAPACITY];
	size_t n, i;

	if (s->ops && s->ops->coalesced_take) {
		while ((n = s->ops->coalesced_take(s->opaque, s, ring,
						   MT_RING_CAPACITY)) > 0) {
			for (i = 0; i < n && i < MT_RING_CAPACITY; i++)
				deliver_one(s, ring[i], dev, arg);
		}
	}
	s->nheld = 0;
	/* The core's queue; a delivery never adds to it (it dispatches). */
	for (i = 0; i < s->npending; i++)
		deliver_one(s, s->pending[i], dev, arg);
	s->npending = 0;
}

void mt_pending_free(struct mt_space *s)
{
	free(s->pending);
	s->pending = NULL;
	s->npending = 0;
}

void mt_set_device(mt_ctx *ctx, const mt_device_ops *dev, void *arg)
{
	ctx->dev = dev;
	ctx->dev_arg = arg;
}

void mt_coalesced_deliver(mt_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nspaces; i++)
		mt_pending_deliver(ctx->spaces[i], ctx->dev, ctx->dev_arg);
}

size_t mt_space_pending_count(const mt_space *space)
{
	return space->npending + space->nheld;
}

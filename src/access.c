/* Guest accesses (SPEC section 8), done the way a VMM does them: the
 * space's backend performs the access (an installed ioeventfd takes it, it
 * lands in guest memory, or it exits), and every exit is dispatched here
 * through the space's committed flat view, split at flat-range boundaries:
 * ram is emulated in the region's contents, everything else goes to the
 * device model (mt_device_ops).  Everything is as of the last commit: the
 * backend changes only at commits, and the view is the committed one. */
#include <string.h>

#include "core.h"

#define ENTRY(n) mt_container_of(n, struct mt_efd_entry, node)
#define MAX_PIECES 8 /* an access is at most 8 bytes */

int mt_ram_store(const mt_flat_range *f, uint64_t off, const void *bytes,
		 size_t n)
{
	return mt_memory_write(f->memory, off, bytes, n);
}

/* SPEC 9: a guest write through a flat range that carries log makes every
 * page of the region it touches dirty (by region object, not address). */
static void mark_written(const struct mt_space *s, const mt_access_piece *p)
{
	if (p->range.kind == MT_RAM && p->range.log)
		mt_space_mark_dirty(s, p->range.region_id, p->offset, p->len);
}

struct dispatch {
	struct mt_space *s;
	const mt_device_ops *dev;
	void *arg;
};

/* Split [addr, addr + len) at flat-range boundaries of the committed view;
 * returns the count.  Only mt_lookup (O(log n)): a range's piece ends where
 * it does, and an unassigned piece grows byte by byte (at most 8) until a
 * range starts. */
static size_t split(const struct mt_space *s, uint64_t addr, unsigned len,
		    mt_access_piece *p)
{
	mt_u128 a = addr, end = (mt_u128)addr + len;
	size_t n = 0;

	while (a < end) {
		mt_access_piece *q = &p[n++];
		mt_u128 pend = a + 1;

		memset(q, 0, sizeof(*q));
		q->addr = (uint64_t)a;
		if (mt_lookup(s, (uint64_t)a, &q->range) == MT_OK) {
			q->found = true;
			q->offset = q->range.offset + (uint64_t)(a - q->range.start);
			pend = q->range.end < end ? q->range.end : end;
		} else {
			mt_flat_range f;

			while (pend < end && mt_lookup(s, (uint64_t)pend, &f) != MT_OK)
				pend++;
		}
		q->len = (unsigned)(pend - a);
		a = pend;
	}
	return n;
}

static uint64_t bytes_of(uint64_t v, unsigned shift, unsigned len)
{
	v = shift >= 8 ? 0 : v >> (8 * shift);
	return len >= 8 ? v : v & ((1ull << (8 * len)) - 1);
}

static void to_le(uint8_t *b, uint64_t v, unsigned len)
{
	unsigned i;

	for (i = 0; i < len; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t from_le(const uint8_t *b, unsigned len)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < len; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* Does this piece reach a device model (mmio, unassigned, a rom write)? */
static bool to_device(const mt_access_piece *p, bool write)
{
	return !p->found || p->range.kind == MT_MMIO ||
	       (p->range.kind == MT_ROM && write);
}

void mt_access_dispatch(struct mt_space *s, mt_guest_exit *x, bool coalesced,
			const mt_device_ops *dev, void *arg)
{
	mt_access_piece p[MAX_PIECES];
	unsigned len = x->len > 8 ? 8 : x->len ? x->len : 1, shift = 0;
	uint64_t value = 0;
	size_t n = split(s, x->addr, len, p), i;

	for (i = 0; i < n; i++) {
		uint8_t b[8];

		p[i].coalesced = coalesced;
		if (x->write)
			p[i].data = bytes_of(x->data, shift, p[i].len);
		if (to_device(&p[i], x->write)) {
			/* the device model takes it (or answers the read) */
		} else if (x->write) {
			to_le(b, p[i].data, p[i].len);
			mt_ram_store(&p[i].range, p[i].offset, b, p[i].len);
			mark_written(s, &p[i]);
		} else {
			mt_memory_read(p[i].range.memory, p[i].offset, b, p[i].len);
			p[i].data = from_le(b, p[i].len);
		}
		if (dev && dev->piece)
			dev->piece(arg, s, x->write, &p[i]);
		if (!x->write)
			value |= bytes_of(p[i].data, 0, p[i].len) << (8 * shift);
		shift += p[i].len;
	}
	if (!x->write)
		x->data = value;
}

/* An exit: SPEC 8 rule 3.  When a piece reaches a device model, the
 * space's pending coalesced writes go first (section 10). */
static void dispatch_exit(void *arg, mt_guest_exit *x)
{
	struct dispatch *d = arg;
	mt_access_piece p[MAX_PIECES];
	unsigned len = x->len > 8 ? 8 : x->len ? x->len : 1;
	size_t n = split(d->s, x->addr, len, p), i;

	for (i = 0; i < n; i++)
		if (to_device(&p[i], x->write)) {
			mt_pending_deliver(d->s, d->dev, d->arg);
			break;
		}
	mt_access_dispatch(d->s, x, false, d->dev, d->arg);
}

/* The backend put the access in memory: report its pieces, a read's with
 * the value the guest loaded. */
static void report_memory(struct dispatch *d, const mt_guest_access *a)
{
	mt_access_piece p[MAX_PIECES];
	size_t n = split(d->s, a->addr, a->size, p), i;
	unsigned shift = 0;

	for (i = 0; i < n; shift += p[i].len, i++) {
		p[i].data = bytes_of(a->write ? a->data : a->value, shift, p[i].len);
		if (a->write)
			mark_written(d->s, &p[i]);
		if (d->dev && d->dev->piece)
			d->dev->piece(d->arg, d->s, a->write, &p[i]);
	}
}

static bool efd_matches(const mt_ioeventfd *t, const mt_guest_access *a)
{
	return t->addr == a->addr && (!t->size || t->size == a->size) &&
	       (!t->match || t->data == a->data);
}

/* An installed tuple of s taking write a (entries at a->addr only). */
static bool installed_match(struct mt_tnode *h, const mt_guest_access *a,
			    int32_t *fd)
{
	while (h) {
		const struct mt_efd_entry *e = ENTRY(h);

		if (e->t.addr < a->addr) {
			h = h->r;
		} else if (e->t.addr > a->addr) {
			h = h->l;
		} else {
			if (installed_match(h->l, a, fd))
				return true;
			if (e->installed && efd_matches(&e->t, a)) {
				*fd = e->t.fd;
				return true;
			}
			h = h->r;
		}
	}
	return false;
}

/* A backend without an access op: the core's installed sets I and IZ stand
 * for the bus (an ioeventfd first, then a zone with room in the core's
 * ring), and everything else exits. */
static void soft_access(struct mt_space *s, mt_guest_access *a)
{
	mt_guest_exit x = { a->addr, a->size, a->write, a->write ? a->data : 0 };

	if (a->write && installed_match(s->efds.root, a, &a->fd)) {
		a->outcome = MT_GUEST_NOTIFY;
		return;
	}
	if (a->write && mt_pending_hold(s, &x)) {
		a->outcome = MT_GUEST_COALESCED;
		return;
	}
	a->exit(a->exit_arg, &x);
	a->outcome = MT_GUEST_EXIT;
	a->value = a->write ? 0 : x.data;
}

static int check(mt_ctx *ctx, const struct mt_space *s, bool write,
		 uint64_t addr, mt_u128 size, uint64_t data)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return mt_fail(ctx, MT_EINVAL, "access size must be 1, 2, 4 or 8");
	if (write && size < 8 && data >> (8 * (unsigned)size))
		return mt_fail(ctx, MT_EINVAL, "data does not fit in %u bytes",
			       (unsigned)size);
	if (addr % (uint64_t)size)
		return mt_fail(ctx, MT_EINVAL, "address not a multiple of the size");
	if (s->pio && size == 8)
		return mt_fail(ctx, MT_EINVAL, "x86 port I/O moves at most 4 bytes");
	if (s->pio && (mt_u128)addr + size > 0x10000)
		return mt_fail(ctx, MT_EINVAL, "port I/O beyond port 0xffff");
	return MT_OK;
}

int mt_guest_access_run(mt_ctx *ctx, const char *space, bool write,
			uint64_t addr, mt_u128 size, uint64_t data,
			const mt_device_ops *dev, void *arg, uint64_t *value)
{
	struct mt_space *s = (struct mt_space *)mt_space_find(ctx, space);
	struct dispatch d = { s, dev, arg };
	mt_guest_access a;
	bool soft;
	int err;

	ctx->errmsg[0] = 0;
	if (!s)
		return mt_fail(ctx, MT_ENOTFOUND, "no space %s", space ? space : "");
	err = check(ctx, s, write, addr, size, data);
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.write = write;
	a.addr = addr;
	a.size = (uint8_t)size;
	a.data = write ? data : 0;
	a.exit = dispatch_exit;
	a.exit_arg = &d;
	soft = !s->ops || !s->ops->access || s->ops->access(s->opaque, s, &a) != MT_OK;
	if (soft)
		soft_access(s, &a);
	switch (a.outcome) {
	case MT_GUEST_NOTIFY:
		if (dev && dev->notify)
			dev->notify(arg, s, a.fd);
		break;
	case MT_GUEST_UNREACHABLE:
		if (dev && dev->unreachable)
			dev->unreachable(arg, s, addr, a.size);
		break;
	case MT_GUEST_MEMORY:
		report_memory(&d, &a);
		break;
	case MT_GUEST_COALESCED:
		if (!soft)
			s->nheld++; /* in the backend's ring until delivered */
		break;
	case MT_GUEST_EXIT:
		break;
	}
	if (value)
		*value = write ? 0 : a.value;
	return MT_OK;
}

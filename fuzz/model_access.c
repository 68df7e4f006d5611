/* Reference model: guest accesses (SPEC section 8), read straight off the
 * SPEC.  A write first looks for an installed tuple that takes it (a plain
 * scan of I); otherwise the access is cut byte by byte against the
 * committed view: consecutive bytes of the same flat range (or of no range)
 * form one piece.  Contents are per region object, in sorted 64-byte
 * blocks; bytes never written are 0. */
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

#define BLOCK 64u

static long find_block(const struct mdl_region *r, uint64_t index, size_t *at)
{
	size_t lo = 0, hi = r->nmem;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->mem[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return lo < r->nmem && r->mem[lo].index == index ? (long)lo : -1;
}

static uint8_t get_byte(const struct mdl_region *r, uint64_t off)
{
	size_t at;
	long i = find_block(r, off / BLOCK, &at);

	return i < 0 ? 0 : r->mem[i].bytes[off % BLOCK];
}

static void put_byte(mt_model *m, struct mdl_region *r, uint64_t off, uint8_t v)
{
	size_t at;
	long i = find_block(r, off / BLOCK, &at);
	struct mdl_block *q;

	if (i < 0) {
		q = mdl_grow(m, r->mem, &r->cap_mem, r->nmem + 1, sizeof(*q));
		if (!q)
			return;
		r->mem = q;
		memmove(&r->mem[at + 1], &r->mem[at], (r->nmem - at) * sizeof(*q));
		memset(&r->mem[at], 0, sizeof(*q));
		r->mem[at].index = off / BLOCK;
		r->nmem++;
		i = (long)at;
	}
	r->mem[i].bytes[off % BLOCK] = v;
}

/* Index of the view's range holding a, or -1. */
static long range_of(const struct mdl_space *s, mt_u128 a)
{
	size_t i;

	for (i = 0; i < s->nview; i++)
		if (s->view[i].start <= a && a < s->view[i].end)
			return (long)i;
	return -1;
}

static int checks(const mt_model *m, const mt_cmd *c, long *si)
{
	char n[MT_NAME_MAX + 1];
	mt_u128 size = c->size;

	memcpy(n, c->name, MT_NAME_MAX);
	n[MT_NAME_MAX] = 0;
	*si = mdl_find_space(m, n);
	if (*si < 0)
		return MT_ENOTFOUND;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return MT_EINVAL;
	if (c->op == MT_OP_WRITE && size < 8 &&
	    (mt_u128)c->data >= ((mt_u128)1 << (8 * (unsigned)size)))
		return MT_EINVAL;
	if (c->num % (uint64_t)size)
		return MT_EINVAL;
	if (m->spaces[*si].pio && (size == 8 || (mt_u128)c->num + size > 0x10000))
		return MT_EINVAL;
	return MT_OK;
}

/* Rule 1: the installed tuple taking this write, or NULL. */
static const struct mdl_tuple *notified(const struct mdl_space *s,
					const mt_cmd *c)
{
	size_t i;

	for (i = 0; i < s->ninst; i++) {
		const struct mdl_tuple *t = &s->inst[i];

		if (t->addr == c->num && (t->size == 0 || t->size == c->size) &&
		    (!t->match || t->data == c->data))
			return t;
	}
	return NULL;
}

/* One access as the model cuts it: a command's, or a pending write's. */
struct mdl_acc {
	bool write;
	uint64_t addr;
	unsigned size;
	uint64_t data;
	bool coalesced; /* a pending write delivered (SPEC 10) */
};

/* One piece: bytes [first, first + n) of the access, in range ri (-1:
 * none).  Prints its line and does its part. */
static void do_piece(mt_model *m, const struct mdl_space *s,
		     const struct mdl_acc *c, long ri, unsigned first, unsigned n)
{
	bool write = c->write;
	mt_u128 a = (mt_u128)c->addr + first;
	uint64_t d = 0, off = 0;
	char x[40], y[40], z[40];
	const struct mdl_range *f = ri >= 0 ? &s->view[ri] : NULL;
	struct mdl_region *r = f ? &m->regions[f->region] : NULL;
	unsigned i;

	if (f)
		off = f->offset + (uint64_t)(a - f->start);
	for (i = 0; i < n; i++) {
		uint64_t byte = write ? (c->data >> (8 * (first + i))) & 0xff :
			(f && f->kind != MT_MMIO) ? get_byte(r, off + i) : 0;

		d |= byte << (8 * i);
		if (write && f && f->kind == MT_RAM)
			put_byte(m, r, off + i, (uint8_t)byte);
	}
	if (!f) {
		mdl_printf(m, "%s unassigned-%s %s %s", s->name, write ? "write" : "read",
			   mdl_hex(x, a), mdl_hex(y, n));
		if (write)
			mdl_printf(m, " %s", mdl_hex(z, d));
		mdl_printf(m, "\n");
		return;
	}
	if (write && f->kind == MT_RAM) {
		if (f->log) /* SPEC 9: pages of the region object */
			mdl_dirty_mark(m, f->region, off, n);
		return;
	}
	mdl_printf(m, "%s %s-%s %s %s %s", s->name,
		   f->kind == MT_MMIO ? "mmio" : f->kind == MT_ROM ? "rom" : "ram",
		   write ? "write" : "read", f->name, mdl_hex(x, off), mdl_hex(y, n));
	if (write || f->kind != MT_MMIO)
		mdl_printf(m, " %s", mdl_hex(z, d));
	mdl_printf(m, c->coalesced ? " coalesced\n" : "\n");
}

/* Cut the access byte by byte: consecutive bytes of one range (or of none)
 * form a piece.  Returns the count; piece i is bytes [at[i], at[i+1]) in
 * range ri[i]. */
static unsigned cut(const struct mdl_space *s, const struct mdl_acc *c,
		    unsigned at[9], long ri[8])
{
	unsigned n = 0, i;
	long cur = range_of(s, c->addr);

	at[0] = 0;
	for (i = 1; i <= c->size; i++) {
		long next = i < c->size ? range_of(s, (mt_u128)c->addr + i) : -2;

		if (next == cur)
			continue;
		ri[n] = cur;
		at[++n] = i;
		cur = next;
	}
	return n;
}

static void perform(mt_model *m, const struct mdl_space *s,
		    const struct mdl_acc *c)
{
	unsigned at[9], i, n;
	long ri[8];

	n = cut(s, c, at, ri);
	for (i = 0; i < n; i++)
		do_piece(m, s, c, ri[i], at[i], at[i + 1] - at[i]);
}

/* SPEC 10: print s's pending writes, oldest first, through the committed
 * view, then forget them. */
static void deliver(mt_model *m, struct mdl_space *s)
{
	size_t i;

	for (i = 0; i < s->npending; i++) {
		struct mdl_acc c = { true, s->pending[i].addr, s->pending[i].size,
				     s->pending[i].data, true };

		perform(m, s, &c);
	}
	s->npending = 0;
}

void mdl_deliver_all(mt_model *m)
{
	size_t i;

	for (i = 0; i < m->nspaces; i++)
		deliver(m, &m->spaces[i]);
}

/* Rule 2: is [addr, addr + size) inside one installed zone? */
static bool in_zone(const struct mdl_space *s, const struct mdl_acc *c)
{
	size_t i;

	for (i = 0; i < s->niz; i++)
		if (s->iz[i].start <= c->addr &&
		    (mt_u128)c->addr + c->size <= s->iz[i].end)
			return true;
	return false;
}

static bool make_pending(mt_model *m, struct mdl_space *s, const struct mdl_acc *c)
{
	if (s->npending >= MDL_RING || !in_zone(s, c))
		return false;
	if (!s->pending) {
		s->pending = calloc(MDL_RING, sizeof(*s->pending));
		if (!s->pending) {
			m->overflow = true;
			return false;
		}
	}
	s->pending[s->npending].addr = c->addr;
	s->pending[s->npending].size = c->size;
	s->pending[s->npending].data = c->data;
	s->npending++;
	return true;
}

/* Does piece i reach a device model (mmio, unassigned, a rom write)? */
static bool reaches_device(const struct mdl_space *s, const struct mdl_acc *c,
			   long ri)
{
	return ri < 0 || s->view[ri].kind == MT_MMIO ||
	       (c->write && s->view[ri].kind == MT_ROM);
}

int mdl_cmd_access(mt_model *m, const mt_cmd *c)
{
	struct mdl_space *s;
	const struct mdl_tuple *t;
	struct mdl_acc a;
	unsigned at[9], i, n;
	long si, ri[8];
	int err = checks(m, c, &si);

	if (err)
		return err;
	s = &m->spaces[si];
	a.write = c->op == MT_OP_WRITE;
	a.addr = c->num;
	a.size = (unsigned)c->size;
	a.data = a.write ? c->data : 0;
	a.coalesced = false;
	if (a.write && (t = notified(s, c))) {
		mdl_printf(m, "%s notify %d\n", s->name, (int)t->fd);
		return MT_OK;
	}
	if (a.write && make_pending(m, s, &a))
		return MT_OK;
	n = cut(s, &a, at, ri);
	for (i = 0; i < n; i++)
		if (reaches_device(s, &a, ri[i])) {
			deliver(m, s);
			break;
		}
	for (i = 0; i < n; i++)
		do_piece(m, s, &a, ri[i], at[i], at[i + 1] - at[i]);
	return MT_OK;
}

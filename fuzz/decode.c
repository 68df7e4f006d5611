/* Binary fuzz input -> trace text (the format is described in codec.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

#define TWO64 (((mt_u128)1) << 64)
#define MAX_NUM (TWO64 - 1)
#define MAX_SIZE TWO64
#define RING 8

const uint8_t mt_codec_ops[MT_CODEC_NOPS] = {
	MT_F_CONTAINER, MT_F_RAM,	MT_F_ROM,     MT_F_MMIO,
	MT_F_ALIAS,	MT_F_MAP,	MT_F_MAP_PRIO, MT_F_UNMAP,
	MT_F_MOVE,	MT_F_ENABLE,	MT_F_DISABLE, MT_F_DESTROY,
	MT_F_EFD_ADD,	MT_F_EFD_DEL,	MT_F_SPACE,   MT_F_SPACE_PIO,
	MT_F_BEGIN,	MT_F_COMMIT,	MT_F_DUMP,    MT_F_DUMP_NAMED,
	/* weights */
	MT_F_MAP,	MT_F_MAP_PRIO,	MT_F_MMIO,    MT_F_CONTAINER,
	MT_F_SPACE_OR_MAP, MT_F_EFD_ADD, MT_F_EFD_ADD, MT_F_MOVE,
	MT_F_BEGIN,	MT_F_TXN,	MT_F_DISABLE, MT_F_EFD_DEL,
};

const struct mt_codec_ext_op mt_codec_ext[MT_CODEC_NEXT] = {
	{ 0xd0, MT_F_LOG_ON },	  { 0xe1, MT_F_LOG_OFF }, { 0xd2, MT_F_COALESCE },
	{ 0xda, MT_F_UNCOALESCE }, { 0xdb, MT_F_SYNC },	  { 0xe0, MT_F_COALESCE },
	{ 0xfa, MT_F_BURST },
};

const uint32_t mt_codec_csizes[8] = { 1, 2, 4, 8, 0x10, 0x100, 0x1000, 0xffffffff };

const mt_u128 mt_codec_consts[MT_CODEC_NCONSTS] = {
	0x0, 0x1, 0x2, 0x3, 0x4, 0x8, 0xf, 0x10,
	0xff, 0x100, 0xfff, 0x1000, 0x1001, 0x2000, 0x10000,
	0x7fffffffffffffff, 0x8000000000000000, 0xfffffffffffff000,
	0xffffffffffffff00, 0xfffffffffffffff8, 0xfffffffffffffffc,
	0xfffffffffffffffe, 0xffffffffffffffff, TWO64,
	0x7ffffffffffff000, 0x8000000000000001, 0xffffffff, 0x100000000,
	0x80000000, 0x7fffffff, 0xfffff000, 0xffff,
	/* index 32..47: still weighted by the 0xd0-0xff selectors */
	0x20, 0x40, 0x80, 0x800, 0xffe, 0xffc, 0xff8, 0x3000,
	0x4000, 0x8000, 0x100000, 0xa0000, 0xc0000, 0xfec00000, 0xfee00000,
	0x3f8,
	/* 48..63 */
	0xcf8, 0xcfc, 0x60, 0x64, 0x1fff, 0x1ffff, 0xfffffffffffffff0,
	0xfffffffffffffff, 0x1000000000000000, 0xffffffffffff0000,
	0x8000000000001000, 0x5, 0x6, 0x7, 0x11, 0x18,
};

const int32_t mt_codec_prios[4] = { -1, 0, 1, 2 };
const uint8_t mt_codec_esizes[5] = { 0, 1, 2, 4, 8 };

static const int32_t prio_consts[16] = {
	INT32_MIN, INT32_MAX, INT32_MIN + 1, INT32_MAX - 1, -2, 3, 4, 10,
	-10, 100, -100, 0x7fff, -0x8000, 0x10000, -0x10000, 1000,
};

static const int32_t fd_consts[15] = {
	8, 9, 10, 15, 16, 31, 32, 63, 64, 100, 255, 1023, 65535,
	0x7ffffffe, 0x7fffffff,
};

static const uint64_t data_consts[16] = {
	0x1, 0x2, 0xff, 0x80, 0x7f, 0xffff, 0x8000, 0xdead, 0xbeef,
	0xdeadbeef, 0x12345678, 0xffffffff, 0x80000000, 0x0123456789abcdef,
	0xffffffffffffffff, 0x8000000000000000,
};

/* ---- buffer ---------------------------------------------------------------- */

void mt_codec_buf_put(mt_codec_buf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		char *np;

		while (cap - b->len < n + 1) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return;
			}
			cap *= 2;
		}
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = 0;
}

void mt_codec_buf_byte(mt_codec_buf *b, uint8_t c)
{
	mt_codec_buf_put(b, &c, 1);
}

void mt_codec_buf_str(mt_codec_buf *b, const char *s)
{
	mt_codec_buf_put(b, s, strlen(s));
}

/* ---- decoder state ---------------------------------------------------------- */

enum role { ROLE_ANY, ROLE_PARENT, ROLE_CHILD, ROLE_MMIO, ROLE_MAPPED, ROLE_RAM };

struct coal_range {
	unsigned r;
	uint64_t off;
	mt_u128 size;
};

struct efd_tuple {
	unsigned r;
	uint64_t off;
	mt_u128 esize;
	bool match;
	uint64_t data;
	int32_t fd;
};

struct dec {
	const uint8_t *in;
	size_t n, pos;
	mt_codec_buf out;
	/* rough model of the emitted trace, for aiming only */
	bool live[MT_CODEC_REGIONS];
	mt_kind kind[MT_CODEC_REGIONS];
	mt_u128 rsize[MT_CODEC_REGIONS];
	int parent[MT_CODEC_REGIONS];
	bool slive[MT_CODEC_SPACES];
	mt_u128 ring[RING];
	unsigned ring_pos;
	mt_u128 last;
	uint64_t last_data;
	struct efd_tuple efds[RING];
	unsigned nefds, efd_pos;
	struct coal_range coals[RING];
	unsigned ncoals, coal_pos;
	unsigned aliases, cmds, depth;
	/* for aiming guest accesses: map addresses, alias targets, roots */
	uint64_t maddr[MT_CODEC_REGIONS];
	int atarget[MT_CODEC_REGIONS];
	uint64_t aoff[MT_CODEC_REGIONS];
	int sroot[MT_CODEC_SPACES];
};

static uint8_t get(struct dec *d)
{
	return d->pos < d->n ? d->in[d->pos++] : 0;
}

static uint64_t get_le(struct dec *d, unsigned bytes)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)get(d) << (8 * i);
	return v;
}

static void push_ring(struct dec *d, mt_u128 v)
{
	d->ring[d->ring_pos++ % RING] = v;
}

/* ---- operands ------------------------------------------------------------------ */

static unsigned region_new(struct dec *d)
{
	uint8_t b = get(d);
	unsigned i;

	if (b >= MT_CODEC_REGION_DIRECT)
		return b & (MT_CODEC_REGIONS - 1);
	for (i = 0; i < MT_CODEC_REGIONS; i++)
		if (!d->live[i])
			return i;
	return b & (MT_CODEC_REGIONS - 1);
}

static bool role_ok(const struct dec *d, unsigned i, enum role role)
{
	switch (role) {
	case ROLE_PARENT:
		return d->kind[i] == MT_CONTAINER;
	case ROLE_CHILD: /* not mapped yet (as far as we know) */
		return d->parent[i] < 0;
	case ROLE_MMIO:
		return d->kind[i] == MT_MMIO;
	case ROLE_MAPPED:
		return d->parent[i] >= 0;
	case ROLE_RAM:
		return d->kind[i] == MT_RAM;
	default:
		return true;
	}
}

/* Pick a region for a role; `not` (or -1) is excluded from the preferred
 * ones (map's child is rarely meant to be its parent). */
static unsigned region_pick(struct dec *d, uint8_t b, enum role role, int not)
{
	unsigned pref[MT_CODEC_REGIONS], all[MT_CODEC_REGIONS];
	unsigned np = 0, na = 0, i;

	if (b >= MT_CODEC_REGION_DIRECT)
		return b & (MT_CODEC_REGIONS - 1);
	for (i = 0; i < MT_CODEC_REGIONS; i++) {
		if (!d->live[i])
			continue;
		all[na++] = i;
		if (role != ROLE_ANY && (int)i != not && role_ok(d, i, role))
			pref[np++] = i;
	}
	if (np && b < (role == ROLE_PARENT ? 0x80 : 0xc0))
		return pref[b % np];
	if (na)
		return all[b % na];
	return b & (MT_CODEC_REGIONS - 1);
}

static unsigned region(struct dec *d, enum role role)
{
	return region_pick(d, get(d), role, -1);
}

static unsigned space_new(struct dec *d)
{
	uint8_t b = get(d);
	unsigned i;

	if (b >= MT_CODEC_SPACE_DIRECT)
		return b & (MT_CODEC_SPACES - 1);
	for (i = 0; i < MT_CODEC_SPACES; i++)
		if (!d->slive[i])
			return i;
	return b & (MT_CODEC_SPACES - 1);
}

static unsigned space_pick(struct dec *d)
{
	unsigned all[MT_CODEC_SPACES], na = 0, i;
	uint8_t b = get(d);

	if (b >= MT_CODEC_SPACE_DIRECT)
		return b & (MT_CODEC_SPACES - 1);
	for (i = 0; i < MT_CODEC_SPACES; i++)
		if (d->slive[i])
			all[na++] = i;
	if (na)
		return all[b % na];
	return b & (MT_CODEC_SPACES - 1);
}

/* NUM (max 2^64-1) or SIZE (max 2^64). */
static mt_u128 number(struct dec *d, mt_u128 max)
{
	uint8_t s = get(d), b;
	mt_u128 v;

	if (s < 0x40) {
		v = mt_codec_consts[s];
	} else if (s < 0x80) {
		v = s - 0x40u;
	} else if (s < 0xa0) {
		v = (mt_u128)(s - 0x80u) * 0x1000;
	} else if (s < 0xc0) {
		v = d->ring[s & 7];
		switch ((s >> 3) & 3) {
		case 1:
			v += 1;
			break;
		case 2:
			v -= 1; /* 0 - 1 wraps high and clamps to max below */
			break;
		case 3:
			v += 0x1000;
			break;
		default:
			break;
		}
	} else if (s >= 0xd0) {
		v = mt_codec_consts[s - 0xd0];
	} else {
		switch (s) {
		case MT_CODEC_NUM_U8:
			v = get(d);
			break;
		case MT_CODEC_NUM_U16:
			v = get_le(d, 2);
			break;
		case MT_CODEC_NUM_U32:
			v = get_le(d, 4);
			break;
		case MT_CODEC_NUM_U64:
			v = get_le(d, 8);
			break;
		case MT_CODEC_NUM_2_64:
			v = TWO64;
			break;
		case 0xc5:
			v = TWO64 - get(d);
			break;
		case 0xc6:
			v = (mt_u128)get(d) * 0x1000;
			break;
		case 0xc7:
			v = TWO64 - ((mt_u128)get(d) + 1) * 0x1000;
			break;
		case 0xc8:
			b = get(d); /* 2^63 + (int8_t)b */
			v = (mt_u128)1 << 63;
			if (b & 0x80)
				v -= 0x100u - b;
			else
				v += b;
			break;
		case 0xc9:
			b = get(d);
			v = (mt_u128)1 << (b & 63);
			if (b & 0x40)
				v -= 1;
			if (b & 0x80)
				v += 1;
			break;
		case 0xca:
			v = (mt_u128)get_le(d, 2) * 0x1000;
			break;
		default: /* 0xcb-0xcf */
			v = d->last;
			break;
		}
	}
	if (v > max)
		v = max;
	d->last = v;
	push_ring(d, v);
	return v;
}

static mt_u128 esize(struct dec *d)
{
	uint8_t s = get(d);

	if (s < MT_CODEC_ESIZE_ESC)
		return mt_codec_esizes[s % 5];
	return number(d, MAX_SIZE);
}

static void data(struct dec *d, mt_u128 es, bool *match, uint64_t *val)
{
	uint8_t s = get(d);
	bool width_ok = es == 1 || es == 2 || es == 4 || es == 8;
	unsigned bits = width_ok ? 8 * (unsigned)es : 0;
	uint64_t w = bits == 64 ? UINT64_MAX : width_ok ? ((uint64_t)1 << bits) - 1 : 0;

	*match = true;
	*val = 0;
	if (s == MT_CODEC_DATA_ANY) {
		*match = false;
	} else if (s == MT_CODEC_DATA_NUM) {
		*val = (uint64_t)number(d, MAX_NUM);
	} else if (!width_ok) {
		if (s < 0xf0)
			*match = false;
		else
			*val = s - 0xf0u;
	} else if (s < 0x30) {
		*match = false;
	} else if (s < 0x70) {
		*val = s - 0x30u;
	} else if (s < 0x80) {
		*val = w - (s - 0x70u);
	} else if (s == 0x80) {
		*val = bits == 64 ? (uint64_t)1 << 63 : w + 1;
	} else if (s < 0x90) {
		*val = (uint64_t)1 << ((s - 0x81u) * bits / 15);
	} else if (s < 0xb0) {
		*val = d->last_data;
	} else if (s < 0xc0) {
		*val = d->last_data + 1;
	} else {
		*val = data_consts[(s - 0xc0u) % 16] & w;
	}
	if (*match)
		d->last_data = *val;
}

/* An eventfd offset aimed at the region's size (SPEC section 1: offset +
 * max(size,1) <= region size): its last slot, one past it, 0, or an aligned
 * slot. */
static uint64_t aimed_offset(struct dec *d, unsigned r, mt_u128 es)
{
	mt_u128 span = es ? es : 1, rsize = d->live[r] ? d->rsize[r] : 0x1000;
	mt_u128 room, align, v;
	uint8_t o = get(d);

	if (rsize < span) {
		v = o;
	} else {
		room = rsize - span;
		align = span <= 8 ? span : 1;
		if (o < 0x20)
			v = room;
		else if (o < 0x28)
			v = room + 1;
		else if (o < 0x30)
			v = 0;
		else
			v = ((o - 0x30u) % (room / align + 1)) * align;
	}
	if (v > MAX_NUM)
		v = MAX_NUM;
	push_ring(d, v);
	return (uint64_t)v;
}

static int32_t fd(struct dec *d)
{
	uint8_t s = get(d);

	if (s < 0xf0)
		return s & 7;
	if (s < MT_CODEC_FD_ESC)
		return fd_consts[s - 0xf0];
	return (int32_t)(get_le(d, 4) & 0x7fffffff);
}

static int32_t prio(struct dec *d)
{
	uint8_t s = get(d);
	uint64_t u;

	if (s < 0xe0)
		return mt_codec_prios[s & 3];
	if (s < 0xf0)
		return prio_consts[s - 0xe0];
	if (s < MT_CODEC_PRIO_ESC)
		return (int32_t)s - 0xf7;
	u = get_le(d, 4);
	return u & 0x80000000u ? (int32_t)((int64_t)u - 0x100000000) : (int32_t)u;
}

/* ---- output -------------------------------------------------------------------- */

static char *hex(char *buf, mt_u128 v)
{
	char tmp[40];
	size_t n = 0, i;

	do {
		tmp[n++] = "0123456789abcdef"[(unsigned)(v & 15)];
		v >>= 4;
	} while (v);
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < n; i++)
		buf[2 + i] = tmp[n - 1 - i];
	buf[2 + n] = 0;
	return buf;
}

static void line(struct dec *d, const char *s)
{
	mt_codec_buf_str(&d->out, s);
	mt_codec_buf_byte(&d->out, '\n');
	d->cmds++;
}

static const char *const kind_word[] = { "container", "ram", "rom", "mmio" };

static void emit_efd(struct dec *d, bool add, const struct efd_tuple *t)
{
	char l[160], a[40], b[40], c[40];

	if (t->match)
		hex(c, t->data);
	else
		strcpy(c, "*");
	snprintf(l, sizeof(l), "%s r%u %s %s %s %d",
		 add ? "eventfd-add" : "eventfd-del", t->r, hex(a, t->off),
		 hex(b, t->esize), c, (int)t->fd);
	line(d, l);
}

/* ---- guest accesses ------------------------------------------------------------ */

/* The opcode bytes of write and read (codec.h), else MT_F_COUNT. */
static enum mt_codec_form access_form(uint8_t op)
{
	switch (op) {
	case MT_CODEC_OP_WRITE:
	case 0xf1:
	case 0xaa:
		return MT_F_WRITE;
	case MT_CODEC_OP_READ:
	case 0x8a:
		return MT_F_READ;
	default:
		return MT_F_COUNT;
	}
}

static mt_u128 wsize(struct dec *d)
{
	static const uint8_t widths[4] = { 1, 2, 4, 8 };
	uint8_t s = get(d);

	if (s < MT_CODEC_WSIZE_ESC)
		return widths[s & 3];
	return number(d, MAX_SIZE);
}

/* Absolute address of region r's offset 0 as decoded (parent chain), and
 * the space to access it in. */
static mt_u128 abs_of(const struct dec *d, unsigned r, unsigned *space)
{
	mt_u128 a = 0;
	unsigned hops = 0, i;
	int cur = (int)r;

	/* the first live space whose root tops the chain, else the first live */

	while (d->parent[cur] >= 0 && hops++ < MT_CODEC_REGIONS) {
		a += d->maddr[cur];
		cur = d->parent[cur];
	}
	*space = 0;
	for (i = 0; i < MT_CODEC_SPACES; i++) {
		if (!d->slive[i])
			continue;
		if (d->sroot[i] == cur) {
			*space = i;
			break;
		}
		if (!d->slive[*space])
			*space = i;
	}
	return a;
}

static void emit_access(struct dec *d, bool write, unsigned sp, mt_u128 addr,
			mt_u128 size, uint64_t val)
{
	char l[160], a[40], b[40], c[40];

	if (addr > MAX_NUM)
		addr = MAX_NUM;
	if (write)
		snprintf(l, sizeof(l), "write s%u %s %s %s", sp, hex(a, addr), hex(b, size),
			 hex(c, val));
	else
		snprintf(l, sizeof(l), "read s%u %s %s", sp, hex(a, addr), hex(b, size));
	line(d, l);
}

/* DATA of an aimed write of width w: as eventfd DATA, `*` the last one. */
static uint64_t wdata(struct dec *d, mt_u128 w)
{
	bool match;
	uint64_t v;

	data(d, w, &match, &v);
	return match ? v : d->last_data;
}

static void access_at_tuple(struct dec *d, bool write, uint8_t m)
{
	static const uint8_t widths[4] = { 1, 2, 4, 8 };
	const struct efd_tuple *t = &d->efds[m % d->nefds];
	unsigned view = t->r, sp, i;
	uint8_t v = get(d);
	mt_u128 w = t->esize, addr;
	uint64_t val = t->match ? t->data : d->last_data, back = 0;

	if (m & 0x20)
		for (i = 0; i < MT_CODEC_REGIONS; i++)
			if (d->live[i] && d->atarget[i] == (int)t->r && d->parent[i] >= 0) {
				view = i;
				back = d->aoff[i];
				break;
			}
	addr = abs_of(d, view, &sp) + t->off - back;
	if (w != 1 && w != 2 && w != 4 && w != 8)
		w = widths[v >> 6];
	switch (v & 3) {
	case 1:
		val += 1;
		break;
	case 2:
		w = w == 4 ? 2 : 4;
		break;
	case 3:
		write = false;
		break;
	default:
		break;
	}
	if (w < 8)
		val &= ((uint64_t)1 << (8 * (unsigned)w)) - 1;
	push_ring(d, addr);
	emit_access(d, write, sp, addr, w, val);
}

static void access_at_region(struct dec *d, bool write)
{
	unsigned r = region(d, ROLE_MAPPED), sp;
	uint8_t e = get(d);
	mt_u128 w = wsize(d), rs = d->live[r] ? d->rsize[r] : 0x1000, off, base;
	uint64_t val = write ? wdata(d, w) : 0;
	mt_u128 step = w >= 1 && w <= 8 ? w : 1;

	if (e < 0x40)
		off = 0;
	else if (e < 0x80)
		off = rs >= step ? rs - step : 0;
	else if (e < 0xa0)
		off = rs;
	else if (e < 0xc0)
		off = (mt_u128)(e & 15) * 0x1000 >= step ? (mt_u128)(e & 15) * 0x1000 - step : 0;
	else
		off = (mt_u128)(e - 0xc0u) * step;
	off -= off % step;
	base = abs_of(d, r, &sp);
	push_ring(d, base + off);
	emit_access(d, write, sp, base + off, w, val);
}

static void access_cmd(struct dec *d, bool write)
{
	uint8_t m = get(d);
	unsigned sp;
	mt_u128 addr, size;
	uint64_t val = 0;

	if (m < 0x40 && d->nefds) {
		access_at_tuple(d, write, m);
		return;
	}
	if (m < 0xf0) {
		access_at_region(d, write);
		return;
	}
	sp = space_pick(d);
	addr = number(d, MAX_NUM);
	size = wsize(d);
	if (write)
		val = (uint64_t)number(d, MAX_NUM);
	emit_access(d, write, sp, addr, size, val);
}

/* A burst of writes into a recent coalesced range (SPEC 10): enough of
 * them, in a row, to fill the 169-entry ring and spill over. */
static void burst(struct dec *d)
{
	static const uint8_t widths[4] = { 1, 2, 4, 8 };
	uint8_t m = get(d), k = get(d), v = get(d);
	unsigned n = (unsigned)k + 1, i, sp;
	struct coal_range c = { m & 15u, 0, 0x100 }; /* none decoded yet */
	mt_u128 w = widths[v & 3], base, span;

	if (d->ncoals)
		c = d->coals[m % d->ncoals];
	base = abs_of(d, c.r, &sp) + c.off;
	base += (w - base % w) % w;
	span = c.size - c.size % w;
	if (span < w)
		span = w;
	for (i = 0; i < n && d->cmds < MT_CODEC_MAX_CMDS && !d->out.oom; i++) {
		uint64_t val = w < 8 ? (uint64_t)i & ((1ull << (8 * (unsigned)w)) - 1) : i;

		emit_access(d, (v & 0x80) == 0 || i % 8, sp, base + ((mt_u128)i * w) % span,
			    w, val);
	}
}

/* coalesce / uncoalesce: a recent range again, or an explicit one. */
static void coal(struct dec *d, bool add)
{
	uint8_t m = get(d), s;
	struct coal_range c;
	char l[160], a[40], b[40];

	if (m < (add ? 0x40 : 0xc0) && d->ncoals) {
		c = d->coals[m % d->ncoals];
	} else {
		c.r = region(d, ROLE_MMIO);
		c.off = (uint64_t)number(d, MAX_NUM);
		s = get(d);
		c.size = s < MT_CODEC_CSIZE_ESC ? mt_codec_csizes[s & 7] : number(d, MAX_SIZE);
		d->coals[d->coal_pos++ % RING] = c;
		if (d->ncoals < RING)
			d->ncoals++;
	}
	snprintf(l, sizeof(l), "%s r%u %s %s", add ? "coalesce" : "uncoalesce", c.r,
		 hex(a, c.off), hex(b, c.size));
	line(d, l);
}

static void command(struct dec *d, enum mt_codec_form f)
{
	char l[160], a[40], b[40];
	unsigned n, t, p;
	mt_u128 v, s;
	struct efd_tuple e;
	uint8_t m;
	int32_t pr;

	switch (f) {
	case MT_F_CONTAINER:
	case MT_F_RAM:
	case MT_F_ROM:
	case MT_F_MMIO:
		n = region_new(d);
		s = number(d, MAX_SIZE);
		snprintf(l, sizeof(l), "%s r%u %s", kind_word[f - MT_F_CONTAINER], n, hex(a, s));
		line(d, l);
		if (!d->live[n]) {
			d->live[n] = true;
			d->kind[n] = (mt_kind)(MT_CONTAINER + (f - MT_F_CONTAINER));
			d->rsize[n] = s;
			d->parent[n] = -1;
		}
		break;
	case MT_F_ALIAS:
		n = region_new(d);
		t = region(d, ROLE_ANY);
		v = number(d, MAX_NUM);
		s = number(d, MAX_SIZE);
		if (d->aliases >= MT_CODEC_MAX_ALIASES)
			break; /* consumed, dropped */
		d->aliases++;
		snprintf(l, sizeof(l), "alias r%u r%u %s %s", n, t, hex(a, v), hex(b, s));
		line(d, l);
		if (!d->live[n]) {
			d->live[n] = true;
			d->kind[n] = MT_ALIAS;
			d->rsize[n] = s;
			d->parent[n] = -1;
			d->atarget[n] = (int)t;
			d->aoff[n] = (uint64_t)v;
		}
		break;
	case MT_F_MAP:
	case MT_F_MAP_PRIO:
		p = region(d, ROLE_PARENT);
		n = region_pick(d, get(d), ROLE_CHILD, (int)p);
		v = number(d, MAX_NUM);
		if (f == MT_F_MAP_PRIO) {
			pr = prio(d);
			snprintf(l, sizeof(l), "map r%u r%u %s %d", p, n, hex(a, v), (int)pr);
		} else {
			snprintf(l, sizeof(l), "map r%u r%u %s", p, n, hex(a, v));
		}
		line(d, l);
		if (d->live[n]) {
			push_ring(d, v + d->rsize[n]);
			if (d->parent[n] < 0 && n != p && d->live[p] && d->kind[p] != MT_ALIAS) {
				d->parent[n] = (int)p;
				d->maddr[n] = (uint64_t)v;
			}
		}
		break;
	case MT_F_UNMAP:
		n = region(d, ROLE_MAPPED);
		m = get(d);
		if (m < MT_CODEC_REGION_DIRECT && d->parent[n] >= 0)
			p = (unsigned)d->parent[n];
		else
			p = region_pick(d, m, ROLE_PARENT, -1);
		snprintf(l, sizeof(l), "unmap r%u r%u", p, n);
		line(d, l);
		if (d->parent[n] == (int)p)
			d->parent[n] = -1;
		break;
	case MT_F_MOVE:
		n = region(d, ROLE_MAPPED);
		v = number(d, MAX_NUM);
		snprintf(l, sizeof(l), "move r%u %s", n, hex(a, v));
		line(d, l);
		if (d->live[n])
			push_ring(d, v + d->rsize[n]);
		if (d->parent[n] >= 0)
			d->maddr[n] = (uint64_t)v;
		break;
	case MT_F_ENABLE:
	case MT_F_DISABLE:
	case MT_F_DESTROY:
		n = region(d, ROLE_ANY);
		snprintf(l, sizeof(l), "%s r%u",
			 f == MT_F_ENABLE ? "enable" : f == MT_F_DISABLE ? "disable" : "destroy", n);
		line(d, l);
		if (f == MT_F_DESTROY) {
			d->live[n] = false;
			d->parent[n] = -1;
			d->atarget[n] = -1;
		}
		break;
	case MT_F_EFD_ADD:
	case MT_F_EFD_DEL:
		m = get(d);
		if (m < (f == MT_F_EFD_ADD ? 0x40 : 0xc0) && d->nefds) {
			e = d->efds[m % d->nefds];
			if (f == MT_F_EFD_ADD ? (m & 0x20) : (m & 0x38) == 0x38)
				e.fd = get(d) & 7;
			emit_efd(d, f == MT_F_EFD_ADD, &e);
			break;
		}
		e.r = region(d, ROLE_MMIO);
		if (m < 0xf0) {
			e.esize = esize(d);
			e.off = aimed_offset(d, e.r, e.esize);
		} else {
			e.off = (uint64_t)number(d, MAX_NUM);
			e.esize = esize(d);
		}
		data(d, e.esize, &e.match, &e.data);
		e.fd = fd(d);
		emit_efd(d, f == MT_F_EFD_ADD, &e);
		d->efds[d->efd_pos++ % RING] = e;
		if (d->nefds < RING)
			d->nefds++;
		break;
	case MT_F_SPACE:
	case MT_F_SPACE_PIO:
		n = space_new(d);
		t = region(d, ROLE_PARENT);
		snprintf(l, sizeof(l), "space s%u r%u%s", n, t, f == MT_F_SPACE_PIO ? " pio" : "");
		line(d, l);
		if (!d->slive[n])
			d->sroot[n] = (int)t;
		d->slive[n] = true;
		break;
	case MT_F_BEGIN:
		line(d, "begin");
		d->depth++;
		break;
	case MT_F_COMMIT:
		line(d, "commit");
		if (d->depth)
			d->depth--;
		break;
	case MT_F_DUMP:
		line(d, "dump");
		break;
	case MT_F_DUMP_NAMED:
		n = space_pick(d);
		snprintf(l, sizeof(l), "dump s%u", n);
		line(d, l);
		break;
	case MT_F_WRITE:
	case MT_F_READ:
		access_cmd(d, f == MT_F_WRITE);
		break;
	case MT_F_LOG_ON:
	case MT_F_LOG_OFF:
		n = region(d, ROLE_RAM);
		snprintf(l, sizeof(l), "log r%u %s", n, f == MT_F_LOG_ON ? "on" : "off");
		line(d, l);
		break;
	case MT_F_COALESCE:
	case MT_F_UNCOALESCE:
		coal(d, f == MT_F_COALESCE);
		break;
	case MT_F_SYNC:
		line(d, "sync");
		break;
	case MT_F_BURST:
		burst(d);
		break;
	default:
		break;
	}
}

char *mt_decode(const uint8_t *data, size_t size, size_t *len)
{
	struct dec *d = calloc(1, sizeof(*d));
	char *text;
	unsigned i;

	if (!d)
		return NULL;
	d->in = data;
	d->n = data ? size : 0;
	for (i = 0; i < MT_CODEC_REGIONS; i++) {
		d->parent[i] = -1;
		d->atarget[i] = -1;
	}
	for (i = 0; i < MT_CODEC_SPACES; i++)
		d->sroot[i] = -1;
	mt_codec_buf_put(&d->out, "", 0); /* an empty trace is "" */
	while (d->pos < d->n && d->cmds < MT_CODEC_MAX_CMDS && !d->out.oom) {
		uint8_t op = get(d);
		enum mt_codec_form f = access_form(op);

		for (i = 0; f == MT_F_COUNT && i < MT_CODEC_NEXT; i++)
			if (mt_codec_ext[i].byte == op)
				f = (enum mt_codec_form)mt_codec_ext[i].form;
		if (f == MT_F_COUNT)
			f = (enum mt_codec_form)mt_codec_ops[op % MT_CODEC_NOPS];

		if (f == MT_F_TXN)
			f = d->depth ? MT_F_COMMIT : MT_F_BEGIN;
		if (f == MT_F_SPACE_OR_MAP) {
			f = MT_F_MAP;
			for (i = 0; i < MT_CODEC_SPACES; i++)
				if (!d->slive[i])
					f = MT_F_SPACE;
		}
		command(d, f);
	}
	if (d->out.oom) {
		free(d->out.p);
		free(d);
		return NULL;
	}
	text = d->out.p;
	if (len)
		*len = d->out.len;
	free(d);
	return text;
}

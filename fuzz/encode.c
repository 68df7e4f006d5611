/* Trace text -> binary fuzz input (the format is described in codec.h).
 * Only context-free encodings are used, so the decoder's aiming state never
 * changes what the bytes mean. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "memtopo_trace.h"

#define TWO64 (((mt_u128)1) << 64)

struct pool {
	const char *names[MT_CODEC_REGIONS]; /* assigned trace name per index */
	unsigned size;
	char prefix;
};

struct enc {
	mt_cmd *cmds;
	size_t ncmds;
	struct pool regions, spaces;
	mt_codec_buf out;
	char *err;
	size_t errlen;
};

static __attribute__((format(printf, 2, 3))) void fail(struct enc *e, const char *fmt, ...)
{
	va_list ap;

	if (!e->err || !e->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(e->err, e->errlen, fmt, ap);
	va_end(ap);
}

/* ---- names ----------------------------------------------------------------------- */

/* Index of a pool name ("r0".."r15", "s0".."s3" exactly), or -1. */
static int pool_index(const struct pool *p, const char *name)
{
	unsigned v = 0;
	size_t i, n = strlen(name);

	if (n < 2 || n > 3 || name[0] != p->prefix || (n == 3 && name[1] == '0'))
		return -1;
	for (i = 1; i < n; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(name[i] - '0');
	}
	return v < p->size ? (int)v : -1;
}

static int lookup(const struct pool *p, const char *name)
{
	unsigned i;

	for (i = 0; i < p->size; i++)
		if (p->names[i] && !strcmp(p->names[i], name))
			return (int)i;
	return -1;
}

/* pass 0: reserve pool names; pass 1: give the others the lowest free index. */
static bool assign(struct enc *e, struct pool *p, const char *name, int pass, unsigned line)
{
	int i = pool_index(p, name);
	unsigned k;

	if (pass == 0) {
		if (i >= 0)
			p->names[i] = name;
		return true;
	}
	if (lookup(p, name) >= 0)
		return true;
	for (k = 0; k < p->size; k++) {
		if (!p->names[k]) {
			p->names[k] = name;
			return true;
		}
	}
	fail(e, "line %u: more than %u %s names (%s)", line, p->size,
	     p->prefix == 'r' ? "region" : "space", name);
	return false;
}

static bool assign_cmd(struct enc *e, const mt_cmd *c, int pass)
{
	struct pool *r = &e->regions, *s = &e->spaces;

	switch (c->op) {
	case MT_OP_ALIAS:
	case MT_OP_MAP:
	case MT_OP_UNMAP:
		return assign(e, r, c->name, pass, c->line) &&
		       assign(e, r, c->name2, pass, c->line);
	case MT_OP_REGION:
	case MT_OP_MOVE:
	case MT_OP_ENABLE:
	case MT_OP_DISABLE:
	case MT_OP_DESTROY:
	case MT_OP_EFD_ADD:
	case MT_OP_EFD_DEL:
	case MT_OP_LOG:
	case MT_OP_COALESCE:
	case MT_OP_UNCOALESCE:
		return assign(e, r, c->name, pass, c->line);
	case MT_OP_SPACE:
		return assign(e, s, c->name, pass, c->line) &&
		       assign(e, r, c->name2, pass, c->line);
	case MT_OP_DUMP:
		return !c->has_name || assign(e, s, c->name, pass, c->line);
	case MT_OP_WRITE:
	case MT_OP_READ:
		return assign(e, s, c->name, pass, c->line);
	default:
		return true;
	}
}

/* ---- operands --------------------------------------------------------------------- */

static void put(struct enc *e, uint8_t b)
{
	mt_codec_buf_byte(&e->out, b);
}

static void put_le(struct enc *e, uint64_t v, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes; i++)
		put(e, (uint8_t)(v >> (8 * i)));
}

static void name(struct enc *e, const struct pool *p, const char *n)
{
	put(e, (uint8_t)((p->prefix == 'r' ? MT_CODEC_REGION_DIRECT : MT_CODEC_SPACE_DIRECT) |
			 (unsigned)lookup(p, n)));
}

static void number(struct enc *e, mt_u128 v)
{
	unsigned i;

	if (v < 0x40) {
		put(e, (uint8_t)(0x40 + v));
		return;
	}
	for (i = 0; i < MT_CODEC_NCONSTS; i++) {
		if (mt_codec_consts[i] == v) {
			put(e, (uint8_t)i);
			return;
		}
	}
	if (v % 0x1000 == 0 && v / 0x1000 < 0x20) {
		put(e, (uint8_t)(0x80 + v / 0x1000));
	} else if (v <= 0xff) {
		put(e, MT_CODEC_NUM_U8);
		put(e, (uint8_t)v);
	} else if (v <= 0xffff) {
		put(e, MT_CODEC_NUM_U16);
		put_le(e, (uint64_t)v, 2);
	} else if (v <= 0xffffffff) {
		put(e, MT_CODEC_NUM_U32);
		put_le(e, (uint64_t)v, 4);
	} else if (v == TWO64) {
		put(e, MT_CODEC_NUM_2_64); /* only reached for sizes */
	} else {
		put(e, MT_CODEC_NUM_U64);
		put_le(e, (uint64_t)v, 8);
	}
}

static void esize(struct enc *e, mt_u128 v)
{
	unsigned i;

	for (i = 0; i < 5; i++) {
		if (mt_codec_esizes[i] == v) {
			put(e, (uint8_t)i);
			return;
		}
	}
	put(e, MT_CODEC_ESIZE_ESC);
	number(e, v);
}

/* An access SIZE: {1, 2, 4, 8} by index, anything else escaped. */
static void wsize(struct enc *e, mt_u128 v)
{
	unsigned i;

	for (i = 0; i < 4; i++) {
		if (v == (1u << i)) {
			put(e, (uint8_t)i);
			return;
		}
	}
	put(e, MT_CODEC_WSIZE_ESC);
	number(e, v);
}

static void csize(struct enc *e, mt_u128 v)
{
	unsigned i;

	for (i = 0; i < 8; i++) {
		if (mt_codec_csizes[i] == v) {
			put(e, (uint8_t)i);
			return;
		}
	}
	put(e, MT_CODEC_CSIZE_ESC);
	number(e, v);
}

static void prio(struct enc *e, int32_t v)
{
	unsigned i;

	for (i = 0; i < 4; i++) {
		if (mt_codec_prios[i] == v) {
			put(e, (uint8_t)i);
			return;
		}
	}
	put(e, MT_CODEC_PRIO_ESC);
	put_le(e, (uint32_t)v, 4);
}

static void fd(struct enc *e, int32_t v)
{
	if (v >= 0 && v < 8) {
		put(e, (uint8_t)v);
		return;
	}
	put(e, MT_CODEC_FD_ESC);
	put_le(e, (uint32_t)v, 4);
}

static void opcode(struct enc *e, enum mt_codec_form f)
{
	unsigned i;

	for (i = 0; i < MT_CODEC_NEXT; i++) {
		if (mt_codec_ext[i].form == f) {
			put(e, mt_codec_ext[i].byte);
			return;
		}
	}
	for (i = 0; i < MT_CODEC_NOPS; i++) {
		if (mt_codec_ops[i] == f) {
			put(e, (uint8_t)i);
			return;
		}
	}
}

static void encode_cmd(struct enc *e, const mt_cmd *c)
{
	const struct pool *r = &e->regions, *s = &e->spaces;

	switch (c->op) {
	case MT_OP_REGION:
		opcode(e, (enum mt_codec_form)(MT_F_CONTAINER + (c->kind - MT_CONTAINER)));
		name(e, r, c->name);
		number(e, c->size);
		break;
	case MT_OP_ALIAS:
		opcode(e, MT_F_ALIAS);
		name(e, r, c->name);
		name(e, r, c->name2);
		number(e, c->num);
		number(e, c->size);
		break;
	case MT_OP_MAP:
		opcode(e, c->has_prio ? MT_F_MAP_PRIO : MT_F_MAP);
		name(e, r, c->name);
		name(e, r, c->name2);
		number(e, c->num);
		if (c->has_prio)
			prio(e, c->prio);
		break;
	case MT_OP_UNMAP:
		opcode(e, MT_F_UNMAP);
		name(e, r, c->name2); /* child first */
		name(e, r, c->name);
		break;
	case MT_OP_MOVE:
		opcode(e, MT_F_MOVE);
		name(e, r, c->name);
		number(e, c->num);
		break;
	case MT_OP_ENABLE:
	case MT_OP_DISABLE:
	case MT_OP_DESTROY:
		opcode(e, c->op == MT_OP_ENABLE	   ? MT_F_ENABLE
			  : c->op == MT_OP_DISABLE ? MT_F_DISABLE
						   : MT_F_DESTROY);
		name(e, r, c->name);
		break;
	case MT_OP_EFD_ADD:
	case MT_OP_EFD_DEL:
		opcode(e, c->op == MT_OP_EFD_ADD ? MT_F_EFD_ADD : MT_F_EFD_DEL);
		put(e, MT_CODEC_MODE_EXPLICIT);
		name(e, r, c->name);
		number(e, c->efd.offset);
		esize(e, c->efd_size);
		if (c->efd.match) {
			put(e, MT_CODEC_DATA_NUM);
			number(e, c->efd.data);
		} else {
			put(e, MT_CODEC_DATA_ANY);
		}
		fd(e, c->efd.fd);
		break;
	case MT_OP_SPACE:
		opcode(e, c->pio ? MT_F_SPACE_PIO : MT_F_SPACE);
		name(e, s, c->name);
		name(e, r, c->name2);
		break;
	case MT_OP_BEGIN:
		opcode(e, MT_F_BEGIN);
		break;
	case MT_OP_COMMIT:
		opcode(e, MT_F_COMMIT);
		break;
	case MT_OP_WRITE:
	case MT_OP_READ:
		put(e, c->op == MT_OP_WRITE ? MT_CODEC_OP_WRITE : MT_CODEC_OP_READ);
		put(e, MT_CODEC_MODE_EXPLICIT);
		name(e, s, c->name);
		number(e, c->num);
		wsize(e, c->size);
		if (c->op == MT_OP_WRITE)
			number(e, c->data);
		break;
	case MT_OP_DUMP:
		if (c->has_name) {
			opcode(e, MT_F_DUMP_NAMED);
			name(e, s, c->name);
		} else {
			opcode(e, MT_F_DUMP);
		}
		break;
	case MT_OP_LOG:
		opcode(e, c->on ? MT_F_LOG_ON : MT_F_LOG_OFF);
		name(e, r, c->name);
		break;
	case MT_OP_COALESCE:
	case MT_OP_UNCOALESCE:
		opcode(e, c->op == MT_OP_COALESCE ? MT_F_COALESCE : MT_F_UNCOALESCE);
		put(e, MT_CODEC_CMODE_EXPLICIT);
		name(e, r, c->name);
		number(e, c->num);
		csize(e, c->size);
		break;
	case MT_OP_SYNC:
		opcode(e, MT_F_SYNC);
		break;
	default:
		break;
	}
}

/* ---- driver ----------------------------------------------------------------------- */

static bool parse_all(struct enc *e, const char *text, size_t len)
{
	unsigned lineno = 0, aliases = 0;
	size_t i = 0;
	mt_cmd c;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		mt_parse_line(text + i, n, ++lineno, &c);
		i += n + 1;
		if (c.parse_err != MT_OK) {
			fail(e, "line %u: %s", lineno,
			     c.parse_err == MT_ESYNTAX ? "syntax error"
						       : "number out of range (invalid)");
			return false;
		}
		if (c.op == MT_OP_NONE)
			continue;
		if (e->ncmds == MT_CODEC_MAX_CMDS) {
			fail(e, "line %u: more than %u commands", lineno, MT_CODEC_MAX_CMDS);
			return false;
		}
		if (c.op == MT_OP_ALIAS && ++aliases > MT_CODEC_MAX_ALIASES) {
			fail(e, "line %u: more than %u alias commands", lineno,
			     MT_CODEC_MAX_ALIASES);
			return false;
		}
		e->cmds[e->ncmds++] = c;
	}
	return true;
}

uint8_t *mt_encode(const char *text, size_t len, size_t *out_len, char *err, size_t errlen)
{
	struct enc e;
	bool ok = true;
	size_t i;
	int pass;

	memset(&e, 0, sizeof(e));
	e.err = err;
	e.errlen = errlen;
	if (err && errlen)
		err[0] = 0;
	e.regions.size = MT_CODEC_REGIONS;
	e.regions.prefix = 'r';
	e.spaces.size = MT_CODEC_SPACES;
	e.spaces.prefix = 's';
	e.cmds = malloc(MT_CODEC_MAX_CMDS * sizeof(*e.cmds));
	if (!e.cmds)
		return NULL;
	if (!text)
		len = 0;
	ok = parse_all(&e, text, len);
	for (pass = 0; ok && pass < 2; pass++)
		for (i = 0; ok && i < e.ncmds; i++)
			ok = assign_cmd(&e, &e.cmds[i], pass);
	mt_codec_buf_put(&e.out, "", 0);
	for (i = 0; ok && i < e.ncmds; i++)
		encode_cmd(&e, &e.cmds[i]);
	free(e.cmds);
	if (!ok || e.out.oom) {
		free(e.out.p);
		return NULL;
	}
	if (out_len)
		*out_len = e.out.len;
	return (uint8_t *)e.out.p;
}

/* The trace language of SPEC section 5: one line to one mt_cmd.
 *
 * Only the line's own errors are found here: `syntax` (unknown command,
 * wrong argument count, a token that is not a well-formed number or name)
 * anywhere in the line wins over `invalid` (a well-formed number out of its
 * range).  Lexical choices the SPEC leaves open, documented in
 * docs/semantics.md ("Trace language (lexical)"): blanks are space, tab and CR; `#` anywhere starts a
 * comment; hex needs a lowercase `0x`; only PRIO takes a sign, and only on a
 * decimal; leading zeros are fine; a SIZE token (also eventfd SIZE) accepts up
 * to 2^64.
 */
#include <string.h>

#include "memtopo_trace.h"

#define MAX_TOKENS 8

struct tok {
	const char *p;
	size_t n;
};

enum argtype {
	A_NAME = 'n',
	A_NUM = 'u',  /* <= 2^64 - 1 */
	A_SIZE = 's', /* <= 2^64 */
	A_PRIO = 'p', /* signed 32-bit */
	A_DATA = 'd', /* number <= 2^64 - 1, or `*` */
	A_FD = 'f',   /* < 2^31 */
	A_PIO = 'P',  /* the word `pio` */
	A_VALUE = 'v', /* write DATA: a number <= 2^64 - 1 */
	A_ONOFF = 'O', /* the word `on` or `off` */
};

static const struct {
	const char *word;
	mt_op op;
	mt_kind kind;
	const char *args;     /* required arguments */
	const char *optional; /* at most one optional trailing argument */
} commands[] = {
	{ "container", MT_OP_REGION, MT_CONTAINER, "ns", "" },
	{ "ram", MT_OP_REGION, MT_RAM, "ns", "" },
	{ "rom", MT_OP_REGION, MT_ROM, "ns", "" },
	{ "mmio", MT_OP_REGION, MT_MMIO, "ns", "" },
	{ "alias", MT_OP_ALIAS, MT_ALIAS, "nnus", "" },
	{ "map", MT_OP_MAP, 0, "nnu", "p" },
	{ "unmap", MT_OP_UNMAP, 0, "nn", "" },
	{ "move", MT_OP_MOVE, 0, "nu", "" },
	{ "enable", MT_OP_ENABLE, 0, "n", "" },
	{ "disable", MT_OP_DISABLE, 0, "n", "" },
	{ "destroy", MT_OP_DESTROY, 0, "n", "" },
	{ "eventfd-add", MT_OP_EFD_ADD, 0, "nusdf", "" },
	{ "eventfd-del", MT_OP_EFD_DEL, 0, "nusdf", "" },
	{ "space", MT_OP_SPACE, 0, "nn", "P" },
	{ "begin", MT_OP_BEGIN, 0, "", "" },
	{ "commit", MT_OP_COMMIT, 0, "", "" },
	{ "dump", MT_OP_DUMP, 0, "", "n" },
	{ "write", MT_OP_WRITE, 0, "nusv", "" },
	{ "read", MT_OP_READ, 0, "nus", "" },
	{ "log", MT_OP_LOG, 0, "nO", "" },
	{ "coalesce", MT_OP_COALESCE, 0, "nus", "" },
	{ "uncoalesce", MT_OP_UNCOALESCE, 0, "nus", "" },
	{ "sync", MT_OP_SYNC, 0, "", "" },
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool tok_is(const struct tok *t, const char *word)
{
	return t->n == strlen(word) && !memcmp(t->p, word, t->n);
}

static bool name_ok(const struct tok *t)
{
	size_t i;

	if (t->n < 1 || t->n > MT_NAME_MAX)
		return false;
	for (i = 0; i < t->n; i++) {
		char c = t->p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Well-formed unsigned number?  Its value saturates just above 2^64. */
static bool number(const char *p, size_t n, mt_u128 *out)
{
	const mt_u128 cap = MT_2_64 + 1;
	unsigned base = 10;
	mt_u128 v = 0;
	size_t i = 0;

	if (n > 2 && p[0] == '0' && p[1] == 'x') {
		base = 16;
		i = 2;
	}
	if (i == n)
		return false;
	for (; i < n; i++) {
		int d = base == 16 ? hexval(p[i]) : (p[i] >= '0' && p[i] <= '9' ? p[i] - '0' : -1);

		if (d < 0)
			return false;
		v = v * base + (unsigned)d;
		if (v > cap)
			v = cap;
	}
	*out = v;
	return true;
}

/* Syntax pass: is the token well-formed for its argument type? */
static bool well_formed(const struct tok *t, char type)
{
	mt_u128 v;

	switch (type) {
	case A_NAME:
		return name_ok(t);
	case A_PIO:
		return tok_is(t, "pio");
	case A_ONOFF:
		return tok_is(t, "on") || tok_is(t, "off");
	case A_DATA:
		if (tok_is(t, "*"))
			return true;
		return number(t->p, t->n, &v);
	case A_PRIO:
		if (t->n > 1 && t->p[0] == '-') {
			size_t i;

			for (i = 1; i < t->n; i++) /* decimal only */
				if (t->p[i] < '0' || t->p[i] > '9')
					return false;
			return true;
		}
		return number(t->p, t->n, &v);
	default:
		return number(t->p, t->n, &v);
	}
}

static void copy_name(char *dst, const struct tok *t)
{
	memcpy(dst, t->p, t->n);
	dst[t->n] = 0;
}

/* Range pass: store the value; false if out of range (`invalid`). */
static bool store(mt_cmd *c, const struct tok *t, char type, int argi)
{
	bool neg = type == A_PRIO && t->p[0] == '-';
	mt_u128 v = 0;

	if (type == A_NAME) {
		copy_name(argi == 0 ? c->name : c->name2, t);
		if (c->op == MT_OP_DUMP)
			c->has_name = true;
		return true;
	}
	if (type == A_PIO) {
		c->pio = true;
		return true;
	}
	if (type == A_ONOFF) {
		c->on = tok_is(t, "on");
		return true;
	}
	if (type == A_DATA && tok_is(t, "*")) {
		c->efd.match = false;
		c->efd.data = 0;
		return true;
	}
	number(t->p + neg, t->n - neg, &v);
	switch (type) {
	case A_SIZE:
		if (v > MT_2_64)
			return false;
		if (c->op == MT_OP_EFD_ADD || c->op == MT_OP_EFD_DEL)
			c->efd_size = v;
		else
			c->size = v;
		return true;
	case A_PRIO:
		if (neg ? v > (mt_u128)1 << 31 : v > INT32_MAX)
			return false;
		c->prio = neg ? (int32_t)(-(int64_t)v) : (int32_t)v;
		c->has_prio = true;
		return true;
	case A_FD:
		if (v > INT32_MAX)
			return false;
		c->efd.fd = (int32_t)v;
		return true;
	case A_DATA:
		if (v >= MT_2_64)
			return false;
		c->efd.match = true;
		c->efd.data = (uint64_t)v;
		return true;
	case A_VALUE:
		if (v >= MT_2_64)
			return false;
		c->data = (uint64_t)v;
		return true;
	default: /* A_NUM */
		if (v >= MT_2_64)
			return false;
		if (c->op == MT_OP_EFD_ADD || c->op == MT_OP_EFD_DEL)
			c->efd.offset = (uint64_t)v;
		else
			c->num = (uint64_t)v;
		return true;
	}
}

void mt_parse_line(const char *line, size_t len, unsigned lineno, mt_cmd *out)
{
	struct tok toks[MAX_TOKENS + 1];
	size_t ntok = 0, i = 0, k, nreq, nopt;
	const char *types = NULL;
	char buf[8];

	memset(out, 0, sizeof(*out));
	out->line = lineno;
	while (i < len && line[i] != '#') {
		if (is_blank(line[i])) {
			i++;
			continue;
		}
		if (ntok == MAX_TOKENS + 1) {
			out->parse_err = MT_ESYNTAX;
			return;
		}
		toks[ntok].p = line + i;
		while (i < len && !is_blank(line[i]) && line[i] != '#')
			i++;
		toks[ntok].n = (size_t)(line + i - toks[ntok].p);
		ntok++;
	}
	if (!ntok)
		return; /* MT_OP_NONE */
	out->parse_err = MT_ESYNTAX;
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (tok_is(&toks[0], commands[k].word))
			break;
	if (k == sizeof(commands) / sizeof(commands[0]))
		return;
	out->op = commands[k].op;
	out->kind = commands[k].kind;
	nreq = strlen(commands[k].args);
	nopt = strlen(commands[k].optional);
	if (ntok - 1 < nreq || ntok - 1 > nreq + nopt)
		return;
	memcpy(buf, commands[k].args, nreq);
	memcpy(buf + nreq, commands[k].optional, nopt);
	types = buf;
	for (i = 1; i < ntok; i++)
		if (!well_formed(&toks[i], types[i - 1]))
			return;
	out->parse_err = MT_EINVAL;
	for (i = 1; i < ntok; i++)
		if (!store(out, &toks[i], types[i - 1], (int)i - 1))
			return;
	out->parse_err = MT_OK;
}

bool mt_op_is_mutation(mt_op op)
{
	return op != MT_OP_NONE && op != MT_OP_BEGIN && op != MT_OP_COMMIT &&
	       op != MT_OP_DUMP && op != MT_OP_WRITE && op != MT_OP_READ &&
	       op != MT_OP_SYNC;
}

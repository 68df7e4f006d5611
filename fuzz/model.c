/* Reference model: the object, its output buffer, dump and lookup. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

mt_model *mt_model_new(void)
{
	return calloc(1, sizeof(mt_model));
}

void mt_model_free(mt_model *m)
{
	size_t i;

	if (!m)
		return;
	mdl_log_free(m);
	for (i = 0; i < m->nregions; i++) {
		free(m->regions[i].efds);
		free(m->regions[i].kids);
		free(m->regions[i].mem);
	}
	for (i = 0; i < m->nspaces; i++) {
		free(m->spaces[i].view);
		free(m->spaces[i].inst);
		free(m->spaces[i].prev_d);
		free(m->spaces[i].pending);
	}
	free(m->regions);
	free(m->spaces);
	free(m->out);
	free(m);
}

/* Make room for need elements; NULL (p untouched, model overflowed) when
 * memory runs out: the fuzz target then discards the input. */
void *mdl_grow(mt_model *m, void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	q = realloc(p, n * elem);
	if (!q) {
		m->overflow = true;
		return NULL;
	}
	*cap = n;
	return q;
}

void mdl_printf(mt_model *m, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *q;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	q = mdl_grow(m, m->out, &m->outcap, m->outlen + (size_t)n + 1, 1);
	if (!q)
		return;
	m->out = q;
	va_start(ap, fmt);
	vsnprintf(m->out + m->outlen, (size_t)n + 1, fmt, ap);
	va_end(ap);
	m->outlen += (size_t)n;
}

/* Lowercase hex, 0x, no padding; up to 2^128-1. */
const char *mdl_hex(char buf[40], mt_u128 v)
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

const char *mdl_kind_name(mt_kind kind)
{
	switch (kind) {
	case MT_CONTAINER:
		return "container";
	case MT_RAM:
		return "ram";
	case MT_ROM:
		return "rom";
	case MT_MMIO:
		return "mmio";
	case MT_ALIAS:
		return "alias";
	}
	return "?";
}

const char *mdl_err_name(int err)
{
	static const char *const names[] = {
		[MT_OK] = "ok",		    [MT_ESYNTAX] = "syntax",
		[MT_ENOTFOUND] = "not-found", [MT_EEXIST] = "exists",
		[MT_EINVAL] = "invalid",    [MT_EBUSY] = "busy",
		[MT_ELOOP] = "loop",	    [MT_EOVERLAP] = "overlap",
		[MT_ECONFLICT] = "conflict", [MT_ENOSPACE] = "no-space",
	};

	if (err < 0 || err >= MT_ERR_COUNT)
		return "?";
	return names[err];
}

/* "ADDR SIZE DATA FD" */
void mdl_print_tuple(mt_model *m, const struct mdl_tuple *t)
{
	char a[40], s[40], d[40];

	mdl_printf(m, "%s %s %s %d", mdl_hex(a, t->addr), mdl_hex(s, t->size),
		   t->match ? mdl_hex(d, t->data) : "*", (int)t->fd);
}

void mdl_dump(mt_model *m, const struct mdl_space *s)
{
	char a[40], b[40], c[40];
	size_t i;

	mdl_printf(m, "flatview %s\n", s->name);
	for (i = 0; i < s->nview; i++) {
		const struct mdl_range *r = &s->view[i];

		mdl_printf(m, "  %s %s %s %s %s%s\n", mdl_hex(a, r->start),
			   mdl_hex(b, r->end), mdl_kind_name(r->kind), r->name,
			   mdl_hex(c, r->offset), r->log ? " log" : "");
	}
	mdl_printf(m, "eventfds %s\n", s->name);
	for (i = 0; i < s->ninst; i++) {
		mdl_printf(m, "  ");
		mdl_print_tuple(m, &s->inst[i]);
		mdl_printf(m, "\n");
	}
	mdl_printf(m, "zones %s\n", s->name);
	for (i = 0; i < s->niz; i++)
		mdl_printf(m, "  %s %s\n", mdl_hex(a, s->iz[i].start),
			   mdl_hex(b, s->iz[i].end));
}

void mt_model_dump_all(mt_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nspaces; i++)
		mdl_dump(m, &m->spaces[i]);
}

const char *mt_model_output(const mt_model *m, size_t *len)
{
	if (len)
		*len = m && m->out ? m->outlen : 0;
	return m && m->out ? m->out : "";
}

void mt_model_clear_output(mt_model *m)
{
	if (!m)
		return;
	m->outlen = 0;
	if (m->out)
		m->out[0] = 0;
}

unsigned mt_model_commits(const mt_model *m)
{
	return m ? m->commits : 0;
}

bool mt_model_overflowed(const mt_model *m)
{
	return !m || m->overflow;
}

int mt_model_lookup(const mt_model *m, const char *space, uint64_t addr,
		    char region[MT_NAME_MAX + 1], mt_kind *kind,
		    uint64_t *offset)
{
	long si;
	size_t i;

	if (!m || !space)
		return -1;
	si = mdl_find_space(m, space);
	if (si < 0)
		return -1;
	for (i = 0; i < m->spaces[si].nview; i++) {
		const struct mdl_range *r = &m->spaces[si].view[i];

		if (addr < r->start || addr >= r->end)
			continue;
		if (region)
			memcpy(region, r->name, MT_NAME_MAX + 1);
		if (kind)
			*kind = r->kind;
		if (offset)
			*offset = r->offset + (uint64_t)(addr - r->start);
		return 1;
	}
	return 0;
}

/* `info mtree -f` text -> its flat ranges (name, kind, first AS). */
#include <stdlib.h>
#include <string.h>

#include "qemu_mtree.h"

void qm_parse_name(char *rest, struct qm_node *n);

static int add_range(struct qm_flat *f, const char *as, const char *rest,
		     const char kind[16], unsigned line)
{
	struct qm_node tmp = { 0 };
	char *r = strdup(rest), *at;

	if (!r)
		return -1;
	qm_parse_name(r, &tmp);
	free(r);
	/* "NAME @OFFSET": the offset is the last " @" token */
	at = tmp.name ? strrchr(tmp.name, '@') : NULL;
	if (at && at > tmp.name && at[-1] == ' ' &&
	    strspn(at + 1, "0123456789abcdef") == strlen(at + 1))
		at[-1] = 0;
	free(tmp.owner);
	free(tmp.target);
	if (f->n == f->cap) {
		size_t c = f->cap ? 2 * f->cap : 64;
		void *np = realloc(f->r, c * sizeof(*f->r));

		if (!np) {
			free(tmp.name);
			return -1;
		}
		f->r = np;
		f->cap = c;
	}
	f->r[f->n].name = tmp.name;
	f->r[f->n].as_name = strdup(as);
	memcpy(f->r[f->n].kind, kind, 16);
	f->r[f->n].line = line;
	f->n++;
	return tmp.name ? 0 : -1;
}

int qm_parse_flat(const char *text, size_t len, const char *file,
		  struct qm_flat *out, FILE *err)
{
	const char *p = text, *end = text + len;
	char as[256] = "";
	unsigned line = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *rest;
		size_t n = (size_t)((e ? e : end) - p);
		char buf[4096], kind[16];
		uint64_t s, en;
		int32_t prio;

		line++;
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, p, n);
		buf[n] = 0;
		p = e ? e + 1 : end;
		while (n && (buf[n - 1] == '\r' || buf[n - 1] == ' '))
			buf[--n] = 0;
		if (!strncmp(buf, " AS \"", 5) && !as[0]) {
			char *q = strstr(buf + 5, "\", root: ");

			if (q)
				snprintf(as, sizeof(as), "%.*s", (int)(q - buf - 5), buf + 5);
		} else if (!strncmp(buf, "FlatView #", 10)) {
			as[0] = 0;
		} else if (!strncmp(buf, "  ", 2) && buf[2] != ' ' &&
			   qm_parse_range(buf + 2, &s, &en, &prio, kind, &rest)) {
			if (add_range(out, as, rest, kind, line)) {
				fprintf(err, "%s:%u: out of memory\n", file, line);
				return -1;
			}
		} else if (n && strncmp(buf, " Root memory region: ", 21) &&
			   strncmp(buf, " AS \"", 5) && strcmp(buf, "  No rendered FlatView") &&
			   strncmp(buf, "(qemu)", 6)) {
			fprintf(err, "%s:%u: not `info mtree -f` output\n", file, line);
			return -1;
		}
	}
	if (!out->n && !strstr(text, "FlatView #")) {
		fprintf(err, "%s: no FlatView (is this `info mtree -f` output?)\n", file);
		return -1;
	}
	return 0;
}

void qm_flat_free(struct qm_flat *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->r[i].name);
		free(f->r[i].as_name);
	}
	free(f->r);
	memset(f, 0, sizeof(*f));
}

/* Line-by-line trace runs that know which commands succeeded. */
#include <stdlib.h>
#include <string.h>

#include "trace_walk.h"

mt_runner *tw_run(const char *text, size_t len, unsigned last, tw_fn fn, void *arg)
{
	mt_runner *r = mt_runner_new(NULL);
	const char *p = text, *end = text + len;
	unsigned line = 0;
	mt_cmd *cmd = malloc(sizeof(*cmd));

	if (!r || !cmd) {
		free(cmd);
		mt_runner_free(r);
		return NULL;
	}
	while (p < end && (!last || line < last)) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((e ? e : end) - p), before, after;
		const char *out;

		mt_parse_line(p, n, ++line, cmd);
		mt_runner_output(r, &before);
		mt_runner_exec(r, cmd);
		out = mt_runner_output(r, &after);
		if (fn)
			fn(arg, cmd, p, n, !cmd->parse_err &&
			   (after == before || strncmp(out + before, "error ", 6)));
		p = e ? e + 1 : end;
	}
	if (!last)
		mt_runner_finish(r);
	free(cmd);
	return r;
}

char *tw_qemu_note(const char *raw, size_t rawlen, char word[16])
{
	const char *h = NULL, *p, *end = raw + rawlen;
	size_t i, n;
	char *rest;

	for (i = 0; i + 7 <= rawlen; i++)
		if (!memcmp(raw + i, "#qemu ", 6)) {
			h = raw + i + 6;
			break;
		}
	if (!h)
		return NULL;
	for (p = h; p < end && *p != ' '; p++)
		;
	if (p >= end || p - h >= 16)
		return NULL;
	memcpy(word, h, (size_t)(p - h));
	word[p - h] = 0;
	p++;
	n = (size_t)(end - p);
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	rest = malloc(n + 1);
	if (rest) {
		memcpy(rest, p, n);
		rest[n] = 0;
	}
	return rest;
}

/* Whole-file input for every subcommand ("-" is stdin). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *mt_cli_slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f) {
		fprintf(stderr, "memtopo: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (n + 1 < cap)
			break;
		cap *= 2;
		char *nb = realloc(buf, cap);

		if (!nb) {
			free(buf);
			buf = NULL;
		} else {
			buf = nb;
		}
	}
	if (buf && ferror(f)) {
		fprintf(stderr, "memtopo: %s: read error\n", path);
		free(buf);
		buf = NULL;
	} else if (!buf) {
		fprintf(stderr, "memtopo: %s: out of memory\n", path);
	}
	if (f != stdin)
		fclose(f);
	if (buf) {
		buf[n] = 0;
		*len = n;
	}
	return buf;
}

/* QEMU region names hold blanks, slashes and anything else: memtopo names
 * are [A-Za-z0-9_.-]{1,64}.  Other bytes become '_'; repeats get _2, _3... */
#include <stdlib.h>
#include <string.h>

#include "qemu_import.h"

#define BASE_MAX 52 /* leaves room for "_" and a counter */

static bool taken(const char *s, char *const *used, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (used[i] && !strcmp(used[i], s))
			return true;
	return false;
}

char *qi_sanitize(const char *name, char *const *used, size_t n)
{
	char base[BASE_MAX + 1], *out = malloc(MT_NAME_MAX_LEN + 1);
	size_t i, len = 0;
	unsigned k;

	if (!out)
		return NULL;
	for (i = 0; name[i] && len < BASE_MAX; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';

		base[len++] = ok ? c : '_';
	}
	if (!len)
		base[len++] = '_';
	base[len] = 0;
	strcpy(out, base);
	for (k = 2; taken(out, used, n); k++)
		snprintf(out, MT_NAME_MAX_LEN + 1, "%s_%u", base, k);
	return out;
}

void qi_put_hex(FILE *out, mt_u128 v)
{
	char buf[40];
	int i = sizeof(buf) - 1;

	buf[i] = 0;
	do {
		buf[--i] = "0123456789abcdef"[(unsigned)(v & 15)];
		v >>= 4;
	} while (v);
	fprintf(out, "0x%s", buf + i);
}

/* One region line of `info mtree` / `info mtree -f`:
 *   START-END (prio P, KIND): NAME
 *   START-END (prio P, KIND): alias NAME @TARGET OFF-OFFEND [disabled]
 * with the owner suffixes of -o.  Facts from QEMU's output format only. */
#include <stdlib.h>
#include <string.h>

#include "qemu_mtree.h"

static const char *hex64(const char *s, uint64_t *v)
{
	int n = 0;

	*v = 0;
	for (; n < 17; s++, n++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		*v = *v << 4 | (uint64_t)d;
	}
	return n >= 1 && n <= 16 ? s : NULL;
}

bool qm_parse_range(const char *line, uint64_t *start, uint64_t *end,
		    int32_t *prio, char kind[16], const char **rest)
{
	const char *p = hex64(line, start), *k;
	long pr;
	char *e;

	if (!p || *p != '-' || !(p = hex64(p + 1, end)))
		return false;
	if (strncmp(p, " (prio ", 7))
		return false;
	pr = strtol(p + 7, &e, 10);
	if (e == p + 7 || pr < INT32_MIN || pr > INT32_MAX || strncmp(e, ", ", 2))
		return false;
	*prio = (int32_t)pr;
	k = e + 2;
	p = strstr(k, "): ");
	if (!p || p == k || p - k > 15)
		return false;
	memcpy(kind, k, (size_t)(p - k));
	kind[p - k] = 0;
	*rest = p + 3;
	return true;
}

/* "alias NAME @TARGET OFF-END": split from the right (names hold blanks). */
static bool split_alias(char *rest, struct qm_node *n)
{
	char *sp = strrchr(rest, ' '), *at;
	uint64_t off, end;
	const char *q;

	if (strncmp(rest, "alias ", 6) || !sp)
		return false;
	q = hex64(sp + 1, &off);
	if (!q || *q != '-' || !(q = hex64(q + 1, &end)) || *q)
		return false;
	*sp = 0;
	at = strstr(rest + 6, " @");
	while (at && strstr(at + 2, " @"))
		at = strstr(at + 2, " @");
	if (!at || at == rest + 6 || !at[2]) {
		*sp = ' ';
		return false;
	}
	*at = 0;
	n->alias = true;
	n->alias_off = off;
	n->name = strdup(rest + 6);
	n->target = strdup(at + 2);
	return true;
}

static bool strip_suffix(char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	if (n <= m || strcmp(s + n - m, suffix))
		return false;
	s[n - m] = 0;
	return true;
}

/* Cut the -o owner text (" owner:{..}", " parent:{..}", " orphan"). */
static char *cut_owner(char *rest)
{
	char *o = strstr(rest, " owner:{"), *p = strstr(rest, " parent:{");
	char *cut = o && (!p || o < p) ? o : p;
	char *owner;

	if (!cut && strip_suffix(rest, " orphan"))
		return strdup("orphan");
	if (!cut || rest[strlen(rest) - 1] != '}')
		return NULL;
	owner = strdup(cut + 1);
	*cut = 0;
	return owner;
}

/* Fill n from the text after "): " (modified in place). */
void qm_parse_name(char *rest, struct qm_node *n)
{
	n->owner = cut_owner(rest);
	n->disabled = strip_suffix(rest, " [disabled]");
	if (!split_alias(rest, n))
		n->name = strdup(rest);
}

/* Sorted regular files of a directory, for the subcommands that take one. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool wanted(const char *name, const char *suffix)
{
	size_t l = strlen(name), sl = suffix ? strlen(suffix) : 0;

	return name[0] != '.' && (!suffix || (l >= sl && !strcmp(name + l - sl, suffix)));
}

char **mt_cli_list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t cap = 0;

	*n = 0;
	if (!d) {
		fprintf(stderr, "memtopo: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d))) {
		struct stat st;
		char *path;

		if (!wanted(e->d_name, suffix))
			continue;
		path = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!path)
			goto oom;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(path);
				goto oom;
			}
			v = nv;
		}
		v[(*n)++] = path;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v ? v : calloc(1, sizeof(*v));
oom:
	closedir(d);
	mt_cli_free_list(v, *n);
	fprintf(stderr, "memtopo: %s: out of memory\n", dir);
	return NULL;
}

void mt_cli_free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* memtopo validate: run traces on the KVM backend and, after every commit,
 * check from a vCPU that KVM does what the flat views and installed
 * ioeventfd sets say (the files: validate.h).  This file: the command, its
 * files and directories, one trace, the commits. */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "codec.h"
#include "validate.h"

static void on_commit(void *arg, unsigned line)
{
	struct vstate *v = arg;
	size_t i, olen;
	const char *o = mt_runner_output(v->r, &olen);
	mt_ctx *ctx = mt_runner_ctx(v->r);

	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	v->printed = olen;
	for (i = 0; i < mt_space_count(ctx); i++) {
		const mt_space *sp = mt_space_at(ctx, i);
		struct vspace *s = vspace_find(v, mt_space_name(sp));

		if (s)
			probe_space(v, s, sp, line);
	}
}

/* Validate one trace text. */
static void validate_text(struct vstate *v, const char *name, const char *text, size_t len)
{
	mt_backend_factory f = { vspace_make, v };
	size_t olen;
	const char *o;

	v->input = name;
	v->printed = 0;
	v->r = mt_runner_new(&f);
	if (!v->r) {
		fprintf(v->out, "FAIL %s: out of memory\n", name);
		v->nfail++;
		return;
	}
	if (v->verbose)
		mt_runner_set_log(v->r, v->out);
	mt_runner_on_commit(v->r, on_commit, v);
	mt_runner_run_text(v->r, text, len);
	o = mt_runner_output(v->r, &olen);
	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	/* vCPUs first (they hold VM references), then the runner's spaces. */
	vspace_free_cpus(v);
	mt_runner_free(v->r);
	v->r = NULL;
	vspace_drop_all(v);
}

static char *slurp(const char *path, size_t *len, FILE *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(err, "memtopo validate: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t r;

		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = (cap + 4096) * 2);

			if (!nb) {
				free(buf);
				fclose(f);
				fprintf(err, "memtopo validate: out of memory\n");
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (!r)
			break;
	}
	if (ferror(f)) {
		fprintf(err, "memtopo validate: %s: read error\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted regular files of dir (with suffix, if not NULL). */
static char **list_dir(const char *dir, const char *suffix, size_t *n, FILE *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d) {
		fprintf(err, "memtopo validate: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (suffix && (l < strlen(suffix) || strcmp(e->d_name + l - strlen(suffix), suffix)))
			continue;
		path = malloc(strlen(dir) + l + 2);
		if (!path)
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !vgrow(&v, &cap, *n + 1, sizeof(char *))) {
			free(path);
			continue;
		}
		v[(*n)++] = path;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(char *), cmp_str);
	if (!v)
		v = calloc(1, sizeof(char *));
	return v;
}

/* One file of a directory: decoded first with --corpus.  0, or 2 on an
 * I/O error. */
static int validate_file(struct vstate *v, const char *file, mt_validate_input input,
			 FILE *err)
{
	struct vcounts before;
	size_t len, tlen = 0;
	char *data = slurp(file, &len, err), *text;

	if (!data)
		return 2;
	if (input == MT_VALIDATE_BINARY) {
		text = mt_decode((const uint8_t *)data, len, &tlen);
		free(data);
	} else {
		text = data;
		tlen = len;
	}
	if (!text) {
		fprintf(err, "memtopo validate: out of memory\n");
		return 2;
	}
	counts_of(v, &before);
	validate_text(v, file, text, tlen);
	free(text);
	report_file(v, file, &before);
	return 0;
}

int mt_kvm_cmd_validate(const char *path, mt_validate_input input, FILE *out, FILE *err)
{
	struct vstate v;
	char msg[512], **files = NULL;
	size_t nfiles = 0, i;
	struct stat st;
	int rc = 0;

	if (!path) {
		fprintf(err, "usage: memtopo validate FILE|DIR | --corpus DIR | --text DIR\n");
		return 2;
	}
	if (stat(path, &st)) {
		fprintf(err, "memtopo validate: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (input != MT_VALIDATE_TRACES && !S_ISDIR(st.st_mode)) {
		fprintf(err, "memtopo validate: %s: not a directory\n", path);
		return 2;
	}
	memset(&v, 0, sizeof(v));
	if (mt_kvm_factory(&v.kvm, msg, sizeof(msg)) != MT_KVM_OK) {
		fprintf(err, "memtopo validate: %s\n", msg);
		return mt_kvm_skip_code();
	}
	v.out = out;
	v.fast_mmio = kvm_host_fast_mmio();
	if (S_ISDIR(st.st_mode)) {
		files = list_dir(path, input == MT_VALIDATE_TRACES ? ".mt" : NULL, &nfiles, err);
		if (!files)
			return 2;
	} else {
		size_t len;
		char *text = slurp(path, &len, err);

		if (!text)
			return 2;
		v.verbose = true;
		validate_text(&v, path, text, len);
		free(text);
	}
	for (i = 0; i < nfiles; i++)
		if (validate_file(&v, files[i], input, err))
			rc = 2;
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(v.sp);
	free(v.probes);
	free(v.labels);
	report_total(&v);
	if (v.nfail)
		return 1;
	return rc;
}

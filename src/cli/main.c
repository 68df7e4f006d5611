#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int mt_cli_usage(FILE *out)
{
	fputs("usage: memtopo COMMAND [ARGS]\n"
	      "\n"
	      "  run [--backend ref|kvm] [-v] FILE   run a trace (FILE or - for stdin);\n"
	      "                                      prints SPEC section 6 output\n"
	      "  decode IN                            print the trace a binary fuzz input\n"
	      "                                      decodes to\n"
	      "  encode TRACE [-o OUT]                write the binary form of a trace\n"
	      "  repro FILE                           run a crash input (binary or .mt)\n"
	      "                                      on core and model, show the first\n"
	      "                                      divergence\n"
	      "  validate FILE | --corpus|--text DIR  check every ioeventfd from a guest\n"
	      "                                      on real KVM after each commit\n"
	      "  host                                 report what this host's KVM offers\n"
	      "\n"
	      "exit status: 0 ok, 1 a check failed, 2 usage or I/O error,\n"
	      "77 KVM unavailable (/dev/kvm missing or not permitted)\n",
	      out);
	return out == stdout ? MT_EXIT_OK : MT_EXIT_USAGE;
}

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

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{ "run", mt_cmd_run },
	{ "decode", mt_cmd_decode },
	{ "encode", mt_cmd_encode },
	{ "repro", mt_cmd_repro },
	{ "host", mt_cmd_host },
	{ "validate", mt_cmd_validate },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return mt_cli_usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return mt_cli_usage(stdout);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "memtopo: unknown command '%s'\n", argv[1]);
	return mt_cli_usage(stderr);
}

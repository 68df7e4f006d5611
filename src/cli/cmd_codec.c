/* memtopo decode / encode: binary fuzz inputs <-> trace text, so that seeds
 * are written and reviewed as text. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "codec.h"

int mt_cmd_decode(int argc, char **argv)
{
	size_t len, tlen;
	char *in, *text;

	if (argc != 2) {
		fprintf(stderr, "usage: memtopo decode IN   (IN: a binary fuzz input, - for stdin)\n");
		return MT_EXIT_USAGE;
	}
	in = mt_cli_slurp(argv[1], &len);
	if (!in)
		return MT_EXIT_USAGE;
	text = mt_decode((const uint8_t *)in, len, &tlen);
	free(in);
	if (!text) {
		fprintf(stderr, "memtopo decode: out of memory\n");
		return MT_EXIT_USAGE;
	}
	fwrite(text, 1, tlen, stdout);
	free(text);
	return fflush(stdout) ? MT_EXIT_USAGE : MT_EXIT_OK;
}

int mt_cmd_encode(int argc, char **argv)
{
	const char *in_path = NULL, *out_path = NULL;
	char err[256] = "";
	size_t len, blen;
	uint8_t *bin;
	char *text;
	FILE *out;
	int i, rc = MT_EXIT_OK;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out_path = argv[++i];
		else if (!in_path)
			in_path = argv[i];
		else
			in_path = NULL, i = argc;
	}
	if (!in_path) {
		fprintf(stderr, "usage: memtopo encode TRACE.mt [-o OUT]\n");
		return MT_EXIT_USAGE;
	}
	if (!out_path && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "memtopo encode: refusing to write binary to a terminal; use -o OUT\n");
		return MT_EXIT_USAGE;
	}
	text = mt_cli_slurp(in_path, &len);
	if (!text)
		return MT_EXIT_USAGE;
	bin = mt_encode(text, len, &blen, err, sizeof(err));
	free(text);
	if (!bin) {
		fprintf(stderr, "memtopo encode: %s: %s\n", in_path, err[0] ? err : "out of memory");
		return MT_EXIT_USAGE;
	}
	out = out_path ? fopen(out_path, "wb") : stdout;
	if (!out || fwrite(bin, 1, blen, out) != blen || (out != stdout && fclose(out))) {
		fprintf(stderr, "memtopo encode: cannot write %s\n", out_path ? out_path : "stdout");
		rc = MT_EXIT_USAGE;
	}
	if (out == stdout)
		fflush(stdout);
	free(bin);
	return rc;
}

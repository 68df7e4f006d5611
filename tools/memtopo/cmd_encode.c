/* memtopo encode: the binary fuzz input of a trace, so that seeds are written
 * as text. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "codec.h"

static int encode_main(int argc, char **argv)
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
		return mt_cli_usage_error(&mt_cmd_encode, "needs one TRACE");
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

const struct mt_tool_cmd mt_cmd_encode = {
	"encode", "write the binary fuzz input of a trace",
	"usage: memtopo encode TRACE.mt [-o OUT]\n"
	"  Write the binary form of TRACE.mt (- for stdin) for fuzz_commit and\n"
	"  fuzz_lookup to OUT (stdout when it is not a terminal).\n",
	encode_main,
};

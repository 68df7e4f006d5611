/* memtopo decode: the trace a binary fuzz input decodes to (seeds and crash
 * inputs are reviewed as text). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codec.h"

static int decode_main(int argc, char **argv)
{
	size_t len, tlen;
	char *in, *text;

	if (argc != 2) {
		return mt_cli_usage_error(&mt_cmd_decode, "needs exactly one input");
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

const struct mt_tool_cmd mt_cmd_decode = {
	"decode", "print the trace a binary fuzz input decodes to",
	"usage: memtopo decode IN\n"
	"  Print the trace that the binary fuzz input IN (- for stdin) of\n"
	"  fuzz_commit/fuzz_lookup decodes to.  Any bytes decode.\n",
	decode_main,
};

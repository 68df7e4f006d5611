/* memtopo repro: take a crash input from either engine, print its trace,
 * run it on the core and the model in lockstep and show the first
 * divergence.  Exit 1 when they diverge, 0 when they agree. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codec.h"
#include "lockstep.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int repro_main(int argc, char **argv)
{
	const char *path = NULL, *target = NULL;
	unsigned flags = MT_LOCKSTEP_LOOKUP;
	bool text_input;
	size_t len, tlen;
	char *in, *text;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--target") && i + 1 < argc)
			target = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			flags |= MT_LOCKSTEP_VERBOSE;
		else if (!path)
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path) {
		return mt_cli_usage_error(&mt_cmd_repro, "missing FILE");
	}
	if (target && strcmp(target, "fuzz_commit") && strcmp(target, "fuzz_lookup") &&
	    strcmp(target, "fuzz_trace")) {
		return mt_cli_usage_error(&mt_cmd_repro, "unknown target '%s'", target);
	}
	text_input = target ? !strcmp(target, "fuzz_trace") : ends_with(path, ".mt");
	in = mt_cli_slurp(path, &len);
	if (!in)
		return MT_EXIT_USAGE;
	if (text_input) {
		text = in;
		tlen = len;
	} else {
		text = mt_decode((const uint8_t *)in, len, &tlen);
		free(in);
		if (!text) {
			fprintf(stderr, "memtopo repro: out of memory\n");
			return MT_EXIT_USAGE;
		}
		printf("---- decoded trace (memtopo decode %s) ----\n%.*s", path,
		       (int)tlen, text);
	}
	fflush(stdout);
	rc = mt_lockstep_run(text, tlen, flags, stdout);
	free(text);
	switch (rc) {
	case MT_LOCKSTEP_OK:
		printf("---- core and model agree on every command and commit ----\n");
		return MT_EXIT_OK;
	case MT_LOCKSTEP_SKIPPED:
		printf("---- skipped: the model gave up (alias blowup past its budget) ----\n");
		return MT_EXIT_OK;
	default:
		return MT_EXIT_FAIL;
	}
}

const struct mt_tool_cmd mt_cmd_repro = {
	"repro", "run a crash input (binary or .mt) on core and model, show the first divergence",
	"usage: memtopo repro [--target fuzz_commit|fuzz_lookup|fuzz_trace] [-v] FILE\n"
	"  Run FILE on the core and the reference model in lockstep and print the\n"
	"  first divergence.  A .mt file, or --target fuzz_trace, is trace text;\n"
	"  anything else is a binary input of fuzz_commit/fuzz_lookup (printed\n"
	"  decoded first).  -v: every command and commit.  Exit 1 when they diverge.\n",
	repro_main,
};

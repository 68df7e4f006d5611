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

int mt_cmd_repro(int argc, char **argv)
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
		fprintf(stderr, "usage: memtopo repro [--target fuzz_commit|fuzz_lookup|fuzz_trace] [-v] FILE\n"
				"  a .mt file, or --target fuzz_trace, is trace text; anything else\n"
				"  is a binary input of fuzz_commit/fuzz_lookup\n");
		return MT_EXIT_USAGE;
	}
	if (target && strcmp(target, "fuzz_commit") && strcmp(target, "fuzz_lookup") &&
	    strcmp(target, "fuzz_trace")) {
		fprintf(stderr, "memtopo repro: unknown target '%s'\n", target);
		return MT_EXIT_USAGE;
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

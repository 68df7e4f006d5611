#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "memtopo_trace.h"

int mt_cmd_run(int argc, char **argv)
{
	const char *path = NULL;
	bool kvm = false, verbose = false;
	mt_backend_factory kvm_factory;
	mt_runner *r;
	size_t len, olen;
	const char *out;
	char *text;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
			const char *b = argv[++i];

			if (!strcmp(b, "kvm"))
				kvm = true;
			else if (strcmp(b, "ref")) {
				fprintf(stderr, "memtopo run: unknown backend '%s' (ref or kvm)\n", b);
				return MT_EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "-v")) {
			verbose = true;
		} else if (!strcmp(argv[i], "--help")) {
			return mt_cli_usage(stdout);
		} else if (!path && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			path = argv[i];
		} else {
			fprintf(stderr, "memtopo run: unexpected argument '%s'\n", argv[i]);
			return MT_EXIT_USAGE;
		}
	}
	if (!path) {
		fprintf(stderr, "memtopo run: missing FILE (use - for stdin)\n");
		return MT_EXIT_USAGE;
	}
	if (kvm) {
		int rc = mt_cli_kvm_factory(&kvm_factory);

		if (rc)
			return rc;
	}
	text = mt_cli_slurp(path, &len);
	if (!text)
		return MT_EXIT_USAGE;
	r = mt_runner_new(kvm ? &kvm_factory : NULL);
	if (!r) {
		free(text);
		fprintf(stderr, "memtopo: out of memory\n");
		return MT_EXIT_USAGE;
	}
	if (verbose)
		mt_runner_set_log(r, stderr);
	mt_runner_run_text(r, text, len);
	out = mt_runner_output(r, &olen);
	fwrite(out, 1, olen, stdout);
	mt_runner_free(r);
	free(text);
	if (fflush(stdout)) {
		fprintf(stderr, "memtopo: write error\n");
		return MT_EXIT_USAGE;
	}
	return MT_EXIT_OK;
}

/* memtopo validate: guest-side validation on real KVM.  The harness's
 * validator runs trace texts; this file reads the files and directories and
 * decodes binary fuzz inputs (fuzz/codec.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "codec.h"
#include "harness.h"

enum input { TRACES, BINARY, TEXT }; /* FILE|DIR of *.mt, --corpus, --text */

/* One file as trace text (decoded first for --corpus): 0, or 2 on an I/O
 * error. */
static int run_file(mt_validator *val, const char *path, enum input input)
{
	size_t len, tlen;
	char *data = mt_cli_slurp(path, &len), *text;

	if (!data)
		return MT_EXIT_USAGE;
	text = data;
	tlen = len;
	if (input == BINARY) {
		text = mt_decode((const uint8_t *)data, len, &tlen);
		free(data);
		if (!text) {
			fprintf(stderr, "memtopo validate: out of memory\n");
			return MT_EXIT_USAGE;
		}
	}
	mt_validator_run(val, path, text, tlen);
	free(text);
	return MT_EXIT_OK;
}

static int run_dir(mt_validator *val, const char *dir, enum input input)
{
	size_t n, i;
	char **files = mt_cli_list_dir(dir, input == TRACES ? ".mt" : NULL, &n);
	int rc = MT_EXIT_OK;

	if (!files)
		return MT_EXIT_USAGE;
	for (i = 0; i < n; i++)
		if (run_file(val, files[i], input))
			rc = MT_EXIT_USAGE;
	mt_cli_free_list(files, n);
	return rc;
}

static int validate_path(const char *path, enum input input)
{
	char msg[512] = "";
	struct stat st;
	mt_validator *val;
	int status, rc, checked;

	if (stat(path, &st)) {
		fprintf(stderr, "memtopo validate: %s: %s\n", path, strerror(errno));
		return MT_EXIT_USAGE;
	}
	if (input != TRACES && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "memtopo validate: %s: not a directory\n", path);
		return MT_EXIT_USAGE;
	}
	val = mt_validator_new(stdout, &status, msg, sizeof(msg));
	if (!val) {
		fprintf(stderr, "memtopo validate: %s\n", msg);
		(void)status;
		return mt_kvm_skip_code();
	}
	if (S_ISDIR(st.st_mode)) {
		rc = run_dir(val, path, input);
	} else {
		mt_validator_set_verbose(val, true);
		rc = run_file(val, path, input);
	}
	checked = mt_validator_finish(val);
	return checked ? MT_EXIT_FAIL : rc;
}

static int validate_main(int argc, char **argv)
{
	enum input input = TRACES;

	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		input = BINARY;
	else if (argc == 3 && !strcmp(argv[1], "--text"))
		input = TEXT;
	else if (argc != 2 || argv[1][0] == '-')
		return mt_cli_usage_error(&mt_cmd_validate, "needs FILE, DIR, --corpus DIR or --text DIR");
	setvbuf(stdout, NULL, _IOLBF, 0);
	return validate_path(argv[argc - 1], input);
}

const struct mt_tool_cmd mt_cmd_validate = {
	"validate", "check every ioeventfd from a guest on real KVM after each commit",
	"usage: memtopo validate FILE.mt|DIR   (every *.mt in DIR)\n"
	"       memtopo validate --corpus DIR   (binary fuzz inputs)\n"
	"       memtopo validate --text DIR     (every file as trace text)\n"
	"  Run each trace on the KVM backend and, after every commit, probe from a\n"
	"  guest vCPU: ioeventfds fire, ram lands in memory, gaps exit, writes in\n"
	"  coalesced zones wait in the ring (in order, 169 at most), logged pages\n"
	"  the guest wrote (after the commit, and just before it) come out of a\n"
	"  sync.  Exit 1 on a failed probe, 77 where /dev/kvm cannot be opened.\n",
	validate_main,
};

/* memtopo validate: guest-side validation on real KVM (harness/). */
#include <string.h>

#include "cli.h"
#include "harness.h"

static int validate_main(int argc, char **argv)
{
	mt_validate_input input = MT_VALIDATE_TRACES;

	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		input = MT_VALIDATE_BINARY;
	else if (argc == 3 && !strcmp(argv[1], "--text"))
		input = MT_VALIDATE_TEXT;
	else if (argc != 2 || argv[1][0] == '-') {
		return mt_cli_usage_error(&mt_cmd_validate, "needs FILE, DIR, --corpus DIR or --text DIR");
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return mt_kvm_cmd_validate(argv[argc - 1], input, stdout, stderr);
}

const struct mt_tool_cmd mt_cmd_validate = {
	"validate", "check every ioeventfd from a guest on real KVM after each commit",
	"usage: memtopo validate FILE.mt|DIR   (every *.mt in DIR)\n"
	"       memtopo validate --corpus DIR   (binary fuzz inputs)\n"
	"       memtopo validate --text DIR     (every file as trace text)\n"
	"  Run each trace on the KVM backend and, after every commit, probe from a\n"
	"  guest vCPU: ioeventfds fire, ram lands in memory, gaps exit.  Exit 1 on a\n"
	"  failed probe, 77 where /dev/kvm cannot be opened.\n",
	validate_main,
};

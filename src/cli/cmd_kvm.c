/* memtopo host / validate, and the KVM factory of `run --backend kvm`: thin
 * wrappers over include/memtopo_kvm.h (src/kvm, harness/). */
#include <string.h>

#include "cli.h"
#include "memtopo_kvm.h"

int mt_cmd_host(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: memtopo host\n");
		return MT_EXIT_USAGE;
	}
	return mt_kvm_cmd_host(stdout, stderr);
}

int mt_cli_kvm_factory(struct mt_backend_factory *out)
{
	char err[256] = "";

	if (mt_kvm_factory(out, err, sizeof(err)) == MT_KVM_OK)
		return MT_EXIT_OK;
	fprintf(stderr, "memtopo: %s\n", err[0] ? err : "KVM is not usable here");
	return mt_kvm_skip_code();
}

int mt_cmd_validate(int argc, char **argv)
{
	mt_validate_input input = MT_VALIDATE_TRACES;

	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		input = MT_VALIDATE_BINARY;
	else if (argc == 3 && !strcmp(argv[1], "--text"))
		input = MT_VALIDATE_TEXT;
	else if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: memtopo validate FILE.mt|DIR   (every *.mt in DIR)\n"
				"       memtopo validate --corpus DIR   (binary fuzz inputs)\n"
				"       memtopo validate --text DIR     (every file as trace text)\n");
		return MT_EXIT_USAGE;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return mt_kvm_cmd_validate(argv[argc - 1], input, stdout, stderr);
}

/* Driver of mt_kvm_cmd_validate for ctest (the CLI's `memtopo validate`
 * calls the same entry point):  kvm_validate FILE|DIR | --corpus DIR */
#include <stdio.h>
#include <string.h>

#include "memtopo_kvm.h"

int main(int argc, char **argv)
{
	bool corpus = argc == 3 && !strcmp(argv[1], "--corpus");

	if (argc != 2 && !corpus) {
		fprintf(stderr, "usage: kvm_validate FILE|DIR | --corpus DIR\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return mt_kvm_cmd_validate(argv[corpus ? 2 : 1], corpus, stdout, stderr);
}

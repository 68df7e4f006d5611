/* The KVM backend factory of `run --backend kvm`, with the tool's messages
 * and exit codes. */
#include "cli.h"
#include "memtopo_kvm.h"

int mt_cli_kvm_factory(struct mt_backend_factory *out)
{
	char err[256] = "";

	if (mt_kvm_factory(out, err, sizeof(err)) == MT_KVM_OK)
		return MT_EXIT_OK;
	fprintf(stderr, "memtopo: %s\n", err[0] ? err : "KVM is not usable here");
	return mt_kvm_skip_code();
}

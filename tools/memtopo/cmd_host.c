/* memtopo host: what this host's KVM offers (harness/host.c). */
#include "cli.h"
#include "harness.h"

static int host_main(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return mt_cli_usage_error(&mt_cmd_host, "takes no arguments");
	return mt_kvm_cmd_host(stdout, stderr);
}

const struct mt_tool_cmd mt_cmd_host = {
	"host", "report what this host's KVM offers",
	"usage: memtopo host\n"
	"  Kernel, KVM API version, ioeventfd capabilities, memslots and the guest\n"
	"  physical address width.  Exit 77 where /dev/kvm cannot be opened.\n",
	host_main,
};

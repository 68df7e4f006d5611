/* memtopo host / validate, and the KVM factory of `run --backend kvm`. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"
#include "memtopo_trace.h"

/* Open /dev/kvm or explain why not: 0 and *fd, or MT_EXIT_SKIP. */
static int open_kvm(int *fd)
{
	*fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (*fd >= 0)
		return MT_EXIT_OK;
	if (errno == ENOENT)
		fprintf(stderr, "memtopo: /dev/kvm does not exist: this host has no KVM "
				"(no hardware virtualization, or the kvm module is not loaded);\n"
				"         ci/kvm-vm runs a command where it does\n");
	else
		fprintf(stderr, "memtopo: cannot open /dev/kvm: %s%s\n", strerror(errno),
			errno == EACCES ? " (add yourself to the kvm group, or run as root)" : "");
	return MT_EXIT_SKIP;
}

static unsigned phys_bits(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u));
	if (a < 0x80000008u)
		return 36;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000008u));
	return a & 0xff;
}

int mt_cmd_host(int argc, char **argv)
{
	static const struct {
		const char *name;
		int cap;
	} caps[] = {
		{ "KVM_CAP_IOEVENTFD", KVM_CAP_IOEVENTFD },
		{ "KVM_CAP_IOEVENTFD_ANY_LENGTH", KVM_CAP_IOEVENTFD_ANY_LENGTH },
		{ "KVM_CAP_IOEVENTFD_NO_LENGTH", KVM_CAP_IOEVENTFD_NO_LENGTH },
		{ "KVM_CAP_READONLY_MEM", KVM_CAP_READONLY_MEM },
		{ "KVM_CAP_NR_MEMSLOTS", KVM_CAP_NR_MEMSLOTS },
		{ "KVM_CAP_USER_MEMORY", KVM_CAP_USER_MEMORY },
	};
	struct utsname u;
	size_t i;
	int fd, rc;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: memtopo host\n");
		return MT_EXIT_USAGE;
	}
	if (!uname(&u))
		printf("kernel                       %s %s %s\n", u.sysname, u.release, u.machine);
	printf("cpu physical address width   %u bits\n", phys_bits());
	rc = open_kvm(&fd);
	if (rc)
		return rc;
	printf("KVM API version              %d\n", ioctl(fd, KVM_GET_API_VERSION, 0));
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		printf("%-28s %d\n", caps[i].name, ioctl(fd, KVM_CHECK_EXTENSION, caps[i].cap));
	close(fd);
	return MT_EXIT_OK;
}

int mt_cli_kvm_factory(struct mt_backend_factory *out)
{
	int fd, rc = open_kvm(&fd);

	(void)out;
	if (rc)
		return rc;
	close(fd);
	fprintf(stderr, "memtopo: this build has no KVM backend (src/kvm)\n");
	return MT_EXIT_USAGE;
}

int mt_cmd_validate(int argc, char **argv)
{
	int fd, rc;

	(void)argv;
	if (argc < 2) {
		fprintf(stderr, "usage: memtopo validate FILE | --corpus DIR\n");
		return MT_EXIT_USAGE;
	}
	rc = open_kvm(&fd);
	if (rc)
		return rc;
	close(fd);
	fprintf(stderr, "memtopo: this build has no KVM validation harness (harness/)\n");
	return MT_EXIT_USAGE;
}

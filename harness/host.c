/* memtopo host: what this machine's KVM offers. */
#include <linux/kvm.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>

#include "harness.h"

static unsigned host_phys_bits(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0));
	if (a < 0x80000008u)
		return 36;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000008u), "c"(0));
	return a & 0xff;
}

/* The dirty modes `memtopo run --backend kvm --dirty` can use here. */
static void print_dirty_modes(FILE *out, const mt_kvm_caps *c)
{
	int m;

	fprintf(out, "dirty log modes                ");
	for (m = 0; m < MT_KVM_DIRTY_MODE_COUNT; m++)
		if (mt_kvm_dirty_offered(c, (mt_kvm_dirty_mode)m))
			fprintf(out, " %s", mt_kvm_dirty_mode_name((mt_kvm_dirty_mode)m));
	fprintf(out, "\n");
	fprintf(out, "KVM_CAP_DIRTY_LOG_RING          %d (max bytes)\n", c->dirty_ring);
	fprintf(out, "KVM_CAP_DIRTY_LOG_RING_ACQ_REL  %d (max bytes)\n", c->dirty_ring_acq_rel);
	fprintf(out, "KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 %d (flags)\n", c->manual_protect);
}

int mt_kvm_cmd_host(FILE *out, FILE *err)
{
	char msg[512];
	struct utsname u;
	mt_kvm_status st;
	mt_kvm_vm *vm;
	const mt_kvm_caps *c;

	if (!uname(&u))
		fprintf(out, "kernel                          %s %s %s\n", u.sysname, u.release,
			u.machine);
	fprintf(out, "host cpu physical address width %u bits (CPUID 0x80000008)\n",
		host_phys_bits());
	vm = mt_kvm_vm_new(&st, msg, sizeof(msg));
	if (!vm) {
		fprintf(out, "kvm                             unavailable (%s)\n",
			st == MT_KVM_NODEV ? "no /dev/kvm" :
			st == MT_KVM_DENIED ? "permission denied" : "unusable");
		fprintf(err, "memtopo host: %s\n", msg);
		return mt_kvm_skip_code();
	}
	c = mt_kvm_vm_caps(vm);
	fprintf(out, "KVM API version                 %d\n", c->api_version);
	fprintf(out, "KVM_CAP_IOEVENTFD               %d\n", c->ioeventfd);
	fprintf(out, "KVM_CAP_IOEVENTFD_ANY_LENGTH    %d\n", c->ioeventfd_any_length);
	fprintf(out, "KVM_CAP_IOEVENTFD_NO_LENGTH     %d\n", c->ioeventfd_no_length);
	fprintf(out, "KVM_CAP_READONLY_MEM            %d\n", c->readonly_mem);
	fprintf(out, "KVM_CAP_NR_MEMSLOTS             %d\n", c->nr_memslots);
	fprintf(out, "guest physical address width    %u bits (KVM_GET_SUPPORTED_CPUID 0x80000008)\n",
		c->phys_bits);
	fprintf(out, "guest 1 GiB pages               %s\n", c->gbpages ? "yes" : "no");
	/* what the vCPU of guest accesses reaches (4-level identity paging) */
	fprintf(out, "guest access reach              0x%llx\n",
		(unsigned long long)(c->phys_bits >= 47 ? 1ull << 47 : 1ull << c->phys_bits));
	print_dirty_modes(out, c);
	mt_kvm_vm_unref(vm);
	return 0;
}

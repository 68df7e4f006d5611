/* /dev/kvm, VMs, capabilities, host mappings and the memslot allocator. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_internal.h"

static mt_kvm_status open_status(int err)
{
	if (err == ENOENT || err == ENODEV || err == ENXIO || err == ENOTDIR)
		return MT_KVM_NODEV;
	if (err == EACCES || err == EPERM || err == EROFS)
		return MT_KVM_DENIED;
	return MT_KVM_UNUSABLE;
}

static void open_message(int err, char *msg, size_t len)
{
	switch (open_status(err)) {
	case MT_KVM_NODEV:
		snprintf(msg, len, "/dev/kvm does not exist (%s): this host has no KVM "
			 "(no hardware virtualization exposed, or the kvm module is not "
			 "loaded); ci/kvm-vm runs a command where it does", strerror(err));
		break;
	case MT_KVM_DENIED:
		snprintf(msg, len, "/dev/kvm exists but cannot be opened (%s): add the user "
			 "to the group that owns it (usually kvm) or run as root",
			 strerror(err));
		break;
	default:
		snprintf(msg, len, "cannot open /dev/kvm: %s", strerror(err));
	}
}


static void *get_cpuid(int sys_fd)
{
	int n = 64;

	for (;;) {
		struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));

		if (!c)
			return NULL;
		c->nent = n;
		if (!mt_ioctl(sys_fd, KVM_GET_SUPPORTED_CPUID, c))
			return c;
		free(c);
		if (errno != E2BIG || n >= 4096)
			return NULL;
		n *= 2;
	}
}

static void read_caps(mt_kvm_vm *vm)
{
	mt_kvm_caps *c = &vm->caps;
	const struct kvm_cpuid2 *cp = vm->cpuid;
	int fd = vm->vm_fd, n;
	uint32_t i;

	c->api_version = ioctl(vm->sys_fd, KVM_GET_API_VERSION, 0);
	/* Per-VM KVM_CHECK_EXTENSION where the kernel has it, else /dev/kvm. */
	if (ioctl(vm->sys_fd, KVM_CHECK_EXTENSION, KVM_CAP_CHECK_EXTENSION_VM) <= 0)
		fd = vm->sys_fd;
	c->ioeventfd = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD);
	c->ioeventfd_any_length = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD_ANY_LENGTH);
	c->ioeventfd_no_length = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD_NO_LENGTH);
	c->readonly_mem = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_READONLY_MEM);
	c->coalesced_mmio = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_MMIO);
	c->coalesced_pio = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_PIO);
	/* dirty modes: the ring caps give the largest ring in bytes, the
	 * manual-protect cap the flags KVM_ENABLE_CAP accepts */
	c->dirty_ring = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING);
	c->dirty_ring_acq_rel = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING_ACQ_REL);
	c->manual_protect = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2);
	n = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS);
	c->nr_memslots = n > 0 ? n : 32; /* the documented floor */
	c->phys_bits = 36; /* architectural default without leaf 0x80000008 */
	c->virt_bits = 48;
	for (i = 0; cp && i < cp->nent; i++) {
		if (cp->entries[i].function == 0x80000008 && (cp->entries[i].eax & 0xff)) {
			c->phys_bits = cp->entries[i].eax & 0xff;
			c->virt_bits = (cp->entries[i].eax >> 8) & 0xff;
		}
		if (cp->entries[i].function == 0x80000001)
			c->gbpages = (cp->entries[i].edx >> 26) & 1;
	}
	if (c->phys_bits > 52)
		c->phys_bits = 52;
}

mt_kvm_vm *mt_kvm_vm_new(mt_kvm_status *status, char *err, size_t errlen)
{
	mt_kvm_status st = MT_KVM_UNUSABLE;
	mt_kvm_vm *vm = calloc(1, sizeof(*vm));
	int v;

	if (errlen)
		err[0] = 0;
	if (!vm) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	vm->vm_fd = -1;
	vm->refs = 1;
	vm->sys_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->sys_fd < 0) {
		st = open_status(errno);
		open_message(errno, err, errlen);
		goto fail;
	}
	v = ioctl(vm->sys_fd, KVM_GET_API_VERSION, 0);
	if (v != KVM_API_VERSION) {
		snprintf(err, errlen, "/dev/kvm speaks KVM API version %d, not %d", v,
			 KVM_API_VERSION);
		goto fail;
	}
	vm->vm_fd = mt_ioctl(vm->sys_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VM: %s", strerror(errno));
		goto fail;
	}
	vm->cpuid = get_cpuid(vm->sys_fd);
	read_caps(vm);
	if (status)
		*status = MT_KVM_OK;
	return vm;
fail:
	if (status)
		*status = st;
	if (vm) {
		if (vm->sys_fd >= 0)
			close(vm->sys_fd);
		free(vm);
	}
	return NULL;
}

mt_kvm_vm *mt_kvm_vm_ref(mt_kvm_vm *vm)
{
	vm->refs++;
	return vm;
}

void mt_kvm_vm_unref(mt_kvm_vm *vm)
{
	size_t i;

	if (!vm || --vm->refs)
		return;
	/* Closing the VM fd drops the memslots before the mappings go. */
	close(vm->vm_fd);
	close(vm->sys_fd);
	for (i = 0; i < vm->nmaps; i++)
		if (vm->maps[i].host && !vm->maps[i].borrowed)
			munmap(vm->maps[i].host, vm->maps[i].size);
	free(vm->maps);
	free(vm->vslots);
	free(vm->cpus);
	free(vm->free_slots);
	free(vm->cpuid);
	free(vm->dpend);
	free(vm);
}

int mt_kvm_vm_fd(const mt_kvm_vm *vm)
{
	return vm->vm_fd;
}

int mt_kvm_sys_fd(const mt_kvm_vm *vm)
{
	return vm->sys_fd;
}

const mt_kvm_caps *mt_kvm_vm_caps(const mt_kvm_vm *vm)
{
	return &vm->caps;
}

const void *mt_kvm_vm_cpuid(const mt_kvm_vm *vm)
{
	return vm->cpuid;
}

mt_kvm_status mt_kvm_detect(char *msg, size_t msglen)
{
	mt_kvm_status st;
	mt_kvm_vm *vm = mt_kvm_vm_new(&st, msg, msglen);

	mt_kvm_vm_unref(vm);
	return st;
}

int mt_kvm_skip_code(void)
{
	const char *v = getenv("MEMTOPO_REQUIRE_KVM");

	return v && *v && strcmp(v, "0") ? 1 : 77;
}

/* ---- host mappings -------------------------------------------------------- */

struct mt_kvm_map *mt_kvm_vm_map(mt_kvm_vm *vm, uint64_t region_id,
				 mt_u128 region_size)
{
	struct mt_kvm_map *m;
	mt_u128 sz;
	size_t i;

	for (i = 0; i < vm->nmaps; i++)
		if (vm->maps[i].region_id == region_id)
			return &vm->maps[i];
	if (!mt_grow(&vm->maps, &vm->maps_cap, vm->nmaps + 1, sizeof(*vm->maps)))
		return NULL;
	m = &vm->maps[vm->nmaps++];
	memset(m, 0, sizeof(*m));
	m->region_id = region_id;
	sz = (region_size + MT_KVM_PAGE - 1) & ~(mt_u128)(MT_KVM_PAGE - 1);
	if (sz == 0 || sz > (mt_u128)SIZE_MAX / 2) {
		m->err = ENOMEM;
		return m;
	}
	m->size = (uint64_t)sz;
	m->host = mmap(NULL, (size_t)m->size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m->host == MAP_FAILED) {
		m->err = errno;
		m->host = NULL;
		m->size = 0;
	}
	return m;
}

void mt_kvm_vm_note_slot(mt_kvm_vm *vm, int slot, uint64_t gpa, uint64_t size)
{
	size_t i;

	for (i = 0; i < vm->nvslots; i++)
		if (vm->vslots[i].slot == slot)
			break;
	if (!size) {
		if (i < vm->nvslots)
			vm->vslots[i] = vm->vslots[--vm->nvslots];
		return;
	}
	if (i == vm->nvslots) {
		if (!mt_grow(&vm->vslots, &vm->vslots_cap, vm->nvslots + 1,
				 sizeof(*vm->vslots)))
			return;
		vm->nvslots++;
	}
	vm->vslots[i].slot = slot;
	vm->vslots[i].gpa = gpa;
	vm->vslots[i].size = size;
}

void mt_kvm_vm_borrow(mt_kvm_vm *vm, uint64_t region_id, uint8_t *host,
		      uint64_t size)
{
	struct mt_kvm_map *m;
	size_t i;

	for (i = 0; i < vm->nmaps; i++)
		if (vm->maps[i].region_id == region_id)
			return;
	if (!mt_grow(&vm->maps, &vm->maps_cap, vm->nmaps + 1, sizeof(*vm->maps)))
		return;
	m = &vm->maps[vm->nmaps++];
	memset(m, 0, sizeof(*m));
	m->region_id = region_id;
	m->host = host;
	m->size = size;
	m->borrowed = true;
}

uint8_t *mt_kvm_vm_host_ptr(mt_kvm_vm *vm, uint64_t region_id, uint64_t offset,
			    uint64_t len)
{
	size_t i;

	for (i = 0; i < vm->nmaps; i++) {
		const struct mt_kvm_map *m = &vm->maps[i];

		if (m->region_id != region_id)
			continue;
		if (!m->host || offset > m->size || len > m->size - offset)
			return NULL;
		return m->host + offset;
	}
	return NULL;
}

/* ---- memslot numbers ------------------------------------------------------ */

int mt_kvm_slot_alloc(mt_kvm_vm *vm)
{
	size_t i, best = 0;
	int s;

	if (vm->nfree) {
		for (i = 1; i < vm->nfree; i++)
			if (vm->free_slots[i] < vm->free_slots[best])
				best = i;
		s = vm->free_slots[best];
		vm->free_slots[best] = vm->free_slots[--vm->nfree];
		return s;
	}
	if (vm->next_slot >= vm->caps.nr_memslots)
		return -1;
	return vm->next_slot++;
}

void mt_kvm_slot_free(mt_kvm_vm *vm, int slot)
{
	if (slot < 0)
		return;
	if (slot == vm->next_slot - 1) {
		vm->next_slot--;
		return;
	}
	if (mt_grow(&vm->free_slots, &vm->free_cap, vm->nfree + 1, sizeof(int)))
		vm->free_slots[vm->nfree++] = slot;
	/* else: the number is lost, which only costs one slot */
}

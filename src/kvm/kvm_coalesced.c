/* Coalesced zones -> KVM_REGISTER_COALESCED_MMIO, deleted exactly.
 *
 * KVM_UNREGISTER_COALESCED_MMIO removes every zone of the same bus that
 * contains the given range (coalesced_mmio_in_range) and returns 0 whatever
 * it removed.  So a delete of Z is followed by registering again each other
 * zone this backend holds in the kernel with Z inside it; a failure there is
 * reported (the zone would be lost).  The kernel compares the length as an
 * int: for a zone of 2^31 bytes or more the delete names its first byte
 * instead (more collateral, the same re-registration).  Its checks wrap at
 * 2^64: a zone ending there could never be unregistered, so the backend
 * keeps it alone (it lies far above any guest physical address). */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm_internal.h"

#define NR_IOBUS_DEVS 1000

static int zone_ioctl(mt_kvm_backend *b, const mt_zone *z, bool assign)
{
	struct kvm_coalesced_mmio_zone k;
	int r;

	memset(&k, 0, sizeof(k));
	k.addr = z->start;
	k.size = (uint32_t)(z->end - z->start);
	k.pio = b->pio ? 1 : 0;
	r = mt_ioctl(b->vm->vm_fd, assign ? KVM_REGISTER_COALESCED_MMIO
					  : KVM_UNREGISTER_COALESCED_MMIO, &k);
	return r < 0 ? errno : 0;
}

/* The range a delete names: z, or its first byte (see above). */
static mt_zone probe_of(const mt_zone *z)
{
	mt_zone p = *z;

	if (z->end - z->start >= (mt_u128)1 << 31)
		p.end = (mt_u128)z->start + 1;
	return p;
}

/* Can the kernel hold z and delete it exactly? */
static bool kernel_form(const mt_kvm_backend *b, const mt_zone *z)
{
	if (z->end >= MT_2_64)
		return false;
	if (b->pio && b->vm->caps.coalesced_pio <= 0)
		return false;
	return b->vm->caps.coalesced_mmio > 0;
}

bool mt_kvm_bus_full(const mt_kvm_backend *b)
{
	return b->nzones >= NR_IOBUS_DEVS;
}

int mt_kvm_zone_add(mt_kvm_backend *b, const mt_zone *z)
{
	bool in_kernel = kernel_form(b, z);
	int err;

	if (!mt_grow(&b->zones, &b->zones_cap, b->nzones + 1, sizeof(*b->zones)))
		return MT_ENOSPACE;
	/* The kernel counts only its own zones: count the others here. */
	if (mt_kvm_bus_full(b))
		return MT_ENOSPACE;
	if (in_kernel) {
		err = zone_ioctl(b, z, true);
		if (err) {
			mt_kvm_set_error(b, "KVM_REGISTER_COALESCED_MMIO [0x%llx, +0x%llx): %s",
					 (unsigned long long)z->start,
					 (unsigned long long)(z->end - z->start), strerror(err));
			return mt_kvm_errno_code(err);
		}
	}
	b->zones[b->nzones].z = *z;
	b->zones[b->nzones].in_kernel = in_kernel;
	b->nzones++;
	return MT_OK;
}

int mt_kvm_zone_del(mt_kvm_backend *b, const mt_zone *z)
{
	size_t i, k = b->nzones;
	int err;

	for (i = 0; i < b->nzones; i++)
		if (!mt_zone_cmp(&b->zones[i].z, z))
			k = i;
	if (k == b->nzones)
		return MT_ENOTFOUND;
	if (b->zones[k].in_kernel) {
		mt_zone probe = probe_of(z);

		err = zone_ioctl(b, &probe, false);
		if (err) {
			mt_kvm_set_error(b, "KVM_UNREGISTER_COALESCED_MMIO [0x%llx, +0x%llx): %s",
					 (unsigned long long)z->start,
					 (unsigned long long)(z->end - z->start), strerror(err));
			return mt_kvm_errno_code(err);
		}
		/* The collateral: every other zone containing z went too. */
		for (i = 0; i < b->nzones; i++) {
			const mt_zone *y = &b->zones[i].z;

			if (i == k || !b->zones[i].in_kernel || y->start > probe.start ||
			    y->end < probe.end)
				continue;
			err = zone_ioctl(b, y, true);
			if (err) {
				mt_kvm_set_error(b, "re-registering zone [0x%llx, 0x%llx) "
						 "removed with [0x%llx, 0x%llx): %s",
						 (unsigned long long)y->start,
						 (unsigned long long)y->end,
						 (unsigned long long)z->start,
						 (unsigned long long)z->end, strerror(err));
			}
		}
	}
	/* z itself is gone either way: a lost neighbour is reported through
	 * mt_kvm_backend_error, not by keeping z installed in the core. */
	b->zones[k] = b->zones[--b->nzones];
	return MT_OK;
}

void mt_kvm_zone_release(mt_kvm_backend *b)
{
	size_t i;

	/* Other backends may share the VM: unregister ours one by one (each
	 * also drops ours that contain it; the kernel ignores a range it no
	 * longer finds). */
	for (i = 0; i < b->nzones; i++)
		if (b->zones[i].in_kernel) {
			mt_zone p = probe_of(&b->zones[i].z);

			zone_ioctl(b, &p, false);
		}
	free(b->zones);
	b->zones = NULL;
	b->nzones = 0;
}

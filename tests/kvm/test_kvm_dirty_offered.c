/* Which dirty modes a KVM offers, from its capabilities alone (pure logic,
 * no /dev/kvm): bitmap always; ring with either ring capability (their
 * value is the largest ring in bytes); clear only when
 * KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 allows KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE
 * (bit 0).  Names and parsing go both ways; unknown names are refused. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "memtopo_kvm.h"

int main(void)
{
	mt_kvm_caps c;
	mt_kvm_dirty_mode m = MT_KVM_DIRTY_BITMAP;
	int i;

	memset(&c, 0, sizeof(c));
	CHECK(mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_BITMAP));
	CHECK(!mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_RING));
	CHECK(!mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_CLEAR));
	CHECK(!mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_MODE_COUNT));
	c.dirty_ring = 1 << 20;
	CHECK(mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_RING));
	c.dirty_ring = 0;
	c.dirty_ring_acq_rel = 1 << 20;
	CHECK(mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_RING));
	c.manual_protect = 2; /* KVM_DIRTY_LOG_INITIALLY_SET alone: not usable */
	CHECK(!mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_CLEAR));
	c.manual_protect = 3;
	CHECK(mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_CLEAR));
	c.manual_protect = -1; /* KVM_CHECK_EXTENSION failed */
	CHECK(!mt_kvm_dirty_offered(&c, MT_KVM_DIRTY_CLEAR));

	for (i = 0; i < MT_KVM_DIRTY_MODE_COUNT; i++) {
		const char *n = mt_kvm_dirty_mode_name((mt_kvm_dirty_mode)i);

		CHECK(n && mt_kvm_dirty_mode_parse(n, &m) && m == (mt_kvm_dirty_mode)i);
	}
	CHECK_STR(mt_kvm_dirty_mode_name(MT_KVM_DIRTY_RING), "ring");
	CHECK(mt_kvm_dirty_mode_name(MT_KVM_DIRTY_MODE_COUNT) == NULL);
	m = MT_KVM_DIRTY_CLEAR;
	CHECK(!mt_kvm_dirty_mode_parse("pml", &m) && m == MT_KVM_DIRTY_CLEAR);
	CHECK(!mt_kvm_dirty_mode_parse("Ring", &m));
	CHECK(!mt_kvm_dirty_mode_parse("", &m));
	CHECK(!mt_kvm_dirty_mode_parse(NULL, &m));
	return check_report();
}

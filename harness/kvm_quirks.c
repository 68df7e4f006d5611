/* KNOWN quirks: what KVM does where the SPEC expects something else.  One
 * predicate each, true only when the probe shows exactly the outcome the
 * quirk predicts; any other mismatch fails. */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "validate.h"

/* ---- the io bus: virt/kvm/kvm_main.c, virt/kvm/eventfd.c ----------------- */

const char *const quirk_names[Q_COUNT] = {
	[Q_APIC_PAGE] = "apic-page",
	[Q_IO_BUS_MISS] = "io-bus-miss",
	[Q_ZONE_FIRST] = "zone-before-ioeventfd",
	[Q_ZONE_MISS] = "zone-miss",
	[Q_RING_WRAP] = "ring-room-wrap",
};

/* What KVM does with a write that reaches the io bus (no memslot takes it),
 * from the model replaying this space's KVM_IOEVENTFD and
 * KVM_(UN)REGISTER_COALESCED_MMIO calls. */
struct prediction {
	/* kvm_io_bus_write on the space's bus (vcpu_mmio_write for MMIO,
	 * kernel_pio for port I/O), with the ring's room as the kernel
	 * computes it: what takes the write, nothing when it exits */
	mt_iobus_hit slow;
	/* ... and with the ring's room as computed since Linux 6.11 */
	mt_iobus_hit fixed;
	bool room, room_fixed;
	/* handle_ept_misconfig (VMX): KVM_FAST_MMIO_BUS first, once the page
	 * has an MMIO SPTE; either outcome may happen there */
	const mt_iobus_ioeventfd *fast;
};

static bool predict(const struct vstate *v, const struct probe *p, struct prediction *out)
{
	const struct vspace *s = v->cur;
	const mt_access *a = &p->acc;
	mt_iobus_id bus = a->pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO;

	if (a->op != MT_ACC_WRITE ||
	    (p->expect != EXP_FIRE && p->expect != EXP_EXIT && p->expect != EXP_RING) ||
	    s->model_errors)
		return false;
	/* coalesced_mmio_has_room reads `first` and the `last` it inserts at. */
	out->room = v->have_ring && mt_iobus_ring_has_room(v->ring_first, p->ring_before,
							    v->ring_entries, v->ring_u32_wrap);
	out->room_fixed = v->have_ring && mt_iobus_ring_has_room(v->ring_first, p->ring_before,
								  v->ring_entries, false);
	mt_iobus_write_dev(&s->bus, bus, a->addr, a->width, a->value, out->room, &out->slow);
	mt_iobus_write_dev(&s->bus, bus, a->addr, a->width, a->value, out->room_fixed,
			   &out->fixed);
	out->fast = NULL;
	if (!a->pio && v->fast_mmio && !mt_kvm_backend_in_slot(s->b, a->addr, 1))
		out->fast = mt_iobus_write(&s->bus, MT_IOBUS_FAST_MMIO, a->addr, 0, 0);
	return true;
}

/* Linux before 6.11 computes coalesced_mmio_has_room's free entries in u32
 * ("KVM: Fix coalesced_mmio_has_room() to avoid premature userspace exit"):
 * the running kernel's release says which arithmetic it has. */
bool kvm_ring_u32_wrap(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return true;
	return major < 6 || (major == 6 && minor < 11);
}

/* Only VMX has the fast MMIO path; SVM's npf_interception goes straight to
 * kvm_mmu_page_fault and the emulator.  CPUID's vendor says which. */
bool kvm_host_fast_mmio(void)
{
	unsigned a, b, c, d;
	char vendor[13];

	if (!__get_cpuid(0, &a, &b, &c, &d))
		return true;
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = 0;
	return strcmp(vendor, "AuthenticAMD") && strcmp(vendor, "HygonGenuine");
}

static void describe_hit(char *buf, size_t len, const mt_iobus_hit *h)
{
	if (h->efd)
		snprintf(buf, len, "that fd %d fires", h->efd->eventfd);
	else if (h->zone)
		snprintf(buf, len, "that the zone [0x%llx, +0x%x) takes it into the ring",
			 (unsigned long long)h->zone->addr, h->zone->size);
	else
		snprintf(buf, len, "an exit");
}

/* An agreement with the SPEC must be one the model predicted too. */
bool iobus_admits(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	struct prediction pr;
	char h[120];
	bool ok;

	if (!predict(v, p, &pr))
		return true;
	if (p->expect == EXP_FIRE)
		ok = (pr.slow.efd && pr.slow.efd->eventfd == p->label) ||
		     (pr.fast && pr.fast->eventfd == p->label);
	else if (p->expect == EXP_RING)
		ok = pr.slow.zone != NULL;
	else
		ok = !pr.slow.efd && !pr.slow.zone;
	if (ok)
		return true;
	describe_hit(h, sizeof(h), &pr.slow);
	snprintf(note, len, "[but the io-bus model (kvm_io_bus_get_first_dev, "
		 "__kvm_io_bus_write, coalesced_mmio_write) predicts %s: the model is wrong]", h);
	return false;
}

/* Index on the bus of the registration that takes the write, -1 if none. */
static long taker(const mt_iobus_vm *vm, const mt_iobus *bus, const mt_access *a)
{
	size_t i;

	for (i = 0; i < bus->count; i++) {
		const mt_iobus_ioeventfd *e = mt_iobus_find(vm, bus->range[i].dev);

		if (e && mt_iobus_in_range(e, a->addr, a->width, a->value))
			return (long)i;
	}
	return -1;
}

/* The bus, the search's window and where the device sits, for the report. */
static void explain_miss(const mt_iobus *bus, const mt_access *a, long dev, char *note,
			 size_t len)
{
	mt_iobus_range key = { a->addr, a->width, 0 };
	long first = mt_iobus_first_dev(bus, a->addr, a->width), end = first;
	size_t o, i;

	o = (size_t)snprintf(note, len, "[KVM io-bus quirk, exact model of "
			     "kvm_io_bus_register_dev, kvm_io_bus_get_first_dev and "
			     "__kvm_io_bus_write: bus");
	for (i = 0; i < bus->count && i < 12 && o < len; i++)
		o += (size_t)snprintf(note + o, len - o, " 0x%llx/%d",
				      (unsigned long long)bus->range[i].addr,
				      bus->range[i].len);
	if (o < len && bus->count > 12)
		o += (size_t)snprintf(note + o, len - o, " ... (%zu)", bus->count);
	while (end >= 0 && (size_t)end < bus->count && !mt_iobus_cmp(&key, &bus->range[end]))
		end++;
	if (o < len && first < 0)
		snprintf(note + o, len - o, "; the binary search finds no range equal to "
			 "0x%llx/%u, the device is at %ld]", (unsigned long long)a->addr,
			 a->width, dev);
	else if (o < len)
		snprintf(note + o, len - o,
			 "; the search tries %ld..%ld, the device is at %ld]", first, end - 1,
			 dev);
}

/* kvm_io_bus_get_first_dev's binary search on a bus that
 * kvm_io_bus_register_dev ordered by registration (kvm_io_bus_cmp does not
 * order overlapping or nested ranges) misses the registered ioeventfd that
 * would take the write; __kvm_io_bus_write then returns -EOPNOTSUPP and the
 * write exits.  KNOWN only when the model says exactly that (the device is
 * on the bus, the search misses it) and KVM gave exactly that exit. */
bool quirk_io_bus_miss(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	const struct vspace *s = v->cur;
	const mt_iobus *bus = &s->bus.bus[p->acc.pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO];
	char got[400], scratch[600];
	struct prediction pr;
	long dev;

	if (p->expect != EXP_FIRE || !predict(v, p, &pr) || pr.slow.efd || pr.slow.zone)
		return false;
	dev = taker(&s->bus, bus, &p->acc);
	if (dev < 0)
		return false;
	got_text(p, got, sizeof(got));
	if (judge_exit(p, got, scratch, sizeof(scratch)) != VERDICT_OK)
		return false;
	explain_miss(bus, &p->acc, dev, note, len);
	v->quirk = Q_IO_BUS_MISS;
	return true;
}

/* ---- coalesced zones: virt/kvm/coalesced_mmio.c --------------------------- */

/* KVM did exactly this: no exit, no eventfd, the access as one ring entry. */
static bool went_to_ring(const struct probe *p)
{
	const mt_guest_exit *e = &p->ring_entry;

	return !p->nexits && !p->nfired && p->nring == 1 && e->addr == p->acc.addr &&
	       e->len == p->acc.width && e->data == p->acc.value;
}

/* KVM did exactly this: one exit carrying the access, as the SPEC's exit
 * would look (judge_exit: dispatch, memory). */
static bool exited(const struct probe *p)
{
	struct probe q = *p;
	char got[400], scratch[600];

	q.expect = EXP_EXIT;
	got_text(&q, got, sizeof(got));
	return judge_exit(&q, got, scratch, sizeof(scratch)) == VERDICT_OK;
}

/* The io bus tries devices in kvm_io_bus_cmp order from
 * kvm_io_bus_get_first_dev on: a zone that sorts before a matching
 * ioeventfd (it starts below it) takes the write into the ring.  KNOWN only
 * when the model says that zone takes it and the ring got exactly it. */
bool quirk_zone_first(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	struct prediction pr;

	if (p->expect != EXP_FIRE || !predict(v, p, &pr) || !pr.slow.zone || !went_to_ring(p))
		return false;
	snprintf(note, len, "[KVM io-bus quirk (SPEC 10 deviation), exact model of "
		 "kvm_io_bus_get_first_dev and __kvm_io_bus_write: the zone [0x%llx, +0x%x) "
		 "sorts before fd %d's ioeventfd and coalesced_mmio_write takes the write]",
		 (unsigned long long)pr.slow.zone->addr, pr.slow.zone->size, p->label);
	v->quirk = Q_ZONE_FIRST;
	return true;
}

/* The bus's bsearch (kvm_io_bus_get_first_dev) misses every zone holding
 * the write although the ring has room: -EOPNOTSUPP, the write exits.
 * KNOWN only when a zone on the bus holds it, the model finds none, and
 * KVM gave exactly that exit. */
bool quirk_zone_miss(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	const mt_iobus_vm *bus = &v->cur->bus;
	struct prediction pr;
	size_t i;

	if (p->expect != EXP_RING || !predict(v, p, &pr) || !pr.room || pr.slow.efd ||
	    pr.slow.zone || !exited(p))
		return false;
	for (i = 0; i < bus->nzones; i++)
		if (bus->zones[i].pio == p->acc.pio &&
		    mt_iobus_zone_in_range(&bus->zones[i], p->acc.addr, p->acc.width))
			break;
	if (i == bus->nzones)
		return false;
	snprintf(note, len, "[KVM io-bus quirk (SPEC 10 deviation), exact model of "
		 "kvm_io_bus_register_dev and kvm_io_bus_get_first_dev: the binary search "
		 "misses the zone [0x%llx, +0x%x), the write exits]",
		 (unsigned long long)bus->zones[i].addr, bus->zones[i].size);
	v->quirk = Q_ZONE_MISS;
	return true;
}

/* coalesced_mmio_has_room before Linux 6.11: (first - last - 1) % 170 in
 * u32 is 0 when last = first + 85, so the ring looks full with 85 entries
 * and the write exits.  KNOWN only when that arithmetic says full, the
 * fixed one says room, the model then predicts an exit, and KVM exited. */
bool quirk_ring_wrap(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	struct prediction pr;

	if (p->expect != EXP_RING || !v->ring_u32_wrap || !predict(v, p, &pr) || pr.room ||
	    !pr.room_fixed || pr.slow.efd || pr.slow.zone || !pr.fixed.zone || !exited(p))
		return false;
	snprintf(note, len, "[KVM quirk (SPEC 10 deviation): coalesced_mmio_has_room computes "
		 "(first %u - last %u - 1) %% %u in u32 = 0, the ring looks full with %u "
		 "entries (fixed in Linux 6.11)]", v->ring_first, p->ring_before, v->ring_entries,
		 (p->ring_before + v->ring_entries - v->ring_first) % v->ring_entries);
	v->quirk = Q_RING_WRAP;
	return true;
}

/* ---- the local APIC page -------------------------------------------------- */

/* The default x86 local APIC base.  On some hosts (seen on nested KVM, Linux
 * 6.18; not on 6.1) guest writes to a memslot on this page exit to userspace
 * as MMIO, though the VM has no in-kernel irqchip (tests/traces/kvm_apic_page.mt).
 * Not investigated further: it may come from the outer hypervisor. */
#define XAPIC_PAGE 0xfee00000ull

/* Its one symptom: a plain memory write on that page exits, itself. */
bool quirk_apic_page(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	const mt_access *a = &p->acc;

	if (p->expect != EXP_MEM || a->addr < XAPIC_PAGE || a->addr - XAPIC_PAGE >= 0x1000 ||
	    p->nexits != 1 || p->nfired || p->ex[0].addr != a->addr || !p->ex[0].write)
		return false;
	snprintf(note, len, "[KVM quirk: a memslot on the local APIC page 0xfee00000 still "
		 "exits on this host (nested KVM 6.18; not on 6.1)]");
	v->quirk = Q_APIC_PAGE;
	return true;
}

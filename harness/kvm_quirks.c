/* KNOWN quirks: what KVM does where the SPEC expects something else.  One
 * predicate each, true only when the probe shows exactly the outcome the
 * quirk predicts; any other mismatch fails. */
#include <cpuid.h>
#include <string.h>

#include "validate.h"

/* ---- the io bus: virt/kvm/kvm_main.c, virt/kvm/eventfd.c ----------------- */

/* What KVM does with a write that reaches the io bus (no memslot takes it),
 * from the model replaying this space's KVM_IOEVENTFD calls. */
struct prediction {
	/* kvm_io_bus_write on the space's bus (vcpu_mmio_write for MMIO,
	 * kernel_pio for port I/O): the ioeventfd it signals, NULL: it exits */
	const mt_iobus_ioeventfd *slow;
	/* handle_ept_misconfig (VMX): KVM_FAST_MMIO_BUS first, once the page
	 * has an MMIO SPTE; either outcome may happen there */
	const mt_iobus_ioeventfd *fast;
};

static bool predict(const struct vstate *v, const struct probe *p, struct prediction *out)
{
	const struct vspace *s = v->cur;
	const mt_access *a = &p->acc;

	if (a->op != MT_ACC_WRITE || (p->expect != EXP_FIRE && p->expect != EXP_EXIT) ||
	    s->model_errors)
		return false;
	out->slow = mt_iobus_write(&s->bus, a->pio ? MT_IOBUS_PIO : MT_IOBUS_MMIO, a->addr,
				   a->width, a->value);
	out->fast = NULL;
	if (!a->pio && v->fast_mmio && !mt_kvm_backend_in_slot(s->b, a->addr, 1))
		out->fast = mt_iobus_write(&s->bus, MT_IOBUS_FAST_MMIO, a->addr, 0, 0);
	return true;
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

/* An agreement with the SPEC must be one the model predicted too. */
bool iobus_admits(struct vstate *v, const struct probe *p, char *note, size_t len)
{
	struct prediction pr;
	bool ok;

	if (!predict(v, p, &pr))
		return true;
	if (p->expect == EXP_FIRE)
		ok = (pr.slow && pr.slow->eventfd == p->label) ||
		     (pr.fast && pr.fast->eventfd == p->label);
	else
		ok = !pr.slow;
	if (ok)
		return true;
	if (pr.slow)
		snprintf(note, len, "[but the io-bus model (kvm_io_bus_get_first_dev, "
			 "__kvm_io_bus_write) predicts that fd %d fires: the model is wrong]",
			 pr.slow->eventfd);
	else
		snprintf(note, len, "[but the io-bus model (kvm_io_bus_get_first_dev, "
			 "__kvm_io_bus_write) predicts an exit: the model is wrong]");
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

	if (p->expect != EXP_FIRE || !predict(v, p, &pr) || pr.slow)
		return false;
	dev = taker(&s->bus, bus, &p->acc);
	if (dev < 0)
		return false;
	got_text(p, got, sizeof(got));
	if (judge_exit(p, got, scratch, sizeof(scratch)) != VERDICT_OK)
		return false;
	explain_miss(bus, &p->acc, dev, note, len);
	return true;
}

/* ---- the local APIC page -------------------------------------------------- */

/* The default x86 local APIC base.  On some hosts (seen on nested KVM, Linux
 * 6.18; not on 6.1) guest writes to a memslot on this page exit to userspace
 * as MMIO, though the VM has no in-kernel irqchip (tests/traces/kvm_apic_page.mt).
 * Not investigated further: it may come from the outer hypervisor. */
#define XAPIC_PAGE 0xfee00000ull

/* Its one symptom: a plain memory write on that page exits, itself. */
bool quirk_apic_page(const struct probe *p, char *note, size_t len)
{
	const mt_access *a = &p->acc;

	if (p->expect != EXP_MEM || a->addr < XAPIC_PAGE || a->addr - XAPIC_PAGE >= 0x1000 ||
	    p->nexits != 1 || p->nfired || p->ex[0].addr != a->addr || !p->ex[0].write)
		return false;
	snprintf(note, len, "[KVM quirk: a memslot on the local APIC page 0xfee00000 still "
		 "exits on this host (nested KVM 6.18; not on 6.1)]");
	return true;
}

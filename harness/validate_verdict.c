/* Judging a probe: what KVM did against what the SPEC expects, then the
 * KNOWN quirks (kvm_quirks.c) for a mismatch, and the io-bus model's
 * prediction for an agreement (the model must be exact both ways). */
#include <string.h>

#include "validate.h"

void got_text(const struct probe *p, char *buf, size_t len)
{
	size_t o = 0, i;

	o += snprintf(buf + o, len - o, "%u exit%s", p->nexits, p->nexits == 1 ? "" : "s");
	for (i = 0; i < p->nexits && i < MAX_REC && o < len; i++)
		o += snprintf(buf + o, len - o, " [%s %s 0x%llx/%u 0x%llx]",
			      p->ex[i].pio ? "io" : "mmio", p->ex[i].write ? "write" : "read",
			      (unsigned long long)p->ex[i].addr, p->ex[i].len,
			      (unsigned long long)p->ex[i].data);
	if (o < len)
		o += snprintf(buf + o, len - o, ", %u eventfd%s fired", p->nfired,
			      p->nfired == 1 ? "" : "s");
	for (i = 0; i < p->nfired && i < MAX_REC && o < len; i++)
		o += snprintf(buf + o, len - o, " [fd %d x%llu]", p->fired_label[i],
			      (unsigned long long)p->fired_count[i]);
	if (o < len && p->nring)
		o += snprintf(buf + o, len - o, ", %u ring entr%s [0x%llx/%u 0x%llx]", p->nring,
			      p->nring == 1 ? "y" : "ies", (unsigned long long)p->ring_entry.addr,
			      p->ring_entry.len, (unsigned long long)p->ring_entry.data);
	if (o < len && p->nexits && p->got_lookup)
		o += snprintf(buf + o, len - o, ", dispatched to %s %s+0x%llx",
			      mt_kind_name(p->got.kind), p->got.region,
			      (unsigned long long)(p->got.offset + (p->ex[0].addr - p->got.start)));
	else if (o < len && p->nexits)
		snprintf(buf + o, len - o, ", dispatched to nothing (unassigned)");
}

/* After the access: the region's host bytes hold what they must. */
static enum verdict check_mem(const struct probe *p, const char *got, char *why, size_t len)
{
	if (!p->check_mem || (p->mem_seen_ok && p->mem_seen == p->mem_value))
		return VERDICT_OK;
	snprintf(why, len, "expected host memory of the region at +0x%llx = 0x%llx; it holds 0x%llx (%s)",
		 (unsigned long long)p->mem_offset, (unsigned long long)p->mem_value,
		 (unsigned long long)p->mem_seen, got);
	return VERDICT_FAIL;
}

static enum verdict judge_fire(const struct probe *p, const char *got, char *why, size_t len)
{
	if (p->nexits || p->nfired != 1 || p->fired_label[0] != p->label ||
	    p->fired_count[0] != 1) {
		snprintf(why, len, "expected fd %d to fire once and no exit; got %s", p->label, got);
		return VERDICT_FAIL;
	}
	snprintf(why, len, "fd %d fired, no exit", p->label);
	return VERDICT_OK;
}

/* One exit carrying exactly the access, nothing fired, mt_lookup agreeing
 * with the flat view, and memory as it must be.  Also how a KNOWN io-bus
 * miss must look (kvm_quirks.c), whatever p->expect says. */
enum verdict judge_exit(const struct probe *p, const char *got, char *why, size_t len)
{
	const mt_access *a = &p->acc;
	const mt_exit *x = &p->ex[0];
	uint64_t off = p->want_found ? p->want.offset + (a->addr - p->want.start) : 0;

	if (p->nexits != 1 || p->nfired || p->nring || x->addr != a->addr || x->len != a->width ||
	    x->pio != a->pio || x->write != (a->op == MT_ACC_WRITE) ||
	    (x->write && x->data != a->value)) {
		snprintf(why, len, "expected one %s %s exit 0x%llx/%u 0x%llx and no eventfd; got %s",
			 a->pio ? "io" : "mmio", a->op == MT_ACC_WRITE ? "write" : "read",
			 (unsigned long long)a->addr, a->width, (unsigned long long)a->value, got);
		return VERDICT_FAIL;
	}
	if (p->got_lookup != p->want_found ||
	    (p->want_found && (p->got.region_id != p->want.region_id ||
			       p->got.offset + (a->addr - p->got.start) != off))) {
		snprintf(why, len, "mt_lookup disagrees with the flat view: expected %s%s+0x%llx; got %s",
			 p->want_found ? "" : "nothing", p->want_found ? p->want.region : "",
			 (unsigned long long)off, got);
		return VERDICT_FAIL;
	}
	if (check_mem(p, got, why, len) != VERDICT_OK)
		return VERDICT_FAIL;
	snprintf(why, len, "%s", got);
	return VERDICT_OK;
}

static enum verdict judge_mem(const struct probe *p, const char *got, char *why, size_t len)
{
	if (p->nexits || p->nfired) {
		snprintf(why, len, "expected a plain memory write (memslot); got %s", got);
		return VERDICT_FAIL;
	}
	if (check_mem(p, got, why, len) != VERDICT_OK)
		return VERDICT_FAIL;
	snprintf(why, len, "stored in the region's memory at +0x%llx, no exit",
		 (unsigned long long)p->mem_offset);
	return VERDICT_OK;
}

/* A read from a memslot: no exit, the value written back earlier or else
 * the region's host bytes. */
static enum verdict judge_memread(struct vstate *v, const struct probe *p, const char *got,
				  char *why, size_t len)
{
	const mt_access *a = &p->acc;
	uint64_t want = p->want_value;

	if (!p->have_want_value && p->want_found) {
		uint8_t *h = mt_kvm_vm_host_ptr(mt_kvm_backend_vm(v->cur->b), p->want.region_id,
						 p->want.offset + (a->addr - p->want.start),
						 a->width);

		want = 0;
		if (h)
			memcpy(&want, h, a->width);
	}
	if (p->nexits || p->nfired || p->result != want) {
		snprintf(why, len, "expected a memslot read of 0x%llx; got 0x%llx, %s",
			 (unsigned long long)want, (unsigned long long)p->result, got);
		return VERDICT_FAIL;
	}
	snprintf(why, len, "read 0x%llx from the memslot, no exit", (unsigned long long)p->result);
	return VERDICT_OK;
}

static enum verdict judge_spec(struct vstate *v, const struct probe *p, const char *got,
			       char *why, size_t len)
{
	switch (p->expect) {
	case EXP_FIRE:
		return judge_fire(p, got, why, len);
	case EXP_EXIT:
		return judge_exit(p, got, why, len);
	case EXP_MEM:
		return judge_mem(p, got, why, len);
	case EXP_MEMREAD:
		return judge_memread(v, p, got, why, len);
	case EXP_RING:
		return judge_ring(p, got, why, len);
	case EXP_SKIP:
		break;
	}
	return VERDICT_OK;
}

/* Nothing but a probe the SPEC makes pending may add to the ring. */
static enum verdict judge_all(struct vstate *v, const struct probe *p, const char *got,
			      char *why, size_t len)
{
	if (p->expect != EXP_RING && p->nring) {
		snprintf(why, len, "expected nothing in the coalesced ring; got %s", got);
		return VERDICT_FAIL;
	}
	return judge_spec(v, p, got, why, len);
}

static void append(char *why, size_t len, const char *note)
{
	size_t o = strlen(why);

	if (o < len)
		snprintf(why + o, len - o, " %s", note);
}

/* SPEC first.  A mismatch is KNOWN only when a quirk predicts exactly what
 * KVM did; an agreement still fails when the io-bus model predicted
 * something else (the model is exact, or it is wrong). */
enum verdict judge(struct vstate *v, const struct probe *p, char *why, size_t len)
{
	char got[400], note[400];

	got_text(p, got, sizeof(got));
	if (judge_all(v, p, got, why, len) == VERDICT_OK) {
		if (iobus_admits(v, p, note, sizeof(note)))
			return VERDICT_OK;
		append(why, len, note);
		return VERDICT_FAIL;
	}
	if (quirk_apic_page(v, p, note, sizeof(note)) ||
	    quirk_io_bus_miss(v, p, note, sizeof(note)) ||
	    quirk_zone_first(v, p, note, sizeof(note)) ||
	    quirk_zone_miss(v, p, note, sizeof(note)) ||
	    quirk_ring_wrap(v, p, note, sizeof(note))) {
		append(why, len, note);
		return VERDICT_KNOWN;
	}
	return VERDICT_FAIL;
}

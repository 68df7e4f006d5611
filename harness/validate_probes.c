/* Which accesses to make after a commit, and what the SPEC says KVM must do
 * with each: from the flat view, the memslots and the installed set. */
#include <string.h>

#include "validate.h"

static const mt_flat_range *range_at(const mt_flat_range *F, size_t n, uint64_t a)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if ((mt_u128)a >= F[mid].end)
			lo = mid + 1;
		else if (a < F[mid].start)
			hi = mid;
		else
			return &F[mid];
	}
	return NULL;
}

/* Accesses KVM cannot run as one plain access from this guest. */
static bool expect_skip(struct vstate *v, const struct ctxt *c, struct probe *p)
{
	const mt_access *a = &p->acc;
	uint64_t end = a->addr + a->width, reach = mt_vcpu_reach(v->cur->cpu);

	if (c->pio) {
		if (a->width == 8)
			p->skip = "no 8-byte port I/O on x86";
		else if (a->addr >= 0x10000u || a->addr + a->width > 0x10000u)
			p->skip = "port beyond 0xffff";
		return p->skip != NULL;
	}
	if (a->addr >= reach || a->width > reach - a->addr) {
		snprintf(p->skipbuf, sizeof(p->skipbuf),
			 "beyond the guest's reach 0x%llx (physical address width, 4-level paging)",
			 (unsigned long long)reach);
		p->skip = p->skipbuf;
	} else if ((a->addr & 0xfff) + a->width > 0x1000) {
		p->skip = "crosses a 4 KiB page: KVM splits the access into fragments";
	} else if (a->addr < c->window + MT_WINDOW_SIZE && end > c->window) {
		p->skip = "inside the harness window (no free 2 MiB block in this space)";
	}
	return p->skip != NULL;
}

/* Memory accesses a memslot takes without an exit; true when decided. */
static bool expect_slot(struct vstate *v, struct probe *p, const mt_flat_range *f)
{
	const mt_access *a = &p->acc;
	uint64_t end = a->addr + a->width;
	bool in = mt_kvm_backend_in_slot(v->cur->b, a->addr, a->width);
	bool touch = mt_kvm_backend_in_slot(v->cur->b, a->addr, 1) ||
		     mt_kvm_backend_in_slot(v->cur->b, end - 1, 1);

	if (touch && !in) {
		p->skip = "straddles a memslot edge";
		return true;
	}
	if (in && f && f->kind == MT_RAM) {
		p->expect = a->op == MT_ACC_READ ? EXP_MEMREAD : EXP_MEM;
		if (a->op == MT_ACC_WRITE) {
			p->check_mem = true;
			p->mem_region = f->region_id;
			p->mem_offset = f->offset + (a->addr - f->start);
			p->mem_value = a->value;
		}
		return true;
	}
	if (in && a->op == MT_ACC_READ) {
		p->expect = EXP_MEMREAD;
		return true;
	}
	return false;
}

/* A write an installed ioeventfd matches (SPEC: address, width unless size
 * 0, data unless `*`) fires it. */
static bool expect_fire(const struct ctxt *c, struct probe *p)
{
	const mt_access *a = &p->acc;
	size_t i;

	if (a->op != MT_ACC_WRITE)
		return false;
	for (i = 0; i < c->nD; i++) {
		const mt_ioeventfd *e = &c->D[i];

		if (e->addr == a->addr && (!e->size || e->size == a->width) &&
		    (!e->match || e->data == (a->value & mask_of(a->width)))) {
			p->expect = EXP_FIRE;
			p->label = e->fd;
			return true;
		}
	}
	return false;
}

/* An exiting write to ram or rom: the exit handler stores it into ram; rom
 * keeps its bytes. */
static void expect_exit_mem(struct vstate *v, struct probe *p, const mt_flat_range *f)
{
	const mt_access *a = &p->acc;
	uint8_t *h;

	if (!f || (f->kind != MT_RAM && f->kind != MT_ROM) || a->op != MT_ACC_WRITE)
		return;
	h = mt_kvm_vm_host_ptr(mt_kvm_backend_vm(v->cur->b), f->region_id,
			       f->offset + (a->addr - f->start), a->width);
	if (!h)
		return;
	p->check_mem = true;
	p->mem_region = f->region_id;
	p->mem_offset = f->offset + (a->addr - f->start);
	p->mem_value = a->value;
	if (f->kind == MT_ROM) {
		p->mem_value = 0;
		memcpy(&p->mem_value, h, a->width);
	}
}

/* Decide what KVM must do with the probe's access. */
void expect_of(struct vstate *v, const struct ctxt *c, struct probe *p)
{
	const mt_flat_range *f;

	p->expect = EXP_SKIP;
	if (expect_skip(v, c, p))
		return;
	f = range_at(c->F, c->nF, p->acc.addr);
	p->want_found = f != NULL;
	if (f)
		p->want = *f;
	if (!c->pio && expect_slot(v, p, f))
		return;
	if (expect_fire(c, p) || expect_ring(v, p))
		return;
	p->expect = EXP_EXIT;
	expect_exit_mem(v, p, f);
}

struct probe *new_probe(struct vstate *v, unsigned since, bool pio, uint8_t op,
			unsigned width, uint64_t addr, uint64_t value)
{
	struct probe *p;

	if (!vgrow(&v->probes, &v->probes_cap, v->nprobes + 1, sizeof(*p)))
		return NULL;
	p = &v->probes[v->nprobes++];
	memset(p, 0, sizeof(*p));
	p->since = since;
	p->acc.op = op;
	p->acc.width = (uint8_t)width;
	p->acc.pio = pio;
	p->acc.addr = addr;
	p->acc.value = value & mask_of(width);
	return p;
}

static void add_label(struct vstate *v, int32_t label)
{
	size_t i;

	for (i = 0; i < v->nlabels; i++)
		if (v->labels[i] == label)
			return;
	if (vgrow(&v->labels, &v->labels_cap, v->nlabels + 1, sizeof(int32_t)))
		v->labels[v->nlabels++] = label;
}

static void describe_efd(char *buf, size_t len, const mt_ioeventfd *e)
{
	if (e->match)
		snprintf(buf, len, "eventfd 0x%llx/%u=0x%llx fd %d", (unsigned long long)e->addr,
			 e->size, (unsigned long long)e->data, e->fd);
	else
		snprintf(buf, len, "eventfd 0x%llx/%u=* fd %d", (unsigned long long)e->addr,
			 e->size, e->fd);
}

uint64_t pattern(size_t i)
{
	return 0xa1b2c3d4e5f60718ull ^ ((uint64_t)(i + 1) * 0x0101010101010101ull);
}

/* (a) exact address, width and data: fires, no exit; (b) other data, other
 * width: exits, dispatched by mt_lookup.  False when out of memory. */
static bool probes_for_eventfd(struct vstate *v, const struct ctxt *c,
			       const mt_ioeventfd *e, unsigned since)
{
	static const unsigned widths[4] = { 1, 2, 4, 8 };
	char d[120];
	struct probe *p;
	size_t k;

	describe_efd(d, sizeof(d), e);
	add_label(v, e->fd);
	for (k = 0; k < 4; k++) {
		unsigned w = widths[k];

		if (e->size && e->size != w)
			continue;
		p = new_probe(v, since, c->pio, MT_ACC_WRITE, w, e->addr,
			      e->match ? e->data : pattern(v->nprobes));
		if (!p)
			return false;
		snprintf(p->what, sizeof(p->what), "%s: matching write", d);
	}
	if (!e->size)
		return true;
	if (e->match) {
		p = new_probe(v, since, c->pio, MT_ACC_WRITE, e->size, e->addr, e->data ^ 1);
		if (!p)
			return false;
		snprintf(p->what, sizeof(p->what), "%s: other data", d);
	}
	p = new_probe(v, since, c->pio, MT_ACC_WRITE, e->size == 4 ? 2 : 4, e->addr,
		      e->match ? e->data : pattern(v->nprobes));
	if (!p)
		return false;
	snprintf(p->what, sizeof(p->what), "%s: other width", d);
	return true;
}

static void probes_for_deleted(struct vstate *v, const struct ctxt *c)
{
	struct vspace *s = v->cur;
	size_t i, j;

	for (i = 0; i < s->nprev; i++) {
		const mt_ioeventfd *e = &s->prev[i];
		char d[120];
		struct probe *p;

		for (j = 0; j < c->nD; j++)
			if (!mt_ioeventfd_cmp(e, &c->D[j]))
				break;
		if (j < c->nD)
			continue;
		add_label(v, e->fd);
		describe_efd(d, sizeof(d), e);
		p = new_probe(v, s->prev_line[i], c->pio, MT_ACC_WRITE, e->size ? e->size : 4,
			      e->addr, e->match ? e->data : pattern(v->nprobes));
		if (!p)
			return;
		snprintf(p->what, sizeof(p->what), "deleted %s: write must not fire it", d);
	}
}

/* The widest access at addr that stays below end and inside its page; port
 * I/O has no 8-byte form. */
unsigned fit_width(uint64_t addr, mt_u128 end, bool pio)
{
	static const unsigned widths[4] = { 8, 4, 2, 1 };
	size_t k;

	for (k = pio ? 1 : 0; k < 4; k++)
		if ((mt_u128)addr + widths[k] <= end && (addr & 0xfff) + widths[k] <= 0x1000)
			return widths[k];
	return 1;
}

/* Every other range showing the same bytes of ram as F[i] reads back what
 * the write at `at` stored.  False when out of memory. */
static bool probes_for_readbacks(struct vstate *v, const struct ctxt *c, size_t i,
				 uint64_t at, unsigned w, uint64_t val, size_t write_probe,
				 const char *d)
{
	const mt_flat_range *f = &c->F[i];
	uint64_t off = f->offset + (at - f->start);
	size_t j;

	for (j = 0; j < c->nF; j++) {
		const mt_flat_range *g = &c->F[j];
		struct probe *p;
		uint64_t a2;

		if (j == i || g->region_id != f->region_id || off < g->offset ||
		    (mt_u128)(off - g->offset) + w > g->end - g->start)
			continue;
		a2 = g->start + (off - g->offset);
		p = new_probe(v, 0, false, MT_ACC_READ, w, a2, 0);
		if (!p)
			return false;
		p->want_value = val & mask_of(w);
		p->write_probe = write_probe;
		snprintf(p->what, sizeof(p->what),
			 "%s: read back at 0x%llx (same region, offset 0x%llx)", d,
			 (unsigned long long)a2, (unsigned long long)off);
		p->have_want_value = true;
	}
	return true;
}

/* A write at `at` in F[i] (ram: it lands, read back elsewhere; rom: it
 * exits and a read comes from the memslot).  False when out of memory. */
static bool probes_for_range_at(struct vstate *v, const struct ctxt *c, size_t i,
				uint64_t at, const char *d)
{
	const mt_flat_range *f = &c->F[i];
	unsigned w = fit_width(at, f->end, c->pio);
	uint64_t val = pattern(v->nprobes);
	struct probe *p = new_probe(v, 0, c->pio, MT_ACC_WRITE, w, at, val);
	size_t write_probe = v->nprobes; /* 1 + its index */

	if (!p)
		return false;
	snprintf(p->what, sizeof(p->what), "%s", d);
	if (f->kind == MT_ROM && !c->pio) {
		p = new_probe(v, 0, false, MT_ACC_READ, w, at, 0);
		if (!p)
			return false;
		snprintf(p->what, sizeof(p->what), "%s", d);
	}
	if (f->kind != MT_RAM || c->pio)
		return true;
	return probes_for_readbacks(v, c, i, at, w, val, write_probe, d);
}

/* Each flat range's first bytes, and a ram range's last 8 too. */
static void probes_for_ranges(struct vstate *v, const struct ctxt *c)
{
	size_t i, k;

	for (i = 0; i < c->nF; i++) {
		const mt_flat_range *f = &c->F[i];
		char e[40], d[200];
		uint64_t at[2];
		size_t nat = 1;

		hex128(e, sizeof(e), f->end);
		snprintf(d, sizeof(d), "%s %s [0x%llx, %s) +0x%llx", mt_kind_name(f->kind),
			 f->region, (unsigned long long)f->start, e, (unsigned long long)f->offset);
		at[0] = f->start;
		if (f->kind == MT_RAM && f->end - f->start > 8)
			at[nat++] = (uint64_t)(f->end - 8);
		for (k = 0; k < nat; k++)
			if (!probes_for_range_at(v, c, i, at[k], d))
				return;
	}
}

/* Unassigned addresses (before, between and after the flat ranges): a write
 * there exits to userspace and mt_lookup finds nothing.  One probe per gap, at
 * its first byte the guest can use (the harness window is stepped over). */
static void probes_for_gaps(struct vstate *v, const struct ctxt *c)
{
	mt_u128 at = 0;
	size_t i;

	for (i = 0; i <= c->nF; i++) {
		mt_u128 end = i < c->nF ? (mt_u128)c->F[i].start : MT_2_64;

		if (!c->pio && at >= c->window && at < (mt_u128)c->window + MT_WINDOW_SIZE)
			at = (mt_u128)c->window + MT_WINDOW_SIZE;
		if (at < end && at < MT_2_64) {
			uint64_t a = (uint64_t)at;
			unsigned w = fit_width(a, end, c->pio);
			struct probe *p = new_probe(v, 0, c->pio, MT_ACC_WRITE, w, a,
						    pattern(v->nprobes));
			char e[40];

			if (!p)
				return;
			hex128(e, sizeof(e), end);
			snprintf(p->what, sizeof(p->what), "gap [0x%llx, %s): unassigned",
				 (unsigned long long)a, e);
		}
		if (i < c->nF)
			at = c->F[i].end;
	}
}

/* Every probe of a commit, in the order they run (read-backs after their
 * writes); since[i] is the line that installed c->D[i]. */
void make_probes(struct vstate *v, const struct ctxt *c, const unsigned *since)
{
	size_t i;

	v->nprobes = 0;
	v->nlabels = 0;
	for (i = 0; i < c->nD; i++)
		if (!probes_for_eventfd(v, c, &c->D[i], since[i]))
			break;
	probes_for_deleted(v, c);
	probes_for_ranges(v, c);
	probes_for_gaps(v, c);
	probes_for_zones(v, c);
}

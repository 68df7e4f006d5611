/* memtopo validate: run traces on the KVM backend and, after every commit,
 * check from a vCPU that KVM does what the flat views and installed
 * ioeventfd sets say (see the probe list in probe_space()). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codec.h"
#include "harness.h"

enum expect { EXP_SKIP, EXP_FIRE, EXP_EXIT, EXP_MEM, EXP_MEMREAD };

#define MAX_REC 4

struct probe {
	mt_access acc;
	char what[320];
	enum expect expect;
	const char *skip;	/* EXP_SKIP: why */
	char skipbuf[96];
	int32_t label;		/* EXP_FIRE */
	bool want_found;	/* EXP_EXIT: flat range expected at acc.addr */
	mt_flat_range want;	/* ... and which */
	uint64_t want_value;	/* EXP_MEMREAD, when have_want_value */
	bool have_want_value;
	bool check_mem;		/* after: host bytes at (region, offset) == mem_value */
	uint64_t mem_region, mem_offset, mem_value;
	unsigned since;		/* line that installed the tuple, 0 if n/a */
	size_t write_probe;	/* a read-back: 1 + index of the write it reads, else 0 */
	bool overlap;		/* EXP_FIRE: an installed tuple at another address overlaps or nests (io_bus_confusable) */
	uint64_t overlap_addr;
	/* outcome */
	unsigned nexits;
	mt_exit ex[MAX_REC];
	int got_lookup;
	mt_flat_range got;
	unsigned nfired;
	int32_t fired_label[MAX_REC];
	uint64_t fired_count[MAX_REC];
	uint64_t result;
	bool mem_seen_ok;	/* host bytes read right after the access */
	uint64_t mem_seen;
};

struct vspace {
	char name[MT_NAME_MAX + 1];
	mt_kvm_backend *b;
	mt_vcpu *cpu;
	bool cpu_failed;
	mt_ioeventfd *prev;
	unsigned *prev_line;
	size_t nprev;
	unsigned long nerrors;
};

struct vstate {
	mt_backend_factory kvm; /* the library's: a VM per space */
	struct vspace *sp;
	size_t nsp, cap;
	mt_runner *r;
	FILE *out;
	bool verbose;
	const char *input;
	size_t printed;
	unsigned long nok, nskip, nfail, nknown;
	/* the space being probed */
	struct vspace *cur;
	const mt_space *space;
	struct probe *probes;
	size_t nprobes, probes_cap;
	int32_t *labels;
	size_t nlabels, labels_cap;
};

/* ---- small helpers ------------------------------------------------------- */

static bool grow(void *p, size_t *cap, size_t n, size_t sz)
{
	void **pp = p;
	size_t nc;
	void *np;

	if (n <= *cap)
		return true;
	nc = *cap ? *cap * 2 : 16;
	while (nc < n)
		nc *= 2;
	np = realloc(*pp, nc * sz);
	if (!np)
		return false;
	*pp = np;
	*cap = nc;
	return true;
}

static uint64_t mask_of(unsigned w)
{
	return w >= 8 ? ~0ull : (1ull << (8 * w)) - 1;
}

static void hex128(char *buf, size_t len, mt_u128 v)
{
	if (v >> 64)
		snprintf(buf, len, "0x1%016llx", (unsigned long long)(uint64_t)v);
	else
		snprintf(buf, len, "0x%llx", (unsigned long long)(uint64_t)v);
}

struct arr {
	void *p;
	size_t n, cap;
};

static int collect_range(void *arg, const mt_flat_range *r)
{
	struct arr *a = arg;

	if (!grow(&a->p, &a->cap, a->n + 1, sizeof(*r)))
		return 1;
	((mt_flat_range *)a->p)[a->n++] = *r;
	return 0;
}

static int collect_efd(void *arg, const mt_ioeventfd *e)
{
	struct arr *a = arg;

	if (!grow(&a->p, &a->cap, a->n + 1, sizeof(*e)))
		return 1;
	((mt_ioeventfd *)a->p)[a->n++] = *e;
	return 0;
}

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

static bool efd_equal(const mt_ioeventfd *a, const mt_ioeventfd *b)
{
	return !mt_ioeventfd_cmp(a, b);
}

static void add_label(struct vstate *v, int32_t label)
{
	size_t i;

	for (i = 0; i < v->nlabels; i++)
		if (v->labels[i] == label)
			return;
	if (grow(&v->labels, &v->labels_cap, v->nlabels + 1, sizeof(int32_t)))
		v->labels[v->nlabels++] = label;
}

/* ---- KVM's io-bus order ---------------------------------------------------- */

/* KVM keeps each bus's devices sorted with kvm_io_bus_cmp and finds a write's
 * device by binary search.  That comparator calls range A "equal" to range B
 * when A starts at or after B and, for B of nonzero length, A ends at or
 * before B's end (for B of length 0: A starts exactly at B).  Two installed
 * ioeventfds at different addresses that compare equal either way (or whose
 * spans overlap) break the order the search relies on, and writes to one of
 * them may exit instead of firing.  A length-0 ioeventfd right at another's
 * end counts: its span is empty but the comparator still nests it. */
static bool io_bus_nested(const mt_ioeventfd *a, const mt_ioeventfd *b)
{
	if (a->addr < b->addr)
		return false;
	if (!b->size)
		return a->addr == b->addr;
	return (mt_u128)a->addr + a->size <= (mt_u128)b->addr + b->size;
}

static bool io_bus_confusable(const mt_ioeventfd *e, const mt_ioeventfd *o)
{
	mt_u128 e_end = (mt_u128)e->addr + (e->size ? e->size : 1);
	mt_u128 o_end = (mt_u128)o->addr + (o->size ? o->size : 1);

	return (o->addr < e_end && e->addr < o_end) || io_bus_nested(e, o) ||
	       io_bus_nested(o, e);
}

/* The default x86 local APIC base.  On some hosts (seen on nested KVM, Linux
 * 6.18; not on 6.1) guest writes to a memslot on this page exit to userspace
 * as MMIO, though the VM has no in-kernel irqchip: validate reports them as
 * KNOWN (tests/traces/kvm_apic_page.mt). */
#define XAPIC_PAGE 0xfee00000ull

/* ---- the factory: the library's, each space remembered by name ----------- */

static void *factory_make(void *arg, const char *space, bool pio,
			  const mt_backend_ops **ops, int *code, char *err, size_t errlen)
{
	struct vstate *v = arg;
	struct vspace *s;
	mt_kvm_backend *b;

	if (!grow(&v->sp, &v->cap, v->nsp + 1, sizeof(*v->sp))) {
		snprintf(err, errlen, "out of memory");
		*code = MT_ENOSPACE;
		return NULL;
	}
	b = v->kvm.make(v->kvm.arg, space, pio, ops, code, err, errlen);
	if (!b)
		return NULL;
	s = &v->sp[v->nsp++];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", space);
	s->b = b;
	return b;
}

static struct vspace *find_vspace(struct vstate *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->nsp; i++)
		if (!strcmp(v->sp[i].name, name))
			return &v->sp[i];
	return NULL;
}

/* ---- harness window ------------------------------------------------------- */

struct span {
	uint64_t start;
	mt_u128 end;
};

/* Highest MT_WINDOW_SIZE-aligned block in [1 MiB, reach) meeting none of
 * the sorted spans. */
static bool pick_window(const struct span *s, size_t n, uint64_t reach, uint64_t *out)
{
	mt_u128 gap_end = reach;
	size_t i = n;

	for (;;) {
		mt_u128 gap_start = i ? s[i - 1].end : 0;

		if (gap_start < (1u << 20))
			gap_start = 1u << 20;
		if (gap_end >= MT_WINDOW_SIZE && gap_end > gap_start) {
			mt_u128 w = (gap_end - MT_WINDOW_SIZE) & ~(mt_u128)(MT_WINDOW_SIZE - 1);

			if (w >= gap_start) {
				*out = (uint64_t)w;
				return true;
			}
		}
		if (!i)
			return false;
		i--;
		if ((mt_u128)s[i].start < gap_end)
			gap_end = s[i].start;
	}
}

/* ---- building probes ------------------------------------------------------ */

struct ctxt {
	const mt_flat_range *F;
	size_t nF;
	const mt_ioeventfd *D;
	size_t nD;
	uint64_t window;
	bool pio;
};

struct zspan {
	uint64_t lo, hi;
};

static int meets_zone(void *arg, const mt_zone *z)
{
	const struct zspan *s = arg;

	return (mt_u128)s->lo < z->end && z->start < s->hi;
}

/* Decide what KVM must do with acc, from the flat view, the memslots and
 * the installed set. */
static void expect_of(struct vstate *v, const struct ctxt *c, struct probe *p)
{
	const mt_access *a = &p->acc;
	uint64_t end = a->addr + a->width, reach = mt_vcpu_reach(v->cur->cpu);
	const mt_flat_range *f;
	size_t i;

	p->expect = EXP_SKIP;
	if (c->pio) {
		if (a->width == 8) {
			p->skip = "no 8-byte port I/O on x86";
			return;
		}
		if (a->addr >= 0x10000u || a->addr + a->width > 0x10000u) {
			p->skip = "port beyond 0xffff";
			return;
		}
	} else {
		if (a->addr >= reach || a->width > reach - a->addr) {
			snprintf(p->skipbuf, sizeof(p->skipbuf),
				 "beyond the guest's reach 0x%llx (physical address width, 4-level paging)",
				 (unsigned long long)reach);
			p->skip = p->skipbuf;
			return;
		}
		if ((a->addr & 0xfff) + a->width > 0x1000) {
			p->skip = "crosses a 4 KiB page: KVM splits the access into fragments";
			return;
		}
		if (a->addr < c->window + MT_WINDOW_SIZE && end > c->window) {
			p->skip = "inside the harness window (no free 2 MiB block in this space)";
			return;
		}
	}
	if (a->op == MT_ACC_WRITE) {
		struct zspan z = { a->addr, end };

		/* The write goes to the coalesced ring (SPEC section 10), or
		 * past an ioeventfd the zone sorts before: not checked here. */
		if (mt_space_foreach_zone(v->space, meets_zone, &z)) {
			p->skip = "in an installed coalesced zone (the ring's, SPEC section 10)";
			return;
		}
	}
	f = range_at(c->F, c->nF, a->addr);
	p->want_found = f != NULL;
	if (f)
		p->want = *f;
	if (!c->pio) {
		bool in = mt_kvm_backend_in_slot(v->cur->b, a->addr, a->width);
		bool touch = mt_kvm_backend_in_slot(v->cur->b, a->addr, 1) ||
			     mt_kvm_backend_in_slot(v->cur->b, end - 1, 1);

		if (touch && !in) {
			p->skip = "straddles a memslot edge";
			return;
		}
		if (in && f && f->kind == MT_RAM) {
			p->expect = a->op == MT_ACC_READ ? EXP_MEMREAD : EXP_MEM;
			if (a->op == MT_ACC_WRITE) {
				p->check_mem = true;
				p->mem_region = f->region_id;
				p->mem_offset = f->offset + (a->addr - f->start);
				p->mem_value = a->value;
			}
			return;
		}
		if (in && a->op == MT_ACC_READ) {
			p->expect = EXP_MEMREAD;
			return;
		}
	}
	if (a->op == MT_ACC_WRITE)
		for (i = 0; i < c->nD; i++) {
			const mt_ioeventfd *e = &c->D[i];

			if (e->addr == a->addr && (!e->size || e->size == a->width) &&
			    (!e->match || e->data == (a->value & mask_of(a->width)))) {
				size_t k;

				p->expect = EXP_FIRE;
				p->label = e->fd;
				for (k = 0; k < c->nD; k++) {
					const mt_ioeventfd *o = &c->D[k];

					if (o->addr != e->addr && io_bus_confusable(e, o)) {
						p->overlap = true;
						p->overlap_addr = o->addr;
					}
				}
				return;
			}
		}
	p->expect = EXP_EXIT;
	if (f && (f->kind == MT_RAM || f->kind == MT_ROM) && a->op == MT_ACC_WRITE) {
		uint8_t *h = mt_kvm_vm_host_ptr(mt_kvm_backend_vm(v->cur->b), f->region_id,
						 f->offset + (a->addr - f->start), a->width);

		if (h) {
			/* ram: the exit handler stores it; rom: unchanged */
			p->check_mem = true;
			p->mem_region = f->region_id;
			p->mem_offset = f->offset + (a->addr - f->start);
			p->mem_value = a->value;
			if (f->kind == MT_ROM) {
				p->mem_value = 0;
				memcpy(&p->mem_value, h, a->width);
			}
		}
	}
}

static struct probe *new_probe(struct vstate *v, unsigned since, bool pio, uint8_t op,
			       unsigned width, uint64_t addr, uint64_t value)
{
	struct probe *p;

	if (!grow(&v->probes, &v->probes_cap, v->nprobes + 1, sizeof(*p)))
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

static void describe_efd(char *buf, size_t len, const mt_ioeventfd *e)
{
	if (e->match)
		snprintf(buf, len, "eventfd 0x%llx/%u=0x%llx fd %d", (unsigned long long)e->addr,
			 e->size, (unsigned long long)e->data, e->fd);
	else
		snprintf(buf, len, "eventfd 0x%llx/%u=* fd %d", (unsigned long long)e->addr,
			 e->size, e->fd);
}

static uint64_t pattern(size_t i)
{
	return 0xa1b2c3d4e5f60718ull ^ ((uint64_t)(i + 1) * 0x0101010101010101ull);
}

static void probes_for_eventfds(struct vstate *v, const struct ctxt *c,
				const unsigned *since)
{
	static const unsigned widths[4] = { 1, 2, 4, 8 };
	size_t i, k;

	for (i = 0; i < c->nD; i++) {
		const mt_ioeventfd *e = &c->D[i];
		char d[120];
		struct probe *p;

		describe_efd(d, sizeof(d), e);
		add_label(v, e->fd);
		/* (a) exact address, width and data: fires, no exit */
		for (k = 0; k < 4; k++) {
			unsigned w = widths[k];

			if (e->size && e->size != w)
				continue;
			p = new_probe(v, since[i], c->pio, MT_ACC_WRITE, w, e->addr,
				      e->match ? e->data : pattern(v->nprobes));
			if (!p)
				return;
			snprintf(p->what, sizeof(p->what), "%s: matching write", d);
		}
		if (!e->size)
			continue;
		/* (b) other data, other width: exit, dispatched by mt_lookup */
		if (e->match) {
			p = new_probe(v, since[i], c->pio, MT_ACC_WRITE, e->size, e->addr,
				      e->data ^ 1);
			if (!p)
				return;
			snprintf(p->what, sizeof(p->what), "%s: other data", d);
		}
		p = new_probe(v, since[i], c->pio, MT_ACC_WRITE, e->size == 4 ? 2 : 4, e->addr,
			      e->match ? e->data : pattern(v->nprobes));
		if (!p)
			return;
		snprintf(p->what, sizeof(p->what), "%s: other width", d);
	}
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
			if (efd_equal(e, &c->D[j]))
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
static unsigned fit_width(uint64_t addr, mt_u128 end, bool pio)
{
	static const unsigned widths[4] = { 8, 4, 2, 1 };
	size_t k;

	for (k = pio ? 1 : 0; k < 4; k++)
		if ((mt_u128)addr + widths[k] <= end &&
		    (addr & 0xfff) + widths[k] <= 0x1000)
			return widths[k];
	return 1;
}

static void probes_for_ranges(struct vstate *v, const struct ctxt *c)
{
	size_t i, j;

	for (i = 0; i < c->nF; i++) {
		const mt_flat_range *f = &c->F[i];
		char e[40], d[200];
		uint64_t at[2];
		size_t nat = 1, k;

		hex128(e, sizeof(e), f->end);
		snprintf(d, sizeof(d), "%s %s [0x%llx, %s) +0x%llx", mt_kind_name(f->kind),
			 f->region, (unsigned long long)f->start, e, (unsigned long long)f->offset);
		at[0] = f->start;
		if (f->kind == MT_RAM && f->end - f->start > 8) {
			mt_u128 last = f->end - 8;

			at[nat++] = (uint64_t)last;
		}
		for (k = 0; k < nat; k++) {
			unsigned w = fit_width(at[k], f->end, c->pio);
			uint64_t val = pattern(v->nprobes);
			struct probe *p = new_probe(v, 0, c->pio, MT_ACC_WRITE, w, at[k], val);
			size_t write_probe = v->nprobes; /* 1 + its index */

			if (!p)
				return;
			snprintf(p->what, sizeof(p->what), "%s", d);
			if (f->kind == MT_ROM && !c->pio) {
				p = new_probe(v, 0, false, MT_ACC_READ, w, at[k], 0);
				if (!p)
					return;
				snprintf(p->what, sizeof(p->what), "%s", d);
			}
			if (f->kind != MT_RAM || c->pio)
				continue;
			/* Every other range showing the same bytes reads them back. */
			for (j = 0; j < c->nF; j++) {
				const mt_flat_range *g = &c->F[j];
				uint64_t off = f->offset + (at[k] - f->start), a2;

				if (j == i || g->region_id != f->region_id || off < g->offset ||
				    (mt_u128)(off - g->offset) + w > g->end - g->start)
					continue;
				a2 = g->start + (off - g->offset);
				p = new_probe(v, 0, false, MT_ACC_READ, w, a2, 0);
				if (!p)
					return;
				p->want_value = val & mask_of(w);
				p->write_probe = write_probe;
				snprintf(p->what, sizeof(p->what),
					 "%s: read back at 0x%llx (same region, offset 0x%llx)", d,
					 (unsigned long long)a2, (unsigned long long)off);
				p->have_want_value = true;
			}
		}
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

/* ---- running and judging -------------------------------------------------- */

static void on_exit_hook(void *arg, mt_exit *x)
{
	struct vstate *v = arg;
	struct probe *p = x->index < v->nprobes ? &v->probes[x->index] : NULL;
	mt_flat_range f;
	int found = mt_lookup(v->space, x->addr, &f) == MT_OK;
	mt_kvm_vm *vm = mt_kvm_backend_vm(v->cur->b);

	if (p) {
		if (p->nexits < MAX_REC)
			p->ex[p->nexits] = *x;
		if (!p->nexits) {
			p->got_lookup = found;
			if (found)
				p->got = f;
		}
		p->nexits++;
	}
	/* Emulate ram/rom that is outside KVM: the region's host bytes. */
	if (found && (f.kind == MT_RAM || f.kind == MT_ROM) && !x->pio) {
		uint8_t *h = mt_kvm_vm_host_ptr(vm, f.region_id, f.offset + (x->addr - f.start),
						 x->len);

		if (h && x->write && f.kind == MT_RAM)
			memcpy(h, &x->data, x->len);
		else if (h && !x->write)
			memcpy(&x->data, h, x->len);
	} else if (!x->write) {
		x->data = 0;
	}
}

static void on_step_hook(void *arg, unsigned index)
{
	struct vstate *v = arg;
	struct probe *p = index < v->nprobes ? &v->probes[index] : NULL;
	size_t i;

	if (p && p->check_mem) {
		uint8_t *h = mt_kvm_vm_host_ptr(mt_kvm_backend_vm(v->cur->b), p->mem_region,
						 p->mem_offset, p->acc.width);

		p->mem_seen_ok = h != NULL;
		p->mem_seen = 0;
		if (h)
			memcpy(&p->mem_seen, h, p->acc.width);
	}
	for (i = 0; i < v->nlabels; i++) {
		uint64_t n = mt_kvm_backend_take(v->cur->b, v->labels[i]);

		if (!n || !p)
			continue;
		if (p->nfired < MAX_REC) {
			p->fired_label[p->nfired] = v->labels[i];
			p->fired_count[p->nfired] = n;
		}
		p->nfired++;
	}
}

static void got_text(const struct probe *p, char *buf, size_t len)
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
	if (o < len && p->nexits && p->got_lookup)
		o += snprintf(buf + o, len - o, ", dispatched to %s %s+0x%llx",
			      mt_kind_name(p->got.kind), p->got.region,
			      (unsigned long long)(p->got.offset + (p->ex[0].addr - p->got.start)));
	else if (o < len && p->nexits)
		snprintf(buf + o, len - o, ", dispatched to nothing (unassigned)");
}

/* 0 ok, else a mismatch described in why. */
static int judge(struct vstate *v, const struct probe *p, char *why, size_t len)
{
	const mt_access *a = &p->acc;
	mt_kvm_vm *vm = mt_kvm_backend_vm(v->cur->b);
	char got[400];

	got_text(p, got, sizeof(got));
	switch (p->expect) {
	case EXP_FIRE:
		if (p->nexits || p->nfired != 1 || p->fired_label[0] != p->label ||
		    p->fired_count[0] != 1) {
			int o = snprintf(why, len, "expected fd %d to fire once and no exit; got %s",
					 p->label, got);

			/* The quirk's one symptom: nothing fires, the write exits. */
			if (p->overlap && !p->nfired && p->nexits == 1 && o > 0 && (size_t)o < len) {
				snprintf(why + o, len - o, " [KVM io-bus quirk: another installed ioeventfd "
					 "at 0x%llx overlaps or nests with this one; kvm_io_bus_cmp's sorted "
					 "search does not reach every such device]",
					 (unsigned long long)p->overlap_addr);
				return 2;
			}
			return 1;
		}
		snprintf(why, len, "fd %d fired, no exit", p->label);
		return 0;
	case EXP_EXIT: {
		const mt_exit *x = &p->ex[0];
		uint64_t off = p->want_found ? p->want.offset + (a->addr - p->want.start) : 0;

		if (p->nexits != 1 || p->nfired || x->addr != a->addr || x->len != a->width ||
		    x->pio != a->pio || x->write != (a->op == MT_ACC_WRITE) ||
		    (x->write && x->data != a->value)) {
			snprintf(why, len, "expected one %s %s exit 0x%llx/%u 0x%llx and no eventfd; got %s",
				 a->pio ? "io" : "mmio", a->op == MT_ACC_WRITE ? "write" : "read",
				 (unsigned long long)a->addr, a->width,
				 (unsigned long long)a->value, got);
			return 1;
		}
		if (p->got_lookup != p->want_found ||
		    (p->want_found && (p->got.region_id != p->want.region_id ||
				       p->got.offset + (a->addr - p->got.start) != off))) {
			snprintf(why, len, "mt_lookup disagrees with the flat view: expected %s%s+0x%llx; got %s",
				 p->want_found ? "" : "nothing", p->want_found ? p->want.region : "",
				 (unsigned long long)off, got);
			return 1;
		}
		break;
	}
	case EXP_MEM:
		if (p->nexits || p->nfired) {
			int o = snprintf(why, len, "expected a plain memory write (memslot); got %s", got);

			/* The xAPIC page quirk's one symptom: this very write exits. */
			if (a->addr >= XAPIC_PAGE && a->addr - XAPIC_PAGE < 0x1000 && p->nexits == 1 &&
			    !p->nfired && p->ex[0].addr == a->addr && p->ex[0].write && o > 0 &&
			    (size_t)o < len) {
				snprintf(why + o, len - o, " [KVM quirk: a memslot on the local APIC page "
					 "0xfee00000 still exits on this host (nested KVM 6.18; not on 6.1)]");
				return 2;
			}
			return 1;
		}
		break;
	case EXP_MEMREAD: {
		uint64_t want = p->want_value;

		if (!p->have_want_value && p->want_found) {
			/* plain read: the region's host bytes */
			uint8_t *h = mt_kvm_vm_host_ptr(vm, p->want.region_id,
							 p->want.offset + (a->addr - p->want.start),
							 a->width);

			want = 0;
			if (h)
				memcpy(&want, h, a->width);
		}
		if (p->nexits || p->nfired || p->result != want) {
			snprintf(why, len, "expected a memslot read of 0x%llx; got 0x%llx, %s",
				 (unsigned long long)want, (unsigned long long)p->result, got);
			return 1;
		}
		snprintf(why, len, "read 0x%llx from the memslot, no exit",
			 (unsigned long long)p->result);
		return 0;
	}
	default:
		return 0;
	}
	if (p->check_mem) {
		uint64_t have = p->mem_seen;

		if (!p->mem_seen_ok || have != p->mem_value) {
			snprintf(why, len, "expected host memory of the region at +0x%llx = 0x%llx; it holds 0x%llx (%s)",
				 (unsigned long long)p->mem_offset, (unsigned long long)p->mem_value,
				 (unsigned long long)have, got);
			return 1;
		}
	}
	if (p->expect == EXP_MEM)
		snprintf(why, len, "stored in the region's memory at +0x%llx, no exit",
			 (unsigned long long)p->mem_offset);
	else
		snprintf(why, len, "%s", got);
	return 0;
}

static void report(struct vstate *v, unsigned line, const char *space,
		   const struct probe *p, const char *status, const char *why)
{
	char src[48] = "";

	if (p->since && p->since != line)
		snprintf(src, sizeof(src), " (installed by line %u)", p->since);
	fprintf(v->out, "%s line %u%s %s: %s %s%u 0x%llx", status, line, src, space, p->what,
		p->acc.op == MT_ACC_WRITE ? "write" : "read", p->acc.width,
		(unsigned long long)p->acc.addr);
	if (p->acc.op == MT_ACC_WRITE)
		fprintf(v->out, " <- 0x%llx", (unsigned long long)p->acc.value);
	fprintf(v->out, ": %s\n", why);
}

static void fail_all(struct vstate *v, unsigned line, const char *space, const char *msg)
{
	v->nfail++;
	fprintf(v->out, "FAIL line %u %s: harness: %s\n", line, space, msg);
}

static void probe_space(struct vstate *v, struct vspace *s, const mt_space *space,
			unsigned line)
{
	struct arr F = { 0 }, D = { 0 }, spans = { 0 };
	struct ctxt c;
	unsigned *since = NULL;
	mt_access *acc = NULL;
	char err[256];
	size_t i, j, nslots;
	const mt_kvm_slot_info *slots;
	uint64_t window;
	bool ok;

	memset(&c, 0, sizeof(c));
	c.pio = mt_space_is_pio(space);
	if (mt_space_foreach_range(space, collect_range, &F) ||
	    mt_space_foreach_eventfd(space, collect_efd, &D)) {
		fail_all(v, line, s->name, "out of memory");
		goto out;
	}
	c.F = F.p;
	c.nF = F.n;
	c.D = D.p;
	c.nD = D.n;
	since = calloc(D.n + 1, sizeof(*since));
	if (!since) {
		fail_all(v, line, s->name, "out of memory");
		goto out;
	}
	for (i = 0; i < D.n; i++) {
		since[i] = line;
		for (j = 0; j < s->nprev; j++)
			if (efd_equal(&c.D[i], &s->prev[j]))
				since[i] = s->prev_line[j];
	}
	if (mt_kvm_backend_error_count(s->b) != s->nerrors) {
		s->nerrors = mt_kvm_backend_error_count(s->b);
		fprintf(v->out, "note line %u %s: kvm: %s\n", line, s->name, mt_kvm_backend_error(s->b));
	}
	if (v->verbose) {
		size_t ne;
		const mt_kvm_emulated *em = mt_kvm_backend_emulated(s->b, &ne);

		for (i = 0; i < ne; i++) {
			char e[40];

			hex128(e, sizeof(e), em[i].end);
			fprintf(v->out, "note line %u %s: emulated [0x%llx, %s) %s: %s\n", line, s->name,
				(unsigned long long)em[i].start, e, mt_kind_name(em[i].kind),
				mt_kvm_emu_reason_text(em[i].reason));
		}
	}
	if (!s->cpu && !s->cpu_failed) {
		s->cpu = mt_vcpu_new(mt_kvm_backend_vm(s->b), err, sizeof(err));
		if (!s->cpu) {
			s->cpu_failed = true;
			fail_all(v, line, s->name, err);
		}
	}
	if (!s->cpu)
		goto out;
	/* The window: no flat range in it, else at least no memslot. */
	if (!c.pio)
		for (i = 0; i < c.nF; i++) {
			struct span sp = { c.F[i].start, c.F[i].end };

			if (!grow(&spans.p, &spans.cap, spans.n + 1, sizeof(sp)))
				break;
			((struct span *)spans.p)[spans.n++] = sp;
		}
	ok = pick_window(spans.p, spans.n, mt_vcpu_reach(s->cpu), &window);
	if (!ok) {
		slots = mt_kvm_backend_slots(s->b, &nslots);
		spans.n = 0;
		for (i = 0; i < nslots; i++) {
			struct span sp = { slots[i].gpa, (mt_u128)slots[i].gpa + slots[i].size };

			if (!grow(&spans.p, &spans.cap, spans.n + 1, sizeof(sp)))
				break;
			((struct span *)spans.p)[spans.n++] = sp;
		}
		ok = pick_window(spans.p, spans.n, mt_vcpu_reach(s->cpu), &window);
	}
	if (!ok) {
		fprintf(v->out, "skip line %u %s: every 2 MiB block below the guest's reach holds a memslot: no room for the harness\n",
			line, s->name);
		v->nskip++;
		goto remember;
	}
	c.window = window;
	{
		int e = mt_vcpu_place(s->cpu, window);

		if (e) {
			snprintf(err, sizeof(err), "placing the harness window at 0x%llx: %s",
				 (unsigned long long)window, strerror(e));
			fail_all(v, line, s->name, err);
			goto remember;
		}
	}
	v->cur = s;
	v->space = space;
	v->nprobes = 0;
	v->nlabels = 0;
	probes_for_eventfds(v, &c, since);
	probes_for_deleted(v, &c);
	probes_for_ranges(v, &c);
	probes_for_gaps(v, &c);
	for (i = 0; i < v->nprobes; i++) {
		struct probe *p = &v->probes[i];

		expect_of(v, &c, p);
		/* A write that cannot run leaves nothing to read back (its
		 * probe comes first, so its expectation is already known). */
		if (p->write_probe && p->expect != EXP_SKIP &&
		    v->probes[p->write_probe - 1].expect == EXP_SKIP) {
			p->expect = EXP_SKIP;
			p->skip = "the write it reads back was skipped";
		}
	}
	/* Run the reachable ones, in order (read-backs follow their writes). */
	acc = calloc(v->nprobes + 1, sizeof(*acc));
	if (!acc) {
		fail_all(v, line, s->name, "out of memory");
		goto unplace;
	}
	{
		size_t n = 0, *map = calloc(v->nprobes + 1, sizeof(size_t));
		uint64_t *res = calloc(v->nprobes + 1, sizeof(uint64_t));
		struct probe *tmp;
		mt_vcpu_hooks h = { on_exit_hook, on_step_hook, v };

		if (!map || !res) {
			free(map);
			free(res);
			fail_all(v, line, s->name, "out of memory");
			goto unplace;
		}
		/* Compact the runnable probes to the front so that exit/step
		 * indexes are probe indexes; skipped ones go after. */
		tmp = malloc((v->nprobes + 1) * sizeof(*tmp));
		if (!tmp) {
			free(map);
			free(res);
			fail_all(v, line, s->name, "out of memory");
			goto unplace;
		}
		for (i = 0; i < v->nprobes; i++)
			if (v->probes[i].expect != EXP_SKIP)
				tmp[n++] = v->probes[i];
		j = n;
		for (i = 0; i < v->nprobes; i++)
			if (v->probes[i].expect == EXP_SKIP)
				tmp[j++] = v->probes[i];
		memcpy(v->probes, tmp, v->nprobes * sizeof(*tmp));
		free(tmp);
		for (i = 0; i < n; i++)
			acc[i] = v->probes[i].acc;
		for (i = 0; i < v->nlabels; i++) /* start from zero */
			mt_kvm_backend_take(s->b, v->labels[i]);
		if (n && mt_vcpu_run(s->cpu, acc, n, res, &h, err, sizeof(err))) {
			fail_all(v, line, s->name, err);
			n = 0;
		}
		for (i = 0; i < n; i++)
			v->probes[i].result = res[i];
		for (i = 0; i < v->nprobes; i++) {
			struct probe *p = &v->probes[i];
			char why[600];

			if (p->expect == EXP_SKIP) {
				v->nskip++;
				if (v->verbose)
					report(v, line, s->name, p, "skip", p->skip);
				continue;
			}
			if (i >= n)
				continue;
			int j2 = judge(v, p, why, sizeof(why));

			if (j2 == 2) {
				v->nknown++;
				if (!v->verbose && v->input)
					fprintf(v->out, "in %s:\n", v->input);
				report(v, line, s->name, p, "KNOWN", why);
			} else if (j2) {
				v->nfail++;
				if (!v->verbose && v->input)
					fprintf(v->out, "in %s:\n", v->input);
				report(v, line, s->name, p, "FAIL", why);
			} else {
				v->nok++;
				if (v->verbose)
					report(v, line, s->name, p, "ok  ", why);
			}
		}
		free(map);
		free(res);
	}
unplace:
	mt_vcpu_unplace(s->cpu);
remember:
	free(s->prev);
	free(s->prev_line);
	s->prev = D.p;
	s->prev_line = since;
	s->nprev = D.n;
	D.p = NULL;
	since = NULL;
out:
	free(acc);
	free(since);
	free(F.p);
	free(D.p);
	free(spans.p);
}

static void on_commit(void *arg, unsigned line)
{
	struct vstate *v = arg;
	size_t i, olen;
	const char *o = mt_runner_output(v->r, &olen);
	mt_ctx *ctx = mt_runner_ctx(v->r);

	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	v->printed = olen;
	for (i = 0; i < mt_space_count(ctx); i++) {
		const mt_space *sp = mt_space_at(ctx, i);
		struct vspace *s = find_vspace(v, mt_space_name(sp));

		if (s)
			probe_space(v, s, sp, line);
	}
}

/* Validate one trace text.  Returns false on a harness-level failure. */
static void validate_text(struct vstate *v, const char *name, const char *text, size_t len)
{
	mt_backend_factory f = { factory_make, v };
	size_t i, olen;
	const char *o;

	v->input = name;
	v->printed = 0;
	v->r = mt_runner_new(&f);
	if (!v->r) {
		fprintf(v->out, "FAIL %s: out of memory\n", name);
		v->nfail++;
		return;
	}
	if (v->verbose)
		mt_runner_set_log(v->r, v->out);
	mt_runner_on_commit(v->r, on_commit, v);
	mt_runner_run_text(v->r, text, len);
	o = mt_runner_output(v->r, &olen);
	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	/* vCPUs first (they hold VM references), then the runner's spaces. */
	for (i = 0; i < v->nsp; i++) {
		mt_vcpu_free(v->sp[i].cpu);
		free(v->sp[i].prev);
		free(v->sp[i].prev_line);
	}
	v->nsp = 0;
	mt_runner_free(v->r);
	v->r = NULL;
}

static char *slurp(const char *path, size_t *len, FILE *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(err, "memtopo validate: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t r;

		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = (cap + 4096) * 2);

			if (!nb) {
				free(buf);
				fclose(f);
				fprintf(err, "memtopo validate: out of memory\n");
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (!r)
			break;
	}
	if (ferror(f)) {
		fprintf(err, "memtopo validate: %s: read error\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted regular files of dir (with suffix, if not NULL). */
static char **list_dir(const char *dir, const char *suffix, size_t *n, FILE *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d) {
		fprintf(err, "memtopo validate: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (suffix && (l < strlen(suffix) || strcmp(e->d_name + l - strlen(suffix), suffix)))
			continue;
		path = malloc(strlen(dir) + l + 2);
		if (!path)
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !grow(&v, &cap, *n + 1, sizeof(char *))) {
			free(path);
			continue;
		}
		v[(*n)++] = path;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(char *), cmp_str);
	if (!v)
		v = calloc(1, sizeof(char *));
	return v;
}

int mt_kvm_cmd_validate(const char *path, mt_validate_input input, FILE *out, FILE *err)
{
	struct vstate v;
	char msg[512], **files = NULL;
	size_t nfiles = 0, i;
	struct stat st;
	int rc = 0;

	if (!path) {
		fprintf(err, "usage: memtopo validate FILE|DIR | --corpus DIR | --text DIR\n");
		return 2;
	}
	if (stat(path, &st)) {
		fprintf(err, "memtopo validate: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (input != MT_VALIDATE_TRACES && !S_ISDIR(st.st_mode)) {
		fprintf(err, "memtopo validate: %s: not a directory\n", path);
		return 2;
	}
	memset(&v, 0, sizeof(v));
	if (mt_kvm_factory(&v.kvm, msg, sizeof(msg)) != MT_KVM_OK) {
		fprintf(err, "memtopo validate: %s\n", msg);
		return mt_kvm_skip_code();
	}
	v.out = out;
	if (S_ISDIR(st.st_mode)) {
		files = list_dir(path, input == MT_VALIDATE_TRACES ? ".mt" : NULL, &nfiles, err);
		if (!files)
			return 2;
	} else {
		size_t len;
		char *text = slurp(path, &len, err);

		if (!text)
			return 2;
		v.verbose = true;
		validate_text(&v, path, text, len);
		free(text);
	}
	for (i = 0; i < nfiles; i++) {
		unsigned long ok0 = v.nok, sk0 = v.nskip, f0 = v.nfail, k0 = v.nknown;
		size_t len, tlen = 0;
		char *data = slurp(files[i], &len, err), *text;

		if (!data) {
			rc = 2;
			continue;
		}
		if (input == MT_VALIDATE_BINARY) {
			text = mt_decode((const uint8_t *)data, len, &tlen);
			free(data);
		} else {
			text = data;
			tlen = len;
		}
		if (!text) {
			fprintf(err, "memtopo validate: out of memory\n");
			rc = 2;
			continue;
		}
		validate_text(&v, files[i], text, tlen);
		free(text);
		fprintf(out, "%s %s: %lu ok, %lu skipped, %lu failed, %lu known\n",
			v.nfail > f0 ? "FAIL" : "ok  ", files[i], v.nok - ok0, v.nskip - sk0,
			v.nfail - f0, v.nknown - k0);
		fflush(out);
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(v.sp);
	free(v.probes);
	free(v.labels);
	fprintf(out, "validate: %lu probes ok, %lu skipped, %lu failed, %lu known KVM quirks\n",
		v.nok, v.nskip, v.nfail, v.nknown);
	if (v.nfail)
		return 1;
	return rc;
}

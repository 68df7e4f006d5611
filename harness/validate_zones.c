/* Coalesced zones (SPEC section 10) after a commit: writes inside a zone
 * wait in the ring and come out in order, reads exit, the 170th write with
 * 169 waiting exits, deleted zones take nothing.  The validator's own vCPU
 * writes to the VM's ring; everything it adds is taken off again
 * (coalesced_take) before the trace goes on, so the trace's own deliveries
 * never see it.  The ring's indexes around each probe say which probe added
 * which entries, and they let kvm_quirks.c predict the kernel's room check
 * exactly. */
#include <string.h>

#include "validate.h"

#define ZONES_PROBED 8 /* zones (and deleted zones) probed per commit */

struct zlist {
	mt_zone *z;
	size_t n, cap;
};

static int collect_zone(void *arg, const mt_zone *z)
{
	struct zlist *l = arg;

	if (!vgrow(&l->z, &l->cap, l->n + 1, sizeof(*z)))
		return 1;
	l->z[l->n++] = *z;
	return 0;
}

static void zone_text(char *buf, size_t len, const char *what, const mt_zone *z)
{
	char e[40];

	hex128(e, sizeof(e), z->end);
	snprintf(buf, len, "%s [0x%llx, %s)", what, (unsigned long long)z->start, e);
}

/* The last bytes of z as one access, or 0 when that is its first. */
static unsigned last_width(const mt_zone *z, bool pio, uint64_t *at)
{
	static const unsigned widths[4] = { 8, 4, 2, 1 };
	size_t k;

	for (k = pio ? 1 : 0; k < 4; k++) {
		uint64_t a = (uint64_t)(z->end - widths[k]);

		if (z->end - z->start >= widths[k] && (a & 0xfff) + widths[k] <= 0x1000) {
			*at = a;
			return a == z->start ? 0 : widths[k];
		}
	}
	return 0;
}

/* Inside z: a write at its start and one at its end wait in the ring; a
 * read at its start exits.  False when out of memory. */
static bool probes_for_zone(struct vstate *v, const struct ctxt *c, const mt_zone *z)
{
	unsigned w = fit_width(z->start, z->end, c->pio), w2;
	char d[120];
	struct probe *p;
	uint64_t at;

	zone_text(d, sizeof(d), "zone", z);
	p = new_probe(v, 0, c->pio, MT_ACC_WRITE, w, z->start, pattern(v->nprobes));
	if (!p)
		return false;
	snprintf(p->what, sizeof(p->what), "%s: write waits in the ring", d);
	w2 = last_width(z, c->pio, &at);
	if (w2) {
		p = new_probe(v, 0, c->pio, MT_ACC_WRITE, w2, at, pattern(v->nprobes));
		if (!p)
			return false;
		snprintf(p->what, sizeof(p->what), "%s: write at its end waits in the ring", d);
	}
	p = new_probe(v, 0, c->pio, MT_ACC_READ, w, z->start, 0);
	if (!p)
		return false;
	snprintf(p->what, sizeof(p->what), "%s: read exits, never waits", d);
	return true;
}

static bool has_zone(const struct zlist *l, const mt_zone *z)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!mt_zone_cmp(&l->z[i], z))
			return true;
	return false;
}

/* Installed zones (the first ZONES_PROBED), then zones the previous commit
 * had and this one deleted: a write there must not wait (unless another
 * installed zone still holds it: expect_of decides). */
void probes_for_zones(struct vstate *v, const struct ctxt *c)
{
	const struct vspace *s = v->cur;
	struct zlist l = { 0 };
	size_t i, k = 0;

	if (mt_space_foreach_zone(v->space, collect_zone, &l))
		goto out;
	for (i = 0; i < l.n && i < ZONES_PROBED; i++)
		if (!probes_for_zone(v, c, &l.z[i]))
			goto out;
	for (i = 0; i < s->npzones && k < ZONES_PROBED; i++) {
		const mt_zone *z = &s->pzones[i];
		struct probe *p;
		char d[120];

		if (has_zone(&l, z))
			continue;
		k++;
		zone_text(d, sizeof(d), "deleted zone", z);
		p = new_probe(v, 0, c->pio, MT_ACC_WRITE, fit_width(z->start, z->end, c->pio),
			      z->start, pattern(v->nprobes));
		if (!p)
			goto out;
		snprintf(p->what, sizeof(p->what), "%s: write must not wait in the ring", d);
	}
out:
	free(l.z);
}

/* SPEC 10: a write inside an installed zone, with fewer than 169 pending,
 * becomes pending (the caller has ruled out a matching ioeventfd). */
bool expect_ring(struct vstate *v, struct probe *p)
{
	const mt_access *a = &p->acc;

	if (a->op != MT_ACC_WRITE || !mt_space_zone_covers(v->space, a->addr, a->width) ||
	    v->spec_pending >= MT_RING_CAPACITY)
		return false;
	p->expect = EXP_RING;
	v->spec_pending++;
	return true;
}

static bool same_zones(const struct vspace *s, const struct zlist *l)
{
	size_t i;

	if (!s->pzones_known || s->npzones != l->n)
		return false;
	for (i = 0; i < l->n; i++)
		if (mt_zone_cmp(&s->pzones[i], &l->z[i]))
			return false;
	return true;
}

/* The first installed zone from l->z[*from] on whose start takes a write
 * into the ring; *from is left at it. */
static bool fill_target(struct vstate *v, const struct ctxt *c, const struct zlist *l,
			size_t *from, struct probe *t, char *d, size_t dlen)
{
	size_t i;

	for (i = *from; i < l->n; i++) {
		memset(t, 0, sizeof(*t));
		t->acc.op = MT_ACC_WRITE;
		t->acc.pio = c->pio;
		t->acc.addr = l->z[i].start;
		t->acc.width = (uint8_t)fit_width(l->z[i].start, l->z[i].end, c->pio);
		v->spec_pending = 0;
		expect_of(v, c, t);
		v->spec_pending = 0;
		if (t->expect == EXP_RING) {
			zone_text(d, dlen, "zone", &l->z[i]);
			*from = i;
			return true;
		}
	}
	return false;
}

/* When the installed zones changed: 169 writes into an empty ring (one
 * group), then one more, which must exit.  False: nothing to run. */
bool make_fill_probes(struct vstate *v, const struct ctxt *c)
{
	struct zlist l = { 0 };
	struct probe t, *p;
	char d[120];
	size_t i, from = 0;
	bool ok = false;

	v->nprobes = 0;
	if (mt_space_foreach_zone(v->space, collect_zone, &l) || !l.n ||
	    same_zones(v->cur, &l) || !fill_target(v, c, &l, &from, &t, d, sizeof(d)))
		goto out;
	for (i = 0; i <= MT_RING_CAPACITY; i++) {
		p = new_probe(v, 0, c->pio, MT_ACC_WRITE, t.acc.width, t.acc.addr,
			      pattern(i));
		if (!p)
			goto out;
		p->fill = i < MT_RING_CAPACITY;
		snprintf(p->what, sizeof(p->what), "%s: %s", d,
			 p->fill ? "169 writes fill the ring" : "the 170th write exits (ring full)");
	}
	ok = true;
out:
	free(l.z);
	return ok;
}

/* ---- the ring while the probes run ----------------------------------------- */

int ring_start(struct vstate *v, struct vspace *s, unsigned line)
{
	mt_kvm_vm *vm = mt_kvm_backend_vm(s->b);
	size_t pending = mt_space_pending_count(v->space);
	char msg[160];
	uint32_t last = 0;

	v->have_ring = mt_kvm_vm_ring(vm, &v->ring_first, &last, &v->ring_entries);
	v->ring_now = last;
	if (!pending && (!v->have_ring || v->ring_first == last))
		return 0;
	snprintf(msg, sizeof(msg), "%zu coalesced writes pending (ring %u..%u) after a commit, "
		 "which delivers them at its start (SPEC 10): no probes", pending,
		 v->ring_first, last);
	fail_all(v, line, s->name, msg);
	return -1;
}

void ring_step(struct vstate *v, struct probe *p)
{
	uint32_t first, last, n;

	if (!v->have_ring || !mt_kvm_vm_ring(mt_kvm_backend_vm(v->cur->b), &first, &last, &n))
		return;
	p->ring_before = v->ring_now;
	p->ring_after = last;
	p->nring = (last + n - v->ring_now % n) % n;
	v->ring_now = last;
}

/* Take what the probes added (the trace's next delivery must not see it)
 * and give each probe its entries in ring order. */
void ring_drain(struct vstate *v, struct vspace *s, size_t n, unsigned line)
{
	mt_guest_exit got[2 * MT_RING_CAPACITY + 2], buf[MT_RING_CAPACITY];
	size_t ngot = 0, k, i, m;
	char msg[160];

	if (!s->kops->coalesced_take)
		return;
	while ((m = s->kops->coalesced_take(s->b, v->space, buf, MT_RING_CAPACITY)) > 0)
		for (i = 0; i < m; i++)
			if (ngot < sizeof(got) / sizeof(got[0]))
				got[ngot++] = buf[i];
	for (i = 0, k = 0; i < n; i++) {
		struct probe *p = &v->probes[i];

		memset(&p->ring_entry, 0, sizeof(p->ring_entry));
		if (p->nring && k < ngot)
			p->ring_entry = got[k];
		k += p->nring;
	}
	if (k == ngot)
		return;
	snprintf(msg, sizeof(msg), "the probes moved the ring by %zu entries, %zu were taken off it",
		 k, ngot);
	fail_all(v, line, s->name, msg);
}

/* No exit, nothing fired, one entry: the access itself. */
enum verdict judge_ring(const struct probe *p, const char *got, char *why, size_t len)
{
	const mt_access *a = &p->acc;
	const mt_guest_exit *e = &p->ring_entry;

	if (p->nexits || p->nfired || p->nring != 1 || e->addr != a->addr ||
	    e->len != a->width || e->data != a->value) {
		snprintf(why, len, "expected no exit, no eventfd and one ring entry "
			 "0x%llx/%u 0x%llx, delivered in order; got %s", (unsigned long long)a->addr,
			 a->width, (unsigned long long)a->value, got);
		return VERDICT_FAIL;
	}
	snprintf(why, len, "in the ring, delivered in order");
	return VERDICT_OK;
}

void remember_zones(struct vspace *s, const mt_space *space)
{
	struct zlist l = { 0 };

	if (mt_space_foreach_zone(space, collect_zone, &l)) {
		free(l.z);
		return;
	}
	free(s->pzones);
	s->pzones = l.z;
	s->npzones = l.n;
	s->pzones_known = true;
}

/* ---- leaving the ring's indexes as the trace had them ------------------------ */

static void count_exit(void *arg, mt_exit *x)
{
	unsigned *n = arg;

	(*n)++;
	if (!x->write)
		x->data = 0;
}

/* One batch of writes at t, then everything taken off the ring; false
 * when one of them exited (or the run failed). */
static bool restore_batch(struct vstate *v, struct vspace *s, const mt_access *t, uint32_t n)
{
	mt_access acc[MT_BATCH_MAX];
	mt_guest_exit buf[MT_RING_CAPACITY];
	unsigned exits = 0;
	mt_vcpu_hooks h = { count_exit, NULL, &exits };
	char err[256];
	uint32_t i;
	bool ok;

	for (i = 0; i < n; i++)
		acc[i] = *t;
	ok = !mt_vcpu_run(s->cpu, acc, n, NULL, &h, err, sizeof(err)) && !exits;
	while (s->kops->coalesced_take(s->b, v->space, buf, MT_RING_CAPACITY) > 0)
		;
	return ok;
}

/* The kernel owns the ring's `last`, and the probes moved it: the trace's
 * own coalesced writes would meet coalesced_mmio_has_room at other indexes
 * than under `memtopo run --backend kvm`.  Writes into a zone (taken off
 * again) bring it round to `origin`, in batches that stay below the 85
 * entries where the pre-6.11 arithmetic finds the ring full. */
void ring_restore(struct vstate *v, struct vspace *s, const struct ctxt *c, uint32_t origin,
		  unsigned line)
{
	struct zlist l = { 0 };
	struct probe t;
	uint32_t first, last, n;
	char d[120], msg[200];
	size_t i;

	if (!mt_kvm_vm_ring(mt_kvm_backend_vm(s->b), &first, &last, &n) || last == origin ||
	    !s->kops->coalesced_take)
		return;
	if (mt_space_foreach_zone(v->space, collect_zone, &l))
		l.n = 0;
	/* A zone the bus misses (kvm_quirks.c) moves nothing: try the next. */
	for (i = 0; last != origin && fill_target(v, c, &l, &i, &t, d, sizeof(d)); i++)
		while (last != origin) {
			uint32_t k = (origin + n - last) % n;

			if (k > 64)
				k = 64;
			bool ok = restore_batch(v, s, &t.acc, k);

			if (!mt_kvm_vm_ring(mt_kvm_backend_vm(s->b), &first, &last, &n) || !ok)
				break;
		}
	free(l.z);
	if (last == origin)
		return;
	snprintf(msg, sizeof(msg), "note line %u %s: the ring's index stays at %u, not %u as the "
		 "trace left it: its later coalesced writes may meet the ring differently\n",
		 line, s->name, last, origin);
	fputs(msg, v->out);
}

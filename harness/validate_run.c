/* Probing one space after a commit: its state, the harness window, the
 * probes run on its vCPU in order, each judged and reported; then its
 * installed set is remembered for the next commit's deleted-tuple probes.
 * And, before a commit, its dirty-page writes (pre_probe_space). */
#include <string.h>

#include "validate.h"

struct arr {
	void *p;
	size_t n, cap;
};

static int collect_range(void *arg, const mt_flat_range *r)
{
	struct arr *a = arg;

	if (!vgrow(&a->p, &a->cap, a->n + 1, sizeof(*r)))
		return 1;
	((mt_flat_range *)a->p)[a->n++] = *r;
	return 0;
}

static int collect_efd(void *arg, const mt_ioeventfd *e)
{
	struct arr *a = arg;

	if (!vgrow(&a->p, &a->cap, a->n + 1, sizeof(*e)))
		return 1;
	((mt_ioeventfd *)a->p)[a->n++] = *e;
	return 0;
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

static bool add_span(struct arr *spans, uint64_t start, mt_u128 end)
{
	struct span sp = { start, end };

	if (!vgrow(&spans->p, &spans->cap, spans->n + 1, sizeof(sp)))
		return false;
	((struct span *)spans->p)[spans->n++] = sp;
	return true;
}

/* No flat range in the window, else at least no memslot. */
static bool find_window(struct vspace *s, const struct ctxt *c, uint64_t *window)
{
	struct arr spans = { 0 };
	const mt_kvm_slot_info *slots;
	size_t i, nslots;
	bool ok;

	if (!c->pio)
		for (i = 0; i < c->nF; i++)
			if (!add_span(&spans, c->F[i].start, c->F[i].end))
				break;
	ok = pick_window(spans.p, spans.n, mt_vcpu_reach(s->cpu), window);
	if (!ok) {
		slots = mt_kvm_backend_slots(s->b, &nslots);
		spans.n = 0;
		for (i = 0; i < nslots; i++)
			if (!add_span(&spans, slots[i].gpa, (mt_u128)slots[i].gpa + slots[i].size))
				break;
		ok = pick_window(spans.p, spans.n, mt_vcpu_reach(s->cpu), window);
	}
	free(spans.p);
	return ok;
}

/* 0 placed at c->window; else the reason was reported. */
static int place_window(struct vstate *v, struct vspace *s, struct ctxt *c, unsigned line)
{
	char err[256];
	int e;

	if (!find_window(s, c, &c->window)) {
		fprintf(v->out, "skip line %u %s: every 2 MiB block below the guest's reach holds a memslot: no room for the harness\n",
			line, s->name);
		v->nskip++;
		return -1;
	}
	e = mt_vcpu_place(s->cpu, c->window);
	if (e) {
		snprintf(err, sizeof(err), "placing the harness window at 0x%llx: %s",
			 (unsigned long long)c->window, strerror(e));
		fail_all(v, line, s->name, err);
		return -1;
	}
	return 0;
}

/* ---- the vCPU's hooks ------------------------------------------------------ */

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

	if (p)
		ring_step(v, p);
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

/* ---- running ---------------------------------------------------------------- */

static void expect_all(struct vstate *v, const struct ctxt *c)
{
	size_t i;

	v->spec_pending = 0; /* the commit delivered everything */
	for (i = 0; i < v->nprobes; i++) {
		struct probe *p = &v->probes[i];

		expect_of(v, c, p);
		/* A write that cannot run leaves nothing to read back (its
		 * probe comes first, so its expectation is already known). */
		if (p->write_probe && p->expect != EXP_SKIP &&
		    v->probes[p->write_probe - 1].expect == EXP_SKIP) {
			p->expect = EXP_SKIP;
			p->skip = "the write it reads back was skipped";
		}
	}
}

/* The runnable probes to the front, in order, so that exit and step
 * indexes are probe indexes; skipped ones after.  Their number, or
 * (size_t)-1 when out of memory. */
static size_t compact(struct vstate *v)
{
	struct probe *tmp = malloc((v->nprobes + 1) * sizeof(*tmp));
	size_t i, n = 0, j;

	if (!tmp)
		return (size_t)-1;
	for (i = 0; i < v->nprobes; i++)
		if (v->probes[i].expect != EXP_SKIP)
			tmp[n++] = v->probes[i];
	j = n;
	for (i = 0; i < v->nprobes; i++)
		if (v->probes[i].expect == EXP_SKIP)
			tmp[j++] = v->probes[i];
	memcpy(v->probes, tmp, v->nprobes * sizeof(*tmp));
	free(tmp);
	return n;
}

/* The host bytes each write of the first n probes may change (ram that is
 * a memslot or emulated), so that the trace reads its own bytes later. */
static void save_ram(struct vstate *v, size_t n)
{
	mt_kvm_vm *vm = mt_kvm_backend_vm(v->cur->b);
	size_t i;

	for (i = 0; i < n; i++) {
		struct probe *p = &v->probes[i];
		mt_flat_range f;

		p->restore = NULL;
		if (p->acc.op != MT_ACC_WRITE || p->acc.pio ||
		    mt_lookup(v->space, p->acc.addr, &f) != MT_OK || f.kind != MT_RAM ||
		    f.end - p->acc.addr < p->acc.width)
			continue;
		p->restore = mt_kvm_vm_host_ptr(vm, f.region_id, f.offset + (p->acc.addr - f.start),
						p->acc.width);
		if (p->restore)
			memcpy(&p->restore_val, p->restore, p->acc.width);
	}
}

/* Last write first: the oldest bytes win. */
static void restore_ram(struct vstate *v, size_t n)
{
	while (n--)
		if (v->probes[n].restore)
			memcpy(v->probes[n].restore, &v->probes[n].restore_val,
			       v->probes[n].acc.width);
}

/* Run the first n probes; 0 on success, else the harness failure was
 * reported. */
static int run(struct vstate *v, struct vspace *s, size_t n, unsigned line)
{
	mt_access *acc = calloc(n + 1, sizeof(*acc));
	uint64_t *res = calloc(n + 1, sizeof(*res));
	mt_vcpu_hooks h = { on_exit_hook, on_step_hook, v };
	char err[256];
	size_t i;
	int rc = -1;

	if (!acc || !res) {
		fail_all(v, line, s->name, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		acc[i] = v->probes[i].acc;
	for (i = 0; i < v->nlabels; i++) /* start from zero */
		mt_kvm_backend_take(s->b, v->labels[i]);
	if (n && mt_vcpu_run(s->cpu, acc, n, res, &h, err, sizeof(err))) {
		fail_all(v, line, s->name, err);
		goto out;
	}
	for (i = 0; i < n; i++)
		v->probes[i].result = res[i];
	rc = 0;
out:
	free(acc);
	free(res);
	return rc;
}

/* The ring-filling writes: each judged, one verdict for them all. */
struct group {
	size_t n;
	enum verdict worst;
	int quirk;
	char why[600];
	const struct probe *first;
};

static int rank(enum verdict v)
{
	return v == VERDICT_FAIL ? 2 : v == VERDICT_KNOWN ? 1 : 0;
}

static void group_add(struct vstate *v, struct group *g, const struct probe *p, size_t i)
{
	char why[500];
	enum verdict r = judge(v, p, why, sizeof(why));

	if (!g->n++)
		g->first = p;
	if (!g->why[0] || rank(r) > rank(g->worst))
		snprintf(g->why, sizeof(g->why), "write %zu: %s", i + 1, why);
	if (rank(r) > rank(g->worst)) {
		g->worst = r;
		g->quirk = v->quirk;
	}
}

static void group_flush(struct vstate *v, struct group *g, unsigned line, const char *space)
{
	char what[400];

	if (!g->n)
		return;
	snprintf(what, sizeof(what), "%s (%zu writes at 0x%llx)", g->first->what, g->n,
		 (unsigned long long)g->first->acc.addr);
	if (g->worst == VERDICT_OK)
		snprintf(g->why, sizeof(g->why), "all in the ring, delivered in order");
	v->quirk = g->quirk;
	report_group(v, line, space, what, g->worst, g->why);
	memset(g, 0, sizeof(*g));
}

/* Expect, run, take the ring's entries back, judge and report v->probes
 * (the window is placed). */
size_t run_batch(struct vstate *v, struct vspace *s, const struct ctxt *c, unsigned line)
{
	struct group g = { 0 };
	size_t i, n, ran;

	expect_all(v, c);
	n = compact(v);
	if (n == (size_t)-1) {
		fail_all(v, line, s->name, "out of memory");
		return n;
	}
	/* Writes to ram only (v->ram_only) leave the ring alone: the trace's
	 * pending coalesced writes may wait in it (just before a commit). */
	if (v->ram_only)
		v->have_ring = false;
	else if (ring_start(v, s, line))
		return (size_t)-1;
	ran = n;
	save_ram(v, ran);
	if (run(v, s, n, line))
		n = 0;
	if (!v->ram_only)
		ring_drain(v, s, n, line);
	for (i = 0; i < v->nprobes; i++) {
		const struct probe *p = &v->probes[i];
		char why[600];

		if (p->fill && p->expect != EXP_SKIP && i < n) {
			group_add(v, &g, p, i);
			continue;
		}
		group_flush(v, &g, line, s->name);
		if (p->expect == EXP_SKIP)
			report_skip(v, line, s->name, p);
		else if (i < n)
			report_verdict(v, line, s->name, p, judge(v, p, why, sizeof(why)), why);
	}
	group_flush(v, &g, line, s->name);
	restore_ram(v, ran);
	return n;
}

/* This commit's probes (the window is placed): dirty pages, then every
 * flat range, ioeventfd and zone, then the ring filled to the brim. */
static void run_probes(struct vstate *v, struct vspace *s, const struct ctxt *c,
		       const unsigned *since, unsigned line)
{
	uint32_t origin = 0, first, n;
	bool ring = mt_kvm_vm_ring(mt_kvm_backend_vm(s->b), &first, &origin, &n);

	dirty_probe_space(v, s, c, line);
	make_probes(v, c, since);
	if (run_batch(v, s, c, line) == (size_t)-1)
		return;
	/* Where the pre-6.11 arithmetic finds the ring full at 85 (first
	 * below 85), fill it once more from where that one left it (85 on):
	 * the full ring itself gets checked on those kernels too. */
	if (make_fill_probes(v, c) && run_batch(v, s, c, line) != (size_t)-1 &&
	    v->ring_u32_wrap && v->ring_first < v->ring_entries / 2 && make_fill_probes(v, c))
		run_batch(v, s, c, line);
	if (ring)
		ring_restore(v, s, c, origin, line);
}

/* ---- one space ---------------------------------------------------------------- */

/* The line that installed each D[i]: this one, or the previous commit's. */
static unsigned *since_of(const struct vspace *s, const struct ctxt *c, unsigned line)
{
	unsigned *since = calloc(c->nD + 1, sizeof(*since));
	size_t i, j;

	for (i = 0; since && i < c->nD; i++) {
		since[i] = line;
		for (j = 0; j < s->nprev; j++)
			if (!mt_ioeventfd_cmp(&c->D[i], &s->prev[j]))
				since[i] = s->prev_line[j];
	}
	return since;
}

/* Kernel refusals since the last commit, and (verbose) the emulated parts. */
static void notes(struct vstate *v, struct vspace *s, unsigned line)
{
	size_t i, ne;
	const mt_kvm_emulated *em;

	if (mt_kvm_backend_error_count(s->b) != s->nerrors) {
		s->nerrors = mt_kvm_backend_error_count(s->b);
		fprintf(v->out, "note line %u %s: kvm: %s\n", line, s->name,
			mt_kvm_backend_error(s->b));
	}
	report_model_errors(v, s, line);
	if (!v->verbose)
		return;
	em = mt_kvm_backend_emulated(s->b, &ne);
	for (i = 0; i < ne; i++) {
		char e[40];

		hex128(e, sizeof(e), em[i].end);
		fprintf(v->out, "note line %u %s: emulated [0x%llx, %s) %s: %s\n", line, s->name,
			(unsigned long long)em[i].start, e, mt_kind_name(em[i].kind),
			mt_kvm_emu_reason_text(em[i].reason));
	}
}

static bool ensure_cpu(struct vstate *v, struct vspace *s, unsigned line)
{
	char err[256];

	if (!s->cpu && !s->cpu_failed) {
		s->cpu = mt_vcpu_new(mt_kvm_backend_vm(s->b), err, sizeof(err));
		if (!s->cpu) {
			s->cpu_failed = true;
			fail_all(v, line, s->name, err);
		}
	}
	if (s->cpu)
		/* The backend's own vCPU window (guest accesses) leaves the VM. */
		mt_kvm_backend_unplace(s->b);
	return s->cpu != NULL;
}

/* This commit's installed set becomes the previous one. */
static void remember(struct vspace *s, struct arr *D, unsigned **since)
{
	free(s->prev);
	free(s->prev_line);
	s->prev = D->p;
	s->prev_line = *since;
	s->nprev = D->n;
	D->p = NULL;
	*since = NULL;
}

void probe_space(struct vstate *v, struct vspace *s, const mt_space *space, unsigned line)
{
	struct arr F = { 0 }, D = { 0 };
	struct ctxt c;
	unsigned *since = NULL;

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
	since = since_of(s, &c, line);
	if (!since) {
		fail_all(v, line, s->name, "out of memory");
		goto out;
	}
	notes(v, s, line);
	if (!ensure_cpu(v, s, line))
		goto out;
	if (!place_window(v, s, &c, line)) {
		v->cur = s;
		v->space = space;
		run_probes(v, s, &c, since, line);
		mt_vcpu_unplace(s->cpu);
	}
	remember(s, &D, &since);
	remember_zones(s, space);
out:
	free(since);
	free(F.p);
	free(D.p);
}

static bool any_logged_ram(const struct ctxt *c)
{
	size_t i;

	for (i = 0; i < c->nF; i++)
		if (c->F[i].kind == MT_RAM && c->F[i].log)
			return true;
	return false;
}

/* Before a commit: the guest writes pages of the space's logged memslots,
 * on the topology the commit is about to change (validate_dirty.c). */
void pre_probe_space(struct vstate *v, struct vspace *s, const mt_space *space, unsigned line)
{
	struct arr F = { 0 };
	struct ctxt c;

	memset(&c, 0, sizeof(c));
	c.pio = mt_space_is_pio(space);
	if (c.pio)
		return;
	if (mt_space_foreach_range(space, collect_range, &F)) {
		fail_all(v, line, s->name, "out of memory");
		goto out;
	}
	c.F = F.p;
	c.nF = F.n;
	if (!any_logged_ram(&c))
		goto out; /* nothing to write: no window, no vCPU */
	if (ensure_cpu(v, s, line) && !place_window(v, s, &c, line)) {
		v->cur = s;
		v->space = space;
		dirty_pre_probe_space(v, s, &c, line);
		mt_vcpu_unplace(s->cpu);
	}
out:
	free(F.p);
}

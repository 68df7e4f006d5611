/* Dirty logging (SPEC sections 4 and 9), checked twice per commit:
 *
 * - before it (dirty_pre_probe_space, called just before a command that
 *   commits): the guest writes a few pages of the logged ram memslots of the
 *   topology the commit is about to change (their own bytes again, so the
 *   contents do not change); right after the commit a sync must report
 *   exactly those pages, as region offsets, whatever the commit did to their
 *   slots (deleted, moved, split, log flag cleared: KVM's log is harvested
 *   before a slot goes, or lost);
 * - after it (dirty_probe_space): the same on the new topology.
 *
 * The trace's own dirty state stays as it was: before the pre-commit writes
 * a sync takes the trace's pages (dirty_keep_trace), each probe starts from
 * an empty store, and at the end the validator's pages are synced away and
 * the trace's are marked again (dirty_commit_end).  Between the pre-commit
 * writes and their sync only the trace's commit runs, so the trace's own
 * `sync` never sees the validator's pages. */
#include <stdlib.h>
#include <string.h>

#include "validate.h"

#define DIRTY_RANGES 3 /* logged ranges probed per space and commit */
#define DIRTY_PAGES_MAX 64

static int keep_run(void *arg, const char *region, uint64_t id, uint64_t start, mt_u128 end)
{
	struct vstate *v = arg;
	struct vdirty d = { id, start, end };

	(void)region;
	if (!vgrow(&v->dirty, &v->dirty_cap, v->ndirty + 1, sizeof(d)))
		return 0; /* lost: reported by dirty_commit_end's count */
	v->dirty[v->ndirty++] = d;
	return 0;
}

/* The trace's dirty pages move to v->dirty until dirty_commit_end. */
void dirty_keep_trace(struct vstate *v)
{
	v->ndirty = 0;
	mt_sync(mt_runner_ctx(v->r), keep_run, v);
}

void dirty_commit_end(struct vstate *v)
{
	mt_ctx *ctx = mt_runner_ctx(v->r);
	size_t i;

	mt_sync(ctx, NULL, NULL);
	if (!mt_space_count(ctx))
		return;
	for (i = 0; i < v->ndirty; i++)
		mt_space_mark_dirty(mt_space_at(ctx, 0), v->dirty[i].region_id, v->dirty[i].start,
				    v->dirty[i].end - v->dirty[i].start);
	v->ndirty = 0;
}

/* A page written (region, page index), expected or reported. */
struct dpage {
	uint64_t region_id, page;
};

struct dset {
	struct dpage p[DIRTY_PAGES_MAX];
	size_t n;
	bool overflow;
};

/* The pages written before the commit, in every space. */
struct vpre {
	struct dset want;
	char space[64]; /* the first space written */
	bool active;
};

static void dset_add(struct dset *s, uint64_t id, uint64_t page)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->p[i].region_id == id && s->p[i].page == page)
			return;
	if (s->n < DIRTY_PAGES_MAX)
		s->p[s->n++] = (struct dpage){ id, page };
	else
		s->overflow = true;
}

static int collect_pages(void *arg, const char *region, uint64_t id, uint64_t start,
			 mt_u128 end)
{
	struct dset *s = arg;
	mt_u128 o;

	(void)region;
	for (o = start; o < end; o += 4096)
		dset_add(s, id, (uint64_t)(o >> 12));
	return 0;
}

/* A write of the bytes already there at `at` in f; false: not a page
 * the guest writes through a logged memslot. */
static bool dirty_write(struct vstate *v, const struct ctxt *c, const mt_flat_range *f,
			uint64_t at)
{
	unsigned w = fit_width(at, f->end, false);
	uint64_t off = f->offset + (at - f->start), val = 0;
	uint8_t *h = mt_kvm_vm_host_ptr(mt_kvm_backend_vm(v->cur->b), f->region_id, off, w);
	struct probe *p;

	if (!h || !mt_kvm_backend_in_slot(v->cur->b, at, w) ||
	    (at < c->window + MT_WINDOW_SIZE && at + w > c->window))
		return false;
	memcpy(&val, h, w);
	p = new_probe(v, 0, false, MT_ACC_WRITE, w, at, val);
	if (!p)
		return false;
	snprintf(p->what, sizeof(p->what), "logged ram %s [0x%llx, ...) +0x%llx: dirties page "
		 "+0x%llx", f->region, (unsigned long long)f->start, (unsigned long long)f->offset,
		 (unsigned long long)(off & ~0xfffull));
	return true;
}

static bool dset_equal(const struct dset *a, const struct dset *b)
{
	size_t i, j;

	if (a->n != b->n || a->overflow || b->overflow)
		return false;
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++)
			if (a->p[i].region_id == b->p[j].region_id && a->p[i].page == b->p[j].page)
				break;
		if (j == b->n)
			return false;
	}
	return true;
}

static void dset_text(char *buf, size_t len, const struct dset *s)
{
	size_t o = 0, i;

	buf[0] = 0;
	for (i = 0; i < s->n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s#%llu+0x%llx", i ? " " : "",
				      (unsigned long long)s->p[i].region_id,
				      (unsigned long long)(s->p[i].page << 12));
	if (s->overflow && o < len)
		snprintf(buf + o, len - o, " ...");
}

/* The expected pages: the first and the last page of up to DIRTY_RANGES
 * logged ram ranges of the space.  Before a commit, not those of a region
 * destroyed in the open transaction (the view still shows it; its pages are
 * never reported). */
static void make_dirty_probes(struct vstate *v, const struct ctxt *c, bool pre)
{
	size_t i, nr = 0;

	v->nprobes = 0;
	for (i = 0; i < c->nF && nr < DIRTY_RANGES; i++) {
		const mt_flat_range *f = &c->F[i];
		bool any;

		if (f->kind != MT_RAM || !f->log)
			continue;
		if (pre && !mt_region_id_live(mt_runner_ctx(v->r), f->region_id))
			continue;
		any = dirty_write(v, c, f, f->start);
		if (f->end - f->start > 4096)
			any |= dirty_write(v, c, f, (uint64_t)(f->end - 8));
		nr += any;
	}
}

/* Write pages of the space's logged memslots; add the pages the writes
 * that ran dirtied (as the SPEC places them) to *want.  False when
 * nothing ran. */
static bool write_pages(struct vstate *v, struct vspace *s, const struct ctxt *c,
			unsigned line, bool pre, struct dset *want)
{
	size_t i, n;

	make_dirty_probes(v, c, pre);
	if (!v->nprobes)
		return false;
	n = run_batch(v, s, c, line);
	if (n == (size_t)-1)
		return false;
	for (i = 0; i < n; i++)
		if (v->probes[i].expect == EXP_MEM && v->probes[i].check_mem)
			dset_add(want, v->probes[i].mem_region, v->probes[i].mem_offset >> 12);
	return n > 0;
}

/* Sync; report whether exactly want's pages came back. */
static void check_sync(struct vstate *v, unsigned line, const char *space, const char *what,
		       const struct dset *want)
{
	struct dset got = { .n = 0 };
	char why[600], w[250], g[250];

	if (mt_sync(mt_runner_ctx(v->r), collect_pages, &got) != MT_OK) {
		fail_all(v, line, space, "sync after the dirty probes failed");
		return;
	}
	dset_text(w, sizeof(w), want);
	dset_text(g, sizeof(g), &got);
	snprintf(why, sizeof(why), "expected exactly the pages {%s} (region id + offset); "
		 "sync reported {%s}", w, g);
	report_group(v, line, space, what, dset_equal(want, &got) ? VERDICT_OK : VERDICT_FAIL,
		     why);
}

void dirty_probe_space(struct vstate *v, struct vspace *s, const struct ctxt *c,
		       unsigned line)
{
	struct dset want = { .n = 0 };

	if (c->pio)
		return;
	mt_sync(mt_runner_ctx(v->r), NULL, NULL); /* the earlier spaces' probe writes */
	if (write_pages(v, s, c, line, false, &want))
		check_sync(v, line, s->name, "dirty log: sync after guest writes to logged memslots",
			   &want);
}

/* ---- before the commit ---------------------------------------------------------- */

bool dirty_pre_begin(struct vstate *v)
{
	if (!v->pre) {
		v->pre = calloc(1, sizeof(*v->pre));
		if (!v->pre)
			return false;
	}
	memset(v->pre, 0, sizeof(*v->pre));
	dirty_keep_trace(v);
	return true;
}

void dirty_pre_probe_space(struct vstate *v, struct vspace *s, const struct ctxt *c,
			   unsigned line)
{
	struct vpre *pre = v->pre;
	bool ran;

	/* Room for this space's pages: an overflowing set could not be judged. */
	if (c->pio || pre->want.n + 2 * DIRTY_RANGES > DIRTY_PAGES_MAX)
		return;
	/* The trace's coalesced writes may be pending until this commit. */
	v->ram_only = true;
	ran = write_pages(v, s, c, line, true, &pre->want);
	v->ram_only = false;
	if (ran && !pre->active) {
		pre->active = true;
		snprintf(pre->space, sizeof(pre->space), "%.63s", s->name);
	}
}

/* Right after the command that was to commit (committed: whether it did):
 * exactly the pages written before it are dirty. */
void dirty_pre_check(struct vstate *v, unsigned line, bool committed)
{
	struct vpre *pre = v->pre;

	if (!pre || !pre->active)
		return;
	check_sync(v, line, pre->space, committed ?
		   "dirty log: pages the guest wrote before this commit, synced after it" :
		   "dirty log: pages the guest wrote before this failed command, synced after it",
		   &pre->want);
	pre->active = false;
}

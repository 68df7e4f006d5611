/* Randomized differential test of rendering, the subregion index, dirty
 * tracking, incremental flat-view updates, commits and ioeventfd
 * reconciliation, through the public API.
 *
 * A model keeps its own copy of the region tree and renders it byte by byte,
 * literally as SPEC section 2 says (painting terminals' uncovered bytes into
 * an array), over two address windows: [0, LOWN) and [2^64 - HIGHN, 2^64).
 * Every generated address keeps every painted byte inside those windows
 * (a trial that would leave them is abandoned, not failed).  The model
 * predicts each call's error code, the committed flat view, the stream of
 * backend operations each commit makes (SPEC section 4, with a backend that
 * refuses adds and fails dels by a pure function of the tuple and a salt the
 * test changes between operations), the installed set, and mt_lookup.
 *
 * Usage: test_subregions [trials [ops [seed]]]   (default 2000 40 1)
 */
#include <stdlib.h>

#include "check.h"
#include "core.h"
#include "memtopo.h"

typedef __int128 i128;

#define LOWN 4096
#define HIGHN 1024
#define NCELLS (LOWN + HIGHN)
#define HIGH0 (MT_2_64 - HIGHN)

#define NREG 14 /* names r0..r11, root0, root1 */
#define ROOT0 12
#define ROOT1 13
#define MAXEFD 12
#define MAXSP 3
#define MAXR 2048
#define MAXT 512
#define MAXEV 8192

/* ---- PRNG -------------------------------------------------------------- */

static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned rn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* ---- model ------------------------------------------------------------- */

struct mreg {
	bool alive;
	char name[16];
	mt_kind kind;
	mt_u128 size;
	bool enabled;
	int parent;
	uint64_t addr;
	int32_t prio;
	bool ovl;
	uint64_t seq;
	int target;
	uint64_t aoff;
	uint64_t id;
	int nefd;
	mt_eventfd_spec efd[MAXEFD];
};

struct range {
	uint64_t start;
	mt_u128 end;
	uint64_t id;
	uint64_t off;
	mt_kind kind;
	char name[16];
};

struct cell {
	uint64_t id; /* 0: not covered */
	uint64_t off;
	int slot;
};

enum { EV_RDEL, EV_RADD, EV_EDEL, EV_EADD };

struct event {
	int type;
	int space;
	struct range r;
	mt_ioeventfd t;
	int result;
};

struct mspace {
	bool exists;
	char name[8];
	int root;
	struct range view[MAXR];
	size_t nview;
	mt_ioeventfd prevD[MAXT], I[MAXT];
	size_t nprevD, nI;
	const mt_space *sp;
};

static struct mreg m[NREG];
static struct mspace ms[MAXSP];
static uint64_t mseq;
static unsigned mdepth;
static uint32_t salt;
static bool unbounded;

static struct event got[MAXEV], want[MAXEV];
static size_t ngot, nwant;
static bool log_overflow;
static int ndestroyed, want_destroyed;

static struct cell cells[NCELLS];

static const char *const names[NREG] = { "r0", "r1", "r2", "r3", "r4",
					  "r5", "r6", "r7", "r8", "r9",
					  "r10", "r11", "root0", "root1" };

/* ---- canonical tuple order (written independently of the core) -------- */

static int tcmp(const mt_ioeventfd *a, const mt_ioeventfd *b)
{
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->match != b->match)
		return a->match ? 1 : -1;
	if (a->match && a->data != b->data)
		return a->data < b->data ? -1 : 1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return 0;
}

static int tcmp_q(const void *a, const void *b)
{
	return tcmp(a, b);
}

/* The test backend's decisions: pure functions of tuple and salt. */
static uint32_t thash(const mt_ioeventfd *t)
{
	uint64_t h = t->addr * 0x9e3779b97f4a7c15ull ^ (uint64_t)t->size << 7 ^
		     (uint64_t)t->fd << 17 ^ (t->match ? t->data + 1 : 0);

	h ^= salt * 0xff51afd7ed558ccdull;
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h >> 32);
}

static int backend_add_result(const mt_ioeventfd *t)
{
	if (!salt)
		return MT_OK;
	return thash(t) % 4 == 0 ? MT_ECONFLICT : MT_OK;
}

static int backend_del_result(const mt_ioeventfd *t)
{
	if (!salt)
		return MT_OK;
	return (thash(t) >> 8) % 5 == 0 ? MT_ENOTFOUND : MT_OK;
}

/* ---- recording backend ------------------------------------------------- */

struct rec {
	int space;
};

static void log_ev(const struct event *e)
{
	if (ngot == MAXEV) {
		log_overflow = true;
		return;
	}
	got[ngot++] = *e;
}

static void rec_range(void *opaque, const mt_space *s, const mt_flat_range *f,
		      int type)
{
	struct rec *r = opaque;
	struct event e = { .type = type, .space = r->space };

	(void)s;
	e.r.start = f->start;
	e.r.end = f->end;
	e.r.id = f->region_id;
	e.r.off = f->offset;
	e.r.kind = f->kind;
	snprintf(e.r.name, sizeof(e.r.name), "%s", f->region);
	log_ev(&e);
}

static void rec_radd(void *o, const mt_space *s, const mt_flat_range *f)
{
	rec_range(o, s, f, EV_RADD);
}

static void rec_rdel(void *o, const mt_space *s, const mt_flat_range *f)
{
	rec_range(o, s, f, EV_RDEL);
}

static int rec_eadd(void *o, const mt_space *s, const mt_ioeventfd *t)
{
	struct rec *r = o;
	struct event e = { .type = EV_EADD, .space = r->space, .t = *t };

	(void)s;
	e.result = backend_add_result(t);
	log_ev(&e);
	return e.result;
}

static int rec_edel(void *o, const mt_space *s, const mt_ioeventfd *t)
{
	struct rec *r = o;
	struct event e = { .type = EV_EDEL, .space = r->space, .t = *t };

	(void)s;
	e.result = backend_del_result(t);
	log_ev(&e);
	return e.result;
}

static void rec_destroy(void *o)
{
	ndestroyed++;
	free(o);
}

static const mt_backend_ops rec_ops = { .region_add = rec_radd, .region_del = rec_rdel,
					.eventfd_add = rec_eadd, .eventfd_del = rec_edel,
					.destroy = rec_destroy };

/* ---- the byte painter (SPEC section 2, literally) ----------------------- */

static long cell_index(mt_u128 a)
{
	if (a < LOWN)
		return (long)a;
	if (a >= HIGH0 && a < MT_2_64)
		return (long)(LOWN + (a - HIGH0));
	return -1;
}

static mt_u128 cell_addr(long i)
{
	return i < LOWN ? (mt_u128)i : HIGH0 + (mt_u128)(i - LOWN);
}

static int order_q(const void *a, const void *b)
{
	const struct mreg *x = &m[*(const int *)a], *y = &m[*(const int *)b];

	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->seq > y->seq ? -1 : x->seq < y->seq;
}

static void paint(int r, i128 base, i128 clo, i128 chi, int depth)
{
	struct mreg *R = &m[r];
	i128 lo, hi;
	int kids[NREG], nk = 0, i;

	if (depth > 64) { /* cannot happen without a loop */
		unbounded = true;
		return;
	}
	if (!R->enabled)
		return;
	lo = base > clo ? base : clo;
	hi = base + (i128)R->size;
	if (hi > chi)
		hi = chi;
	if (lo >= hi)
		return;
	if (R->kind == MT_ALIAS) {
		paint(R->target, base - (i128)R->aoff, lo, hi, depth + 1);
		return;
	}
	for (i = 0; i < NREG; i++)
		if (m[i].alive && m[i].parent == r)
			kids[nk++] = i;
	qsort(kids, (size_t)nk, sizeof(int), order_q);
	for (i = 0; i < nk; i++)
		paint(kids[i], base + (i128)m[kids[i]].addr, lo, hi, depth + 1);
	if (R->kind == MT_CONTAINER)
		return;
	/* Terminal: bytes outside the windows would be unchecked. */
	if (lo < (i128)HIGH0 && hi > LOWN) {
		unbounded = true;
		return;
	}
	for (i128 a = lo; a < hi; a++) {
		long ix = cell_index((mt_u128)a);

		if (ix >= 0 && !cells[ix].id) {
			cells[ix].id = R->id;
			cells[ix].off = (uint64_t)(a - base);
			cells[ix].slot = r;
		}
	}
}

/* The flat view of space root `root`, canonical and merged. */
static size_t render_view(int root, struct range *out)
{
	size_t n = 0;
	long i;

	memset(cells, 0, sizeof(cells));
	paint(root, 0, 0, (i128)MT_2_64, 0);
	for (i = 0; i < NCELLS; i++) {
		mt_u128 a = cell_addr(i);

		if (!cells[i].id)
			continue;
		if (n && out[n - 1].id == cells[i].id && out[n - 1].end == a &&
		    (mt_u128)out[n - 1].off + (out[n - 1].end - out[n - 1].start) ==
			    cells[i].off) {
			out[n - 1].end = a + 1;
			continue;
		}
		if (n == MAXR) {
			unbounded = true;
			return n;
		}
		out[n].start = (uint64_t)a;
		out[n].end = a + 1;
		out[n].id = cells[i].id;
		out[n].off = cells[i].off;
		out[n].kind = m[cells[i].slot].kind;
		snprintf(out[n].name, sizeof(out[n].name), "%s",
			 m[cells[i].slot].name);
		n++;
	}
	return n;
}

static bool range_eq(const struct range *a, const struct range *b)
{
	return a->start == b->start && a->end == b->end && a->id == b->id &&
	       a->off == b->off;
}

static bool in_view(const struct range *v, size_t n, const struct range *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (range_eq(&v[i], r))
			return true;
	return false;
}

static bool in_set(const mt_ioeventfd *v, size_t n, const mt_ioeventfd *t)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!tcmp(&v[i], t))
			return true;
	return false;
}

/* The desired set D of a view (SPEC section 3), canonical, unique.
 * Ranges come with their model slot through cells: look the region up by id. */
static size_t desired(const struct range *v, size_t nv, mt_ioeventfd *out)
{
	size_t n = 0, i;
	int k, s;

	for (i = 0; i < nv; i++) {
		const struct mreg *R = NULL;

		for (s = 0; s < NREG; s++)
			if (m[s].alive && m[s].id == v[i].id)
				R = &m[s];
		if (!R || R->kind != MT_MMIO)
			continue;
		for (k = 0; k < R->nefd; k++) {
			const mt_eventfd_spec *e = &R->efd[k];
			mt_u128 span = e->size ? e->size : 1;
			mt_ioeventfd t;

			if (e->offset < v[i].off ||
			    (mt_u128)e->offset + span >
				    (mt_u128)v[i].off + (v[i].end - v[i].start))
				continue;
			t.addr = (uint64_t)((mt_u128)v[i].start - v[i].off + e->offset);
			t.size = e->size;
			t.match = e->match;
			t.data = e->match ? e->data : 0;
			t.fd = e->fd;
			if (!in_set(out, n, &t) && n < MAXT)
				out[n++] = t;
		}
	}
	qsort(out, n, sizeof(*out), tcmp_q);
	return n;
}

static unsigned long nev[4], nrefused, nfaileddel, nok[16];

static void want_ev(const struct event *e)
{
	nev[e->type]++;
	if (e->type == EV_EADD && e->result)
		nrefused++;
	if (e->type == EV_EDEL && e->result)
		nfaileddel++;
	if (nwant < MAXEV)
		want[nwant++] = *e;
}

/* SPEC section 4 for every space, in creation order. */
static void model_commit(void)
{
	static struct range nv[MAXR];
	static mt_ioeventfd D[MAXT], nI[MAXT];
	int s;
	size_t i, n, nd, nn;

	for (s = 0; s < MAXSP; s++) {
		struct mspace *S = &ms[s];

		if (!S->exists)
			continue;
		n = render_view(S->root, nv);
		for (i = 0; i < S->nview; i++)
			if (!in_view(nv, n, &S->view[i]))
				want_ev(&(struct event){ EV_RDEL, s, S->view[i],
							 { 0 }, 0 });
		for (i = 0; i < n; i++)
			if (!in_view(S->view, S->nview, &nv[i]))
				want_ev(&(struct event){ EV_RADD, s, nv[i], { 0 }, 0 });
		memcpy(S->view, nv, n * sizeof(*nv));
		S->nview = n;
		nd = desired(nv, n, D);
		{
			bool diff = nd != S->nprevD;

			for (i = 0; !diff && i < nd; i++)
				diff = tcmp(&D[i], &S->prevD[i]) != 0;
			if (diff) {
				nn = 0;
				for (i = 0; i < S->nI; i++) {
					if (in_set(D, nd, &S->I[i])) {
						nI[nn++] = S->I[i];
						continue;
					}
					struct event e = { EV_EDEL, s, { 0 }, S->I[i],
							   backend_del_result(&S->I[i]) };
					want_ev(&e);
					if (e.result)
						nI[nn++] = S->I[i];
				}
				for (i = 0; i < nd; i++) {
					if (in_set(S->I, S->nI, &D[i]))
						continue;
					struct event e = { EV_EADD, s, { 0 }, D[i],
							   backend_add_result(&D[i]) };
					want_ev(&e);
					if (!e.result)
						nI[nn++] = D[i];
				}
				qsort(nI, nn, sizeof(*nI), tcmp_q);
				memcpy(S->I, nI, nn * sizeof(*nI));
				S->nI = nn;
			}
		}
		memcpy(S->prevD, D, nd * sizeof(*D));
		S->nprevD = nd;
	}
}

/* ---- model of the checks ------------------------------------------------ */

static int slot_of(const char *name)
{
	int i;

	for (i = 0; i < NREG; i++)
		if (!strcmp(names[i], name))
			return m[i].alive ? i : -1;
	return -1;
}

/* Is goal reachable from r through subregion and alias-target links? */
static bool reaches(int r, int goal, int depth)
{
	int i;

	if (r == goal)
		return true;
	if (depth > 40)
		return false;
	if (m[r].kind == MT_ALIAS && reaches(m[r].target, goal, depth + 1))
		return true;
	for (i = 0; i < NREG; i++)
		if (m[i].alive && m[i].parent == r && reaches(i, goal, depth + 1))
			return true;
	return false;
}

static bool overlaps(int p, int c, uint64_t addr, bool ovl)
{
	int i;

	if (ovl || !m[c].size)
		return false;
	for (i = 0; i < NREG; i++) {
		if (i == c || !m[i].alive || m[i].parent != p || m[i].ovl ||
		    !m[i].size)
			continue;
		if ((mt_u128)addr < (mt_u128)m[i].addr + m[i].size &&
		    (mt_u128)m[i].addr < (mt_u128)addr + m[c].size)
			return true;
	}
	return false;
}

static bool is_root(int r)
{
	int s;

	for (s = 0; s < MAXSP; s++)
		if (ms[s].exists && ms[s].root == r)
			return true;
	return false;
}

static bool is_target(int r)
{
	int i;

	for (i = 0; i < NREG; i++)
		if (m[i].alive && m[i].kind == MT_ALIAS && m[i].target == r)
			return true;
	return false;
}

static bool has_kids(int r)
{
	int i;

	for (i = 0; i < NREG; i++)
		if (m[i].alive && m[i].parent == r)
			return true;
	return false;
}

/* ---- the driver --------------------------------------------------------- */

static mt_ctx *ctx;
static unsigned long trial_no, op_no;
static char opdesc[160];
static bool trial_failed;
static unsigned long trials_abandoned, commits_checked, ops_run;

static uint64_t region_id(const char *name)
{
	struct mt_region *r = mt_region_lookup(ctx, name);

	return r ? r->id : 0;
}

static uint64_t gen_addr(int parent)
{
	unsigned k = rn(100);

	if (parent == ROOT0 && k < 15)
		return (uint64_t)(HIGH0 + HIGHN - 256 + rn(256));
	if (k < 20)
		return 256 + rn(256);
	if (k < 22)
		return UINT64_MAX - rn(4);
	return rn(64);
}

static mt_u128 gen_size(void)
{
	unsigned k = rn(100);

	if (k < 6)
		return 0;
	if (k < 10)
		return 1;
	return 1 + rn(72);
}

static const char *rname(void)
{
	int tries;

	/* Mostly live names, sometimes a missing one. */
	if (rn(40) == 0)
		return "nope";
	for (tries = 0; tries < 8; tries++) {
		int i = (int)rn(NREG);

		if (m[i].alive || rn(6) == 0)
			return names[i];
	}
	return names[rn(NREG)];
}

/* A live region not mapped anywhere, usually. */
static const char *rname_unmapped(void)
{
	int tries;

	for (tries = 0; tries < 12; tries++) {
		int i = (int)rn(NREG);

		if (m[i].alive && m[i].parent < 0 && i != ROOT0)
			return names[i];
	}
	return rname();
}

static mt_kind gen_kind(void)
{
	unsigned k = rn(10);

	return k < 3 ? MT_CONTAINER : k < 5 ? MT_RAM : k < 6 ? MT_ROM : MT_MMIO;
}

static void fail_trial(const char *what)
{
	if (!trial_failed)
		CHECK_FAILF("trial %lu (seed-derived) op %lu [%s]: %s", trial_no,
			    op_no, opdesc, what);
	trial_failed = true;
}

static void expect_rc(int rc, int want_rc)
{
	char buf[96];

	if (rc >= 0 && rc < 16)
		nok[rc]++;
	if (rc == want_rc) {
		CHECK_PASS();
		return;
	}
	snprintf(buf, sizeof(buf), "returned %s, expected %s", mt_err_name(rc),
		 mt_err_name(want_rc));
	fail_trial(buf);
}

static bool events_equal(const struct event *a, const struct event *b)
{
	if (a->type != b->type || a->space != b->space)
		return false;
	if (a->type == EV_RADD || a->type == EV_RDEL)
		return range_eq(&a->r, &b->r) && a->r.kind == b->r.kind &&
		       !strcmp(a->r.name, b->r.name);
	return !tcmp(&a->t, &b->t) && a->result == b->result;
}

static void describe_ev(char *buf, size_t len, const char *who,
			const struct event *e)
{
	static const char *const tn[] = { "region-del", "region-add",
					  "eventfd-del", "eventfd-add" };

	if (e->type <= EV_RADD)
		snprintf(buf, len, "%s: s%d %s 0x%" PRIx64 " 0x%" PRIx64 "%s %s(id %" PRIu64
			 ") off 0x%" PRIx64,
			 who, e->space, tn[e->type], e->r.start,
			 (uint64_t)e->r.end, e->r.end >> 64 ? "+2^64" : "",
			 e->r.name, e->r.id, e->r.off);
	else
		snprintf(buf, len, "%s: s%d %s 0x%" PRIx64 " %u %s0x%" PRIx64 " fd %d -> %s",
			 who, e->space, tn[e->type], e->t.addr, e->t.size,
			 e->t.match ? "" : "*", e->t.data, e->t.fd,
			 mt_err_name(e->result));
}

static void compare_events(void)
{
	size_t i;
	char buf[400], b1[180], b2[180];

	if (log_overflow) {
		fail_trial("event log overflow");
		return;
	}
	for (i = 0; i < ngot || i < nwant; i++) {
		if (i < ngot && i < nwant && events_equal(&got[i], &want[i]))
			continue;
		if (i < ngot)
			describe_ev(b1, sizeof(b1), "got", &got[i]);
		else
			snprintf(b1, sizeof(b1), "got: (nothing)");
		if (i < nwant)
			describe_ev(b2, sizeof(b2), "want", &want[i]);
		else
			snprintf(b2, sizeof(b2), "want: (nothing)");
		snprintf(buf, sizeof(buf), "backend op #%zu differs: %s; %s", i, b1,
			 b2);
		fail_trial(buf);
		return;
	}
	CHECK_PASS();
}

struct collect_ranges {
	struct range v[MAXR];
	size_t n;
	bool overflow;
};

static int collect_range(void *arg, const mt_flat_range *f)
{
	struct collect_ranges *c = arg;

	if (c->n == MAXR) {
		c->overflow = true;
		return 1;
	}
	c->v[c->n].start = f->start;
	c->v[c->n].end = f->end;
	c->v[c->n].id = f->region_id;
	c->v[c->n].off = f->offset;
	c->v[c->n].kind = f->kind;
	snprintf(c->v[c->n].name, sizeof(c->v[c->n].name), "%s", f->region);
	c->n++;
	return 0;
}

struct collect_tuples {
	mt_ioeventfd v[MAXT];
	size_t n;
};

static int collect_tuple(void *arg, const mt_ioeventfd *t)
{
	struct collect_tuples *c = arg;

	if (c->n == MAXT)
		return 1;
	c->v[c->n++] = *t;
	return 0;
}

/* The committed state of every space against the model. */
static void compare_state(void)
{
	static struct collect_ranges cr;
	static struct collect_tuples ct;
	char buf[300];
	int s;
	size_t i;

	if (mt_space_count(ctx) != (size_t)(ms[0].exists + ms[1].exists + ms[2].exists)) {
		fail_trial("mt_space_count");
		return;
	}
	for (s = 0; s < MAXSP; s++) {
		struct mspace *S = &ms[s];

		if (!S->exists)
			continue;
		cr.n = 0;
		cr.overflow = false;
		mt_space_foreach_range(S->sp, collect_range, &cr);
		if (cr.overflow || cr.n != S->nview ||
		    mt_space_range_count(S->sp) != S->nview) {
			snprintf(buf, sizeof(buf),
				 "space %d: %zu ranges (count %zu), model %zu", s,
				 cr.n, mt_space_range_count(S->sp), S->nview);
			fail_trial(buf);
			return;
		}
		for (i = 0; i < cr.n; i++) {
			if (!range_eq(&cr.v[i], &S->view[i]) ||
			    cr.v[i].kind != S->view[i].kind ||
			    strcmp(cr.v[i].name, S->view[i].name)) {
				snprintf(buf, sizeof(buf),
					 "space %d range %zu: got 0x%" PRIx64 "+%" PRIu64
					 " %s off 0x%" PRIx64 ", model 0x%" PRIx64 "+%" PRIu64
					 " %s off 0x%" PRIx64,
					 s, i, cr.v[i].start,
					 (uint64_t)(cr.v[i].end - cr.v[i].start),
					 cr.v[i].name, cr.v[i].off, S->view[i].start,
					 (uint64_t)(S->view[i].end - S->view[i].start),
					 S->view[i].name, S->view[i].off);
				fail_trial(buf);
				return;
			}
		}
		ct.n = 0;
		mt_space_foreach_eventfd(S->sp, collect_tuple, &ct);
		if (ct.n != S->nI || mt_space_eventfd_count(S->sp) != S->nI) {
			snprintf(buf, sizeof(buf), "space %d: %zu installed (count %zu), model %zu",
				 s, ct.n, mt_space_eventfd_count(S->sp), S->nI);
			fail_trial(buf);
			return;
		}
		for (i = 0; i < ct.n; i++)
			if (tcmp(&ct.v[i], &S->I[i])) {
				fail_trial("installed set differs");
				return;
			}
		/* mt_lookup at a few addresses, against the model view */
		for (i = 0; i < 8; i++) {
			uint64_t a;
			mt_flat_range fr;
			size_t k;
			int rc, wrc = MT_ENOTFOUND;
			const struct range *hit = NULL;

			if (i == 0)
				a = UINT64_MAX;
			else if (i < 4 && S->nview)
				a = S->view[rn((unsigned)S->nview)].start + (i == 3 ? 0 : rn(3));
			else
				a = rn(2) ? rn(600) : (uint64_t)(HIGH0 + rn(HIGHN));
			for (k = 0; k < S->nview; k++)
				if (S->view[k].start <= a && S->view[k].end > a)
					hit = &S->view[k], wrc = MT_OK;
			rc = mt_lookup(S->sp, a, &fr);
			if (rc != wrc || (hit && (fr.start != hit->start ||
						  fr.end != hit->end ||
						  fr.region_id != hit->id ||
						  fr.offset != hit->off))) {
				snprintf(buf, sizeof(buf), "space %d: mt_lookup(0x%" PRIx64 ")", s, a);
				fail_trial(buf);
				return;
			}
		}
	}
	CHECK_PASS();
}

/* After a call: rc, then (if it committed) the backend stream, then state.
 * A mutating call commits when it succeeds outside a transaction. */
static void after_commit(int rc, int want_rc, bool commits)
{
	expect_rc(rc, want_rc);
	if (trial_failed)
		return;
	nwant = 0;
	if (commits) {
		model_commit();
		commits_checked++;
	}
	if (unbounded)
		return;
	compare_events();
	ngot = 0;
	log_overflow = false;
	if (!trial_failed)
		compare_state();
}

static void after(int rc, int want_rc, bool mutating)
{
	after_commit(rc, want_rc, rc == MT_OK && want_rc == MT_OK && mutating &&
					  mdepth == 0);
}

static int name_index(const char *n)
{
	int i;

	for (i = 0; i < NREG; i++)
		if (!strcmp(names[i], n))
			return i;
	return -1;
}

static void op_region_new(void)
{
	const char *n = names[rn(12)];
	int s = slot_of(n);
	mt_kind k = gen_kind();
	mt_u128 size = gen_size();
	int want_rc = s >= 0 ? MT_EEXIST : MT_OK, rc;

	snprintf(opdesc, sizeof(opdesc), "%s %s %" PRIu64, mt_kind_name(k), n,
		 (uint64_t)size);
	rc = mt_region_new(ctx, n, k, size);
	if (rc == MT_OK && want_rc == MT_OK) {
		s = name_index(n);
		memset(&m[s], 0, sizeof(m[s]));
		m[s].alive = true;
		strcpy(m[s].name, n);
		m[s].kind = k;
		m[s].size = size;
		m[s].enabled = true;
		m[s].parent = -1;
		m[s].target = -1;
		m[s].id = region_id(n);
	}
	after(rc, want_rc, true);
}

static void op_alias_new(void)
{
	const char *n = names[rn(12)];
	const char *t = rname();
	int s = slot_of(n), ts = slot_of(t);
	uint64_t off = rn(48);
	mt_u128 size = gen_size();
	int want_rc = s >= 0 ? MT_EEXIST : ts < 0 ? MT_ENOTFOUND : MT_OK, rc;

	if (ts == ROOT0 && rn(2))
		off = (uint64_t)(HIGH0 + HIGHN - 128 + rn(128));
	snprintf(opdesc, sizeof(opdesc), "alias %s %s 0x%" PRIx64 " %" PRIu64, n, t,
		 off, (uint64_t)size);
	rc = mt_alias_new(ctx, n, t, off, size);
	if (rc == MT_OK && want_rc == MT_OK) {
		s = name_index(n);
		memset(&m[s], 0, sizeof(m[s]));
		m[s].alive = true;
		strcpy(m[s].name, n);
		m[s].kind = MT_ALIAS;
		m[s].size = size;
		m[s].enabled = true;
		m[s].parent = -1;
		m[s].target = ts;
		m[s].aoff = off;
		m[s].id = region_id(n);
	}
	after(rc, want_rc, true);
}

static void op_map(void)
{
	const char *pn = rn(3) == 0 ? names[ROOT0 + rn(2)] : rname();
	const char *cn = rn(5) ? rname_unmapped() : rname();
	int p = slot_of(pn), c = slot_of(cn);
	uint64_t addr = gen_addr(p);
	bool with_prio = rn(2);
	int32_t prio = with_prio ? (int32_t)rn(5) - 2 : 0;
	int want_rc, rc;

	if (with_prio && rn(20) == 0)
		prio = rn(2) ? INT32_MIN : INT32_MAX;
	if (p < 0 || c < 0)
		want_rc = MT_ENOTFOUND;
	else if (m[p].kind == MT_ALIAS)
		want_rc = MT_EINVAL;
	else if (m[c].parent >= 0)
		want_rc = MT_EBUSY;
	else if (reaches(c, p, 0))
		want_rc = MT_ELOOP;
	else if (overlaps(p, c, addr, with_prio))
		want_rc = MT_EOVERLAP;
	else
		want_rc = MT_OK;
	snprintf(opdesc, sizeof(opdesc), "map %s %s 0x%" PRIx64 " %s%d", pn, cn, addr,
		 with_prio ? "" : "(no prio) ", prio);
	rc = mt_map(ctx, pn, cn, addr, prio, with_prio);
	if (rc == MT_OK && want_rc == MT_OK) {
		m[c].parent = p;
		m[c].addr = addr;
		m[c].prio = prio;
		m[c].ovl = with_prio;
		m[c].seq = ++mseq;
	}
	after(rc, want_rc, true);
}

static void op_unmap(void)
{
	const char *pn = rname(), *cn;
	int p = slot_of(pn), c, want_rc, rc, i;

	/* Usually pick a real child of p. */
	cn = rname();
	if (p >= 0 && rn(4)) {
		for (i = 0; i < NREG; i++)
			if (m[i].alive && m[i].parent == p && rn(2)) {
				cn = names[i];
				break;
			}
	}
	c = slot_of(cn);
	want_rc = (p < 0 || c < 0 || m[c].parent != p) ? MT_ENOTFOUND : MT_OK;
	snprintf(opdesc, sizeof(opdesc), "unmap %s %s", pn, cn);
	rc = mt_unmap(ctx, pn, cn);
	if (rc == MT_OK && want_rc == MT_OK)
		m[c].parent = -1;
	after(rc, want_rc, true);
}

static void op_move(void)
{
	const char *cn = rname();
	int c = slot_of(cn), want_rc, rc;
	uint64_t addr = gen_addr(c >= 0 ? m[c].parent : -1);

	if (c < 0)
		want_rc = MT_ENOTFOUND;
	else if (m[c].parent < 0)
		want_rc = MT_EINVAL;
	else if (overlaps(m[c].parent, c, addr, m[c].ovl))
		want_rc = MT_EOVERLAP;
	else
		want_rc = MT_OK;
	snprintf(opdesc, sizeof(opdesc), "move %s 0x%" PRIx64, cn, addr);
	rc = mt_move(ctx, cn, addr);
	if (rc == MT_OK && want_rc == MT_OK) {
		m[c].addr = addr;
		m[c].seq = ++mseq;
	}
	after(rc, want_rc, true);
}

static void op_enable(void)
{
	const char *n = rname();
	int s = slot_of(n), rc;
	bool en = rn(3) != 0;

	snprintf(opdesc, sizeof(opdesc), "%s %s", en ? "enable" : "disable", n);
	rc = mt_set_enabled(ctx, n, en);
	if (rc == MT_OK && s >= 0)
		m[s].enabled = en;
	after(rc, s < 0 ? MT_ENOTFOUND : MT_OK, true);
}

static void op_destroy(void)
{
	const char *n = rname();
	int s = slot_of(n), want_rc, rc;

	if (s < 0)
		want_rc = MT_ENOTFOUND;
	else if (m[s].parent >= 0 || has_kids(s) || is_target(s) || is_root(s))
		want_rc = MT_EBUSY;
	else
		want_rc = MT_OK;
	snprintf(opdesc, sizeof(opdesc), "destroy %s", n);
	rc = mt_destroy(ctx, n);
	if (rc == MT_OK && want_rc == MT_OK)
		m[s].alive = false;
	after(rc, want_rc, true);
}

static void gen_spec(mt_eventfd_spec *e, int s)
{
	static const uint8_t sizes[] = { 0, 1, 2, 4, 8, 4, 2, 1, 3 };
	mt_u128 rs = s >= 0 ? m[s].size : 16;

	e->size = sizes[rn(sizeof(sizes))];
	e->match = e->size && rn(3) != 0;
	e->data = e->match ? rn(rn(8) ? 3 : 300) : (rn(4) ? 0 : rnd());
	e->fd = (int32_t)rn(3) + 1;
	e->offset = rs ? rn((unsigned)(rs > 80 ? 80 : rs)) : 0;
	if (rn(30) == 0)
		e->fd = -1;
}

static bool spec_same(const mt_eventfd_spec *a, const mt_eventfd_spec *b)
{
	return a->offset == b->offset && a->size == b->size && a->match == b->match &&
	       (!a->match || a->data == b->data) && a->fd == b->fd;
}

static void op_efd_add(void)
{
	const char *n = rname();
	int s = slot_of(n), want_rc, rc, k;
	mt_eventfd_spec e;

	/* Prefer mmio regions. */
	for (k = 0; k < 4 && rn(3) && !(s >= 0 && m[s].kind == MT_MMIO); k++) {
		n = rname();
		s = slot_of(n);
	}
	gen_spec(&e, s);
	if (s < 0)
		want_rc = MT_ENOTFOUND;
	else if (m[s].kind != MT_MMIO || (e.size != 0 && e.size != 1 && e.size != 2 &&
					   e.size != 4 && e.size != 8) ||
		 (e.size == 0 && e.match) ||
		 (e.match && e.size < 8 && e.data >> (8 * e.size)) ||
		 (mt_u128)e.offset + (e.size ? e.size : 1) > m[s].size || e.fd < 0)
		want_rc = MT_EINVAL;
	else {
		want_rc = MT_OK;
		for (k = 0; k < m[s].nefd; k++)
			if (spec_same(&m[s].efd[k], &e))
				want_rc = MT_EEXIST;
		if (want_rc == MT_OK && m[s].nefd == MAXEFD)
			return; /* model full: skip */
	}
	snprintf(opdesc, sizeof(opdesc), "eventfd-add %s 0x%" PRIx64 " %u %s0x%" PRIx64 " %d",
		 n, e.offset, e.size, e.match ? "" : "*", e.data, e.fd);
	rc = mt_eventfd_add(ctx, n, &e);
	if (rc == MT_OK && want_rc == MT_OK) {
		if (!e.match)
			e.data = 0;
		m[s].efd[m[s].nefd++] = e;
	}
	after(rc, want_rc, true);
}

static void op_efd_del(void)
{
	const char *n = rname();
	int s = slot_of(n), want_rc, rc, k, hit = -1;
	mt_eventfd_spec e;

	for (k = 0; k < 6 && !(s >= 0 && m[s].nefd); k++) {
		n = rname();
		s = slot_of(n);
	}
	if (s >= 0 && m[s].nefd && rn(4)) {
		e = m[s].efd[rn((unsigned)m[s].nefd)];
		if (!e.match && rn(2))
			e.data = rnd(); /* ignored when not matching */
	} else {
		gen_spec(&e, s);
	}
	if (s >= 0)
		for (k = 0; k < m[s].nefd; k++)
			if (spec_same(&m[s].efd[k], &e))
				hit = k;
	want_rc = hit >= 0 ? MT_OK : MT_ENOTFOUND;
	snprintf(opdesc, sizeof(opdesc), "eventfd-del %s 0x%" PRIx64 " %u %s0x%" PRIx64 " %d",
		 n, e.offset, e.size, e.match ? "" : "*", e.data, e.fd);
	rc = mt_eventfd_del(ctx, n, &e);
	if (rc == MT_OK && want_rc == MT_OK)
		m[s].efd[hit] = m[s].efd[--m[s].nefd];
	after(rc, want_rc, true);
}

/* Two aliases of one target with contiguous windows, mapped side by side:
 * their flat ranges must merge (same region object, contiguous offsets). */
static void op_alias_pair(void)
{
	int a = -1, b = -1, i, t = -1, p = -1;
	uint64_t off = rn(16), x;
	mt_u128 s1 = 1 + rn(20), s2 = 1 + rn(20);
	int32_t prio = (int32_t)rn(3);
	int rc, want_rc;

	for (i = 0; i < 12; i++)
		if (!m[i].alive)
			a < 0 ? (a = i) : b < 0 ? (b = i) : 0;
	for (i = 0; i < 8 && (t < 0 || m[t].kind == MT_ALIAS || m[t].kind == MT_CONTAINER); i++)
		t = slot_of(rname());
	p = slot_of(rname());
	if (a < 0 || b < 0 || t < 0 || p < 0 || m[p].kind == MT_ALIAS)
		return;
	x = rn(48);
	snprintf(opdesc, sizeof(opdesc), "alias-pair %s %s of %s at %s+0x%" PRIx64,
		 names[a], names[b], names[t], names[p], x);
	rc = mt_alias_new(ctx, names[a], names[t], off, s1);
	after(rc, MT_OK, true);
	if (rc)
		return;
	m[a] = (struct mreg){ .alive = true, .kind = MT_ALIAS, .size = s1,
			      .enabled = true, .parent = -1, .target = t,
			      .aoff = off, .id = region_id(names[a]) };
	strcpy(m[a].name, names[a]);
	rc = mt_alias_new(ctx, names[b], names[t], off + (uint64_t)s1, s2);
	after(rc, MT_OK, true);
	if (rc)
		return;
	m[b] = (struct mreg){ .alive = true, .kind = MT_ALIAS, .size = s2,
			      .enabled = true, .parent = -1, .target = t,
			      .aoff = off + (uint64_t)s1, .id = region_id(names[b]) };
	strcpy(m[b].name, names[b]);
	for (i = 0; i < 2; i++) {
		int c = i ? b : a;
		uint64_t addr = x + (i ? (uint64_t)s1 : 0);

		want_rc = reaches(c, p, 0) ? MT_ELOOP : MT_OK;
		rc = mt_map(ctx, names[p], names[c], addr, prio, true);
		if (rc == MT_OK && want_rc == MT_OK) {
			m[c].parent = p;
			m[c].addr = addr;
			m[c].prio = prio;
			m[c].ovl = true;
			m[c].seq = ++mseq;
		}
		after(rc, want_rc, true);
		if (rc)
			return;
	}
}

static void make_space(int idx, const char *root)
{
	int r = slot_of(root), want_rc, rc;
	struct rec *b = malloc(sizeof(*b));

	b->space = idx;
	snprintf(ms[idx].name, sizeof(ms[idx].name), "s%d", idx);
	want_rc = ms[idx].exists ? MT_EEXIST : r < 0 ? MT_ENOTFOUND : MT_OK;
	snprintf(opdesc, sizeof(opdesc), "space %s %s", ms[idx].name, root);
	rc = mt_space_new(ctx, ms[idx].name, root, rn(2), &rec_ops, b);
	if (rc != MT_OK)
		want_destroyed++; /* the opaque is destroyed right away */
	if (rc == MT_OK && want_rc == MT_OK) {
		ms[idx].exists = true;
		ms[idx].root = r;
		ms[idx].nview = ms[idx].nprevD = ms[idx].nI = 0;
		ms[idx].sp = mt_space_find(ctx, ms[idx].name);
	}
	after(rc, want_rc, true);
}

static void op_txn(void)
{
	int rc;

	if (mdepth < 3 && rn(2)) {
		snprintf(opdesc, sizeof(opdesc), "begin");
		rc = mt_begin(ctx);
		if (!rc)
			mdepth++;
		expect_rc(rc, MT_OK);
		CHECK_EQ_U64(mt_transaction_depth(ctx), mdepth);
		after(MT_OK, MT_OK, false);
		return;
	}
	snprintf(opdesc, sizeof(opdesc), "commit (depth %u)", mdepth);
	rc = mt_commit(ctx);
	if (mdepth == 0) {
		after(rc, MT_EINVAL, false);
		return;
	}
	mdepth--;
	after_commit(rc, MT_OK, mdepth == 0);
	CHECK_EQ_U64(mt_transaction_depth(ctx), mdepth);
}

static void run_trial(unsigned nops)
{
	int i;
	unsigned k;

	memset(m, 0, sizeof(m));
	memset(ms, 0, sizeof(ms));
	for (i = 0; i < NREG; i++) {
		strcpy(m[i].name, names[i]);
		m[i].parent = m[i].target = -1;
	}
	mseq = 0;
	mdepth = 0;
	salt = rn(3) ? 0 : (uint32_t)rnd() | 1;
	unbounded = false;
	trial_failed = false;
	ngot = nwant = 0;
	log_overflow = false;
	ndestroyed = want_destroyed = 0;
	ctx = mt_ctx_new();
	if (!CHECK(ctx != NULL))
		return;

	/* Two roots and two spaces; root0 spans all of 2^64. */
	snprintf(opdesc, sizeof(opdesc), "setup");
	expect_rc(mt_region_new(ctx, "root0", MT_CONTAINER, MT_2_64), MT_OK);
	expect_rc(mt_region_new(ctx, "root1", MT_CONTAINER, 1000), MT_OK);
	for (i = ROOT0; i <= ROOT1; i++) {
		m[i].alive = true;
		m[i].kind = MT_CONTAINER;
		m[i].size = i == ROOT0 ? MT_2_64 : 1000;
		m[i].enabled = true;
		m[i].id = region_id(names[i]);
	}
	make_space(0, "root0");
	make_space(1, "root1");
	/* A few regions to start with. */
	for (k = 0; k < 9; k++)
		op_region_new();

	for (op_no = 0; op_no < nops && !trial_failed && !unbounded; op_no++) {
		unsigned w = rn(100);

		if (rn(16) == 0)
			salt = rn(2) ? 0 : (uint32_t)rnd() | 1;
		ops_run++;
		if (w < 6)
			op_region_new();
		else if (w < 12)
			op_alias_new();
		else if (w < 40)
			op_map();
		else if (w < 50)
			op_unmap();
		else if (w < 62)
			op_move();
		else if (w < 70)
			op_enable();
		else if (w < 76)
			op_destroy();
		else if (w < 88)
			op_efd_add();
		else if (w < 93)
			op_efd_del();
		else if (w < 95)
			make_space(rn(2) ? 2 : (int)rn(3), rname());
		else if (w < 97)
			op_alias_pair();
		else
			op_txn();
	}
	/* Close open transactions: the outermost commit updates everything. */
	while (mdepth && !trial_failed && !unbounded)
		op_txn();
	if (unbounded)
		trials_abandoned++;
	mt_ctx_free(ctx);
	if (!trial_failed)
		CHECK_EQ_U64(ndestroyed, want_destroyed + ms[0].exists + ms[1].exists +
						 ms[2].exists);
}

/* A few fixed scenarios the random walk reaches rarely. */
static void fixed_scenarios(void)
{
	mt_ctx *c = mt_ctx_new();
	const mt_space *sp;
	mt_flat_range fr;

	/* A terminal spanning all of 2^64, overlaid at the top. */
	CHECK(!mt_region_new(c, "sys", MT_CONTAINER, MT_2_64));
	CHECK(!mt_region_new(c, "big", MT_RAM, MT_2_64));
	CHECK(!mt_region_new(c, "top", MT_MMIO, 16));
	CHECK(!mt_space_new(c, "mem", "sys", false, NULL, NULL));
	CHECK(!mt_map(c, "sys", "big", 0, 0, true));
	CHECK(!mt_map(c, "sys", "top", UINT64_MAX - 7, 1, true));
	sp = mt_space_find(c, "mem");
	CHECK_EQ_U64(mt_space_range_count(sp), 2);
	CHECK(!mt_lookup(sp, UINT64_MAX, &fr));
	CHECK_STR(fr.region, "top");
	CHECK(fr.end == MT_2_64);
	CHECK_EQ_U64(fr.start, UINT64_MAX - 7);
	CHECK_EQ_U64(fr.offset, 0);
	CHECK(!mt_lookup(sp, UINT64_MAX - 8, &fr));
	CHECK_STR(fr.region, "big");
	CHECK(fr.end == MT_2_64 - 8);
	/* Lower priority underneath: disappear top, big merges back whole. */
	CHECK(!mt_set_enabled(c, "top", false));
	CHECK_EQ_U64(mt_space_range_count(sp), 1);
	CHECK(!mt_lookup(sp, UINT64_MAX, &fr));
	CHECK(fr.start == 0 && fr.end == MT_2_64 && fr.offset == 0);
	/* An alias with a base below 0: only the clipped window shows. */
	CHECK(!mt_set_enabled(c, "top", true));
	CHECK(!mt_region_new(c, "win", MT_CONTAINER, 64));
	CHECK(!mt_alias_new(c, "a", "sys", UINT64_MAX - 3, 8));
	CHECK(!mt_map(c, "win", "a", 10, 0, false));
	CHECK(!mt_region_new(c, "sys2", MT_CONTAINER, 64));
	CHECK(!mt_map(c, "sys2", "win", 0, 0, false));
	CHECK(!mt_space_new(c, "other", "sys2", false, NULL, NULL));
	sp = mt_space_find(c, "other");
	CHECK_EQ_U64(mt_space_range_count(sp), 1);
	CHECK(!mt_lookup(sp, 10, &fr));
	CHECK(fr.start == 10 && fr.end == 14 && fr.offset == 4);
	CHECK_STR(fr.region, "top");
	CHECK(mt_lookup(sp, 14, &fr) == MT_ENOTFOUND);
	mt_ctx_free(c);
}

int main(int argc, char **argv)
{
	unsigned long trials = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000;
	unsigned nops = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 40;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;

	fixed_scenarios();
	for (trial_no = 0; trial_no < trials; trial_no++) {
		rng = seed * 0x100000001b3ull + trial_no;
		run_trial(nops);
	}
	fprintf(stderr,
		"test_subregions: %lu trials x %u ops (seed %" PRIu64 "): %lu ops, "
		"%lu commits checked, %lu trials abandoned (left the windows)\n",
		trials, nops, seed, ops_run, commits_checked, trials_abandoned);
	fprintf(stderr,
		"  expected ops: %lu region-del, %lu region-add, %lu eventfd-del "
		"(%lu failing), %lu eventfd-add (%lu refused)\n  call results:",
		nev[EV_RDEL], nev[EV_RADD], nev[EV_EDEL], nfaileddel, nev[EV_EADD],
		nrefused);
	for (int i = 0; i < MT_ERR_COUNT; i++)
		fprintf(stderr, " %s=%lu", mt_err_name(i), nok[i]);
	fprintf(stderr, "\n");
	return check_report();
}

/* ioeventfds through the public API (SPEC sections 1, 3, 4): activity, the
 * order of backend operations, refusals and retries, failed deletions, the
 * 2^64 boundary, and the reference backend's collision rules. */
#include <stdlib.h>

#include "check.h"
#include "memtopo.h"

/* ---- a recording backend ---------------------------------------------- */

struct rec {
	char log[8192];
	size_t len;
	uint64_t refuse_addr[8]; /* eventfd_add at these addresses: conflict */
	int nrefuse;
	bool fail_del;		 /* every eventfd_del fails */
	int destroyed;
};

static void logf_(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void logf_(struct rec *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	r->len += (size_t)vsnprintf(r->log + r->len, sizeof(r->log) - r->len, fmt, ap);
	va_end(ap);
	if (r->len >= sizeof(r->log))
		r->len = sizeof(r->log) - 1;
}

static void log_t(struct rec *r, const char *what, const mt_ioeventfd *e)
{
	if (e->match)
		logf_(r, "%s %" PRIx64 " %u %" PRIx64 " %d;", what, e->addr, e->size,
		      e->data, e->fd);
	else
		logf_(r, "%s %" PRIx64 " %u * %d;", what, e->addr, e->size, e->fd);
}

static void r_radd(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)s;
	logf_(o, "radd %" PRIx64 " %s;", f->start, f->region);
}

static void r_rdel(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)s;
	logf_(o, "rdel %" PRIx64 " %s;", f->start, f->region);
}

static int r_eadd(void *o, const mt_space *s, const mt_ioeventfd *e)
{
	struct rec *r = o;
	int i;

	(void)s;
	for (i = 0; i < r->nrefuse; i++)
		if (r->refuse_addr[i] == e->addr) {
			log_t(r, "add!", e);
			return MT_ECONFLICT;
		}
	log_t(r, "add", e);
	return MT_OK;
}

static int r_edel(void *o, const mt_space *s, const mt_ioeventfd *e)
{
	struct rec *r = o;

	(void)s;
	log_t(r, r->fail_del ? "del!" : "del", e);
	return r->fail_del ? MT_ENOTFOUND : MT_OK;
}

static void r_destroy(void *o)
{
	((struct rec *)o)->destroyed++;
}

static const mt_backend_ops rec_ops = { .region_add = r_radd, .region_del = r_rdel, .eventfd_add = r_eadd,
					 .eventfd_del = r_edel, .destroy = r_destroy };

/* Region ops are logged too; most checks look at eventfd ops only. */
static const mt_backend_ops rec_efd_ops = { .eventfd_add = r_eadd, .eventfd_del = r_edel,
					     .destroy = r_destroy };

static void clear(struct rec *r)
{
	r->len = 0;
	r->log[0] = 0;
}

#define LOG_IS(r, want)                                                     \
	do {                                                                \
		CHECK_STR((r)->log, want);                                  \
		clear(r);                                                   \
	} while (0)

static mt_eventfd_spec S(uint64_t off, uint8_t size, bool match, uint64_t data,
			 int32_t fd)
{
	mt_eventfd_spec e = { off, size, match, data, fd };

	return e;
}

static int add(mt_ctx *c, const char *r, mt_eventfd_spec e)
{
	return mt_eventfd_add(c, r, &e);
}

static int del(mt_ctx *c, const char *r, mt_eventfd_spec e)
{
	return mt_eventfd_del(c, r, &e);
}

/* Installed set as text. */
static char inst[2048];

static int inst_cb(void *arg, const mt_ioeventfd *e)
{
	size_t n = strlen(inst);

	(void)arg;
	if (e->match)
		snprintf(inst + n, sizeof(inst) - n, "%" PRIx64 " %u %" PRIx64 " %d;",
			 e->addr, e->size, e->data, e->fd);
	else
		snprintf(inst + n, sizeof(inst) - n, "%" PRIx64 " %u * %d;", e->addr,
			 e->size, e->fd);
	return 0;
}

static const char *installed(const mt_space *s)
{
	inst[0] = 0;
	mt_space_foreach_eventfd(s, inst_cb, NULL);
	return inst;
}

/* sys (2^64 container) with mmio dev (0x100) at 0x1000, space mem. */
static mt_ctx *setup(struct rec *r, const mt_backend_ops *ops)
{
	mt_ctx *c = mt_ctx_new();

	memset(r, 0, sizeof(*r));
	CHECK(!mt_region_new(c, "sys", MT_CONTAINER, MT_2_64));
	CHECK(!mt_region_new(c, "dev", MT_MMIO, 0x100));
	CHECK(!mt_map(c, "sys", "dev", 0x1000, 0, false));
	CHECK(!mt_space_new(c, "mem", "sys", false, ops, r));
	clear(r);
	return c;
}

static void test_validation(void)
{
	struct rec r;
	mt_ctx *c = setup(&r, &rec_ops);

	CHECK(!mt_region_new(c, "ram", MT_RAM, 0x100));
	CHECK(!mt_region_new(c, "cont", MT_CONTAINER, 0x100));
	CHECK(!mt_alias_new(c, "al", "dev", 0, 0x100));
	CHECK(!mt_region_new(c, "tiny", MT_MMIO, 0));
	CHECK_EQ_U64(add(c, "nope", S(0, 4, true, 1, 1)), MT_ENOTFOUND);
	CHECK(strlen(mt_errmsg(c)) > 0);
	CHECK_EQ_U64(add(c, "ram", S(0, 4, true, 1, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "cont", S(0, 4, true, 1, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "al", S(0, 4, true, 1, 1)), MT_EINVAL); /* alias of mmio */
	CHECK_EQ_U64(add(c, "tiny", S(0, 0, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 3, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 16, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 0, true, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 1, true, 0x100, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 2, true, 0x10000, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 4, true, 0x100000000ull, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0x100, 0, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0xfd, 4, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0xf9, 8, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(UINT64_MAX, 1, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 4, true, 1, -1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "dev", S(0, 4, true, 1, INT32_MIN)), MT_EINVAL);
	CHECK_STR(r.log, ""); /* failures commit nothing */
	CHECK_EQ_U64(add(c, "dev", S(0xff, 0, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xff, 1, true, 0xff, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xfe, 2, true, 0xffff, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xfc, 4, true, 0xffffffff, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xf8, 8, true, UINT64_MAX, INT32_MAX)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0, 8, false, 12345, 0)), MT_OK);
	/* exists: identical tuple; data is ignored when not matching */
	CHECK_EQ_U64(add(c, "dev", S(0, 8, false, 999, 0)), MT_EEXIST);
	CHECK_EQ_U64(add(c, "dev", S(0xff, 1, true, 0xff, 1)), MT_EEXIST);
	CHECK_EQ_U64(add(c, "dev", S(0xff, 1, true, 0xfe, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xff, 1, true, 0xff, 2)), MT_OK);
	CHECK_EQ_U64(add(c, "dev", S(0xff, 1, false, 0, 1)), MT_OK);
	/* invalid is checked before exists */
	CHECK_EQ_U64(add(c, "dev", S(0, 8, false, 0, -1)), MT_EINVAL);
	/* del: not-found region or tuple */
	CHECK_EQ_U64(del(c, "nope", S(0, 8, false, 0, 0)), MT_ENOTFOUND);
	CHECK_EQ_U64(del(c, "ram", S(0, 8, false, 0, 0)), MT_ENOTFOUND);
	CHECK_EQ_U64(del(c, "dev", S(0, 8, false, 0, 1)), MT_ENOTFOUND);
	CHECK_EQ_U64(del(c, "dev", S(0, 8, true, 0, 0)), MT_ENOTFOUND);
	CHECK_EQ_U64(del(c, "dev", S(0, 3, false, 0, 0)), MT_ENOTFOUND);
	CHECK_EQ_U64(del(c, "dev", S(0, 8, false, 7, 0)), MT_OK); /* data ignored */
	CHECK_EQ_U64(del(c, "dev", S(0, 8, false, 0, 0)), MT_ENOTFOUND);
	CHECK_EQ_U64(mt_space_eventfd_count(mt_space_find(c, "mem")), 8);
	mt_ctx_free(c);
	CHECK_EQ_U64(r.destroyed, 1);
}

static void test_order(void)
{
	struct rec r;
	mt_ctx *c = setup(&r, &rec_efd_ops);
	const mt_space *mem = mt_space_find(c, "mem");

	/* Scrambled registration; the commit adds in canonical order:
	 * A, size, match (no-match first), data, fd. */
	CHECK(!mt_begin(c));
	CHECK(!add(c, "dev", S(0x10, 4, true, 2, 1)));
	CHECK(!add(c, "dev", S(0x10, 4, true, 1, 9)));
	CHECK(!add(c, "dev", S(0x10, 4, false, 0, 5)));
	CHECK(!add(c, "dev", S(0x10, 2, true, 7, 1)));
	CHECK(!add(c, "dev", S(0x8, 8, true, 0, 1)));
	CHECK(!add(c, "dev", S(0x10, 4, true, 1, 3)));
	CHECK(!add(c, "dev", S(0x10, 0, false, 0, 4)));
	CHECK(!add(c, "dev", S(0x10, 4, false, 0, 2)));
	CHECK_STR(r.log, "");
	CHECK(!mt_commit(c));
	LOG_IS(&r, "add 1008 8 0 1;add 1010 0 * 4;add 1010 2 7 1;add 1010 4 * 2;"
		   "add 1010 4 * 5;add 1010 4 1 3;add 1010 4 1 9;add 1010 4 2 1;");
	CHECK_STR(installed(mem), "1008 8 0 1;1010 0 * 4;1010 2 7 1;1010 4 * 2;"
				  "1010 4 * 5;1010 4 1 3;1010 4 1 9;1010 4 2 1;");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 8);

	/* Deletions precede additions; each group canonical. */
	CHECK(!mt_begin(c));
	CHECK(!add(c, "dev", S(0x0, 1, false, 0, 1)));
	CHECK(!del(c, "dev", S(0x10, 4, true, 2, 1)));
	CHECK(!add(c, "dev", S(0x20, 1, false, 0, 1)));
	CHECK(!del(c, "dev", S(0x8, 8, true, 0, 1)));
	CHECK(!mt_commit(c));
	LOG_IS(&r, "del 1008 8 0 1;del 1010 4 2 1;add 1000 1 * 1;add 1020 1 * 1;");

	/* Moving dev changes every address: all deleted, then all added. */
	CHECK(!mt_region_new(c, "dev2", MT_MMIO, 0x10));
	CHECK(!add(c, "dev2", S(0x0, 1, false, 0, 1)));
	CHECK_STR(r.log, "");       /* dev2 is not mapped */
	CHECK(!mt_map(c, "sys", "dev2", 0x1100, 0, false));
	LOG_IS(&r, "add 1100 1 * 1;");
	CHECK(!mt_move(c, "dev", 0x2000));
	LOG_IS(&r, "del 1000 1 * 1;del 1010 0 * 4;del 1010 2 7 1;del 1010 4 * 2;"
		   "del 1010 4 * 5;del 1010 4 1 3;del 1010 4 1 9;del 1020 1 * 1;"
		   "add 2000 1 * 1;add 2010 0 * 4;add 2010 2 7 1;add 2010 4 * 2;"
		   "add 2010 4 * 5;add 2010 4 1 3;add 2010 4 1 9;add 2020 1 * 1;");
	/* Back and forth inside one transaction: D unchanged, nothing sent. */
	CHECK(!mt_begin(c));
	CHECK(!mt_move(c, "dev", 0x3000));
	CHECK(!mt_move(c, "dev", 0x2000));
	CHECK(!add(c, "dev", S(0x30, 1, false, 0, 1)));
	CHECK(!del(c, "dev", S(0x30, 1, false, 0, 1)));
	CHECK(!mt_commit(c));
	CHECK_STR(r.log, "");
	/* disable/enable: all go, all come back */
	CHECK(!mt_set_enabled(c, "dev2", false));
	LOG_IS(&r, "del 1100 1 * 1;");
	CHECK(!mt_set_enabled(c, "dev2", false)); /* idempotent */
	CHECK_STR(r.log, "");
	CHECK(!mt_set_enabled(c, "dev2", true));
	LOG_IS(&r, "add 1100 1 * 1;");
	/* unmap + destroy deletes; space order: mem before a later space */
	CHECK(!mt_region_new(c, "sys2", MT_CONTAINER, 0x100));
	CHECK(!mt_begin(c));
	CHECK(!mt_unmap(c, "sys", "dev2"));
	CHECK(!mt_map(c, "sys2", "dev2", 0x10, 0, false));
	CHECK(!mt_space_new(c, "io", "sys2", true, &rec_efd_ops, &r));
	CHECK(mt_space_is_pio(mt_space_find(c, "io")));
	CHECK(!mt_space_is_pio(mem));
	CHECK(!mt_commit(c));
	LOG_IS(&r, "del 1100 1 * 1;add 10 1 * 1;");
	mt_ctx_free(c);
	CHECK_EQ_U64(r.destroyed, 2);
}

static void test_refusal_retry(void)
{
	struct rec r;
	mt_ctx *c = setup(&r, &rec_efd_ops);
	const mt_space *mem = mt_space_find(c, "mem");

	r.refuse_addr[r.nrefuse++] = 0x1010;
	CHECK(!mt_begin(c));
	CHECK(!add(c, "dev", S(0x10, 4, false, 0, 1)));
	CHECK(!add(c, "dev", S(0x20, 4, false, 0, 1)));
	CHECK(!mt_commit(c));
	LOG_IS(&r, "add! 1010 4 * 1;add 1020 4 * 1;");
	CHECK_STR(installed(mem), "1020 4 * 1;");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 1);

	/* A commit whose D does not change retries nothing (even a region
	 * change elsewhere, even with the refusal lifted). */
	r.nrefuse = 0;
	CHECK(!mt_region_new(c, "ram", MT_RAM, 0x10));
	CHECK(!mt_map(c, "sys", "ram", 0x0, 0, false));
	CHECK(!mt_begin(c));
	CHECK(!mt_commit(c));
	CHECK_STR(r.log, "");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 1);
	/* D changes (an unrelated tuple): the refused one is retried. */
	CHECK(!add(c, "dev", S(0x30, 1, false, 0, 1)));
	LOG_IS(&r, "add 1010 4 * 1;add 1030 1 * 1;");
	CHECK_STR(installed(mem), "1010 4 * 1;1020 4 * 1;1030 1 * 1;");

	/* Refused again: retried at every D change until accepted. */
	r.refuse_addr[r.nrefuse++] = 0x1040;
	CHECK(!add(c, "dev", S(0x40, 1, false, 0, 1)));
	LOG_IS(&r, "add! 1040 1 * 1;");
	CHECK(!add(c, "dev", S(0x50, 1, false, 0, 1)));
	LOG_IS(&r, "add! 1040 1 * 1;add 1050 1 * 1;");
	/* D shrinking is a change too. */
	CHECK(!del(c, "dev", S(0x50, 1, false, 0, 1)));
	LOG_IS(&r, "del 1050 1 * 1;add! 1040 1 * 1;");
	/* A refused tuple that leaves D is simply forgotten. */
	CHECK(!del(c, "dev", S(0x40, 1, false, 0, 1)));
	CHECK_STR(r.log, "");
	CHECK(!add(c, "dev", S(0x60, 1, false, 0, 1)));
	LOG_IS(&r, "add 1060 1 * 1;");
	CHECK_STR(installed(mem), "1010 4 * 1;1020 4 * 1;1030 1 * 1;1060 1 * 1;");

	/* Failed deletions: the tuple stays installed. */
	r.fail_del = true;
	CHECK(!del(c, "dev", S(0x60, 1, false, 0, 1)));
	LOG_IS(&r, "del! 1060 1 * 1;");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 4);
	CHECK_STR(installed(mem), "1010 4 * 1;1020 4 * 1;1030 1 * 1;1060 1 * 1;");
	/* No D change: no retry. */
	CHECK(!mt_move(c, "ram", 0x10));
	CHECK_STR(r.log, "");
	/* It comes back into D while still installed: nothing to do for it. */
	CHECK(!add(c, "dev", S(0x60, 1, false, 0, 1)));
	CHECK_STR(r.log, "");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 4);
	/* Unmapping dev: every del fails, all stay installed. */
	CHECK(!mt_unmap(c, "sys", "dev"));
	LOG_IS(&r, "del! 1010 4 * 1;del! 1020 4 * 1;del! 1030 1 * 1;del! 1060 1 * 1;");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 4);
	/* D changes again (remap elsewhere): deletions retried, now succeed,
	 * before the additions. */
	r.fail_del = false;
	CHECK(!mt_map(c, "sys", "dev", 0x2000, 0, false));
	LOG_IS(&r, "del 1010 4 * 1;del 1020 4 * 1;del 1030 1 * 1;del 1060 1 * 1;"
		   "add 2010 4 * 1;add 2020 4 * 1;add 2030 1 * 1;add 2060 1 * 1;");
	CHECK_STR(installed(mem), "2010 4 * 1;2020 4 * 1;2030 1 * 1;2060 1 * 1;");
	/* Map back to 0x1000 with a failing delete of the old ones. */
	r.fail_del = true;
	CHECK(!mt_move(c, "dev", 0x1000));
	LOG_IS(&r, "del! 2010 4 * 1;del! 2020 4 * 1;del! 2030 1 * 1;del! 2060 1 * 1;"
		   "add 1010 4 * 1;add 1020 4 * 1;add 1030 1 * 1;add 1060 1 * 1;");
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 8);
	mt_ctx_free(c);
}

static void test_partial(void)
{
	struct rec r;
	mt_ctx *c = setup(&r, &rec_efd_ops);
	const mt_space *mem = mt_space_find(c, "mem");

	/* An overlay hides byte 0x12 of dev. */
	CHECK(!mt_region_new(c, "ov", MT_RAM, 1));
	CHECK(!mt_map(c, "sys", "ov", 0x1012, 1, true));
	CHECK(!mt_begin(c));
	CHECK(!add(c, "dev", S(0x10, 4, false, 0, 1))); /* covers 0x12: inactive */
	CHECK(!add(c, "dev", S(0x10, 2, false, 0, 1))); /* 0x10-0x11: active */
	CHECK(!add(c, "dev", S(0x13, 1, false, 0, 1))); /* active */
	CHECK(!add(c, "dev", S(0x12, 0, false, 0, 1))); /* span 1 on 0x12: inactive */
	CHECK(!add(c, "dev", S(0x11, 0, false, 0, 1))); /* active */
	CHECK(!add(c, "dev", S(0x11, 2, false, 0, 1))); /* 0x11-0x12: inactive */
	CHECK(!mt_commit(c));
	LOG_IS(&r, "add 1010 2 * 1;add 1011 0 * 1;add 1013 1 * 1;");
	/* Removing the overlay activates the rest. */
	CHECK(!mt_unmap(c, "sys", "ov"));
	LOG_IS(&r, "add 1010 4 * 1;add 1011 2 * 1;add 1012 0 * 1;");
	/* Lower priority overlay: dev wins, nothing changes. */
	CHECK(!mt_map(c, "sys", "ov", 0x1012, -1, true));
	CHECK_STR(r.log, "");
	CHECK(!mt_unmap(c, "sys", "ov"));

	/* A container window clips dev: shrink its parent. */
	CHECK(!mt_unmap(c, "sys", "dev"));
	clear(&r);
	CHECK(!mt_region_new(c, "win", MT_CONTAINER, 0x12));
	CHECK(!mt_map(c, "win", "dev", 0, 0, false));
	CHECK(!mt_map(c, "sys", "win", 0x1000, 0, false));
	LOG_IS(&r, "add 1010 2 * 1;add 1011 0 * 1;");
	CHECK(!mt_unmap(c, "sys", "win"));
	CHECK(!mt_unmap(c, "win", "dev"));
	clear(&r);

	/* Alias windows: [0x11, 0x14) of dev at 0x5000. */
	CHECK(!mt_alias_new(c, "a1", "dev", 0x11, 3));
	CHECK(!mt_map(c, "sys", "a1", 0x5000, 0, false));
	LOG_IS(&r, "add 5000 0 * 1;add 5000 2 * 1;add 5001 0 * 1;add 5002 1 * 1;");
	/* A second alias right after, contiguous: ranges merge into one flat
	 * range, so an ioeventfd straddling the seam is active. */
	CHECK(!mt_alias_new(c, "a0", "dev", 0x0, 0x11));
	CHECK(!mt_map(c, "sys", "a0", 0x5000 - 0x11, 0, false));
	CHECK_EQ_U64(mt_space_range_count(mem), 1);
	LOG_IS(&r, "add 4fff 2 * 1;add 4fff 4 * 1;");
	/* Not contiguous in offsets: a gap byte at the seam splits them. */
	CHECK(!mt_move(c, "a0", 0x5000 - 0x12));
	CHECK_EQ_U64(mt_space_range_count(mem), 2);
	LOG_IS(&r, "del 4fff 2 * 1;del 4fff 4 * 1;");
	/* a size-0 one at dev's 0x10 shows through a0 (span 1 inside) */
	CHECK(!add(c, "dev", S(0x10, 0, false, 0, 3)));
	LOG_IS(&r, "add 4ffe 0 * 3;");
	mt_ctx_free(c);
}

/* The 2^64 boundary and the reference backend's range check. */
static void test_boundary(void)
{
	mt_ctx *c = mt_ctx_new();
	void *b = mt_ref_backend_new();
	const mt_space *mem;
	mt_ioeventfd e;

	CHECK(!mt_region_new(c, "sys", MT_CONTAINER, MT_2_64));
	CHECK(!mt_region_new(c, "top", MT_MMIO, 8));
	CHECK(!mt_map(c, "sys", "top", UINT64_MAX - 7, 0, false));
	CHECK(!mt_space_new(c, "mem", "sys", false, mt_ref_backend_ops(), b));
	mem = mt_space_find(c, "mem");
	CHECK(mt_space_backend(mem) == b);
	CHECK(!add(c, "top", S(0, 8, false, 0, 1)));	/* A+8 = 2^64: invalid */
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 0);
	CHECK(!add(c, "top", S(4, 4, true, 5, 1)));	/* ends at 2^64 */
	CHECK(!add(c, "top", S(7, 1, false, 0, 1)));	/* ends at 2^64 */
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 0);
	CHECK(!add(c, "top", S(7, 0, false, 0, 2)));	/* size 0: accepted */
	CHECK(!add(c, "top", S(6, 1, false, 0, 3)));	/* ends at 2^64-1 */
	CHECK(!add(c, "top", S(0, 4, false, 0, 4)));
	CHECK_STR(installed(mem), "fffffffffffffff8 4 * 4;fffffffffffffffe 1 * 3;"
				  "ffffffffffffffff 0 * 2;");
	CHECK_EQ_U64(mt_ref_backend_count(b), 3);
	/* An mmio region of 2^64 bytes at 0. */
	CHECK(!mt_unmap(c, "sys", "top"));
	CHECK_EQ_U64(mt_space_eventfd_count(mem), 0);
	CHECK_EQ_U64(mt_ref_backend_count(b), 0);
	CHECK(!mt_region_new(c, "all", MT_MMIO, MT_2_64));
	CHECK(!mt_map(c, "sys", "all", 0, 0, false));
	CHECK_EQ_U64(add(c, "all", S(UINT64_MAX, 1, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "all", S(UINT64_MAX, 2, false, 0, 1)), MT_EINVAL);
	CHECK_EQ_U64(add(c, "all", S(UINT64_MAX - 1, 2, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "all", S(UINT64_MAX, 0, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(add(c, "all", S(0, 8, true, UINT64_MAX, 1)), MT_OK);
	CHECK_STR(installed(mem), "0 8 ffffffffffffffff 1;ffffffffffffffff 0 * 1;");
	/* direct: the reference backend's range rule */
	e = (mt_ioeventfd){ UINT64_MAX, 0, false, 0, 9 };
	CHECK_EQ_U64(mt_ref_backend_ops()->eventfd_add(b, mem, &e), MT_ECONFLICT);
	e = (mt_ioeventfd){ UINT64_MAX - 7, 8, true, 0, 9 };
	CHECK_EQ_U64(mt_ref_backend_ops()->eventfd_add(b, mem, &e), MT_EINVAL);
	e = (mt_ioeventfd){ UINT64_MAX - 8, 8, true, 0, 9 };
	CHECK_EQ_U64(mt_ref_backend_ops()->eventfd_add(b, mem, &e), MT_OK);
	CHECK_EQ_U64(mt_ref_backend_ops()->eventfd_del(b, mem, &e), MT_OK);
	CHECK_EQ_U64(mt_ref_backend_ops()->eventfd_del(b, mem, &e), MT_ENOTFOUND);
	mt_ctx_free(c); /* destroys b */
}

/* The collision rule, one clause at a time, on a fresh reference backend
 * holding `o`: would `n` be refused? */
static int collide(mt_ioeventfd o, mt_ioeventfd n)
{
	const mt_backend_ops *ops = mt_ref_backend_ops();
	void *b = mt_ref_backend_new();
	int rc;

	CHECK_EQ_U64(ops->eventfd_add(b, NULL, &o), MT_OK);
	rc = ops->eventfd_add(b, NULL, &n);
	CHECK_EQ_U64(mt_ref_backend_count(b), rc ? 1 : 2);
	ops->destroy(b);
	return rc;
}

#define T(a, s, m, d, f) ((mt_ioeventfd){ a, s, m, d, f })

static void test_collision_rules(void)
{
	/* different addresses never collide, even overlapping spans */
	CHECK_EQ_U64(collide(T(0x10, 4, false, 0, 1), T(0x11, 4, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(collide(T(0x10, 0, false, 0, 1), T(0x11, 0, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(collide(T(0x11, 4, false, 0, 1), T(0x10, 4, false, 0, 1)), MT_OK);
	/* n.size = 0 */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 1, 1), T(0x10, 0, false, 0, 2)), MT_ECONFLICT);
	CHECK_EQ_U64(collide(T(0x10, 8, false, 0, 1), T(0x10, 0, false, 0, 2)), MT_ECONFLICT);
	/* o.size = 0 */
	CHECK_EQ_U64(collide(T(0x10, 0, false, 0, 1), T(0x10, 4, true, 1, 2)), MT_ECONFLICT);
	CHECK_EQ_U64(collide(T(0x10, 0, false, 0, 1), T(0x10, 1, false, 0, 2)), MT_ECONFLICT);
	/* both 0 */
	CHECK_EQ_U64(collide(T(0x10, 0, false, 0, 1), T(0x10, 0, false, 0, 2)), MT_ECONFLICT);
	/* same size, n no-match */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 1, 1), T(0x10, 4, false, 0, 2)), MT_ECONFLICT);
	/* same size, o no-match */
	CHECK_EQ_U64(collide(T(0x10, 4, false, 0, 1), T(0x10, 4, true, 1, 2)), MT_ECONFLICT);
	/* same size, both no-match */
	CHECK_EQ_U64(collide(T(0x10, 2, false, 0, 1), T(0x10, 2, false, 0, 2)), MT_ECONFLICT);
	/* same size, both match, same data */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 7, 1), T(0x10, 4, true, 7, 2)), MT_ECONFLICT);
	/* same size, both match, different data: fine */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 7, 1), T(0x10, 4, true, 8, 1)), MT_OK);
	/* different nonzero sizes: fine, whatever the match */
	CHECK_EQ_U64(collide(T(0x10, 4, false, 0, 1), T(0x10, 2, false, 0, 1)), MT_OK);
	CHECK_EQ_U64(collide(T(0x10, 8, true, 7, 1), T(0x10, 4, true, 7, 1)), MT_OK);
	CHECK_EQ_U64(collide(T(0x10, 1, true, 7, 1), T(0x10, 2, false, 0, 1)), MT_OK);
	/* the fd does not matter: same fd, different data is fine ... */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 1, 5), T(0x10, 4, true, 2, 5)), MT_OK);
	/* ... and identical except the fd collides */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 1, 5), T(0x10, 4, true, 1, 6)), MT_ECONFLICT);
	CHECK_EQ_U64(collide(T(0x10, 8, false, 0, 5), T(0x10, 8, false, 0, 0)), MT_ECONFLICT);
	/* data is compared as is, not masked to the size */
	CHECK_EQ_U64(collide(T(0x10, 1, true, 0x101, 1), T(0x10, 1, true, 0x1, 2)), MT_OK);
	/* the exact same tuple again */
	CHECK_EQ_U64(collide(T(0x10, 4, true, 1, 5), T(0x10, 4, true, 1, 5)), MT_ECONFLICT);

	/* Several installed at one address: a collision with any of them. */
	{
		const mt_backend_ops *ops = mt_ref_backend_ops();
		void *b = mt_ref_backend_new();
		mt_ioeventfd v[] = { T(0x10, 1, true, 1, 1), T(0x10, 2, true, 1, 1),
				     T(0x10, 4, true, 1, 1), T(0x10, 4, true, 2, 1),
				     T(0x10, 4, true, 3, 1), T(0x10, 8, true, 9, 1),
				     T(0x0f, 4, false, 0, 1), T(0x11, 4, false, 0, 1) };
		size_t i;

		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			CHECK_EQ_U64(ops->eventfd_add(b, NULL, &v[i]), MT_OK);
		v[0] = T(0x10, 4, true, 3, 2);
		CHECK_EQ_U64(ops->eventfd_add(b, NULL, &v[0]), MT_ECONFLICT);
		v[0] = T(0x10, 4, true, 4, 2);
		CHECK_EQ_U64(ops->eventfd_add(b, NULL, &v[0]), MT_OK);
		v[0] = T(0x10, 8, false, 0, 2);
		CHECK_EQ_U64(ops->eventfd_add(b, NULL, &v[0]), MT_ECONFLICT);
		v[0] = T(0x10, 0, false, 0, 2);
		CHECK_EQ_U64(ops->eventfd_add(b, NULL, &v[0]), MT_ECONFLICT);
		CHECK_EQ_U64(mt_ref_backend_count(b), 9);
		ops->destroy(b);
		ops->destroy(NULL); /* harmless */
	}
}

/* Conflicts through the core: D holds two colliding tuples; the canonical
 * first one wins, the other is retried when D changes. */
static void test_conflict_in_core(void)
{
	mt_ctx *c = mt_ctx_new();
	void *b = mt_ref_backend_new(), *b2 = mt_ref_backend_new();
	const mt_space *mem, *io;

	CHECK(!mt_region_new(c, "sys", MT_CONTAINER, 0x10000));
	CHECK(!mt_region_new(c, "dev", MT_MMIO, 0x100));
	CHECK(!mt_map(c, "sys", "dev", 0x1000, 0, false));
	CHECK(!mt_space_new(c, "mem", "sys", false, mt_ref_backend_ops(), b));
	CHECK(!mt_space_new(c, "io", "sys", true, mt_ref_backend_ops(), b2));
	mem = mt_space_find(c, "mem");
	io = mt_space_find(c, "io");
	CHECK(!mt_begin(c));
	CHECK(!add(c, "dev", S(0x10, 4, true, 1, 7)));
	CHECK(!add(c, "dev", S(0x10, 4, false, 0, 8))); /* canonical first */
	CHECK(!mt_commit(c));
	CHECK_STR(installed(mem), "1010 4 * 8;");
	CHECK_STR(installed(io), "1010 4 * 8;"); /* separate backends */
	CHECK_EQ_U64(mt_ref_backend_count(b), 1);
	/* removing the winner: the loser is retried in the same commit
	 * (the deletion comes first) */
	CHECK(!del(c, "dev", S(0x10, 4, false, 0, 8)));
	CHECK_STR(installed(mem), "1010 4 1 7;");
	CHECK_EQ_U64(mt_ref_backend_count(b), 1);
	/* a different fd does not help */
	CHECK(!add(c, "dev", S(0x10, 4, true, 1, 9)));
	CHECK_STR(installed(mem), "1010 4 1 7;");
	/* size 0 conflicts with everything at that address */
	CHECK(!add(c, "dev", S(0x10, 0, false, 0, 1)));
	CHECK_STR(installed(mem), "1010 4 1 7;");
	CHECK(!add(c, "dev", S(0x10, 4, true, 2, 1)));
	CHECK_STR(installed(mem), "1010 4 1 7;1010 4 2 1;");
	CHECK(!del(c, "dev", S(0x10, 4, true, 1, 7)));
	/* now 1 9 takes the free slot (retried because D changed) */
	CHECK_STR(installed(mem), "1010 4 1 9;1010 4 2 1;");
	CHECK(!del(c, "dev", S(0x10, 4, true, 1, 9)));
	CHECK(!del(c, "dev", S(0x10, 4, true, 2, 1)));
	CHECK_STR(installed(mem), "1010 0 * 1;");
	mt_ctx_free(c);
}

static void test_cmp(void)
{
	mt_ioeventfd v[] = {
		T(1, 0, false, 0, 5), T(1, 1, false, 0, 0), T(1, 1, true, 0, 0),
		T(1, 1, true, 1, 0), T(1, 1, true, 1, 3), T(1, 2, false, 0, 0),
		T(2, 0, false, 0, 0), T(UINT64_MAX, 8, true, UINT64_MAX, INT32_MAX),
	};
	size_t i, j, n = sizeof(v) / sizeof(v[0]);
	bool ok = true;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int c = mt_ioeventfd_cmp(&v[i], &v[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) || (i == j && c))
				ok = false;
		}
	CHECK(ok);
	/* data ignored unless both match */
	CHECK(mt_ioeventfd_cmp(&T(1, 1, false, 5, 0), &T(1, 1, false, 6, 0)) == 0);
	CHECK(mt_ioeventfd_cmp(&T(1, 1, false, 5, 1), &T(1, 1, false, 6, 0)) > 0);
}

int main(void)
{
	test_validation();
	test_order();
	test_refusal_retry();
	test_partial();
	test_boundary();
	test_collision_rules();
	test_conflict_in_core();
	test_cmp();
	return check_report();
}

/* The public API's error codes (SPEC section 5's order), messages,
 * transactions, lookups, zombies and context lifetime. */
#include <stdlib.h>

#include "check.h"
#include "memtopo.h"

static int destroyed;

static void count_destroy(void *o)
{
	destroyed++;
	free(o);
}

static const mt_backend_ops destroy_only = { .destroy = count_destroy };

/* region ops recorded as text */
static char rlog[4096];

static void rl(const char *what, const mt_flat_range *f)
{
	size_t n = strlen(rlog);

	snprintf(rlog + n, sizeof(rlog) - n, "%s %" PRIx64 " %s#%" PRIu64 ";", what,
		 f->start, f->region, f->region_id);
}

static void r_add(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)o, (void)s;
	rl("add", f);
}

static void r_del(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)o, (void)s;
	rl("del", f);
}

static const mt_backend_ops rec_ops = { .region_add = r_add, .region_del = r_del };

#define FAILS(call, code)                                                    \
	do {                                                                 \
		int rc_ = (call);                                            \
		CHECK_MSG(rc_ == (code), "%s: %s, expected %s", #call,        \
			  mt_err_name(rc_), mt_err_name(code));              \
		CHECK_MSG(mt_errmsg(c)[0] != 0, "%s: empty errmsg", #call);  \
	} while (0)

#define OKC(call)                                                            \
	do {                                                                 \
		int rc_ = (call);                                            \
		CHECK_MSG(rc_ == MT_OK, "%s: %s (%s)", #call, mt_err_name(rc_), \
			  mt_errmsg(c));                                     \
		CHECK_MSG(mt_errmsg(c)[0] == 0, "%s: errmsg not cleared", #call); \
	} while (0)

static void test_names_of_things(void)
{
	static const char *const want[] = { "ok", "syntax", "not-found", "exists",
					    "invalid", "busy", "loop", "overlap",
					    "conflict", "no-space" };
	int i;

	for (i = 0; i < MT_ERR_COUNT; i++)
		CHECK_STR(mt_err_name(i), want[i]);
	CHECK(mt_err_name(-1) != NULL && mt_err_name(MT_ERR_COUNT) != NULL);
	CHECK_STR(mt_kind_name(MT_CONTAINER), "container");
	CHECK_STR(mt_kind_name(MT_RAM), "ram");
	CHECK_STR(mt_kind_name(MT_ROM), "rom");
	CHECK_STR(mt_kind_name(MT_MMIO), "mmio");
	CHECK_STR(mt_kind_name(MT_ALIAS), "alias");
}

static void test_region_new(void)
{
	mt_ctx *c = mt_ctx_new();
	char n64[65], n65[66];

	memset(n64, 'x', 64);
	n64[64] = 0;
	memset(n65, 'x', 65);
	n65[65] = 0;
	CHECK_STR(mt_errmsg(c), "");
	OKC(mt_region_new(c, "a", MT_RAM, 0));
	OKC(mt_region_new(c, n64, MT_RAM, MT_2_64));
	OKC(mt_region_new(c, "A-z_0.9", MT_CONTAINER, 1));
	FAILS(mt_region_new(c, n65, MT_RAM, 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, "", MT_RAM, 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, NULL, MT_RAM, 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, "a b", MT_RAM, 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, "a/b", MT_RAM, 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, "b", MT_RAM, MT_2_64 + 1), MT_EINVAL);
	FAILS(mt_region_new(c, "b", MT_RAM, ~(mt_u128)0), MT_EINVAL);
	FAILS(mt_region_new(c, "a", MT_MMIO, 5), MT_EEXIST);
	/* order: syntax, invalid, exists */
	FAILS(mt_region_new(c, "a b", MT_RAM, MT_2_64 + 1), MT_ESYNTAX);
	FAILS(mt_region_new(c, "a", MT_RAM, MT_2_64 + 1), MT_EINVAL);
	/* aliases are made by mt_alias_new */
	FAILS(mt_region_new(c, "b", MT_ALIAS, 1), MT_EINVAL);
	CHECK(!mt_region_exists(c, "b"));
	CHECK(mt_region_exists(c, "a") && mt_region_exists(c, n64));
	CHECK(!mt_region_exists(c, n65));

	OKC(mt_alias_new(c, "al", "a", 0, 0));
	OKC(mt_alias_new(c, "al2", "al", UINT64_MAX, MT_2_64)); /* alias of alias */
	FAILS(mt_alias_new(c, "al", "a", 0, 1), MT_EEXIST);
	FAILS(mt_alias_new(c, "al3", "nope", 0, 1), MT_ENOTFOUND);
	FAILS(mt_alias_new(c, "al3", "al3", 0, 1), MT_ENOTFOUND);
	FAILS(mt_alias_new(c, "bad name", "a", 0, 1), MT_ESYNTAX);
	FAILS(mt_alias_new(c, "al3", "a", 0, MT_2_64 + 1), MT_EINVAL);
	/* order: syntax, invalid, exists, not-found */
	FAILS(mt_alias_new(c, "al", "nope", 0, 1), MT_EEXIST);
	FAILS(mt_alias_new(c, "al", "nope", 0, MT_2_64 + 1), MT_EINVAL);
	FAILS(mt_alias_new(c, "", "nope", 0, MT_2_64 + 1), MT_ESYNTAX);
	/* success clears the message */
	OKC(mt_set_enabled(c, "a", false));
	mt_ctx_free(c);
}

static void test_map_errors(void)
{
	mt_ctx *c = mt_ctx_new();

	OKC(mt_region_new(c, "sys", MT_CONTAINER, 0x1000));
	OKC(mt_region_new(c, "r1", MT_RAM, 0x100));
	OKC(mt_region_new(c, "r2", MT_RAM, 0x100));
	OKC(mt_region_new(c, "r3", MT_RAM, 0x100));
	OKC(mt_region_new(c, "box", MT_CONTAINER, 0x100));
	OKC(mt_region_new(c, "inner", MT_CONTAINER, 0x100));
	OKC(mt_region_new(c, "z", MT_RAM, 0));
	OKC(mt_alias_new(c, "al", "sys", 0, 0x100));
	OKC(mt_alias_new(c, "al_inner", "inner", 0, 0x100));

	FAILS(mt_map(c, "nope", "r1", 0, 0, false), MT_ENOTFOUND);
	FAILS(mt_map(c, "sys", "nope", 0, 0, false), MT_ENOTFOUND);
	FAILS(mt_map(c, "al", "r1", 0, 0, false), MT_EINVAL);
	/* not-found before invalid */
	FAILS(mt_map(c, "al", "nope", 0, 0, false), MT_ENOTFOUND);
	OKC(mt_map(c, "sys", "r1", 0, 0, false));
	FAILS(mt_map(c, "sys", "r1", 0x200, 0, false), MT_EBUSY);
	FAILS(mt_map(c, "box", "r1", 0, 0, false), MT_EBUSY);
	/* invalid before busy */
	FAILS(mt_map(c, "al", "r1", 0, 0, false), MT_EINVAL);
	/* loop: C is P */
	FAILS(mt_map(c, "box", "box", 0, 0, true), MT_ELOOP);
	/* loop: P inside C */
	OKC(mt_map(c, "box", "inner", 0, 0, false));
	FAILS(mt_map(c, "inner", "box", 0, 0, true), MT_ELOOP);
	/* loop through an alias target: al_inner shows inner */
	FAILS(mt_map(c, "inner", "al_inner", 0, 0, true), MT_ELOOP);
	OKC(mt_map(c, "inner", "r3", 0, 0, false));
	FAILS(mt_map(c, "r3", "al_inner", 0, 0, true), MT_ELOOP); /* r3 in inner */
	/* map into a terminal is fine */
	OKC(mt_map(c, "r2", "z", 0, 0, false));
	OKC(mt_unmap(c, "r2", "z"));
	/* busy before loop: box is not mapped, map sys in box?  sys holds r1
	 * only, no loop; map box in sys, then box in box is busy */
	OKC(mt_map(c, "sys", "box", 0x400, 0, false));
	FAILS(mt_map(c, "box", "box", 0, 0, false), MT_EBUSY);
	/* loop before overlap: inner overlaps nothing but loops */
	FAILS(mt_map(c, "r3", "al_inner", 0, 0, false), MT_ELOOP);
	/* overlap: both without may_overlap, intersecting */
	FAILS(mt_map(c, "sys", "r2", 0xff, 0, false), MT_EOVERLAP);
	FAILS(mt_map(c, "sys", "r2", 0x4ff, 0, false), MT_EOVERLAP);
	OKC(mt_map(c, "sys", "r2", 0x100, 0, false)); /* touching is fine */
	OKC(mt_unmap(c, "sys", "r2"));
	/* may_overlap on either side suppresses it */
	OKC(mt_map(c, "sys", "r2", 0x80, 0, true));
	OKC(mt_unmap(c, "sys", "r2"));
	/* size 0 never intersects */
	OKC(mt_map(c, "sys", "z", 0x10, 0, false));
	/* priority extremes */
	OKC(mt_map(c, "sys", "r2", 0x80, INT32_MIN, true));
	OKC(mt_unmap(c, "sys", "r2"));
	OKC(mt_map(c, "sys", "r2", 0x80, INT32_MAX, true));
	/* an overlapping region with may_overlap, then a plain one over it */
	OKC(mt_region_new(c, "r4", MT_RAM, 0x10));
	OKC(mt_map(c, "sys", "r4", 0x150, 0, false)); /* only r2, which may overlap */
	/* failed maps changed nothing: box is still mappable elsewhere? no,
	 * it is mapped; r3 still in inner */
	FAILS(mt_unmap(c, "sys", "r3"), MT_ENOTFOUND);
	OKC(mt_unmap(c, "inner", "r3"));

	/* unmap */
	FAILS(mt_unmap(c, "nope", "r1"), MT_ENOTFOUND);
	FAILS(mt_unmap(c, "sys", "nope"), MT_ENOTFOUND);
	FAILS(mt_unmap(c, "box", "r1"), MT_ENOTFOUND);
	FAILS(mt_unmap(c, "sys", "r3"), MT_ENOTFOUND);

	/* move */
	FAILS(mt_move(c, "nope", 0), MT_ENOTFOUND);
	FAILS(mt_move(c, "r3", 0), MT_EINVAL);
	FAILS(mt_move(c, "r1", 0x3ff), MT_EOVERLAP); /* onto box */
	OKC(mt_move(c, "r1", 0x0));                  /* its own place */
	OKC(mt_move(c, "r1", 0x20));                 /* overlapping itself */
	OKC(mt_move(c, "r1", 0x300));
	FAILS(mt_move(c, "r4", 0x400), MT_EOVERLAP);
	OKC(mt_move(c, "r2", 0x400)); /* may_overlap */
	OKC(mt_move(c, "r1", UINT64_MAX)); /* clipped away entirely: fine */

	/* enable/disable */
	FAILS(mt_set_enabled(c, "nope", true), MT_ENOTFOUND);
	OKC(mt_set_enabled(c, "r1", false));
	OKC(mt_set_enabled(c, "r1", false));
	OKC(mt_set_enabled(c, "r1", true));
	mt_ctx_free(c);
}

static void test_destroy_errors(void)
{
	mt_ctx *c = mt_ctx_new();

	OKC(mt_region_new(c, "sys", MT_CONTAINER, 0x1000));
	OKC(mt_region_new(c, "box", MT_CONTAINER, 0x100));
	OKC(mt_region_new(c, "r", MT_RAM, 0x10));
	OKC(mt_alias_new(c, "al", "r", 0, 0x10));
	OKC(mt_map(c, "box", "r", 0, 0, false));
	OKC(mt_map(c, "sys", "box", 0, 0, false));
	OKC(mt_space_new(c, "mem", "sys", false, NULL, NULL));
	FAILS(mt_destroy(c, "nope"), MT_ENOTFOUND);
	FAILS(mt_destroy(c, "r"), MT_EBUSY);   /* mapped (and alias target) */
	FAILS(mt_destroy(c, "box"), MT_EBUSY); /* mapped, has subregions */
	FAILS(mt_destroy(c, "sys"), MT_EBUSY); /* subregions, space root */
	OKC(mt_unmap(c, "sys", "box"));
	FAILS(mt_destroy(c, "box"), MT_EBUSY); /* has subregions */
	OKC(mt_unmap(c, "box", "r"));
	FAILS(mt_destroy(c, "r"), MT_EBUSY); /* alias target */
	OKC(mt_destroy(c, "box"));
	FAILS(mt_destroy(c, "box"), MT_ENOTFOUND);
	FAILS(mt_destroy(c, "sys"), MT_EBUSY); /* space root, no subregions */
	OKC(mt_destroy(c, "al"));
	OKC(mt_destroy(c, "r"));
	CHECK(!mt_region_exists(c, "r"));
	/* names are free again; a new object */
	OKC(mt_region_new(c, "r", MT_MMIO, 1));
	OKC(mt_alias_new(c, "box", "r", 0, 1));
	mt_ctx_free(c);
}

static void test_spaces(void)
{
	mt_ctx *c = mt_ctx_new();
	char n65[66];
	memset(n65, 's', 65);
	n65[65] = 0;
	OKC(mt_region_new(c, "sys", MT_CONTAINER, 0x1000));
	destroyed = 0;
	OKC(mt_space_new(c, "mem", "sys", false, &destroy_only, malloc(4)));
	OKC(mt_space_new(c, "io", "sys", true, NULL, NULL));
	CHECK_EQ_U64(mt_space_count(c), 2);
	CHECK_STR(mt_space_name(mt_space_at(c, 0)), "mem");
	CHECK_STR(mt_space_name(mt_space_at(c, 1)), "io");
	CHECK(mt_space_at(c, 2) == NULL);
	CHECK(mt_space_find(c, "io") == mt_space_at(c, 1));
	CHECK(mt_space_find(c, "nope") == NULL);
	CHECK(mt_space_find(c, "sys") == NULL); /* separate namespaces */
	CHECK(mt_space_is_pio(mt_space_at(c, 1)));
	CHECK(mt_space_backend(mt_space_at(c, 1)) == NULL);
	/* failures destroy the opaque right away, in SPEC order */
	FAILS(mt_space_new(c, "mem", "nope", false, &destroy_only, malloc(4)), MT_EEXIST);
	CHECK_EQ_U64(destroyed, 1);
	FAILS(mt_space_new(c, "x", "nope", false, &destroy_only, malloc(4)), MT_ENOTFOUND);
	CHECK_EQ_U64(destroyed, 2);
	FAILS(mt_space_new(c, "", "sys", false, &destroy_only, malloc(4)), MT_ESYNTAX);
	CHECK_EQ_U64(destroyed, 3);
	FAILS(mt_space_new(c, n65, "sys", false, &destroy_only, malloc(4)), MT_ESYNTAX);
	CHECK_EQ_U64(destroyed, 4);
	FAILS(mt_space_new(c, NULL, "sys", false, &destroy_only, malloc(4)), MT_ESYNTAX);
	CHECK_EQ_U64(destroyed, 5);
	FAILS(mt_space_new(c, "", "nope", false, &destroy_only, malloc(4)), MT_ESYNTAX);
	CHECK_EQ_U64(destroyed, 6);
	/* ops without destroy: nothing to call */
	FAILS(mt_space_new(c, "mem", "sys", false, &rec_ops, NULL), MT_EEXIST);
	CHECK_EQ_U64(mt_space_count(c), 2);
	{
		int before = destroyed;

		mt_ctx_free(c);
		CHECK_EQ_U64(destroyed, before + 1); /* mem's backend */
	}
}

/* Space names follow the same rule as region names, [A-Za-z0-9_.-]{1,64}
 * (SPEC section 5: "Names match ..."; the trace parser enforces it, and
 * mt_region_new does too).  A separate context, so a failure here cannot
 * cascade. */
static void test_space_name_chars(void)
{
	mt_ctx *c = mt_ctx_new();

	OKC(mt_region_new(c, "sys", MT_CONTAINER, 0x1000));
	destroyed = 0;
	FAILS(mt_space_new(c, "bad name", "sys", false, &destroy_only, malloc(4)),
	      MT_ESYNTAX);
	FAILS(mt_space_new(c, "a/b", "sys", false, &destroy_only, malloc(4)),
	      MT_ESYNTAX);
	FAILS(mt_space_new(c, "\x01", "sys", false, &destroy_only, malloc(4)),
	      MT_ESYNTAX);
	mt_ctx_free(c);
	CHECK_EQ_U64(destroyed, 3); /* right away, or at the free: always once */
}

/* "Message of the last failed call (empty after a success)": a successful
 * inner mt_commit is a success too. */
static void test_errmsg_after_inner_commit(void)
{
	mt_ctx *c = mt_ctx_new();

	OKC(mt_begin(c));
	OKC(mt_begin(c));
	FAILS(mt_destroy(c, "nope"), MT_ENOTFOUND);
	OKC(mt_commit(c)); /* depth 2 -> 1 */
	FAILS(mt_destroy(c, "nope"), MT_ENOTFOUND);
	OKC(mt_commit(c)); /* outermost */
	mt_ctx_free(c);
}

static void test_transactions(void)
{
	mt_ctx *c = mt_ctx_new();
	const mt_space *mem;
	mt_flat_range fr;

	FAILS(mt_commit(c), MT_EINVAL);
	CHECK_EQ_U64(mt_transaction_depth(c), 0);
	OKC(mt_region_new(c, "sys", MT_CONTAINER, MT_2_64));
	OKC(mt_region_new(c, "r", MT_RAM, 0x10));
	OKC(mt_begin(c));
	OKC(mt_begin(c));
	CHECK_EQ_U64(mt_transaction_depth(c), 2);
	OKC(mt_space_new(c, "mem", "sys", false, &rec_ops, NULL));
	mem = mt_space_find(c, "mem");
	CHECK(mem != NULL);
	OKC(mt_map(c, "sys", "r", 0x100, 0, false));
	CHECK_EQ_U64(mt_space_range_count(mem), 0); /* not committed yet */
	CHECK_EQ_U64(mt_lookup(mem, 0x100, &fr), MT_ENOTFOUND);
	/* a failed call inside a transaction changes nothing */
	FAILS(mt_map(c, "sys", "r", 0x200, 0, false), MT_EBUSY);
	CHECK_EQ_U64(mt_commit(c), MT_OK); /* errmsg: test_errmsg_after_inner_commit */
	CHECK_EQ_U64(mt_transaction_depth(c), 1);
	CHECK_STR(rlog, "");
	OKC(mt_commit(c));
	CHECK_EQ_U64(mt_transaction_depth(c), 0);
	CHECK_STR(rlog, "add 100 r#2;");
	rlog[0] = 0;
	FAILS(mt_commit(c), MT_EINVAL);
	CHECK_EQ_U64(mt_space_range_count(mem), 1);

	/* mt_lookup: hit, miss, boundaries */
	CHECK_EQ_U64(mt_lookup(mem, 0x100, &fr), MT_OK);
	CHECK(fr.start == 0x100 && fr.end == 0x110 && fr.offset == 0 &&
	      fr.kind == MT_RAM && fr.region_size == 0x10);
	CHECK_STR(fr.region, "r");
	CHECK_EQ_U64(mt_lookup(mem, 0x10f, &fr), MT_OK);
	CHECK_EQ_U64(mt_lookup(mem, 0x110, &fr), MT_ENOTFOUND);
	CHECK_EQ_U64(mt_lookup(mem, 0xff, &fr), MT_ENOTFOUND);
	CHECK_EQ_U64(mt_lookup(mem, 0, &fr), MT_ENOTFOUND);
	CHECK_EQ_U64(mt_lookup(mem, UINT64_MAX, &fr), MT_ENOTFOUND);
	OKC(mt_region_new(c, "top", MT_ROM, 0x10));
	OKC(mt_map(c, "sys", "top", UINT64_MAX - 0xf, 0, false));
	rlog[0] = 0;
	CHECK_EQ_U64(mt_lookup(mem, UINT64_MAX, &fr), MT_OK);
	CHECK(fr.start == UINT64_MAX - 0xf && fr.end == MT_2_64 && fr.kind == MT_ROM);
	CHECK_EQ_U64(mt_lookup(mem, UINT64_MAX - 0x10, &fr), MT_ENOTFOUND);

	/* Zombie: destroyed while the committed view still shows it. */
	{
		uint64_t old_id;

		CHECK_EQ_U64(mt_lookup(mem, 0x100, &fr), MT_OK);
		old_id = fr.region_id;
		OKC(mt_begin(c));
		OKC(mt_unmap(c, "sys", "r"));
		OKC(mt_destroy(c, "r"));
		CHECK(!mt_region_exists(c, "r"));
		/* the committed view still names it */
		CHECK_EQ_U64(mt_lookup(mem, 0x105, &fr), MT_OK);
		CHECK_STR(fr.region, "r");
		CHECK_EQ_U64(fr.region_id, old_id);
		/* same name, same place: a different object */
		OKC(mt_region_new(c, "r", MT_RAM, 0x10));
		OKC(mt_map(c, "sys", "r", 0x100, 0, false));
		OKC(mt_commit(c));
		CHECK_EQ_U64(mt_lookup(mem, 0x105, &fr), MT_OK);
		CHECK(fr.region_id != old_id);
		{
			char want[128];

			snprintf(want, sizeof(want), "del 100 r#%" PRIu64 ";add 100 r#%" PRIu64 ";",
				 old_id, fr.region_id);
			CHECK_STR(rlog, want);
		}
		rlog[0] = 0;
		/* zombie that is never replaced */
		OKC(mt_begin(c));
		OKC(mt_unmap(c, "sys", "r"));
		OKC(mt_destroy(c, "r"));
		OKC(mt_commit(c));
		CHECK_EQ_U64(mt_lookup(mem, 0x105, &fr), MT_ENOTFOUND);
		CHECK(strstr(rlog, "del 100 r#") == rlog);
		rlog[0] = 0;
		/* zombie still shown when the context is freed (open txn) */
		OKC(mt_region_new(c, "z", MT_MMIO, 0x10));
		OKC(mt_map(c, "sys", "z", 0x200, 0, false));
		{
			mt_eventfd_spec e = { 0, 4, false, 0, 3 };

			OKC(mt_eventfd_add(c, "z", &e));
		}
		CHECK_EQ_U64(mt_space_eventfd_count(mem), 1);
		OKC(mt_begin(c));
		OKC(mt_unmap(c, "sys", "z"));
		OKC(mt_destroy(c, "z"));
		CHECK_EQ_U64(mt_lookup(mem, 0x200, &fr), MT_OK);
		CHECK_STR(fr.region, "z");
	}
	mt_ctx_free(c); /* frees the zombie: ASan/valgrind watch */
}

static void test_many_contexts(void)
{
	enum { N = 200 };
	mt_ctx *v[N];
	int i;
	bool ok = true;

	/* nothing at all */
	mt_ctx_free(mt_ctx_new());
	mt_ctx_free(NULL);
	for (i = 0; i < N; i++) {
		mt_ctx *c = v[i] = mt_ctx_new();
		char name[16];

		if (!c) {
			ok = false;
			continue;
		}
		snprintf(name, sizeof(name), "only%d", i);
		if (mt_region_new(c, "sys", MT_CONTAINER, 0x100) ||
		    mt_region_new(c, name, MT_RAM, (mt_u128)(i % 16) + 1) ||
		    mt_map(c, "sys", name, (uint64_t)i % 0x80, 0, false) ||
		    mt_space_new(c, "mem", "sys", false, NULL, NULL))
			ok = false;
		if (i % 2 && mt_begin(c))
			ok = false;
	}
	for (i = 0; i < N; i++) {
		mt_ctx *c = v[i];
		char name[16];
		mt_flat_range fr;
		const mt_space *s = mt_space_find(c, "mem");

		snprintf(name, sizeof(name), "only%d", i);
		if (!mt_region_exists(c, name) || mt_region_exists(c, "only-1") ||
		    (i && mt_region_exists(c, "only0")) ||
		    mt_transaction_depth(c) != (unsigned)(i % 2) || !s ||
		    mt_space_count(c) != 1)
			ok = false;
		if (!s || mt_lookup(s, (uint64_t)i % 0x80, &fr) || strcmp(fr.region, name) ||
		    fr.region_id != 2)
			ok = false;
		/* an error in one context leaves the others' messages alone */
		mt_destroy(c, "sys");
	}
	for (i = 0; i < N; i++) {
		if (!strlen(mt_errmsg(v[i])))
			ok = false;
		mt_ctx_free(v[i]);
	}
	CHECK(ok);
}

/* Bulk: many regions in one container (hash growth, interval index). */
static void test_bulk(void)
{
	mt_ctx *c = mt_ctx_new();
	const mt_space *mem;
	mt_flat_range fr;
	int i;
	bool ok = true;
	char name[16];

	OKC(mt_region_new(c, "sys", MT_CONTAINER, MT_2_64));
	OKC(mt_space_new(c, "mem", "sys", false, NULL, NULL));
	mem = mt_space_find(c, "mem");
	OKC(mt_begin(c));
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "r%d", i);
		if (mt_region_new(c, name, i % 2 ? MT_RAM : MT_MMIO, 0x10) ||
		    mt_map(c, "sys", name, (uint64_t)i * 0x20, 0, false))
			ok = false;
	}
	OKC(mt_commit(c));
	CHECK(ok);
	CHECK_EQ_U64(mt_space_range_count(mem), 5000);
	for (i = 0; i < 5000; i += 7) {
		snprintf(name, sizeof(name), "r%d", i);
		if (mt_lookup(mem, (uint64_t)i * 0x20 + 3, &fr) || strcmp(fr.region, name) ||
		    fr.offset != 0 || mt_lookup(mem, (uint64_t)i * 0x20 + 0x10, &fr) !=
					      MT_ENOTFOUND)
			ok = false;
	}
	CHECK(ok);
	/* unmap the odd ones, destroy them */
	OKC(mt_begin(c));
	for (i = 1; i < 5000; i += 2) {
		snprintf(name, sizeof(name), "r%d", i);
		if (mt_unmap(c, "sys", name) || mt_destroy(c, name))
			ok = false;
	}
	OKC(mt_commit(c));
	CHECK(ok);
	CHECK_EQ_U64(mt_space_range_count(mem), 2500);
	mt_ctx_free(c);
}

int main(void)
{
	test_names_of_things();
	test_region_new();
	test_map_errors();
	test_destroy_errors();
	test_spaces();
	test_space_name_chars();
	test_errmsg_after_inner_commit();
	test_transactions();
	test_many_contexts();
	test_bulk();
	return check_report();
}

/* The reference model (fuzz/model.h) on its own: SPEC section 7 byte for
 * byte, hand-built commands, error order, transactions, lookups, the blowup
 * guard, garbage commands, and the golden traces when their directory is
 * next to this file. */
#include <dirent.h>
#include <stdlib.h>

#include "check.h"
#include "memtopo_trace.h"
#include "model.h"

/* ---- helpers -------------------------------------------------------------- */

/* Run trace text through the parser and the model; returns the model. */
static mt_model *run_text(const char *text, bool finish)
{
	mt_model *m = mt_model_new();
	size_t len = strlen(text), i = 0;
	unsigned line = 0;
	mt_cmd c;

	if (!m)
		return NULL;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		mt_parse_line(text + i, n, ++line, &c);
		mt_model_exec(m, &c);
		i += n + 1;
	}
	if (finish)
		mt_model_finish(m);
	return m;
}

/* The model's output as a NUL-terminated copy (static buffer). */
static const char *out_of(const mt_model *m)
{
	static char buf[1 << 16];
	size_t n;
	const char *o = mt_model_output(m, &n);

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, o, n);
	buf[n] = 0;
	return buf;
}

#define EXPECT_RUN(text, expected)                                          \
	do {                                                                \
		mt_model *m_ = run_text(text, true);                        \
		CHECK(m_ != NULL);                                          \
		if (m_) {                                                   \
			CHECK_STR(out_of(m_), expected);                    \
			CHECK(!mt_model_overflowed(m_));                    \
			mt_model_free(m_);                                  \
		}                                                           \
	} while (0)

static mt_cmd cmd(mt_op op, unsigned line)
{
	mt_cmd c;

	memset(&c, 0, sizeof(c));
	c.op = op;
	c.line = line;
	return c;
}

static mt_cmd region(unsigned line, mt_kind kind, const char *name,
		     mt_u128 size)
{
	mt_cmd c = cmd(MT_OP_REGION, line);

	c.kind = kind;
	snprintf(c.name, sizeof(c.name), "%s", name);
	c.size = size;
	return c;
}

static mt_cmd two(mt_op op, unsigned line, const char *a, const char *b)
{
	mt_cmd c = cmd(op, line);

	snprintf(c.name, sizeof(c.name), "%s", a);
	snprintf(c.name2, sizeof(c.name2), "%s", b);
	return c;
}

static mt_cmd map(unsigned line, const char *p, const char *ch, uint64_t addr)
{
	mt_cmd c = two(MT_OP_MAP, line, p, ch);

	c.num = addr;
	return c;
}

static mt_cmd efd(mt_op op, unsigned line, const char *r, uint64_t off,
		  mt_u128 size, bool match, uint64_t data, int32_t fd)
{
	mt_cmd c = cmd(op, line);

	snprintf(c.name, sizeof(c.name), "%s", r);
	c.efd.offset = off;
	c.efd_size = size;
	if (size <= 8)
		c.efd.size = (uint8_t)size;
	c.efd.match = match;
	c.efd.data = data;
	c.efd.fd = fd;
	return c;
}

/* ---- tests ---------------------------------------------------------------- */

static const char spec_trace[] = "container sys 0x10000000000000000\n"
				 "mmio dev 0x1000\n"
				 "space mem sys\n"
				 "map sys dev 0x1000\n"
				 "eventfd-add dev 0x10 4 0x1 7\n"
				 "dump\n";
static const char spec_out[] = "mem region-add 0x1000 0x2000 mmio dev 0x0\n"
			       "mem eventfd-add 0x1010 0x4 0x1 7\n"
			       "flatview mem\n"
			       "  0x1000 0x2000 mmio dev 0x0\n"
			       "eventfds mem\n"
			       "  0x1010 0x4 0x1 7\n"
			       "zones mem\n";

static void test_spec_example_parsed(void)
{
	mt_model *m = run_text(spec_trace, true);
	size_t n;

	CHECK(m != NULL);
	if (!m)
		return;
	CHECK_STR(out_of(m), spec_out);
	mt_model_output(m, &n);
	CHECK_EQ_U64(n, strlen(spec_out));
	/* space, map and eventfd-add each committed alone */
	CHECK_EQ_U64(mt_model_commits(m), 5);
	mt_model_free(m);
}

/* The same example from hand-built commands, no parser involved. */
static void test_spec_example_by_hand(void)
{
	mt_model *m = mt_model_new();
	mt_cmd c[6];
	size_t i;

	c[0] = region(1, MT_CONTAINER, "sys", MT_2_64);
	c[1] = region(2, MT_MMIO, "dev", 0x1000);
	c[2] = two(MT_OP_SPACE, 3, "mem", "sys");
	c[3] = map(4, "sys", "dev", 0x1000);
	c[4] = efd(MT_OP_EFD_ADD, 5, "dev", 0x10, 4, true, 1, 7);
	c[5] = cmd(MT_OP_DUMP, 6);
	for (i = 0; i < 6; i++)
		mt_model_exec(m, &c[i]);
	mt_model_finish(m);
	CHECK_STR(out_of(m), spec_out);
	mt_model_clear_output(m);
	CHECK_STR(out_of(m), "");
	mt_model_dump_all(m);
	CHECK_STR(out_of(m), strstr(spec_out, "flatview"));
	mt_model_free(m);
}

static void test_parse_errors_and_blank(void)
{
	mt_model *m = mt_model_new();
	mt_cmd c = cmd(MT_OP_NONE, 3);

	mt_model_exec(m, &c);
	CHECK_STR(out_of(m), "");
	c.parse_err = MT_ESYNTAX;
	mt_model_exec(m, &c);
	c.line = 4;
	c.parse_err = MT_EINVAL;
	mt_model_exec(m, &c);
	CHECK_STR(out_of(m), "error 3 syntax\nerror 4 invalid\n");
	CHECK_EQ_U64(mt_model_commits(m), 0);
	mt_model_free(m);
}

static void test_error_order(void)
{
	/* alias: exists before not-found; map: not-found, invalid, busy,
	 * loop, overlap; destroy busy; commit with none open */
	EXPECT_RUN("ram a 0x10\n"
		   "alias a nothere 0 1\n"	   /* 2 exists */
		   "alias b nothere 0 1\n"	   /* 3 not-found */
		   "alias b a 0 0x10\n"
		   "map b a 0\n"		   /* 5 invalid: alias parent */
		   "container c 0x100\n"
		   "map c a 0\n"
		   "map c a 0x20\n"		   /* 8 busy */
		   "map a c 0\n"		   /* 9 loop via subregion */
		   "map a a 0\n"		   /* 10 busy (a mapped) */
		   "ram d 0x10\n"
		   "map c d 0x8\n"		   /* 12 overlap */
		   "map c d 0x8 1\n"		   /* may_overlap: fine */
		   "map d b 0\n"		   /* fine: b -> a leads nowhere */
		   "commit\n"			   /* 15 invalid */
		   "destroy a\n"		   /* 16 busy */
		   "dump nope\n",		   /* 17 not-found */
		   "error 2 exists\n"
		   "error 3 not-found\n"
		   "error 5 invalid\n"
		   "error 8 busy\n"
		   "error 9 loop\n"
		   "error 10 busy\n"
		   "error 12 overlap\n"
		   "error 15 invalid\n"
		   "error 16 busy\n"
		   "error 17 not-found\n");
	/* loop through an alias target: d holds b, b shows a; mapping d in
	 * a would make a reach itself */
	EXPECT_RUN("ram a 0x10\n"
		   "alias b a 0 0x10\n"
		   "ram d 0x10\n"
		   "map d b 0\n"
		   "map a d 0\n"
		   "map b d 0\n",
		   "error 5 loop\n"
		   "error 6 invalid\n");
}

static void test_eventfd_checks(void)
{
	mt_model *m = mt_model_new();
	mt_cmd c[] = {
		region(1, MT_MMIO, "r", 0x10),
		region(2, MT_RAM, "ram", 0x10),
		efd(MT_OP_EFD_ADD, 3, "x", 0, 3, false, 0, 1),	 /* not-found */
		efd(MT_OP_EFD_ADD, 4, "r", 0, 3, false, 0, 1),	 /* size */
		efd(MT_OP_EFD_ADD, 5, "ram", 0, 4, false, 0, 1), /* not mmio */
		efd(MT_OP_EFD_ADD, 6, "r", 0, 0, true, 0, 1),	 /* size 0+data */
		efd(MT_OP_EFD_ADD, 7, "r", 0, 1, true, 0x100, 1), /* too wide */
		efd(MT_OP_EFD_ADD, 8, "r", 0xd, 4, false, 0, 1), /* past end */
		efd(MT_OP_EFD_ADD, 9, "r", 0xc, 4, true, 0xffffffff, 1),
		efd(MT_OP_EFD_ADD, 10, "r", 0xc, 4, true, 0xffffffff, 1),
		efd(MT_OP_EFD_ADD, 11, "r", 0x8, 8, true, UINT64_MAX, 1),
		efd(MT_OP_EFD_DEL, 12, "r", 0xc, 3, true, 0xffffffff, 1),
		efd(MT_OP_EFD_DEL, 13, "r", 0xc, 4, true, 0xfffffffe, 1),
		efd(MT_OP_EFD_DEL, 14, "r", 0xc, 4, true, 0xffffffff, 1),
		efd(MT_OP_EFD_DEL, 15, "r", 0xc, 4, true, 0xffffffff, 1),
		efd(MT_OP_EFD_ADD, 16, "r", 0xf, MT_2_64, false, 0, 1),
		/* `*` tuples are equal whatever the data field holds */
		efd(MT_OP_EFD_ADD, 17, "r", 0, 0, false, 5, 2),
		efd(MT_OP_EFD_ADD, 18, "r", 0, 0, false, 6, 2),
		efd(MT_OP_EFD_DEL, 19, "r", 0, 0, false, 9, 2),
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		mt_model_exec(m, &c[i]);
	CHECK_STR(out_of(m), "error 3 not-found\n"
			     "error 4 invalid\n"
			     "error 5 invalid\n"
			     "error 6 invalid\n"
			     "error 7 invalid\n"
			     "error 8 invalid\n"
			     "error 10 exists\n"
			     "error 12 not-found\n"
			     "error 13 not-found\n"
			     "error 15 not-found\n"
			     "error 16 invalid\n"
			     "error 18 exists\n");
	mt_model_free(m);
}

static void test_transactions(void)
{
	mt_model *m = run_text("begin\n"
			       "ram r 0x100\n"
			       "space s r\n"
			       "begin\n"
			       "mmio d 0x10\n"
			       "map r d 0x80\n"
			       "map r nope 0\n" /* fails: commits nothing */
			       "dump\n"
			       "commit\n"
			       "eventfd-add d 0 1 * 3\n"
			       "commit\n"
			       "begin\n"
			       "unmap r d\n",
			       false);
	const char *want = "error 7 not-found\n"
			   "flatview s\n"
			   "eventfds s\n"
			   "zones s\n"
			   "s region-add 0x0 0x80 ram r 0x0\n"
			   "s region-add 0x80 0x90 mmio d 0x0\n"
			   "s region-add 0x90 0x100 ram r 0x90\n"
			   "s eventfd-add 0x80 0x1 * 3\n";
	char reg[MT_NAME_MAX + 1];
	mt_kind kind;
	uint64_t off;

	CHECK(m != NULL);
	if (!m)
		return;
	CHECK_STR(out_of(m), want);
	CHECK_EQ_U64(mt_model_commits(m), 1);
	CHECK(mt_model_lookup(m, "s", 0x85, reg, &kind, &off) == 1 &&
	      !strcmp(reg, "d") && kind == MT_MMIO && off == 5);
	CHECK(mt_model_lookup(m, "s", 0x95, reg, &kind, &off) == 1 &&
	      !strcmp(reg, "r") && kind == MT_RAM && off == 0x95);
	CHECK(mt_model_lookup(m, "s", 0x100, reg, &kind, &off) == 0);
	CHECK(mt_model_lookup(m, "t", 0, reg, &kind, &off) == -1);
	mt_model_clear_output(m);
	mt_model_finish(m); /* the open `begin` commits the unmap */
	CHECK_EQ_U64(mt_model_commits(m), 2);
	CHECK_STR(out_of(m), "s region-del 0x0 0x80 ram r 0x0\n"
			     "s region-del 0x80 0x90 mmio d 0x0\n"
			     "s region-del 0x90 0x100 ram r 0x90\n"
			     "s region-add 0x0 0x100 ram r 0x0\n"
			     "s eventfd-del 0x80 0x1 * 3\n");
	mt_model_clear_output(m);
	mt_model_finish(m); /* nothing open: no commit */
	CHECK_EQ_U64(mt_model_commits(m), 2);
	CHECK_STR(out_of(m), "");
	mt_model_free(m);
}

static void test_destroy_identity(void)
{
	/* the destroyed object stays in the committed view until the commit;
	 * the re-created one is a different object at the same place */
	EXPECT_RUN("container sys 0x1000\n"
		   "space mem sys\n"
		   "ram a 0x10\n"
		   "map sys a 0\n"
		   "begin\n"
		   "unmap sys a\n"
		   "destroy a\n"
		   "dump\n"
		   "ram a 0x10\n"
		   "map sys a 0\n"
		   "commit\n",
		   "mem region-add 0x0 0x10 ram a 0x0\n"
		   "flatview mem\n"
		   "  0x0 0x10 ram a 0x0\n"
		   "eventfds mem\n"
		   "zones mem\n"
		   "mem region-del 0x0 0x10 ram a 0x0\n"
		   "mem region-add 0x0 0x10 ram a 0x0\n");
}

static void test_render_rules(void)
{
	/* priorities, recency, move, alias with negative base, merge */
	EXPECT_RUN("container sys 0x100\n"
		   "ram lo 0x100\n"
		   "ram hi 0x20\n"
		   "ram t 0x40\n"
		   "alias a t 0x30 0x20\n"
		   "begin\n"
		   "space s sys\n"
		   "map sys lo 0 -1\n"
		   "map sys hi 0x10 0\n"
		   "map sys a 0x80 0\n"
		   "commit\n"
		   "move hi 0x70\n"  /* same prio, now more recent than a */
		   "disable hi\n",
		   "s region-add 0x0 0x10 ram lo 0x0\n"
		   "s region-add 0x10 0x30 ram hi 0x0\n"
		   "s region-add 0x30 0x80 ram lo 0x30\n"
		   "s region-add 0x80 0x90 ram t 0x30\n"
		   "s region-add 0x90 0x100 ram lo 0x90\n"
		   "s region-del 0x0 0x10 ram lo 0x0\n"
		   "s region-del 0x10 0x30 ram hi 0x0\n"
		   "s region-del 0x30 0x80 ram lo 0x30\n"
		   "s region-del 0x80 0x90 ram t 0x30\n"
		   "s region-add 0x0 0x70 ram lo 0x0\n"
		   "s region-add 0x70 0x90 ram hi 0x0\n"
		   "s region-del 0x0 0x70 ram lo 0x0\n"
		   "s region-del 0x70 0x90 ram hi 0x0\n"
		   "s region-add 0x0 0x80 ram lo 0x0\n"
		   "s region-add 0x80 0x90 ram t 0x30\n");
	/* span past the region; 2^64 end refused invalid;
	 * conflict within one update, retried only when D changes */
	EXPECT_RUN("container sys 0x10000000000000000\n"
		   "mmio d 0x100\n"
		   "eventfd-add d 0xfe 4 * 1\n"
		   "eventfd-add d 0xfc 4 * 2\n"
		   "eventfd-add d 0x0 0 * 3\n"
		   "eventfd-add d 0x0 1 0x5 4\n"
		   "begin\n"
		   "space s sys\n"
		   "map sys d 0xffffffffffffff00\n"
		   "commit\n"
		   "enable d\n"
		   "eventfd-del d 0x0 0 * 3\n"
		   "dump\n",
		   "error 3 invalid\n"
		   "s region-add 0xffffffffffffff00 0x10000000000000000 mmio d 0x0\n"
		   "s eventfd-add 0xffffffffffffff00 0x0 * 3\n"
		   "s eventfd-add 0xffffffffffffff00 0x1 0x5 4 failed conflict\n"
		   "s eventfd-add 0xfffffffffffffffc 0x4 * 2 failed invalid\n"
		   "s eventfd-del 0xffffffffffffff00 0x0 * 3\n"
		   "s eventfd-add 0xffffffffffffff00 0x1 0x5 4\n"
		   "s eventfd-add 0xfffffffffffffffc 0x4 * 2 failed invalid\n"
		   "flatview s\n"
		   "  0xffffffffffffff00 0x10000000000000000 mmio d 0x0\n"
		   "eventfds s\n"
		   "  0xffffffffffffff00 0x1 0x5 4\n"
		   "zones s\n");
}

/* An alias DAG of 2^24 paths: the model must give up, not hang. */
static void test_blowup_guard(void)
{
	mt_model *m = mt_model_new();
	char line[200];
	unsigned ln = 0;
	int k;
	mt_cmd c;

#define FEED(...)                                                           \
	do {                                                                \
		snprintf(line, sizeof(line), __VA_ARGS__);                  \
		mt_parse_line(line, strlen(line), ++ln, &c);                \
		mt_model_exec(m, &c);                                       \
	} while (0)
	FEED("begin");
	FEED("container l0 0x1000");
	FEED("ram base 0x1000");
	FEED("map l0 base 0");
	for (k = 1; k <= 24; k++) {
		FEED("container l%d 0x1000", k);
		FEED("alias a%d l%d 0 0x1000", k, k - 1);
		FEED("alias b%d l%d 0 0x1000", k, k - 1);
		FEED("map l%d a%d 0 0", k, k);
		FEED("map l%d b%d 0 0", k, k);
	}
	FEED("space s l24");
	FEED("commit");
#undef FEED
	CHECK(mt_model_overflowed(m));
	CHECK_EQ_U64(mt_model_commits(m), 1);
	mt_model_free(m);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Garbage commands: any values in any field, never a crash. */
static void test_garbage(void)
{
	static const char *const names[] = { "a", "b", "c", "d", "s" };
	uint64_t s = 12345;
	int run, i;

	for (run = 0; run < 200; run++) {
		mt_model *m = mt_model_new();

		for (i = 0; i < 300; i++) {
			mt_cmd c;

			memset(&c, 0, sizeof(c));
			c.op = (mt_op)(rnd(&s) % 17);
			c.line = (unsigned)i + 1;
			c.parse_err = rnd(&s) % 20 ? MT_OK : (int)(rnd(&s) % 12);
			c.kind = (mt_kind)(rnd(&s) % 6);
			snprintf(c.name, sizeof(c.name), "%s", names[rnd(&s) % 5]);
			if (rnd(&s) % 50 == 0)
				memset(c.name, 'x', sizeof(c.name)); /* unterminated */
			snprintf(c.name2, sizeof(c.name2), "%s", names[rnd(&s) % 5]);
			c.num = rnd(&s) % 3 ? rnd(&s) % 0x40 : rnd(&s);
			c.size = rnd(&s) % 4 ? rnd(&s) % 0x40
					     : (mt_u128)rnd(&s) << (rnd(&s) % 80);
			c.prio = (int32_t)(rnd(&s) % 5) - 2;
			c.has_prio = rnd(&s) & 1;
			c.has_name = rnd(&s) & 1;
			c.pio = rnd(&s) & 1;
			c.efd_size = rnd(&s) % 10;
			c.efd.offset = rnd(&s) % 0x40;
			c.efd.match = rnd(&s) & 1;
			c.efd.data = rnd(&s) % 0x300;
			c.efd.fd = (int32_t)(rnd(&s) % 4) - 1;
			mt_model_exec(m, &c);
			if (rnd(&s) % 64 == 0)
				mt_model_clear_output(m);
		}
		mt_model_finish(m);
		mt_model_dump_all(m);
		mt_model_free(m);
	}
	CHECK_PASS();
}

/* ---- golden traces (tests/traces next to this file's directory) ---------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1))) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = 0;
	fclose(f);
	return buf;
}

static void golden_one(const char *dir, const char *name)
{
	char path[4096], opath[4096];
	size_t len, olen, n;
	char *text, *want;
	mt_model *m;

	/* Paths longer than the buffers are skipped, not truncated. */
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path) ||
	    (size_t)snprintf(opath, sizeof(opath), "%.*s.out", (int)strlen(path) - 3,
			     path) >= sizeof(opath))
		return;
	text = slurp(path, &len);
	want = slurp(opath, &olen);
	if (text && want && (m = mt_model_new())) {
		size_t i = 0;
		unsigned line = 0;
		const char *got;
		mt_cmd c;

		while (i < len) {
			const char *nl = memchr(text + i, '\n', len - i);

			n = nl ? (size_t)(nl - (text + i)) : len - i;
			mt_parse_line(text + i, n, ++line, &c);
			mt_model_exec(m, &c);
			i += n + 1;
		}
		mt_model_finish(m);
		got = mt_model_output(m, &n);
		CHECK_MSG(n == olen && !memcmp(got, want, n),
			  "golden %s: model output differs", name);
		mt_model_free(m);
	}
	free(text);
	free(want);
}

static void test_golden(void)
{
	char dir[4096];
	const char *slash = strrchr(__FILE__, '/');
	struct dirent *de;
	unsigned found = 0;
	DIR *d;

	if (!slash)
		return;
	snprintf(dir, sizeof(dir), "%.*s/../traces", (int)(slash - __FILE__),
		 __FILE__);
	d = opendir(dir);
	if (!d)
		return; /* not next to the sources: nothing to compare */
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n > 3 && !strcmp(de->d_name + n - 3, ".mt")) {
			golden_one(dir, de->d_name);
			found++;
		}
	}
	closedir(d);
	CHECK_MSG(found > 0, "no golden trace in %s", dir);
}

int main(void)
{
	test_spec_example_parsed();
	test_spec_example_by_hand();
	test_parse_errors_and_blank();
	test_error_order();
	test_eventfd_checks();
	test_transactions();
	test_destroy_identity();
	test_render_rules();
	test_blowup_guard();
	test_garbage();
	test_golden();
	return check_report();
}

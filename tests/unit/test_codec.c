/* The binary fuzz codec (fuzz/codec.h): every byte string decodes to lines
 * the parser accepts, encode -> decode round-trips every command form and
 * boundary number, decode(encode(decode(x))) == decode(x), encode errors. */
#include <stdlib.h>

#include "check.h"
#include "codec.h"
#include "memtopo_trace.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* Random input: mostly short, sometimes long, sometimes skewed bytes. */
static size_t random_input(uint8_t *buf, size_t cap)
{
	size_t n, i;
	unsigned mode = (unsigned)(rng() % 4);

	n = rng() % 4 == 0 ? (size_t)(rng() % cap) : (size_t)(rng() % 200);
	for (i = 0; i < n; i++) {
		uint64_t r = rng();

		switch (mode) {
		case 0: /* small bytes: the biased selectors */
			buf[i] = (uint8_t)(r % 0x40);
			break;
		case 1: /* high bytes: the escapes */
			buf[i] = (uint8_t)(0xc0 + r % 0x40);
			break;
		default:
			buf[i] = (uint8_t)r;
			break;
		}
	}
	return n;
}

static const char *const op_names[] = {
	"none", "region", "alias", "map", "unmap", "move", "enable", "disable",
	"destroy", "eventfd-add", "eventfd-del", "space", "begin", "commit", "dump",
};

/* Every line parses, no comments, at most 256 lines and 12 aliases.
 * Counts forms seen into seen[] (op, plus prio/pio/named variants). */
static int check_lines(const char *text, size_t len, unsigned long *seen)
{
	unsigned lines = 0, aliases = 0;
	size_t i = 0;
	mt_cmd c;

	if (strlen(text) != len)
		return CHECK_FAILF("decoded text has a NUL or wrong length");
	if (len && text[len - 1] != '\n')
		return CHECK_FAILF("decoded text does not end in a newline");
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = (size_t)(nl - (text + i));

		lines++;
		mt_parse_line(text + i, n, lines, &c);
		if (c.parse_err != MT_OK || c.op == MT_OP_NONE || memchr(text + i, '#', n))
			return CHECK_FAILF("line %u \"%.*s\": %s", lines, (int)n, text + i,
					   c.op == MT_OP_NONE ? "empty" : mt_err_name(c.parse_err));
		if (c.op == MT_OP_ALIAS)
			aliases++;
		if (seen) {
			seen[c.op]++;
			if (c.op == MT_OP_MAP && c.has_prio)
				seen[15]++;
			if (c.op == MT_OP_SPACE && c.pio)
				seen[16]++;
			if (c.op == MT_OP_DUMP && c.has_name)
				seen[17]++;
			if (c.op == MT_OP_REGION && c.size == MT_2_64)
				seen[18]++;
			if (c.op == MT_OP_EFD_ADD && !c.efd.match)
				seen[19]++;
			if (c.op == MT_OP_EFD_ADD && c.efd.match)
				seen[20]++;
			if (c.op == MT_OP_MAP && c.has_prio && c.prio == INT32_MIN)
				seen[21]++;
		}
		i += n + 1;
	}
	if (lines > MT_CODEC_MAX_CMDS || aliases > MT_CODEC_MAX_ALIASES)
		return CHECK_FAILF("%u lines, %u aliases", lines, aliases);
	return 1;
}

static void test_decode_random(void)
{
	static uint8_t buf[4096];
	unsigned long seen[32] = { 0 };
	unsigned long bad = 0, k;
	size_t len, n;
	char *text;

	for (k = 0; k < 100000; k++) {
		n = random_input(buf, sizeof(buf));
		text = mt_decode(buf, n, &len);
		if (!text) {
			CHECK_FAILF("decode returned NULL");
			return;
		}
		if (!check_lines(text, len, seen))
			bad++;
		if (n == 0 && len != 0)
			bad++, CHECK_FAILF("empty input gave \"%s\"", text);
		free(text);
		if (bad > 10)
			break;
	}
	CHECK_MSG(bad == 0, "%lu random decodes bad", bad);
	for (k = 1; k < 15; k++)
		CHECK_MSG(seen[k] > 0, "form %s never decoded", op_names[k]);
	CHECK_MSG(seen[15] && seen[16] && seen[17], "map prio / space pio / dump S missing");
	CHECK_MSG(seen[18] && seen[19] && seen[20] && seen[21],
		  "2^64 size / `*` / data / INT32_MIN prio missing");
}

static void test_decode_edges(void)
{
	static const uint8_t zeros[8] = { 0 };
	uint8_t all[256 * 4];
	size_t len, i;
	char *text;

	text = mt_decode(NULL, 0, &len);
	CHECK(text && len == 0 && !strcmp(text, ""));
	free(text);
	text = mt_decode(zeros, 0, &len);
	CHECK(text && len == 0);
	free(text);
	/* one zero byte: opcode 0 with operands all zero */
	text = mt_decode(zeros, 1, &len);
	CHECK_STR(text, "container r0 0x0\n");
	free(text);
	/* every opcode alone, truncated operands */
	for (i = 0; i < 256; i++) {
		uint8_t b = (uint8_t)i;

		text = mt_decode(&b, 1, &len);
		CHECK(text && check_lines(text, len, NULL) && len > 0);
		free(text);
	}
	/* a long run stops at 256 commands */
	for (i = 0; i < sizeof(all); i++)
		all[i] = 16; /* begin */
	text = mt_decode(all, sizeof(all), &len);
	CHECK(text && check_lines(text, len, NULL));
	CHECK_EQ_U64(len, 256 * strlen("begin\n"));
	free(text);
	/* 40 aliases in: only 12 out */
	for (i = 0; i < 40 * 5; i++)
		all[i] = (uint8_t)(i % 5 == 0 ? 4 : i % 5 < 3 ? 0xf0 : 0x41);
	text = mt_decode(all, 40 * 5, &len);
	CHECK(text && check_lines(text, len, NULL));
	CHECK_EQ_U64(len, 12 * strlen("alias r0 r0 0x1 0x1\n"));
	free(text);
	/* the opcode collision of accesses and log: 0xd1 reads, 0xe1 is log off */
	{
		static const uint8_t rd[] = { 0xd1, 0xff, 0xfc, 0x0b, 0x03 };
		static const uint8_t off[] = { 0xe1, 0xf2 }, on[] = { 0xd0, 0xf2 };

		text = mt_decode(rd, sizeof(rd), &len);
		CHECK_STR(text, "read s0 0x1000 0x8\n");
		free(text);
		text = mt_decode(off, sizeof(off), &len);
		CHECK_STR(text, "log r2 off\n");
		free(text);
		text = mt_decode(on, sizeof(on), &len);
		CHECK_STR(text, "log r2 on\n");
		free(text);
	}
}

/* encode(in) must decode to exactly out. */
static void round_trip(const char *in, const char *out)
{
	char err[200] = "x";
	size_t blen, tlen, i;
	uint8_t *bin = mt_encode(in, strlen(in), &blen, err, sizeof(err));
	char *text;

	if (!CHECK_MSG(bin != NULL, "encode failed: %s\n%s", err, in))
		return;
	CHECK_STR(err, "");
	text = mt_decode(bin, blen, &tlen);
	CHECK_STR(text, out);
	if (text)
		check_lines(text, tlen, NULL);
	free(text);
	/* every truncation still decodes to parseable lines */
	for (i = 0; i < blen; i += blen > 128 ? 13 : 1) {
		text = mt_decode(bin, i, &tlen);
		if (!text || !check_lines(text, tlen, NULL)) {
			free(text);
			break;
		}
		free(text);
	}
	free(bin);
}

static void test_round_trip(void)
{
	/* SPEC section 7 with its own names: renamed in first-appearance order */
	round_trip("container sys 0x10000000000000000\n"
		   "mmio dev 0x1000\n"
		   "space mem sys\n"
		   "map sys dev 0x1000\n"
		   "eventfd-add dev 0x10 4 0x1 7\n"
		   "dump\n",
		   "container r0 0x10000000000000000\n"
		   "mmio r1 0x1000\n"
		   "space s0 r0\n"
		   "map r0 r1 0x1000\n"
		   "eventfd-add r1 0x10 0x4 0x1 7\n"
		   "dump\n");
	/* every form; comments, blank lines, CR, tabs, decimal input */
	round_trip("# header comment\n"
		   "\n"
		   "container r0 18446744073709551616\n"
		   "ram r1 4096   # trailing comment\n"
		   "rom r2 0\r\n"
		   "mmio\tr3\t0x1\n"
		   "alias r4 r1 0xffffffffffffffff 0x10000000000000000\n"
		   "alias r5 r4 0x8000000000000000 1\n"
		   "map r0 r1 0\n"
		   "map r0 r2 0x1000 0\n"
		   "map r0 r3 0x2000 -1\n"
		   "map r0 r4 0x3000 2147483647\n"
		   "map r0 r5 0x4000 -2147483648\n"
		   "map r0 r5 0x4000 1\n"
		   "map r0 r5 0x4000 2\n"
		   "map r0 r5 0x4000 -2\n"
		   "map r0 r5 0x4000 100000\n"
		   "unmap r0 r5\n"
		   "move r1 0xfffffffffffff000\n"
		   "enable r1\n"
		   "disable r2\n"
		   "destroy r5\n"
		   "eventfd-add r3 0 0 * 0\n"
		   "eventfd-add r3 0 1 0xff 2147483647\n"
		   "eventfd-add r3 0 2 0xffff 8\n"
		   "eventfd-add r3 0 8 0xffffffffffffffff 7\n"
		   "eventfd-add r3 0 3 * 1\n"
		   "eventfd-add r3 0 0x10000000000000000 1 1\n"
		   "eventfd-add r3 0xffffffffffffffff 0x10 0x123456789abcdef 65536\n"
		   "eventfd-del r3 0 4 * 1\n"
		   "space s0 r0\n"
		   "space s1 r1 pio\n"
		   "begin\n"
		   "begin\n"
		   "commit\n"
		   "commit\n"
		   "dump\n"
		   "dump s1\n",
		   "container r0 0x10000000000000000\n"
		   "ram r1 0x1000\n"
		   "rom r2 0x0\n"
		   "mmio r3 0x1\n"
		   "alias r4 r1 0xffffffffffffffff 0x10000000000000000\n"
		   "alias r5 r4 0x8000000000000000 0x1\n"
		   "map r0 r1 0x0\n"
		   "map r0 r2 0x1000 0\n"
		   "map r0 r3 0x2000 -1\n"
		   "map r0 r4 0x3000 2147483647\n"
		   "map r0 r5 0x4000 -2147483648\n"
		   "map r0 r5 0x4000 1\n"
		   "map r0 r5 0x4000 2\n"
		   "map r0 r5 0x4000 -2\n"
		   "map r0 r5 0x4000 100000\n"
		   "unmap r0 r5\n"
		   "move r1 0xfffffffffffff000\n"
		   "enable r1\n"
		   "disable r2\n"
		   "destroy r5\n"
		   "eventfd-add r3 0x0 0x0 * 0\n"
		   "eventfd-add r3 0x0 0x1 0xff 2147483647\n"
		   "eventfd-add r3 0x0 0x2 0xffff 8\n"
		   "eventfd-add r3 0x0 0x8 0xffffffffffffffff 7\n"
		   "eventfd-add r3 0x0 0x3 * 1\n"
		   "eventfd-add r3 0x0 0x10000000000000000 0x1 1\n"
		   "eventfd-add r3 0xffffffffffffffff 0x10 0x123456789abcdef 65536\n"
		   "eventfd-del r3 0x0 0x4 * 1\n"
		   "space s0 r0\n"
		   "space s1 r1 pio\n"
		   "begin\n"
		   "begin\n"
		   "commit\n"
		   "commit\n"
		   "dump\n"
		   "dump s1\n");
	/* boundary numbers through every number encoding */
	round_trip("ram r0 0x3f\nram r0 0x40\nram r0 0x41\nram r0 0xff\nram r0 0x100\n"
		   "ram r0 0x101\nram r0 0x1f000\nram r0 0x20000\nram r0 0xffff\n"
		   "ram r0 0x10001\nram r0 0xffffffff\nram r0 0x100000001\n"
		   "ram r0 0x8000000000000000\nram r0 0x7fffffffffffffff\n"
		   "ram r0 0xfffffffffffffffe\nram r0 0xffffffffffffffff\n"
		   "ram r0 0x10000000000000000\nmove r0 0xffffffffffffffff\n"
		   "move r0 0x0\nmove r0 0xdeadbeefcafe\n",
		   "ram r0 0x3f\nram r0 0x40\nram r0 0x41\nram r0 0xff\nram r0 0x100\n"
		   "ram r0 0x101\nram r0 0x1f000\nram r0 0x20000\nram r0 0xffff\n"
		   "ram r0 0x10001\nram r0 0xffffffff\nram r0 0x100000001\n"
		   "ram r0 0x8000000000000000\nram r0 0x7fffffffffffffff\n"
		   "ram r0 0xfffffffffffffffe\nram r0 0xffffffffffffffff\n"
		   "ram r0 0x10000000000000000\nmove r0 0xffffffffffffffff\n"
		   "move r0 0x0\nmove r0 0xdeadbeefcafe\n");
	/* pool names keep their index, others take the lowest free one */
	round_trip("ram foo 1\nram r0 2\nram r15 3\nram bar 4\nspace mem foo\n"
		   "space s3 bar\nspace io r0 pio\ndump s3\ndump io\n"
		   "ram r00 5\nram R1 6\n",
		   "ram r1 0x1\nram r0 0x2\nram r15 0x3\nram r2 0x4\nspace s0 r1\n"
		   "space s3 r2\nspace s1 r0 pio\ndump s3\ndump s1\n"
		   "ram r3 0x5\nram r4 0x6\n");
	/* region and space namespaces are separate */
	round_trip("container x 1\nspace x x\ndump x\n",
		   "container r0 0x1\nspace s0 r0\ndump s0\n");
	/* guest accesses: every width, sizes outside the set, data extremes */
	round_trip("space m c\nwrite m 0 1 0xff\nread m 0x10 2\nwrite m 4 4 0\n"
		   "read m 0xfffffffffffffff8 8\nwrite m 8 8 0xffffffffffffffff\n"
		   "read m 0 3\nread m 0 0x10000000000000000\nwrite m 0 0 0x123456789\n",
		   "space s0 r0\nwrite s0 0x0 0x1 0xff\nread s0 0x10 0x2\n"
		   "write s0 0x4 0x4 0x0\nread s0 0xfffffffffffffff8 0x8\n"
		   "write s0 0x8 0x8 0xffffffffffffffff\nread s0 0x0 0x3\n"
		   "read s0 0x0 0x10000000000000000\nwrite s0 0x0 0x0 0x123456789\n");
	/* the extension forms: log, coalesce, uncoalesce, sync; CSIZE set
	 * members, escapes and out-of-range sizes */
	round_trip("ram r0 0x1000\nmmio r1 0x1000\nlog r0 on\nlog r0 off\nlog r1 on\n"
		   "coalesce r1 0x0 1\ncoalesce r1 0x10 0xffffffff\n"
		   "coalesce r1 0xffffffffffffffff 0x100000000\ncoalesce r1 0 0\n"
		   "coalesce r1 0 0x10000000000000000\nuncoalesce r1 0x0 0x1000\n"
		   "uncoalesce r0 0x7 0x3\nsync\n",
		   "ram r0 0x1000\nmmio r1 0x1000\nlog r0 on\nlog r0 off\nlog r1 on\n"
		   "coalesce r1 0x0 0x1\ncoalesce r1 0x10 0xffffffff\n"
		   "coalesce r1 0xffffffffffffffff 0x100000000\ncoalesce r1 0x0 0x0\n"
		   "coalesce r1 0x0 0x10000000000000000\nuncoalesce r1 0x0 0x1000\n"
		   "uncoalesce r0 0x7 0x3\nsync\n");
	/* empty and comment-only traces */
	round_trip("", "");
	round_trip("# nothing\n\n   \n", "");
	/* no final newline */
	round_trip("begin\ncommit", "begin\ncommit\n");
}

/* A random value of a random magnitude, to hit every number encoding. */
static uint64_t random_value(void)
{
	unsigned bits = (unsigned)(rng() % 65);
	uint64_t v = rng();

	switch (rng() % 4) {
	case 0:
		return bits == 64 ? v : v & (((uint64_t)1 << bits) - 1);
	case 1:
		return (v % 64) * 0x1000;
	case 2:
		return UINT64_MAX - v % 0x10000;
	default:
		return v;
	}
}

/* Random numbers in every numeric position, printed the decoder's way. */
static void test_number_round_trip(void)
{
	static char in[1 << 16];
	unsigned k, i;

	for (k = 0; k < 200; k++) {
		size_t n = 0;

		for (i = 0; i < 40; i++) {
			uint64_t a = random_value(), b = random_value(), c = random_value();
			int32_t p = (int32_t)(uint32_t)rng();
			int32_t fdv = (int32_t)(rng() % 3 ? rng() % 12 : rng() & 0x7fffffff);

			if (i % 8 == 0)
				p = (int32_t)(rng() % 9) - 4;
			switch (i % 5) {
			case 0:
				n += (size_t)snprintf(in + n, sizeof(in) - n, "ram r%u 0x%" PRIx64 "\n",
						      i % 16, a);
				break;
			case 1:
				n += (size_t)snprintf(in + n, sizeof(in) - n,
						      "map r%u r%u 0x%" PRIx64 " %d\n", i % 16,
						      (i + 1) % 16, a, (int)p);
				break;
			case 2:
				n += (size_t)snprintf(in + n, sizeof(in) - n,
						      "eventfd-add r%u 0x%" PRIx64 " 0x%" PRIx64
						      " 0x%" PRIx64 " %d\n",
						      i % 16, a, rng() % 2 ? b : b % 9, c, (int)fdv);
				break;
			case 3:
				n += (size_t)snprintf(in + n, sizeof(in) - n,
						      "eventfd-del r%u 0x%" PRIx64 " 0x%" PRIx64
						      " * %d\n", i % 16, a, b % 9, (int)fdv);
				break;
			default:
				n += (size_t)snprintf(in + n, sizeof(in) - n,
						      "move r%u 0x%" PRIx64 "\n", i % 16, a);
				break;
			}
		}
		round_trip(in, in);
	}
}

static void encode_error(const char *in, const char *needle)
{
	char err[200] = "";
	size_t blen = 12345;
	uint8_t *bin = mt_encode(in, strlen(in), &blen, err, sizeof(err));

	CHECK_MSG(bin == NULL, "encode of \"%.40s\" succeeded", in);
	free(bin);
	CHECK_MSG(strstr(err, needle) != NULL, "error \"%s\" lacks \"%s\"", err, needle);
}

static void test_encode_errors(void)
{
	char big[16384];
	size_t i, n = 0;

	encode_error("ram r0 1\nfrob r0\n", "line 2");
	encode_error("ram r0 1\n\nram r1 0x10000000000000001\n", "line 3");
	encode_error("move r0 0x10000000000000000\n", "line 1");
	encode_error("map a b 0 2147483648\n", "line 1");
	encode_error("eventfd-add r0 0 4 1 2147483648\n", "line 1");
	encode_error("ram r0\n", "line 1");
	for (i = 0; i < 17; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "ram n%zu 1\n", i);
	encode_error(big, "line 17");
	encode_error("space a r0\nspace b r0\nspace c r0\nspace d r0\ndump e\n", "line 5");
	n = 0;
	for (i = 0; i < 13; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "alias r1 r0 0 1\n");
	encode_error(big, "line 13");
	n = 0;
	for (i = 0; i < 257; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "# c\nbegin\n");
	encode_error(big, "line 514");
	/* exactly at the limits is fine */
	n = 0;
	for (i = 0; i < 256; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%s r%zu %s1\n",
				      i < 12 ? "alias" : "ram", i % 16, i < 12 ? "r0 0 " : "");
	{
		char err[200];
		size_t blen;
		uint8_t *bin = mt_encode(big, n, &blen, err, sizeof(err));

		CHECK_MSG(bin != NULL, "256 commands / 12 aliases: %s", err);
		free(bin);
	}
}

/* decode(encode(decode(x))) == decode(x) */
static void test_redecode(void)
{
	static uint8_t buf[4096];
	unsigned long bad = 0, k;
	char err[200];

	for (k = 0; k < 20000 && bad < 10; k++) {
		size_t n = random_input(buf, sizeof(buf)), tlen, blen, t2len;
		char *text = mt_decode(buf, n, &tlen), *text2 = NULL;
		uint8_t *bin = text ? mt_encode(text, tlen, &blen, err, sizeof(err)) : NULL;

		if (!bin) {
			bad++;
			CHECK_FAILF("encode of a decoded trace failed: %s", err);
		} else {
			text2 = mt_decode(bin, blen, &t2len);
			if (!text2 || t2len != tlen || strcmp(text, text2)) {
				bad++;
				CHECK_FAILF("re-decode differs:\n%s----\n%s", text,
					    text2 ? text2 : "(null)");
			}
		}
		free(text);
		free(text2);
		free(bin);
	}
	CHECK_MSG(bad == 0, "%lu re-decodes bad", bad);
}

int main(void)
{
	test_decode_edges();
	test_decode_random();
	test_round_trip();
	test_number_round_trip();
	test_encode_errors();
	test_redecode();
	return check_report();
}

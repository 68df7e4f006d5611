/* mt_parse_line (SPEC section 5 and docs/semantics.md's lexical choices). */
#include <stdlib.h>

#include "check.h"
#include "memtopo_trace.h"

static mt_cmd C;

static mt_cmd *P(const char *s)
{
	mt_parse_line(s, strlen(s), 7, &C);
	return &C;
}

static mt_cmd *PN(const char *s, size_t n)
{
	mt_parse_line(s, n, 7, &C);
	return &C;
}

#define OK(s) CHECK_MSG(P(s)->parse_err == MT_OK, "\"%s\": %s, expected ok", s, mt_err_name(C.parse_err))
#define SYN(s) CHECK_MSG(P(s)->parse_err == MT_ESYNTAX, "\"%s\": %s, expected syntax", s, mt_err_name(C.parse_err))
#define INV(s) CHECK_MSG(P(s)->parse_err == MT_EINVAL, "\"%s\": %s, expected invalid", s, mt_err_name(C.parse_err))

static const char *const TWO64 = "18446744073709551616";
static const char *const TWO64M1 = "18446744073709551615";

static void test_commands(void)
{
	mt_cmd *c;
	static const struct {
		const char *w;
		mt_kind k;
	} kinds[] = { { "container", MT_CONTAINER }, { "ram", MT_RAM },
		      { "rom", MT_ROM }, { "mmio", MT_MMIO } };
	size_t i;

	for (i = 0; i < 4; i++) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%s r0 0x1000", kinds[i].w);
		c = P(buf);
		CHECK(c->parse_err == MT_OK && c->op == MT_OP_REGION &&
		      c->kind == kinds[i].k && !strcmp(c->name, "r0") &&
		      c->size == 0x1000 && c->line == 7);
		CHECK(mt_op_is_mutation(c->op));
		snprintf(buf, sizeof(buf), "%s r0", kinds[i].w);
		SYN(buf);
		snprintf(buf, sizeof(buf), "%s r0 1 2", kinds[i].w);
		SYN(buf);
	}
	c = P("alias a t 0x10 0x20");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_ALIAS && c->kind == MT_ALIAS &&
	      !strcmp(c->name, "a") && !strcmp(c->name2, "t") && c->num == 0x10 &&
	      c->size == 0x20);
	SYN("alias a t 0x10");
	SYN("alias a t 0x10 1 2");

	c = P("map p c 0x10");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_MAP && !strcmp(c->name, "p") &&
	      !strcmp(c->name2, "c") && c->num == 0x10 && !c->has_prio && c->prio == 0);
	c = P("map p c 0x10 -3");
	CHECK(c->parse_err == MT_OK && c->has_prio && c->prio == -3);
	c = P("map p c 0x10 0");
	CHECK(c->parse_err == MT_OK && c->has_prio && c->prio == 0);
	SYN("map p c");
	SYN("map p c 1 2 3");

	c = P("unmap p c");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_UNMAP && !strcmp(c->name, "p") &&
	      !strcmp(c->name2, "c"));
	SYN("unmap p");
	SYN("unmap p c d");

	c = P("move c 0x20");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_MOVE && !strcmp(c->name, "c") &&
	      c->num == 0x20);
	SYN("move c");
	SYN("move c 1 2");

	c = P("enable n");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_ENABLE && !strcmp(c->name, "n"));
	c = P("disable n");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_DISABLE && !strcmp(c->name, "n"));
	c = P("destroy n");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_DESTROY && !strcmp(c->name, "n"));
	SYN("enable");
	SYN("disable a b");
	SYN("destroy");
	SYN("destroy a b");

	c = P("eventfd-add r 0x10 4 0x1 7");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_EFD_ADD && !strcmp(c->name, "r") &&
	      c->efd.offset == 0x10 && c->efd_size == 4 && c->efd.match &&
	      c->efd.data == 1 && c->efd.fd == 7);
	c = P("eventfd-del r 0x10 0 * 0");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_EFD_DEL && c->efd_size == 0 &&
	      !c->efd.match && c->efd.fd == 0);
	/* SIZE outside {0,1,2,4,8} is the command's error, not the parser's */
	c = P("eventfd-add r 0 3 * 1");
	CHECK(c->parse_err == MT_OK && c->efd_size == 3);
	c = P("eventfd-add r 0 18446744073709551616 * 1");
	CHECK(c->parse_err == MT_OK && c->efd_size == MT_2_64);
	INV("eventfd-add r 0 18446744073709551617 * 1");
	SYN("eventfd-add r 0 4 0x1");
	SYN("eventfd-add r 0 4 0x1 7 8");
	SYN("eventfd-add r 0 4 ** 7");
	SYN("eventfd-add r 0 * 1 7"); /* * only for DATA */
	SYN("eventfd-add r * 4 1 7");
	SYN("eventfd-add r 0 4 1 *");

	c = P("space s r");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_SPACE && !strcmp(c->name, "s") &&
	      !strcmp(c->name2, "r") && !c->pio);
	c = P("space s r pio");
	CHECK(c->parse_err == MT_OK && c->pio);
	SYN("space s r xyz");
	SYN("space s r PIO");
	SYN("space s r pio pio");
	SYN("space s");

	c = P("begin");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_BEGIN && !mt_op_is_mutation(c->op));
	c = P("commit");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_COMMIT && !mt_op_is_mutation(c->op));
	SYN("begin now");
	SYN("commit 1");
	c = P("dump");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_DUMP && !c->has_name &&
	      !mt_op_is_mutation(c->op));
	c = P("dump s");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_DUMP && c->has_name &&
	      !strcmp(c->name, "s"));
	SYN("dump s t");
	SYN("dump 0x1$");

	SYN("frobnicate a");
	SYN("Map p c 0");
	SYN("map\"p c 0");
	SYN("eventfd_add r 0 4 1 7");
	SYN("mapp c 0");
	/* the command word must be a whole token */
	SYN("ma p c 0");
	/* far too many tokens */
	SYN("map a b c d e f g h i j k l m n o p");
	CHECK(!mt_op_is_mutation(MT_OP_NONE));
	CHECK(mt_op_is_mutation(MT_OP_MAP) && mt_op_is_mutation(MT_OP_SPACE) &&
	      mt_op_is_mutation(MT_OP_EFD_DEL) && mt_op_is_mutation(MT_OP_ENABLE));
}

static void test_numbers(void)
{
	char buf[256];
	mt_cmd *c;

	OK("ram r 0");
	OK("ram r 00000");
	c = P("ram r 0010");
	CHECK(c->parse_err == MT_OK && c->size == 10); /* decimal, not octal */
	c = P("ram r 0x00ff");
	CHECK(c->parse_err == MT_OK && c->size == 255);
	c = P("ram r 0xABcdEF");
	CHECK(c->parse_err == MT_OK && c->size == 0xabcdef);
	SYN("ram r 0X1");
	SYN("ram r 0x");
	SYN("ram r x10");
	SYN("ram r 0xg");
	SYN("ram r 1a");
	SYN("ram r 1.0");
	SYN("ram r +1");
	SYN("ram r -1");
	SYN("ram r 0x-1");
	SYN("ram r 0x0x1");

	/* sizes up to 2^64 */
	snprintf(buf, sizeof(buf), "ram r %s", TWO64);
	c = P(buf);
	CHECK(c->parse_err == MT_OK && c->size == MT_2_64);
	c = P("ram r 0x10000000000000000");
	CHECK(c->parse_err == MT_OK && c->size == MT_2_64);
	c = P("ram r 0x00000000000000000010000000000000000");
	CHECK(c->parse_err == MT_OK && c->size == MT_2_64);
	INV("ram r 18446744073709551617");
	INV("ram r 0x10000000000000001");
	INV("ram r 0x100000000000000000000000000000000000000000000000000"); /* 2^200 */
	INV("ram r 1606938044258990275541962092341162602522202993782792835301376"); /* 2^200 */
	INV("ram r 99999999999999999999999999999999999999999999999999999999999999999999999999999999");
	snprintf(buf, sizeof(buf), "alias a t 0 %s", TWO64);
	OK(buf);

	/* other numbers up to 2^64-1 */
	snprintf(buf, sizeof(buf), "map p c %s", TWO64M1);
	c = P(buf);
	CHECK(c->parse_err == MT_OK && c->num == UINT64_MAX);
	snprintf(buf, sizeof(buf), "map p c %s", TWO64);
	INV(buf);
	INV("map p c 0x10000000000000000");
	OK("move c 0xffffffffffffffff");
	INV("move c 0x10000000000000000");
	snprintf(buf, sizeof(buf), "alias a t %s 1", TWO64M1);
	OK(buf);
	snprintf(buf, sizeof(buf), "alias a t %s 1", TWO64);
	INV(buf);
	OK("eventfd-add r 0xffffffffffffffff 1 0xffffffffffffffff 1");
	INV("eventfd-add r 0x10000000000000000 1 1 1");
	INV("eventfd-add r 0 8 0x10000000000000000 1");
	c = P("eventfd-add r 0 8 18446744073709551615 1");
	CHECK(c->parse_err == MT_OK && c->efd.data == UINT64_MAX && c->efd.match);

	/* priorities: signed 32-bit; sign only before decimal */
	c = P("map p c 0 -5");
	CHECK(c->parse_err == MT_OK && c->prio == -5);
	SYN("map p c 0 -0x5");
	SYN("map p c 0 -");
	SYN("map p c 0 --5");
	SYN("map p c 0 +5");
	SYN("map p c 0 -5a");
	c = P("map p c 0 -0");
	CHECK(c->parse_err == MT_OK && c->prio == 0 && c->has_prio);
	c = P("map p c 0 -2147483648");
	CHECK(c->parse_err == MT_OK && c->prio == INT32_MIN);
	c = P("map p c 0 -002147483648");
	CHECK(c->parse_err == MT_OK && c->prio == INT32_MIN);
	INV("map p c 0 -2147483649");
	c = P("map p c 0 2147483647");
	CHECK(c->parse_err == MT_OK && c->prio == INT32_MAX);
	INV("map p c 0 2147483648");
	c = P("map p c 0 0x7fffffff");
	CHECK(c->parse_err == MT_OK && c->prio == INT32_MAX);
	INV("map p c 0 0x80000000");
	INV("map p c 0 -99999999999999999999999999999999");
	INV("map p c 0 99999999999999999999999999999999");

	/* fd: 0 <= fd < 2^31 */
	c = P("eventfd-add r 0 4 1 2147483647");
	CHECK(c->parse_err == MT_OK && c->efd.fd == INT32_MAX);
	INV("eventfd-add r 0 4 1 2147483648");
	INV("eventfd-add r 0 4 1 0x80000000");
	SYN("eventfd-add r 0 4 1 -1");
	INV("eventfd-del r 0 4 1 4294967296");
}

static void test_precedence(void)
{
	/* syntax anywhere in the line wins over invalid anywhere */
	SYN("map p c 0x10000000000000000 0x");
	SYN("map p c 99999999999999999999999 -0x1");
	SYN("map p c 0x10000000000000000 1 extra");
	SYN("map p! c 0x10000000000000000");
	SYN("eventfd-add r 0x10000000000000000 4 1 x");
	SYN("eventfd-add r! 0 4 1 2147483648");
	SYN("alias a t 0x10000000000000000 1z");
	SYN("bogus 0x10000000000000000");
	INV("map p c 0x10000000000000000 2147483648");
	/* invalid is not a reason to stop looking for syntax */
	SYN("alias a t 0x10000000000000000 0x");
}

static void test_names(void)
{
	char name64[65], name65[66], buf[200];
	mt_cmd *c;

	memset(name64, 'a', 64);
	name64[64] = 0;
	memset(name65, 'b', 65);
	name65[65] = 0;
	snprintf(buf, sizeof(buf), "ram %s 1", name64);
	c = P(buf);
	CHECK(c->parse_err == MT_OK && !strcmp(c->name, name64));
	snprintf(buf, sizeof(buf), "ram %s 1", name65);
	SYN(buf);
	snprintf(buf, sizeof(buf), "alias x %s 0 1", name64);
	c = P(buf);
	CHECK(c->parse_err == MT_OK && !strcmp(c->name2, name64));
	snprintf(buf, sizeof(buf), "alias x %s 0 1", name65);
	SYN(buf);
	snprintf(buf, sizeof(buf), "dump %s", name65);
	SYN(buf);
	c = P("ram A-z_0.9 1");
	CHECK(c->parse_err == MT_OK && !strcmp(c->name, "A-z_0.9"));
	OK("ram - 1");
	OK("ram . 1");
	OK("ram 123 1"); /* digits are name characters */
	OK("ram 0x10 1");
	SYN("ram a/b 1");
	SYN("ram a:b 1");
	SYN("ram a* 1");
	SYN("ram * 1");
	SYN("ram a@ 1");
	SYN("ram \"a\" 1");
	SYN("ram a\xc3\xa9 1");
	SYN("ram a,b 1");
	SYN("space s\x01 r");
	SYN("enable a\x7f");
}

static void test_blanks_comments(void)
{
	mt_cmd *c;

	c = P("");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_NONE && c->line == 7);
	c = P("   \t \r");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_NONE);
	c = P("# just a comment");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_NONE);
	c = P("   # indented comment 0x10000000000000000 !!");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_NONE);
	c = P("ram r 0x10 # a comment");
	CHECK(c->parse_err == MT_OK && c->size == 0x10);
	c = P("ram r 0x10# glued comment");
	CHECK(c->parse_err == MT_OK && c->size == 0x10);
	c = P("dump#x");
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_DUMP && !c->has_name);
	c = P("ram r#0x10");
	CHECK(c->parse_err == MT_ESYNTAX); /* SIZE is inside the comment */
	c = P("ram#r 1");
	CHECK(c->parse_err == MT_ESYNTAX);
	c = P("\tram\tr\t0x10\r");
	CHECK(c->parse_err == MT_OK && c->size == 0x10 && !strcmp(c->name, "r"));
	c = P("ram r 0x10\r\r");
	CHECK(c->parse_err == MT_OK);
	c = P("  map   p  c 0x10    -1   ");
	CHECK(c->parse_err == MT_OK && c->prio == -1);
	/* other whitespace is not a blank */
	SYN("ram\vr 1");
	SYN("ram\fr 1");
	SYN("ram r 1\v");
	/* a newline is not part of the line's grammar either */
	SYN("ram r 1\n");
	/* len is honoured: bytes past it are ignored */
	c = PN("ram r 0x10 garbage", 10);
	CHECK(c->parse_err == MT_OK && c->size == 0x10);
	c = PN("ram r 12345", 7);
	CHECK(c->parse_err == MT_OK && c->size == 1);
	c = PN("ram r 1", 0);
	CHECK(c->parse_err == MT_OK && c->op == MT_OP_NONE);
}

static void test_nul(void)
{
	mt_cmd *c;

	c = PN("ram r\0x 1", 9);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("ram r 1\0", 8);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("\0", 1);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("ram\0r 1", 7);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("ram r 1 \0", 9);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("map p c 0 -1\0", 13);
	CHECK(c->parse_err == MT_ESYNTAX);
	c = PN("eventfd-add r 0 4 *\0 1", 23);
	CHECK(c->parse_err == MT_ESYNTAX);
	/* inside a comment a NUL is just comment text */
	c = PN("ram r 1 # \0 x", 13);
	CHECK(c->parse_err == MT_OK && c->size == 1);
}

/* A parse error sets nothing else. */
static void test_clean_on_error(void)
{
	mt_cmd *c = P("ram r 0x10000000000000001");

	CHECK(c->parse_err == MT_EINVAL && c->line == 7);
	c = P("map p c 0x");
	CHECK(c->parse_err == MT_ESYNTAX && c->line == 7);
	/* reused output struct is reset */
	P("map p c 1 5");
	c = P("map p c 1");
	CHECK(c->parse_err == MT_OK && !c->has_prio && c->prio == 0);
	P("space s r pio");
	c = P("space s r");
	CHECK(c->parse_err == MT_OK && !c->pio);
	P("dump x");
	c = P("dump");
	CHECK(c->parse_err == MT_OK && !c->has_name && !c->name[0]);
}

/* Random bytes never crash and always give one of the three outcomes. */
static void test_random_bytes(void)
{
	static const char alphabet[] = "map ramx0123456789abcdef-*#\t\r \0.eventfd-addspacepio";
	uint64_t s = 99;
	char buf[80];
	int i, k;
	bool ok = true;

	for (i = 0; i < 200000; i++) {
		size_t n = (size_t)(i % 79);

		for (k = 0; k < (int)n; k++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			buf[k] = alphabet[s % (sizeof(alphabet) - 1)];
		}
		mt_parse_line(buf, n, 1, &C);
		if (C.parse_err != MT_OK && C.parse_err != MT_ESYNTAX &&
		    C.parse_err != MT_EINVAL)
			ok = false;
		if (C.parse_err == MT_OK && C.op != MT_OP_NONE && C.has_name &&
		    C.op != MT_OP_DUMP)
			ok = false;
	}
	CHECK(ok);
}

int main(void)
{
	test_commands();
	test_numbers();
	test_precedence();
	test_names();
	test_blanks_comments();
	test_nul();
	test_clean_on_error();
	test_random_bytes();
	return check_report();
}

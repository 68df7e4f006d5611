/* Tiny check macros for the unit tests: one line per failing check, and a
 * final "N passed, M failed" line.  Each test file has its own counters. */
#ifndef MT_CHECK_H
#define MT_CHECK_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static struct {
	unsigned long passed, failed;
} check_counts;

static inline int check_pass(void)
{
	check_counts.passed++;
	return 1;
}

static inline __attribute__((format(printf, 3, 4))) int
check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	check_counts.failed++;
	printf("FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return 0;
}

#define CHECK_PASS() check_pass()
#define CHECK_FAILF(...) check_fail(__FILE__, __LINE__, __VA_ARGS__)

/* Each macro evaluates to 1 when the check passed, 0 when it failed. */
#define CHECK(cond) ((cond) ? CHECK_PASS() : CHECK_FAILF("%s", #cond))

#define CHECK_MSG(cond, ...) ((cond) ? CHECK_PASS() : CHECK_FAILF(__VA_ARGS__))

#define CHECK_EQ_U64(a, b)                                                  \
	__extension__({                                                     \
		uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b); \
		check_a_ == check_b_ ? CHECK_PASS()                         \
				     : CHECK_FAILF("%s == %s: 0x%" PRIx64    \
						   " != 0x%" PRIx64,         \
						   #a, #b, check_a_, check_b_); \
	})

#define CHECK_STR(a, b)                                                     \
	__extension__({                                                     \
		const char *check_a_ = (a), *check_b_ = (b);                 \
		(check_a_ && check_b_ && !strcmp(check_a_, check_b_))       \
			? CHECK_PASS()                                      \
			: CHECK_FAILF("%s == %s: \"%s\" != \"%s\"", #a, #b,  \
				      check_a_ ? check_a_ : "(null)",       \
				      check_b_ ? check_b_ : "(null)");      \
	})

/* Print the summary line; the process exit status. */
static inline int check_report(void)
{
	printf("%lu passed, %lu failed\n", check_counts.passed,
	       check_counts.failed);
	return check_counts.failed ? 1 : 0;
}

#endif

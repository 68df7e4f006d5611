/* fuzz_trace: raw bytes as trace text.  Any input must yield error lines,
 * never a crash, leak or UB; the parser sees every byte.  The semantics are
 * also checked against the model, except for inputs with more than
 * MAX_ALIASES `alias` words: alias DAGs make rendering exponential in the
 * number of aliases (in QEMU too), which is a property of the SPEC, not a
 * bug to report as a timeout. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lockstep.h"
#include "memtopo_trace.h"

#define MAX_ALIASES 12

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned count_word(const char *text, size_t len, const char *w)
{
	size_t wl = strlen(w), i;
	unsigned n = 0;

	for (i = 0; i + wl <= len; i++)
		if (!memcmp(text + i, w, wl))
			n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	mt_cmd c;
	size_t i = 0;
	unsigned line = 0;

	if (count_word(text, size, "alias") <= MAX_ALIASES) {
		if (mt_lockstep_run(text, size, 0, stderr) == MT_LOCKSTEP_DIVERGED)
			abort();
		return 0;
	}
	while (i < size) {
		const char *nl = memchr(text + i, '\n', size - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : size - i;

		mt_parse_line(text + i, n, ++line, &c);
		i += n + 1;
	}
	return 0;
}

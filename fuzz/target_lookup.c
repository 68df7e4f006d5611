/* fuzz_lookup: like fuzz_commit, and after every commit mt_lookup is probed
 * on both sides of every edge of the flat view (and at 0, 2^63, 2^64-1)
 * against the model's byte ownership. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "codec.h"
#include "lockstep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *text = mt_decode(data, size, &len);

	if (!text)
		return 0;
	if (mt_lockstep_run(text, len, MT_LOCKSTEP_LOOKUP, stderr) ==
	    MT_LOCKSTEP_DIVERGED)
		abort();
	free(text);
	return 0;
}

/* fuzz_commit: a binary op stream decoded into a trace, run on the core and
 * the model in lockstep.  After every command the outputs (errors and
 * backend operations, in order, refusals included) must be equal; after
 * every commit the flat views, the installed sets, and the core's installed
 * set against its backend.  A divergence prints the trace and aborts. */
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
	if (mt_lockstep_run(text, len, 0, stderr) == MT_LOCKSTEP_DIVERGED)
		abort();
	free(text);
	return 0;
}

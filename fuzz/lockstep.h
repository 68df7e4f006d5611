/* Lockstep differential run: the core (through the trace runner and the
 * reference backend) and the independent model execute the same commands;
 * after every command their outputs must be equal byte for byte, and after
 * every commit so must their dumps (flat views and installed sets), the
 * core's installed set must equal what its backend holds, and optionally
 * every probed address must resolve to the same owner.
 *
 * Used by the fuzz targets (which abort on a divergence) and by
 * `memtopo repro` (which prints it). */
#ifndef MT_LOCKSTEP_H
#define MT_LOCKSTEP_H

#include <stddef.h>
#include <stdio.h>

enum {
	MT_LOCKSTEP_LOOKUP = 1 << 0,  /* probe mt_lookup against the model */
	MT_LOCKSTEP_VERBOSE = 1 << 1, /* echo every command and its output */
};

enum mt_lockstep_result {
	MT_LOCKSTEP_OK = 0,
	MT_LOCKSTEP_DIVERGED = 1,
	MT_LOCKSTEP_SKIPPED = 2, /* the model gave up (pathological blowup) */
};

/* Run trace text; on divergence print the numbered trace and the first
 * difference (expected = model, actual = core) to report. */
int mt_lockstep_run(const char *text, size_t len, unsigned flags, FILE *report);

#endif

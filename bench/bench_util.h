/* What every benchmark needs: a monotonic clock, an abort on a failed call,
 * the peak resident set. */
#ifndef MT_BENCH_UTIL_H
#define MT_BENCH_UTIL_H

#include "memtopo.h"

/* Seconds on CLOCK_MONOTONIC. */
double now(void);
/* Exit 1 with the call's name and the context's message when err is set. */
void check(int err, mt_ctx *ctx, const char *what);
/* Peak resident set size of this process, in MiB. */
double peak_mib(void);

#endif

/* What every benchmark needs (bench_util.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void check(int err, mt_ctx *ctx, const char *what)
{
	if (err) {
		fprintf(stderr, "bench: %s: %s (%s)\n", what, mt_err_name(err),
			mt_errmsg(ctx));
		exit(1);
	}
}

double peak_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

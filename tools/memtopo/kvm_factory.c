/* The KVM backend factory of `run --backend kvm`, with the tool's messages
 * and exit codes.  It keeps the backends it made, so that the run can end
 * by reporting where KVM deviated from SPEC section 10 (never hidden). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "memtopo_kvm.h"
#include "memtopo_trace.h"

struct made {
	mt_kvm_backend *b;
	char space[65];
};

struct mt_cli_kvm {
	mt_backend_factory inner;
	struct made *v;
	size_t n, cap;
};

static void *make(void *arg, const char *space, bool pio, const mt_backend_ops **ops,
		  int *code, char *err, size_t errlen)
{
	struct mt_cli_kvm *k = arg;
	void *b = k->inner.make(k->inner.arg, space, pio, ops, code, err, errlen);

	if (b && *ops == mt_kvm_backend_ops()) {
		if (k->n == k->cap) {
			size_t cap = k->cap ? 2 * k->cap : 8;
			struct made *v = realloc(k->v, cap * sizeof(*v));

			if (!v)
				return b; /* unreported: only its deviations */
			k->v = v;
			k->cap = cap;
		}
		k->v[k->n].b = b;
		snprintf(k->v[k->n].space, sizeof(k->v[k->n].space), "%s", space);
		k->n++;
	}
	return b;
}

struct mt_cli_kvm *mt_cli_kvm_factory(struct mt_backend_factory *out, int dirty_mode,
				      int *rc)
{
	char err[256] = "";
	struct mt_cli_kvm *k = calloc(1, sizeof(*k));
	mt_kvm_status st;

	*rc = MT_EXIT_OK;
	if (!k) {
		fprintf(stderr, "memtopo: out of memory\n");
		*rc = MT_EXIT_USAGE;
		return NULL;
	}
	st = mt_kvm_factory_dirty(&k->inner, (mt_kvm_dirty_mode)dirty_mode, err, sizeof(err));
	if (st != MT_KVM_OK) {
		fprintf(stderr, "memtopo: %s\n", err[0] ? err : "KVM is not usable here");
		/* A dirty mode this KVM lacks is skipped, even where KVM
		 * itself is required (MEMTOPO_REQUIRE_KVM): never passed. */
		if (st == MT_KVM_NOCAP)
			fprintf(stderr, "memtopo: skipped: --dirty %s needs a KVM that offers it "
				"(memtopo host lists the modes)\n",
				mt_kvm_dirty_mode_name((mt_kvm_dirty_mode)dirty_mode));
		*rc = st == MT_KVM_NOCAP ? MT_EXIT_SKIP : mt_kvm_skip_code();
		/* KVM works and offers the mode, but enabling it failed: a
		 * failure, not a skip. */
		if (st == MT_KVM_UNUSABLE && dirty_mode != MT_KVM_DIRTY_BITMAP &&
		    mt_kvm_detect(err, sizeof(err)) == MT_KVM_OK)
			*rc = MT_EXIT_FAIL;
		free(k);
		return NULL;
	}
	out->make = make;
	out->arg = k;
	return k;
}

unsigned long mt_cli_kvm_report(const struct mt_cli_kvm *k)
{
	unsigned long total = 0;
	size_t i;

	for (i = 0; k && i < k->n; i++) {
		const mt_kvm_access_stats *st = mt_kvm_backend_access_stats(k->v[i].b);

		if (!st->deviations)
			continue;
		total += st->deviations;
		fprintf(stderr, "memtopo: KVM deviation from SPEC section 10: space %s: %lu "
			"write(s); first: %s\n", k->v[i].space, st->deviations,
			mt_kvm_backend_deviation(k->v[i].b));
	}
	return total;
}

void mt_cli_kvm_free(struct mt_cli_kvm *k)
{
	if (k)
		free(k->v);
	free(k);
}

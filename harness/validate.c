/* The validator: run traces on the KVM backend and, after every commit,
 * check from a vCPU that KVM does what the flat views and installed
 * ioeventfd sets say (the files: validate.h).  This file: the API of
 * harness.h (one trace text at a time; files, directories and decoding are
 * the tool's), and the commits. */
#include <stdlib.h>
#include <string.h>

#include "validate.h"

typedef void space_fn(struct vstate *v, struct vspace *s, const mt_space *space,
		      unsigned line);

/* fn on every space the validator made, in creation order. */
static void each_space(struct vstate *v, unsigned line, space_fn *fn)
{
	mt_ctx *ctx = mt_runner_ctx(v->r);
	size_t i;

	for (i = 0; i < mt_space_count(ctx); i++) {
		const mt_space *sp = mt_space_at(ctx, i);
		struct vspace *s = vspace_find(v, mt_space_name(sp));

		if (s)
			fn(v, s, sp, line);
	}
}

static void on_commit(void *arg, unsigned line)
{
	struct vstate *v = arg;
	size_t olen;
	const char *o = mt_runner_output(v->r, &olen);

	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	v->printed = olen;
	if (v->pre && v->pre_on)
		dirty_pre_check(v, line, true); /* leaves the trace's pages kept */
	else
		dirty_keep_trace(v);
	v->pre_on = false;
	each_space(v, line, probe_space);
	dirty_commit_end(v);
}

/* Just before a command that commits: the guest dirties pages of the
 * topology it is about to change. */
static void before_commit(void *arg, unsigned line)
{
	struct vstate *v = arg;

	if (!dirty_pre_begin(v))
		return;
	v->pre_on = true;
	each_space(v, line, pre_probe_space);
}

/* The command failed: nothing committed; its pages are still reported. */
static void commit_failed(void *arg, unsigned line)
{
	struct vstate *v = arg;

	if (!v->pre_on)
		return;
	dirty_pre_check(v, line, false);
	dirty_commit_end(v);
	v->pre_on = false;
}

/* Validate one trace text. */
static void validate_text(struct vstate *v, const char *name, const char *text, size_t len)
{
	mt_backend_factory f = { vspace_make, v };
	size_t olen;
	const char *o;

	v->input = name;
	v->printed = 0;
	v->r = mt_runner_new(&f);
	if (!v->r) {
		fprintf(v->out, "FAIL %s: out of memory\n", name);
		v->nfail++;
		return;
	}
	if (v->verbose)
		mt_runner_set_log(v->r, v->out);
	mt_runner_on_commit(v->r, on_commit, v);
	mt_runner_before_commit(v->r, before_commit, commit_failed, v);
	mt_runner_run_text(v->r, text, len);
	o = mt_runner_output(v->r, &olen);
	if (v->verbose && olen > v->printed)
		fwrite(o + v->printed, 1, olen - v->printed, v->out);
	/* vCPUs first (they hold VM references), then the runner's spaces. */
	vspace_free_cpus(v);
	mt_runner_free(v->r);
	v->r = NULL;
	vspace_drop_all(v);
}

struct mt_validator {
	struct vstate v;
};

mt_validator *mt_validator_new(FILE *out, int *status, char *err, size_t errlen)
{
	mt_validator *val = calloc(1, sizeof(*val));

	*status = MT_KVM_UNUSABLE;
	if (!val) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*status = mt_kvm_factory(&val->v.kvm, err, errlen);
	if (*status != MT_KVM_OK) {
		free(val);
		return NULL;
	}
	val->v.out = out;
	val->v.fast_mmio = kvm_host_fast_mmio();
	val->v.ring_u32_wrap = kvm_ring_u32_wrap();
	return val;
}

void mt_validator_set_verbose(mt_validator *val, bool verbose)
{
	val->v.verbose = verbose;
}

void mt_validator_run(mt_validator *val, const char *name, const char *text, size_t len)
{
	struct vcounts before;

	counts_of(&val->v, &before);
	validate_text(&val->v, name, text, len);
	if (!val->v.verbose)
		report_file(&val->v, name, &before);
}

int mt_validator_finish(mt_validator *val)
{
	int rc;

	if (!val)
		return 0;
	report_total(&val->v);
	rc = val->v.nfail ? 1 : 0;
	free(val->v.sp);
	free(val->v.probes);
	free(val->v.labels);
	free(val->v.dirty);
	free(val->v.pre);
	free(val);
	return rc;
}

/* What memtopo validate prints, and its counts: one line per probe (in
 * verbose mode) or per failing and KNOWN probe, harness failures, notes. */
#include "validate.h"

void hex128(char *buf, size_t len, mt_u128 v)
{
	if (v >> 64)
		snprintf(buf, len, "0x1%016llx", (unsigned long long)(uint64_t)v);
	else
		snprintf(buf, len, "0x%llx", (unsigned long long)(uint64_t)v);
}

static void report(struct vstate *v, unsigned line, const char *space, const struct probe *p,
	    const char *status, const char *why)
{
	char src[48] = "";

	if (p->since && p->since != line)
		snprintf(src, sizeof(src), " (installed by line %u)", p->since);
	fprintf(v->out, "%s line %u%s %s: %s %s%u 0x%llx", status, line, src, space, p->what,
		p->acc.op == MT_ACC_WRITE ? "write" : "read", p->acc.width,
		(unsigned long long)p->acc.addr);
	if (p->acc.op == MT_ACC_WRITE)
		fprintf(v->out, " <- 0x%llx", (unsigned long long)p->acc.value);
	fprintf(v->out, ": %s\n", why);
}

/* Count the verdict; failures and KNOWN quirks are always printed (under
 * the input's name when a directory is validated), agreement only when
 * verbose. */
void report_verdict(struct vstate *v, unsigned line, const char *space,
		    const struct probe *p, enum verdict verdict, const char *why)
{
	switch (verdict) {
	case VERDICT_OK:
		v->nok++;
		if (v->verbose)
			report(v, line, space, p, "ok  ", why);
		return;
	case VERDICT_KNOWN:
		v->nknown++;
		v->known_by[v->quirk]++;
		break;
	case VERDICT_FAIL:
		v->nfail++;
		break;
	}
	if (!v->verbose && v->input)
		fprintf(v->out, "in %s:\n", v->input);
	report(v, line, space, p, verdict == VERDICT_KNOWN ? "KNOWN" : "FAIL", why);
}

/* One verdict for a group of accesses (the ring fill, the dirty sync). */
void report_group(struct vstate *v, unsigned line, const char *space, const char *what,
		  enum verdict verdict, const char *why)
{
	const char *status = "ok  ";

	switch (verdict) {
	case VERDICT_OK:
		v->nok++;
		if (!v->verbose)
			return;
		break;
	case VERDICT_KNOWN:
		v->nknown++;
		v->known_by[v->quirk]++;
		status = "KNOWN";
		break;
	case VERDICT_FAIL:
		v->nfail++;
		status = "FAIL";
		break;
	}
	if (!v->verbose && v->input)
		fprintf(v->out, "in %s:\n", v->input);
	fprintf(v->out, "%s line %u %s: %s: %s\n", status, line, space, what, why);
}

void report_skip(struct vstate *v, unsigned line, const char *space, const struct probe *p)
{
	v->nskip++;
	if (v->verbose)
		report(v, line, space, p, "skip", p->skip);
}

void fail_all(struct vstate *v, unsigned line, const char *space, const char *msg)
{
	v->nfail++;
	fprintf(v->out, "FAIL line %u %s: harness: %s\n", line, space, msg);
}

/* A KVM_IOEVENTFD call where KVM and the io-bus model disagreed fails once,
 * at the commit after it; the model is no longer used for that space. */
void report_model_errors(struct vstate *v, struct vspace *s, unsigned line)
{
	if (s->model_errors == s->model_reported)
		return;
	s->model_reported = s->model_errors;
	v->nfail++;
	if (!v->verbose && v->input)
		fprintf(v->out, "in %s:\n", v->input);
	fprintf(v->out, "FAIL line %u %s: io-bus model: %s\n", line, s->name, s->model_err);
}

void counts_of(const struct vstate *v, struct vcounts *c)
{
	c->ok = v->nok;
	c->skip = v->nskip;
	c->fail = v->nfail;
	c->known = v->nknown;
}

/* One line per file of a directory: its own counts. */
void report_file(struct vstate *v, const char *file, const struct vcounts *before)
{
	fprintf(v->out, "%s %s: %lu ok, %lu skipped, %lu failed, %lu known\n",
		v->nfail > before->fail ? "FAIL" : "ok  ", file, v->nok - before->ok,
		v->nskip - before->skip, v->nfail - before->fail, v->nknown - before->known);
	fflush(v->out);
}

/* The last line (ci/kvm-check reads it). */
void report_total(struct vstate *v)
{
	const char *sep = " (";
	size_t i;

	fprintf(v->out, "validate: %lu probes ok, %lu skipped, %lu failed, %lu known KVM quirks",
		v->nok, v->nskip, v->nfail, v->nknown);
	for (i = 0; i < Q_COUNT; i++)
		if (v->known_by[i]) {
			fprintf(v->out, "%s%s %lu", sep, quirk_names[i], v->known_by[i]);
			sep = ", ";
		}
	fprintf(v->out, "%s\n", v->nknown ? ")" : "");
}

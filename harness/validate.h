/* memtopo validate, internal: run traces on the KVM backend and, after every
 * commit, check from a vCPU that KVM does what the flat views and installed
 * ioeventfd sets say.  One concept per file:
 *
 *   validate.c          the command: files and directories, one trace, commits
 *   validate_space.c    each space's KVM backend, its calls replayed through
 *                       the io-bus model (iobus_model.h)
 *   validate_probes.c   which accesses to make and what the SPEC expects
 *   validate_run.c      the harness window, running the probes on the vCPU
 *   validate_verdict.c  SPEC outcome vs what KVM did: enum verdict
 *   kvm_quirks.c        KNOWN kernel and host quirks, one predicate each
 *   validate_report.c   the lines it prints and the counts
 */
#ifndef MT_VALIDATE_H
#define MT_VALIDATE_H

#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "iobus_model.h"

/* What the SPEC says KVM must do with a probe. */
enum expect { EXP_SKIP, EXP_FIRE, EXP_EXIT, EXP_MEM, EXP_MEMREAD };

/* What judging a probe concluded. */
enum verdict {
	VERDICT_OK,	/* KVM did what the SPEC says */
	VERDICT_FAIL,	/* it did not, and no known quirk explains it */
	VERDICT_KNOWN,	/* it did not, exactly as a KNOWN quirk predicts */
};

#define MAX_REC 4

struct probe {
	mt_access acc;
	char what[320];
	enum expect expect;
	const char *skip;	/* EXP_SKIP: why */
	char skipbuf[96];
	int32_t label;		/* EXP_FIRE */
	bool want_found;	/* flat range expected at acc.addr */
	mt_flat_range want;	/* ... and which */
	uint64_t want_value;	/* EXP_MEMREAD, when have_want_value */
	bool have_want_value;
	bool check_mem;		/* after: host bytes at (region, offset) == mem_value */
	uint64_t mem_region, mem_offset, mem_value;
	unsigned since;		/* line that installed the tuple, 0 if n/a */
	size_t write_probe;	/* a read-back: 1 + index of the write it reads, else 0 */
	/* outcome */
	unsigned nexits;
	mt_exit ex[MAX_REC];
	int got_lookup;
	mt_flat_range got;
	unsigned nfired;
	int32_t fired_label[MAX_REC];
	uint64_t fired_count[MAX_REC];
	uint64_t result;
	bool mem_seen_ok;	/* host bytes read right after the access */
	uint64_t mem_seen;
};

/* One space: its KVM backend (behind our ops, so that every KVM_IOEVENTFD
 * call is replayed through the io-bus model), its vCPU, and the installed
 * set of its previous commit. */
struct vspace {
	char name[MT_NAME_MAX + 1];
	mt_kvm_backend *b;	/* NULL once the space destroyed it */
	const mt_backend_ops *kops; /* the backend's own */
	bool pio;
	mt_iobus_vm bus;	/* KVM's io buses as the backend's calls left them */
	unsigned long model_errors; /* calls where KVM and the model disagreed */
	char model_err[200];	/* the last one */
	unsigned long model_reported;
	mt_vcpu *cpu;
	bool cpu_failed;
	mt_ioeventfd *prev;
	unsigned *prev_line;
	size_t nprev;
	unsigned long nerrors;
};

struct vstate {
	mt_backend_factory kvm; /* the library's: a VM per space */
	struct vspace **sp;
	size_t nsp, cap;
	bool fast_mmio;		/* the host may take KVM_FAST_MMIO_BUS (VMX) */
	mt_runner *r;
	FILE *out;
	bool verbose;
	const char *input;
	size_t printed;
	unsigned long nok, nskip, nfail, nknown;
	/* the space being probed */
	struct vspace *cur;
	const mt_space *space;
	struct probe *probes;
	size_t nprobes, probes_cap;
	int32_t *labels;
	size_t nlabels, labels_cap;
};

/* A commit's state of the space being probed. */
struct ctxt {
	const mt_flat_range *F;
	size_t nF;
	const mt_ioeventfd *D;
	size_t nD;
	uint64_t window;
	bool pio;
};

/* Grow *p (elements of size sz) to hold n; false when out of memory. */
static inline bool vgrow(void *p, size_t *cap, size_t n, size_t sz)
{
	void **pp = p;
	size_t nc;
	void *np;

	if (n <= *cap)
		return true;
	nc = *cap ? *cap * 2 : 16;
	while (nc < n)
		nc *= 2;
	np = realloc(*pp, nc * sz);
	if (!np)
		return false;
	*pp = np;
	*cap = nc;
	return true;
}

static inline uint64_t mask_of(unsigned w)
{
	return w >= 8 ? ~0ull : (1ull << (8 * w)) - 1;
}

/* validate_space.c */
void *vspace_make(void *arg, const char *space, bool pio, const mt_backend_ops **ops,
		  int *code, char *err, size_t errlen);
struct vspace *vspace_find(struct vstate *v, const char *name);
void vspace_free_cpus(struct vstate *v);
void vspace_drop_all(struct vstate *v);

/* validate_probes.c */
void make_probes(struct vstate *v, const struct ctxt *c, const unsigned *since);
void expect_of(struct vstate *v, const struct ctxt *c, struct probe *p);

/* validate_run.c */
void probe_space(struct vstate *v, struct vspace *s, const mt_space *space,
		 unsigned line);

/* validate_verdict.c */
void got_text(const struct probe *p, char *buf, size_t len);
enum verdict judge(struct vstate *v, const struct probe *p, char *why, size_t len);
enum verdict judge_exit(const struct probe *p, const char *got, char *why, size_t len);

/* kvm_quirks.c */
bool kvm_host_fast_mmio(void);
bool quirk_apic_page(const struct probe *p, char *note, size_t len);
bool quirk_io_bus_miss(struct vstate *v, const struct probe *p, char *note, size_t len);
bool iobus_admits(struct vstate *v, const struct probe *p, char *note, size_t len);

/* validate_report.c */
struct vcounts {
	unsigned long ok, skip, fail, known;
};
void counts_of(const struct vstate *v, struct vcounts *c);
void report_file(struct vstate *v, const char *file, const struct vcounts *before);
void report_total(struct vstate *v);
void hex128(char *buf, size_t len, mt_u128 v);
void report_verdict(struct vstate *v, unsigned line, const char *space,
		    const struct probe *p, enum verdict verdict, const char *why);
void report_skip(struct vstate *v, unsigned line, const char *space, const struct probe *p);
void fail_all(struct vstate *v, unsigned line, const char *space, const char *msg);
void report_model_errors(struct vstate *v, struct vspace *s, unsigned line);

#endif

/* memtopo validate, internal: run traces on the KVM backend and, after every
 * commit, check from a vCPU that KVM does what the flat views and installed
 * ioeventfd sets say.  One concept per file:
 *
 *   validate.c          the command: files and directories, one trace, commits
 *   validate_space.c    each space's KVM backend, its calls replayed through
 *                       the io-bus model (iobus_model.h)
 *   validate_probes.c   which accesses to make and what the SPEC expects
 *   validate_zones.c    coalesced zones: probes, the ring, its entries
 *   validate_dirty.c    dirty logging: guest writes, then a sync
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
enum expect { EXP_SKIP, EXP_FIRE, EXP_EXIT, EXP_MEM, EXP_MEMREAD, EXP_RING };

/* The KNOWN quirks (kvm_quirks.c), counted one by one. */
enum quirk {
	Q_APIC_PAGE,	/* a memslot on the local APIC page exits */
	Q_IO_BUS_MISS,	/* the bus's bsearch misses the ioeventfd */
	Q_ZONE_FIRST,	/* a zone sorted before the ioeventfd takes its write */
	Q_ZONE_MISS,	/* the bus's bsearch misses the zone: the write exits */
	Q_RING_WRAP,	/* coalesced_mmio_has_room's u32 wrap: ring "full" early */
	Q_COUNT
};
extern const char *const quirk_names[Q_COUNT];

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
	uint8_t *restore;	/* a write to ram: its host bytes, put back afterwards */
	uint64_t restore_val;
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
	/* the coalesced ring (validate_zones.c) */
	bool fill;		/* one of the writes that fill the ring: judged
				 * one by one, reported as one group */
	uint32_t ring_before, ring_after; /* its `last` index around the access */
	unsigned nring;		/* entries it added */
	mt_guest_exit ring_entry; /* the first of them, as delivered */
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
	/* the backend's zones in its array's order, mirrored for the model */
	struct vzone {
		mt_zone z;
		bool in_kernel;
	} *zones;
	size_t nzones, zones_cap;
	mt_zone *pzones;	/* the installed zones of the previous commit */
	size_t npzones;
	bool pzones_known;
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
	unsigned long known_by[Q_COUNT];
	int quirk;		/* the quirk of the last KNOWN verdict */
	bool ring_u32_wrap;	/* the kernel's has_room wraps (before 6.11) */
	/* the ring while probes run: indexes, and the SPEC's pending count */
	bool have_ring;
	uint32_t ring_first, ring_now, ring_entries;
	size_t spec_pending;
	/* dirty pages the trace had at this commit (validate_dirty.c) */
	struct vdirty {
		uint64_t region_id, start;
		mt_u128 end;
	} *dirty;
	size_t ndirty, dirty_cap;
	struct vpre *pre; /* pages written before the commit (validate_dirty.c) */
	bool pre_on;	  /* the trace's pages are kept since before_commit */
	bool ram_only;	  /* run_batch: ram writes only, the ring left as it is */
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
struct probe *new_probe(struct vstate *v, unsigned since, bool pio, uint8_t op,
			unsigned width, uint64_t addr, uint64_t value);
uint64_t pattern(size_t i);
/* The widest access at addr below end and inside its page (pio: no 8). */
unsigned fit_width(uint64_t addr, mt_u128 end, bool pio);

/* validate_zones.c */
void probes_for_zones(struct vstate *v, const struct ctxt *c);
bool make_fill_probes(struct vstate *v, const struct ctxt *c);
bool expect_ring(struct vstate *v, struct probe *p);
int ring_start(struct vstate *v, struct vspace *s, unsigned line);
void ring_step(struct vstate *v, struct probe *p);
void ring_drain(struct vstate *v, struct vspace *s, size_t n, unsigned line);
enum verdict judge_ring(const struct probe *p, const char *got, char *why, size_t len);
void remember_zones(struct vspace *s, const mt_space *space);
void ring_restore(struct vstate *v, struct vspace *s, const struct ctxt *c, uint32_t origin,
		  unsigned line);

/* validate_dirty.c */
void dirty_keep_trace(struct vstate *v);
void dirty_commit_end(struct vstate *v);
void dirty_probe_space(struct vstate *v, struct vspace *s, const struct ctxt *c,
		       unsigned line);
bool dirty_pre_begin(struct vstate *v);
void dirty_pre_probe_space(struct vstate *v, struct vspace *s, const struct ctxt *c,
			   unsigned line);
void dirty_pre_check(struct vstate *v, unsigned line, bool committed);

/* validate_run.c */
void probe_space(struct vstate *v, struct vspace *s, const mt_space *space,
		 unsigned line);
void pre_probe_space(struct vstate *v, struct vspace *s, const mt_space *space,
		     unsigned line);
/* Expect, run (window placed) and judge v->probes; how many ran, or
 * (size_t)-1 after a harness failure (reported). */
size_t run_batch(struct vstate *v, struct vspace *s, const struct ctxt *c, unsigned line);

/* validate_verdict.c */
void got_text(const struct probe *p, char *buf, size_t len);
enum verdict judge(struct vstate *v, const struct probe *p, char *why, size_t len);
enum verdict judge_exit(const struct probe *p, const char *got, char *why, size_t len);

/* kvm_quirks.c */
bool kvm_host_fast_mmio(void);
bool kvm_ring_u32_wrap(void);
bool quirk_zone_first(struct vstate *v, const struct probe *p, char *note, size_t len);
bool quirk_zone_miss(struct vstate *v, const struct probe *p, char *note, size_t len);
bool quirk_ring_wrap(struct vstate *v, const struct probe *p, char *note, size_t len);
bool quirk_apic_page(struct vstate *v, const struct probe *p, char *note, size_t len);
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
void report_group(struct vstate *v, unsigned line, const char *space, const char *what,
		  enum verdict verdict, const char *why);
void fail_all(struct vstate *v, unsigned line, const char *space, const char *msg);
void report_model_errors(struct vstate *v, struct vspace *s, unsigned line);

#endif

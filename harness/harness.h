/* Validation harness: one long-mode vCPU that runs a list of guest
 * accesses (harness/vcpu.c, harness/guest.c) and the per-commit checks of
 * `memtopo validate` (harness/validate.c).
 *
 * HARNESS WINDOW.  The vCPU's own memory (code, GDT, access table, stack,
 * page tables) is one 2 MiB block, identity mapped, installed as a memslot
 * of the VM only while probes run (mt_vcpu_place .. mt_vcpu_unplace), so it
 * never collides with a memslot the backend adds at a commit.  validate.c
 * places it per commit and space: the highest 2 MiB-aligned block below the
 * reachable limit that meets no flat range of the space; if there is none,
 * the highest that meets no memslot, and probes that would land in the
 * window are skipped with that reason.
 *
 * REACH.  Page tables identity map (1 GiB pages when CPUID has them, else
 * 2 MiB pages), built on demand in the window's pool for each batch of
 * accesses: the guest reaches every address below min(2^phys_bits, 2^47)
 * (phys_bits from KVM_GET_SUPPORTED_CPUID 0x80000008, which the vCPU gets
 * through KVM_SET_CPUID2; 2^47 is the top of 4-level identity-mappable
 * canonical addresses).  Ports: 0..0xffff, widths 1, 2, 4.
 */
#ifndef MT_HARNESS_H
#define MT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtopo_kvm.h"

#define MT_WINDOW_SIZE ((uint64_t)2 << 20)
#define MT_BATCH_MAX 64 /* accesses per KVM run sequence */

enum { MT_ACC_WRITE = 0, MT_ACC_READ = 1 };

typedef struct mt_access {
	uint8_t op;	/* MT_ACC_WRITE or MT_ACC_READ */
	uint8_t width;	/* 1, 2, 4, 8 (pio: 1, 2, 4) */
	bool pio;
	uint64_t addr;	/* guest physical address or port */
	uint64_t value; /* written value */
} mt_access;

/* One exit to userspace while access `index` ran. */
typedef struct mt_exit {
	unsigned index;
	bool pio, write;
	uint64_t addr;
	unsigned len;
	uint64_t data; /* written data; for a read, the callback sets it */
} mt_exit;

typedef struct mt_vcpu mt_vcpu;

/* A vCPU on vm (it takes a VM reference), 64-bit long mode. */
mt_vcpu *mt_vcpu_new(mt_kvm_vm *vm, char *err, size_t errlen);
void mt_vcpu_free(mt_vcpu *cpu);
/* Highest guest-physical address + 1 the vCPU can reach. */
uint64_t mt_vcpu_reach(const mt_vcpu *cpu);
/* Install the harness window at gpa (2 MiB aligned): 0 or errno. */
int mt_vcpu_place(mt_vcpu *cpu, uint64_t gpa);
void mt_vcpu_unplace(mt_vcpu *cpu);
bool mt_vcpu_placed(const mt_vcpu *cpu, uint64_t *gpa);

typedef struct mt_vcpu_hooks {
	/* Every exit (MMIO or port I/O) that is not the harness's own. */
	void (*exit)(void *arg, mt_exit *x);
	/* After access `index` completed (the guest halted). */
	void (*step)(void *arg, unsigned index);
	void *arg;
} mt_vcpu_hooks;

/* Run n accesses (any n: batched by MT_BATCH_MAX); results[i] gets what a
 * read returned (may be NULL).  0, or -1 with a message in err (guest
 * fault, KVM error, too many exits). */
int mt_vcpu_run(mt_vcpu *cpu, const mt_access *acc, size_t n, uint64_t *results,
		const mt_vcpu_hooks *hooks, char *err, size_t errlen);

/* Benchmark loop: count 4-byte writes of value to addr (an MMIO address or
 * a port), then halt.  Exits go to hooks->exit. */
int mt_vcpu_run_loop(mt_vcpu *cpu, bool pio, uint64_t addr, uint64_t value,
		     uint64_t count, const mt_vcpu_hooks *hooks, char *err,
		     size_t errlen);

/* ---- guest code (guest.c) ---------------------------------------------- */

/* The guest program, position independent, copied to the window's start. */
const uint8_t *mt_guest_code(size_t *len);
/* Offsets in it of the entry points. */
size_t mt_guest_entry_list(void);  /* rbx table, r12 count, r13 progress */
size_t mt_guest_entry_mmio_loop(void); /* rdi addr, rax value, rcx count */
size_t mt_guest_entry_pio_loop(void);  /* rdx port, rax value, rcx count */

/* Layout of one access-table entry as the guest reads it (32 bytes). */
struct mt_guest_entry {
	uint8_t op, width, pio, pad[5];
	uint64_t addr, value, result;
};

/* ---- the memtopo tool's entry points (tools/memtopo: host, validate) ---- */

/* `memtopo host`: kernel, KVM API version, capabilities, physical address
 * width.  Exit code: 0, or mt_kvm_skip_code() without KVM (the host lines
 * that need no KVM are printed first). */
int mt_kvm_cmd_host(FILE *out, FILE *err);

/* The validator of `memtopo validate` (harness/validate*.c): each trace text
 * runs on the KVM backend and, after every commit, every space is probed
 * from a vCPU.  The tool reads the files and decodes binary inputs. */
typedef struct mt_validator mt_validator;

/* A validator printing to out, or NULL with *status (mt_kvm_status) and a
 * message in err: MT_KVM_NODEV/DENIED mean no KVM here. */
mt_validator *mt_validator_new(FILE *out, int *status, char *err, size_t errlen);
/* Verbose: the trace's output and every probe (one file); else one line
 * per trace. */
void mt_validator_set_verbose(mt_validator *val, bool verbose);
void mt_validator_run(mt_validator *val, const char *name, const char *text, size_t len);
/* Print the totals and free: 0 every probe agreed (or was skipped or a
 * modelled KNOWN quirk), 1 a probe failed. */
int mt_validator_finish(mt_validator *val);

#endif

/* Validation harness: the per-commit checks of `memtopo validate`
 * (harness/validate.c) and `memtopo host` (harness/host.c), on the
 * long-mode vCPU that the KVM backend also runs guest accesses on
 * (src/kvm/kvm_vcpu.c, src/kvm/kvm_guest.c; declared in memtopo_kvm.h).
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

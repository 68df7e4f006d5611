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

#endif

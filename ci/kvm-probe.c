/* ci/kvm-probe.c: /dev/kvm smoke test (caps, real mode, long mode, MMIO+PIO ioeventfd).
   gcc -O2 -o /tmp/kvm-probe ci/kvm-probe.c && ci/kvm-vm -- /tmp/kvm-probe     (exit 0 ok, 1 fail, 77 no KVM) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL: " __VA_ARGS__); printf("\n"); fails++; } else { printf("ok: " __VA_ARGS__); printf("\n"); } } while (0)
static const char *exitname(int r) {
    switch (r) { case KVM_EXIT_IO: return "IO"; case KVM_EXIT_HLT: return "HLT"; case KVM_EXIT_MMIO: return "MMIO";
    case KVM_EXIT_SHUTDOWN: return "SHUTDOWN"; case KVM_EXIT_FAIL_ENTRY: return "FAIL_ENTRY"; case KVM_EXIT_INTERNAL_ERROR: return "INTERNAL_ERROR"; }
    return "?";
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static int kvm;
struct vm { int fd, vcpu; struct kvm_run *run; uint8_t *mem; };

static void vm_new(struct vm *v, size_t memsz) {
    v->fd = ioctl(kvm, KVM_CREATE_VM, 0);
    if (v->fd < 0) { perror("KVM_CREATE_VM"); exit(1); }
    v->mem = mmap(NULL, memsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    struct kvm_userspace_memory_region r = { .slot = 0, .guest_phys_addr = 0, .memory_size = memsz, .userspace_addr = (uintptr_t)v->mem };
    if (ioctl(v->fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) { perror("KVM_SET_USER_MEMORY_REGION"); exit(1); }
    v->vcpu = ioctl(v->fd, KVM_CREATE_VCPU, 0);
    if (v->vcpu < 0) { perror("KVM_CREATE_VCPU"); exit(1); }
    int sz = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    v->run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, v->vcpu, 0);
}
static int vm_run(struct vm *v) {
    if (ioctl(v->vcpu, KVM_RUN, 0) < 0) { perror("KVM_RUN"); exit(1); }
    return v->run->exit_reason;
}
static int ioev(int vmfd, uint64_t addr, int len, int pio, int efd) {
    struct kvm_ioeventfd e = { .addr = addr, .len = len, .fd = efd, .flags = pio ? KVM_IOEVENTFD_FLAG_PIO : 0 };
    return ioctl(vmfd, KVM_IOEVENTFD, &e);
}
static uint64_t efd_count(int efd) { uint64_t c = 0; if (read(efd, &c, 8) != 8) return 0; return c; }

static void realmode(void) {
    printf("== real mode\n");
    struct vm v; vm_new(&v, 0x4000);
    const uint8_t code[] = {
        0xba, 0xf8, 0x03,             /* mov dx,0x3f8 */
        0xb0, 'x',                    /* mov al,'x' */
        0xee,                         /* out dx,al        -> EXIT_IO */
        0x66, 0xb8, 0x78, 0x56, 0x34, 0x12, /* mov eax,0x12345678 */
        0x66, 0xa3, 0x00, 0x80,       /* mov [0x8000],eax -> ioeventfd (mmio) */
        0xba, 0x00, 0x06,             /* mov dx,0x600 */
        0xef,                         /* out dx,ax        -> ioeventfd (pio) */
        0xa2, 0x00, 0x90,             /* mov [0x9000],al  -> EXIT_MMIO */
        0xf4,                         /* hlt              -> EXIT_HLT */
    };
    memcpy(v.mem + 0x1000, code, sizeof code);
    struct kvm_sregs s; ioctl(v.vcpu, KVM_GET_SREGS, &s);
    s.cs.base = 0; s.cs.selector = 0; ioctl(v.vcpu, KVM_SET_SREGS, &s);
    struct kvm_regs r = { .rip = 0x1000, .rflags = 2 }; ioctl(v.vcpu, KVM_SET_REGS, &r);
    int e1 = eventfd(0, EFD_NONBLOCK), e2 = eventfd(0, EFD_NONBLOCK);
    CHECK(ioev(v.fd, 0x8000, 4, 0, e1) == 0, "KVM_IOEVENTFD assign MMIO 0x8000/4");
    CHECK(ioev(v.fd, 0x600, 2, 1, e2) == 0, "KVM_IOEVENTFD assign PIO 0x600/2");
    int x = vm_run(&v);
    CHECK(x == KVM_EXIT_IO && v.run->io.port == 0x3f8 && *((char *)v.run + v.run->io.data_offset) == 'x',
          "exit %s port 0x%x char '%c'", exitname(x), v.run->io.port, *((char *)v.run + v.run->io.data_offset));
    x = vm_run(&v);
    CHECK(x == KVM_EXIT_MMIO && v.run->mmio.phys_addr == 0x9000 && v.run->mmio.is_write, "exit %s addr 0x%llx (unregistered MMIO)",
          exitname(x), (unsigned long long)v.run->mmio.phys_addr);
    CHECK(efd_count(e1) == 1, "MMIO ioeventfd fired");
    CHECK(efd_count(e2) == 1, "PIO ioeventfd fired");
    x = vm_run(&v);
    CHECK(x == KVM_EXIT_HLT, "exit %s", exitname(x));
}

static void longmode(void) {
    printf("== long mode\n");
    struct vm v; vm_new(&v, 0x100000); /* 1 MiB RAM; 0x100000.. is MMIO inside the 2 MiB page */
    uint64_t *pml4 = (void *)(v.mem + 0x2000), *pdpt = (void *)(v.mem + 0x3000), *pd = (void *)(v.mem + 0x4000);
    pml4[0] = 0x3000 | 3; pdpt[0] = 0x4000 | 3; pd[0] = 0x0 | 0x83; /* 2 MiB identity page */
    const uint8_t code[] = {
        0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* mov rax,0x1122334455667788 */
        0x66, 0xba, 0xf8, 0x03,       /* mov dx,0x3f8 */
        0xee,                         /* out dx,al -> EXIT_IO, al=0x88 */
        0x48, 0xa3, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, /* mov [0x100000],rax -> EXIT_MMIO len 8 */
        0xf4,
    };
    memcpy(v.mem + 0x1000, code, sizeof code);
    struct kvm_sregs s; ioctl(v.vcpu, KVM_GET_SREGS, &s);
    s.cr3 = 0x2000; s.cr4 = 1 << 5; s.cr0 = 0x80000001 | (1 << 16); s.efer = 0x500; /* LME|LMA */
    struct kvm_segment seg = { .base = 0, .limit = 0xffffffff, .selector = 8, .present = 1, .type = 11, .dpl = 0, .db = 0, .s = 1, .l = 1, .g = 1 };
    s.cs = seg; seg.type = 3; seg.selector = 16; seg.l = 0; seg.db = 1; s.ds = s.es = s.fs = s.gs = s.ss = seg;
    if (ioctl(v.vcpu, KVM_SET_SREGS, &s) < 0) { perror("KVM_SET_SREGS long"); fails++; return; }
    struct kvm_regs r = { .rip = 0x1000, .rflags = 2, .rsp = 0xf0000 }; ioctl(v.vcpu, KVM_SET_REGS, &r);
    int x = vm_run(&v);
    CHECK(x == KVM_EXIT_IO && *((uint8_t *)v.run + v.run->io.data_offset) == 0x88, "long mode exit %s", exitname(x));
    x = vm_run(&v);
    CHECK(x == KVM_EXIT_MMIO && v.run->mmio.phys_addr == 0x100000 && v.run->mmio.len == 8 &&
          *(uint64_t *)v.run->mmio.data == 0x1122334455667788ull, "long mode exit %s addr 0x%llx len %u",
          exitname(x), (unsigned long long)v.run->mmio.phys_addr, v.run->mmio.len);
    x = vm_run(&v);
    CHECK(x == KVM_EXIT_HLT, "long mode exit %s", exitname(x));
}

int main(void) {
    double t0 = now();
    kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0) { perror("open /dev/kvm"); return 77; }
    printf("KVM_GET_API_VERSION = %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
    struct { const char *n; int c; } caps[] = {
        {"KVM_CAP_IOEVENTFD", KVM_CAP_IOEVENTFD}, {"KVM_CAP_IOEVENTFD_ANY_LENGTH", KVM_CAP_IOEVENTFD_ANY_LENGTH},
        {"KVM_CAP_IOEVENTFD_NO_LENGTH", KVM_CAP_IOEVENTFD_NO_LENGTH}, {"KVM_CAP_READONLY_MEM", KVM_CAP_READONLY_MEM},
        {"KVM_CAP_NR_MEMSLOTS", KVM_CAP_NR_MEMSLOTS}, {"KVM_CAP_USER_MEMORY", KVM_CAP_USER_MEMORY},
        {"KVM_CAP_MULTI_ADDRESS_SPACE", KVM_CAP_MULTI_ADDRESS_SPACE}, {"KVM_CAP_NR_VCPUS", KVM_CAP_NR_VCPUS},
        {"KVM_CAP_MAX_VCPUS", KVM_CAP_MAX_VCPUS}, {"KVM_CAP_X86_ROBUST_SINGLESTEP", KVM_CAP_X86_ROBUST_SINGLESTEP},
    };
    for (unsigned i = 0; i < sizeof caps / sizeof *caps; i++)
        printf("%-32s %d\n", caps[i].n, ioctl(kvm, KVM_CHECK_EXTENSION, caps[i].c));
    /* guest physical address width as KVM reports it */
    struct { struct kvm_cpuid2 h; struct kvm_cpuid_entry2 e[100]; } cp = { .h.nent = 100 };
    if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, &cp) == 0)
        for (unsigned i = 0; i < cp.h.nent; i++)
            if (cp.e[i].function == 0x80000008)
                printf("supported CPUID 0x80000008: phys bits %u, virt bits %u\n", cp.e[i].eax & 0xff, (cp.e[i].eax >> 8) & 0xff);
    realmode();
    longmode();
    printf("kvmprobe: %d failure(s), %.3f s\n", fails, now() - t0);
    return fails ? 1 : 0;
}

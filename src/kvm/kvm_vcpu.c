/* One vCPU in 64-bit long mode running the harness's guest program.
 * See harness/harness.h for the window and reach; the KVM backend runs
 * guest accesses on it (kvm_access.c), `memtopo validate` its probes. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_internal.h"

/* Window layout (offsets from its base). */
#define W_CODE 0x0000
#define W_GDT 0x1000
#define W_PROGRESS 0x1800
#define W_TABLE 0x2000
#define W_STACK_TOP 0x10000
#define W_POOL 0x10000
#define W_POOL_PAGES ((MT_WINDOW_SIZE - W_POOL) / 4096)

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PS 0x80ull
#define MAX_EXITS_PER_ACCESS 64

struct mt_vcpu {
	mt_kvm_vm *vm;
	int fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem; /* the window's host memory */
	int slot;     /* -1 while not placed */
	uint64_t base;
	uint64_t reach;
	bool gbpages;
	unsigned pool_used;
	struct mt_kvm_dring dring; /* ring mode: this vCPU's dirty ring */
};

struct mt_kvm_dring *mt_vcpu_dring(mt_vcpu *c)
{
	return &c->dring;
}

struct kvm_coalesced_mmio_ring *mt_vcpu_ring(const mt_vcpu *c)
{
	long page = sysconf(_SC_PAGESIZE);
	int off = mt_kvm_vm_caps(c->vm)->coalesced_mmio; /* the page offset */

	if (!c->run || off <= 0 || page <= 0 ||
	    (size_t)(off + 1) * (size_t)page > c->run_size)
		return NULL;
	return (struct kvm_coalesced_mmio_ring *)((uint8_t *)c->run +
						  (size_t)off * (size_t)page);
}

mt_vcpu *mt_vcpu_new(mt_kvm_vm *vm, char *err, size_t errlen)
{
	const mt_kvm_caps *caps = mt_kvm_vm_caps(vm);
	const struct kvm_cpuid2 *cpuid = mt_kvm_vm_cpuid(vm);
	mt_vcpu *c = calloc(1, sizeof(*c));
	int sz;

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->slot = -1;
	c->vm = mt_kvm_vm_ref(vm);
	/* several vCPUs per VM (a backend's, validate's): ids are per VM */
	c->fd = ioctl(mt_kvm_vm_fd(vm), KVM_CREATE_VCPU, vm->next_vcpu_id);
	if (c->fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VCPU: %s", strerror(errno));
		goto fail;
	}
	if (!cpuid) {
		snprintf(err, errlen, "KVM_GET_SUPPORTED_CPUID failed: no CPUID for the vCPU");
		goto fail;
	}
	if (mt_ioctl(c->fd, KVM_SET_CPUID2, (void *)cpuid) < 0) {
		snprintf(err, errlen, "KVM_SET_CPUID2: %s", strerror(errno));
		goto fail;
	}
	sz = ioctl(mt_kvm_sys_fd(vm), KVM_GET_VCPU_MMAP_SIZE, 0);
	if (sz < (int)sizeof(struct kvm_run)) {
		snprintf(err, errlen, "KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
		goto fail;
	}
	c->run_size = (size_t)sz;
	c->run = mmap(NULL, c->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	if (c->run == MAP_FAILED) {
		c->run = NULL;
		snprintf(err, errlen, "mmap of kvm_run: %s", strerror(errno));
		goto fail;
	}
	sz = mt_kvm_dring_map(vm, c->fd, &c->dring);
	if (sz) {
		snprintf(err, errlen, "mmap of the dirty ring: %s", strerror(sz));
		goto fail;
	}
	c->mem = mmap(NULL, MT_WINDOW_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c->mem == MAP_FAILED) {
		c->mem = NULL;
		snprintf(err, errlen, "mmap of the harness window: %s", strerror(errno));
		goto fail;
	}
	if (!mt_grow(&vm->cpus, &vm->cpus_cap, vm->ncpus + 1, sizeof(*vm->cpus))) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	vm->cpus[vm->ncpus++] = c;
	vm->next_vcpu_id++;
	c->gbpages = caps->gbpages;
	c->reach = caps->phys_bits >= 47 ? (uint64_t)1 << 47 : (uint64_t)1 << caps->phys_bits;
	return c;
fail:
	mt_vcpu_free(c);
	return NULL;
}

void mt_vcpu_free(mt_vcpu *c)
{
	size_t i;

	if (!c)
		return;
	/* Its ring goes with the mapping: take its pages first.  (Only out
	 * of memory loses them; nobody could be told here.) */
	if (c->dring.gfns) {
		char err[128];

		mt_kvm_dring_collect(c->vm, err, sizeof(err));
		mt_kvm_dring_unmap(&c->dring);
	}
	for (i = 0; i < c->vm->ncpus; i++)
		if (c->vm->cpus[i] == c)
			c->vm->cpus[i] = c->vm->cpus[--c->vm->ncpus];
	mt_vcpu_unplace(c);
	if (c->run)
		munmap(c->run, c->run_size);
	if (c->fd >= 0)
		close(c->fd);
	if (c->mem)
		munmap(c->mem, MT_WINDOW_SIZE);
	mt_kvm_vm_unref(c->vm);
	free(c);
}

uint64_t mt_vcpu_reach(const mt_vcpu *c)
{
	return c->reach;
}

bool mt_vcpu_placed(const mt_vcpu *c, uint64_t *gpa)
{
	if (gpa)
		*gpa = c->base;
	return c->slot >= 0;
}

static int set_window_slot(mt_vcpu *c, uint64_t gpa, uint64_t size)
{
	struct kvm_userspace_memory_region m = {
		.slot = (uint32_t)c->slot,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uint64_t)(uintptr_t)c->mem,
	};

	if (mt_ioctl(mt_kvm_vm_fd(c->vm), KVM_SET_USER_MEMORY_REGION, &m) < 0)
		return errno;
	mt_kvm_vm_note_slot(c->vm, c->slot, gpa, size);
	return 0;
}

int mt_vcpu_window_slot(const mt_vcpu *c)
{
	return c->slot;
}

static void write_gdt(mt_vcpu *c)
{
	uint64_t *gdt = (uint64_t *)(c->mem + W_GDT);

	gdt[0] = 0;
	gdt[1] = 0x00af9b000000ffffull; /* 0x08: code, 64-bit (L), present, DPL 0 */
	gdt[2] = 0x00cf93000000ffffull; /* 0x10: data, 32-bit, present, writable */
}

int mt_vcpu_place(mt_vcpu *c, uint64_t gpa)
{
	const uint8_t *code;
	size_t len;
	int err;

	if (gpa % MT_WINDOW_SIZE || gpa > c->reach - MT_WINDOW_SIZE)
		return EINVAL;
	if (c->slot >= 0 && c->base == gpa)
		return 0;
	mt_vcpu_unplace(c);
	c->slot = mt_kvm_slot_alloc(c->vm);
	if (c->slot < 0)
		return ENOSPC;
	err = set_window_slot(c, gpa, MT_WINDOW_SIZE);
	if (err) {
		mt_kvm_slot_free(c->vm, c->slot);
		c->slot = -1;
		return err;
	}
	c->base = gpa;
	code = mt_guest_code(&len);
	memcpy(c->mem + W_CODE, code, len);
	write_gdt(c);
	return 0;
}

void mt_vcpu_unplace(mt_vcpu *c)
{
	if (c->slot < 0)
		return;
	if (!set_window_slot(c, c->base, 0))
		mt_kvm_slot_free(c->vm, c->slot);
	c->slot = -1;
}

/* ---- page tables ---------------------------------------------------------- */

static uint64_t *pool_page(mt_vcpu *c, uint64_t *gpa)
{
	uint8_t *p;

	if (c->pool_used >= W_POOL_PAGES)
		return NULL;
	p = c->mem + W_POOL + (size_t)c->pool_used * 4096;
	*gpa = c->base + W_POOL + (uint64_t)c->pool_used * 4096;
	c->pool_used++;
	memset(p, 0, 4096);
	return (uint64_t *)p;
}

static uint64_t *table_at(mt_vcpu *c, uint64_t entry)
{
	return (uint64_t *)(c->mem + ((entry & 0x000ffffffffff000ull) - c->base));
}

static void pt_reset(mt_vcpu *c)
{
	uint64_t gpa;

	c->pool_used = 0;
	pool_page(c, &gpa); /* PML4 at W_POOL */
}

/* Identity map the page(s) holding addr: false when the pool is full. */
static bool pt_map(mt_vcpu *c, uint64_t addr)
{
	uint64_t *pml4 = (uint64_t *)(c->mem + W_POOL), *pdpt, *pd, gpa;
	unsigned i4 = (addr >> 39) & 511, i3 = (addr >> 30) & 511, i2 = (addr >> 21) & 511;

	if (!(pml4[i4] & PTE_P)) {
		if (!pool_page(c, &gpa))
			return false;
		pml4[i4] = gpa | PTE_P | PTE_RW;
	}
	pdpt = table_at(c, pml4[i4]);
	if (c->gbpages) {
		pdpt[i3] = (addr & ~((1ull << 30) - 1)) | PTE_P | PTE_RW | PTE_PS;
		return true;
	}
	if (!(pdpt[i3] & PTE_P)) {
		if (!pool_page(c, &gpa))
			return false;
		pdpt[i3] = gpa | PTE_P | PTE_RW;
	}
	pd = table_at(c, pdpt[i3]);
	pd[i2] = (addr & ~((1ull << 21) - 1)) | PTE_P | PTE_RW | PTE_PS;
	return true;
}

static int set_cpu_state(mt_vcpu *c, uint64_t entry, const struct kvm_regs *in)
{
	struct kvm_sregs s;
	struct kvm_segment code = {
		.base = 0, .limit = 0xffffffff, .selector = 0x08, .type = 0xb,
		.present = 1, .dpl = 0, .db = 0, .s = 1, .l = 1, .g = 1,
	};
	struct kvm_segment data = {
		.base = 0, .limit = 0xffffffff, .selector = 0x10, .type = 0x3,
		.present = 1, .dpl = 0, .db = 1, .s = 1, .l = 0, .g = 1,
	};
	struct kvm_regs r = *in;

	if (mt_ioctl(c->fd, KVM_GET_SREGS, &s) < 0)
		return errno;
	s.cs = code;
	s.ds = s.es = s.fs = s.gs = s.ss = data;
	s.gdt.base = c->base + W_GDT;
	s.gdt.limit = 3 * 8 - 1;
	s.idt.base = 0;
	s.idt.limit = 0;
	s.cr0 = 0x80050033; /* PG AM WP NE ET MP PE */
	s.cr3 = c->base + W_POOL;
	s.cr4 = 0x20;	    /* PAE */
	s.efer = 0x500;	    /* LME LMA */
	if (mt_ioctl(c->fd, KVM_SET_SREGS, &s) < 0)
		return errno;
	r.rip = c->base + W_CODE + entry;
	r.rsp = c->base + W_STACK_TOP;
	r.rflags = 2;
	if (mt_ioctl(c->fd, KVM_SET_REGS, &r) < 0)
		return errno;
	return 0;
}

static const char *exit_name(uint32_t r)
{
	switch (r) {
	case KVM_EXIT_IO: return "IO";
	case KVM_EXIT_MMIO: return "MMIO";
	case KVM_EXIT_HLT: return "HLT";
	case KVM_EXIT_SHUTDOWN: return "SHUTDOWN (guest triple fault)";
	case KVM_EXIT_FAIL_ENTRY: return "FAIL_ENTRY";
	case KVM_EXIT_INTERNAL_ERROR: return "INTERNAL_ERROR";
	case KVM_EXIT_UNKNOWN: return "UNKNOWN";
	case KVM_EXIT_DIRTY_RING_FULL: return "DIRTY_RING_FULL";
	default: return "other";
	}
}

/* Deliver an MMIO/IO exit to the hooks, filling read data. */
static void handle_exit(mt_vcpu *c, unsigned index, const mt_vcpu_hooks *h)
{
	struct kvm_run *run = c->run;
	mt_exit x;

	memset(&x, 0, sizeof(x));
	x.index = index;
	if (run->exit_reason == KVM_EXIT_MMIO) {
		x.addr = run->mmio.phys_addr;
		x.len = run->mmio.len;
		x.write = run->mmio.is_write;
		if (x.write)
			memcpy(&x.data, run->mmio.data, x.len <= 8 ? x.len : 8);
		if (h && h->exit)
			h->exit(h->arg, &x);
		if (!x.write)
			memcpy(run->mmio.data, &x.data, x.len <= 8 ? x.len : 8);
	} else {
		uint8_t *d = (uint8_t *)run + run->io.data_offset;
		uint32_t k;

		x.pio = true;
		x.addr = run->io.port;
		x.len = run->io.size;
		x.write = run->io.direction == KVM_EXIT_IO_OUT;
		for (k = 0; k < run->io.count; k++, d += run->io.size) {
			x.data = 0;
			if (x.write)
				memcpy(&x.data, d, x.len);
			if (h && h->exit)
				h->exit(h->arg, &x);
			if (!x.write)
				memcpy(d, &x.data, x.len);
		}
	}
}

static int ring_full(mt_vcpu *c, char *err, size_t errlen)
{
	char msg[200];
	long n;

	c->vm->ring_full++;
	n = mt_kvm_dring_collect(c->vm, msg, sizeof(msg));
	if (n < 0) {
		snprintf(err, errlen, "dirty ring full: %s", msg);
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "KVM_EXIT_DIRTY_RING_FULL with no dirty entry in the ring");
		return -1;
	}
	return 0;
}

/* Run until the guest halts with *progress == until (or forever loop). */
static int run_until(mt_vcpu *c, uint64_t until, size_t max_exits,
		     const mt_vcpu_hooks *h, char *err, size_t errlen)
{
	volatile uint64_t *progress = (volatile uint64_t *)(c->mem + W_PROGRESS);
	size_t exits = 0;

	for (;;) {
		uint64_t p;

		if (mt_ioctl(c->fd, KVM_RUN, NULL) < 0) {
			snprintf(err, errlen, "KVM_RUN: %s", strerror(errno));
			return -1;
		}
		p = *progress;
		switch (c->run->exit_reason) {
		case KVM_EXIT_HLT:
			if (p > 0 && h && h->step)
				h->step(h->arg, (unsigned)(p - 1));
			if (p >= until)
				return 0;
			break;
		case KVM_EXIT_DIRTY_RING_FULL:
			/* Harvest every ring and go on; a full ring with
			 * nothing to take would never drain. */
			if (ring_full(c, err, errlen))
				return -1;
			break;
		case KVM_EXIT_MMIO:
		case KVM_EXIT_IO:
			if (++exits > max_exits) {
				snprintf(err, errlen, "more than %zu exits: the guest is stuck at access %llu",
					 max_exits, (unsigned long long)p);
				return -1;
			}
			handle_exit(c, (unsigned)p, h);
			break;
		default: {
			struct kvm_regs r;

			memset(&r, 0, sizeof(r));
			ioctl(c->fd, KVM_GET_REGS, &r);
			snprintf(err, errlen, "unexpected exit %s (%u) at rip 0x%llx, access %llu",
				 exit_name(c->run->exit_reason), c->run->exit_reason,
				 (unsigned long long)r.rip, (unsigned long long)p);
			return -1;
		}
		}
	}
}

static int run_batch(mt_vcpu *c, const mt_access *acc, size_t n, uint64_t *results,
		     const mt_vcpu_hooks *h, char *err, size_t errlen)
{
	struct mt_guest_entry *t = (struct mt_guest_entry *)(c->mem + W_TABLE);
	struct kvm_regs r;
	size_t i;
	int e;

	pt_reset(c);
	if (!pt_map(c, c->base)) {
		snprintf(err, errlen, "page-table pool full");
		return -1;
	}
	for (i = 0; i < n; i++) {
		t[i].op = acc[i].op;
		t[i].width = acc[i].width;
		t[i].pio = acc[i].pio;
		t[i].addr = acc[i].addr;
		t[i].value = acc[i].value;
		t[i].result = 0;
		if (!acc[i].pio &&
		    (!pt_map(c, acc[i].addr) || !pt_map(c, acc[i].addr + acc[i].width - 1))) {
			snprintf(err, errlen, "page-table pool full");
			return -1;
		}
	}
	*(volatile uint64_t *)(c->mem + W_PROGRESS) = 0;
	memset(&r, 0, sizeof(r));
	r.rbx = c->base + W_TABLE;
	r.r12 = n;
	r.r13 = c->base + W_PROGRESS;
	e = set_cpu_state(c, mt_guest_entry_list(), &r);
	if (e) {
		snprintf(err, errlen, "setting vCPU state: %s", strerror(e));
		return -1;
	}
	if (run_until(c, n, n * MAX_EXITS_PER_ACCESS, h, err, errlen))
		return -1;
	for (i = 0; results && i < n; i++)
		results[i] = t[i].result;
	return 0;
}

struct shifted {
	const mt_vcpu_hooks *h;
	unsigned first;
};

static void shifted_exit(void *arg, mt_exit *x)
{
	struct shifted *s = arg;

	x->index += s->first;
	if (s->h && s->h->exit)
		s->h->exit(s->h->arg, x);
}

static void shifted_step(void *arg, unsigned index)
{
	struct shifted *s = arg;

	if (s->h && s->h->step)
		s->h->step(s->h->arg, index + s->first);
}

int mt_vcpu_run(mt_vcpu *c, const mt_access *acc, size_t n, uint64_t *results,
		const mt_vcpu_hooks *hooks, char *err, size_t errlen)
{
	size_t done = 0;

	if (c->slot < 0) {
		snprintf(err, errlen, "the harness window is not placed");
		return -1;
	}
	while (done < n) {
		size_t k = n - done < MT_BATCH_MAX ? n - done : MT_BATCH_MAX;
		struct shifted s = { hooks, (unsigned)done };
		mt_vcpu_hooks h = { shifted_exit, shifted_step, &s };

		if (run_batch(c, acc + done, k, results ? results + done : NULL, &h, err, errlen))
			return -1;
		done += k;
	}
	return 0;
}

int mt_vcpu_run_loop(mt_vcpu *c, bool pio, uint64_t addr, uint64_t value,
		     uint64_t count, const mt_vcpu_hooks *hooks, char *err,
		     size_t errlen)
{
	volatile uint64_t *progress = (volatile uint64_t *)(c->mem + W_PROGRESS);
	struct kvm_regs r;
	int e;

	if (c->slot < 0) {
		snprintf(err, errlen, "the harness window is not placed");
		return -1;
	}
	pt_reset(c);
	if (!pt_map(c, c->base) || (!pio && !pt_map(c, addr))) {
		snprintf(err, errlen, "page-table pool full");
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.rax = value;
	r.rcx = count;
	if (pio)
		r.rdx = addr;
	else
		r.rdi = addr;
	e = set_cpu_state(c, pio ? mt_guest_entry_pio_loop() : mt_guest_entry_mmio_loop(), &r);
	if (e) {
		snprintf(err, errlen, "setting vCPU state: %s", strerror(e));
		return -1;
	}
	/* The loop does not write progress: any HLT ends it. */
	*progress = 1;
	return run_until(c, 1, count + 16, hooks, err, errlen);
}

/* The stride loop of the benchmarks (memtopo_kvm.h): map every page the
 * loop writes, enter it, run until it halts. */
int mt_vcpu_run_stride(mt_vcpu *c, uint64_t addr, uint64_t stride, uint8_t value,
		       uint64_t count, const mt_vcpu_hooks *hooks, char *err,
		       size_t errlen)
{
	const uint64_t page = c->gbpages ? (uint64_t)1 << 30 : (uint64_t)1 << 21;
	volatile uint64_t *progress = (volatile uint64_t *)(c->mem + W_PROGRESS);
	uint64_t last, a;
	struct kvm_regs r;
	int e;

	if (c->slot < 0) {
		snprintf(err, errlen, "the harness window is not placed");
		return -1;
	}
	/* [addr, last] is every byte written: inside the reach, off the window */
	if (addr >= c->reach || (count > 1 && stride &&
				 count - 1 > (c->reach - 1 - addr) / stride)) {
		snprintf(err, errlen, "stride loop at 0x%llx, %llu writes %llu apart: beyond the "
			 "vCPU's reach 0x%llx", (unsigned long long)addr,
			 (unsigned long long)count, (unsigned long long)stride,
			 (unsigned long long)c->reach);
		return -1;
	}
	last = count ? addr + (count - 1) * stride : addr;
	if (count && addr < c->base + MT_WINDOW_SIZE && last >= c->base) {
		snprintf(err, errlen, "stride loop [0x%llx, 0x%llx] meets the harness window at 0x%llx",
			 (unsigned long long)addr, (unsigned long long)last,
			 (unsigned long long)c->base);
		return -1;
	}
	pt_reset(c);
	if (!pt_map(c, c->base)) {
		snprintf(err, errlen, "page-table pool full");
		return -1;
	}
	for (a = addr & ~(page - 1); count && a <= last; a += page)
		if (!pt_map(c, a)) {
			snprintf(err, errlen, "page-table pool full: mapping [0x%llx, 0x%llx] with "
				 "2 MiB pages needs more than the window's %u table pages",
				 (unsigned long long)addr, (unsigned long long)last,
				 (unsigned)W_POOL_PAGES);
			return -1;
		}
	memset(&r, 0, sizeof(r));
	r.rax = value;
	r.rcx = count;
	r.rdi = addr;
	r.rsi = stride;
	e = set_cpu_state(c, mt_guest_entry_stride_loop(), &r);
	if (e) {
		snprintf(err, errlen, "setting vCPU state: %s", strerror(e));
		return -1;
	}
	/* As mt_vcpu_run_loop: any HLT ends it; run_until harvests a full
	 * dirty ring (KVM_EXIT_DIRTY_RING_FULL) and runs the guest on. */
	*progress = 1;
	return run_until(c, 1, count + 16, hooks, err, errlen);
}

/* The guest program of the harness, assembled by the C compiler (top-level
 * asm, AT&T syntax, 64-bit).  Position independent: vcpu.c copies it to
 * the start of the harness window and enters it with registers set.
 *
 * list entry (rbx = table of struct mt_guest_entry, r12 = count, r13 =
 * progress cell): for each entry i: progress = i; do the access (write or
 * read; width 1/2/4/8; memory or port); store what a read returned;
 * progress = i + 1; hlt (the host sees one KVM_EXIT_HLT per access, reads
 * the eventfd counters, and re-enters).  After the last one it halts for
 * good.  Exceptions are not handled: a fault becomes a triple fault, which
 * KVM reports as KVM_EXIT_SHUTDOWN.
 *
 * mmio/pio loop entries (benchmarks): rcx times `movl %eax,(%rdi)` or
 * `outl %eax,%dx`, then hlt.
 *
 * stride loop entry (benchmarks: dirtying pages without an exit per write):
 * rcx times `movb %al,(%rdi); add %rsi,%rdi`, then hlt; rcx 0 writes nothing.
 */
#include "kvm_internal.h"

__asm__(
	".pushsection .rodata.mt_guest,\"a\"\n"
	".balign 16\n"
	".hidden mt_guest_blob\n"
	".hidden mt_guest_blob_end\n"
	".hidden mt_guest_list\n"
	".hidden mt_guest_mmio_loop\n"
	".hidden mt_guest_pio_loop\n"
	".hidden mt_guest_stride_loop\n"
	".globl mt_guest_blob\n"
	".globl mt_guest_blob_end\n"
	".globl mt_guest_list\n"
	".globl mt_guest_mmio_loop\n"
	".globl mt_guest_pio_loop\n"
	".globl mt_guest_stride_loop\n"
	".code64\n"
	"mt_guest_blob:\n"
	"mt_guest_list:\n"
	"	mov %cr3, %rax\n"
	"	mov %rax, %cr3\n"	/* the host rewrote the page tables */
	"	xor %r14d, %r14d\n"
	"1:	cmp %r12, %r14\n"
	"	jae 9f\n"
	"	mov %r14, %rsi\n"
	"	shl $5, %rsi\n"
	"	add %rbx, %rsi\n"
	"	mov %r14, (%r13)\n"
	"	movzbl 1(%rsi), %ecx\n"
	"	mov 8(%rsi), %rdi\n"
	"	mov 16(%rsi), %rax\n"
	"	cmpb $0, 2(%rsi)\n"
	"	jne 50f\n"
	"	cmpb $0, (%rsi)\n"
	"	jne 30f\n"
	"	cmp $1, %ecx\n"
	"	jne 21f\n"
	"	movb %al, (%rdi)\n"
	"	jmp 80f\n"
	"21:	cmp $2, %ecx\n"
	"	jne 22f\n"
	"	movw %ax, (%rdi)\n"
	"	jmp 80f\n"
	"22:	cmp $4, %ecx\n"
	"	jne 23f\n"
	"	movl %eax, (%rdi)\n"
	"	jmp 80f\n"
	"23:	movq %rax, (%rdi)\n"
	"	jmp 80f\n"
	"30:	xor %eax, %eax\n"
	"	cmp $1, %ecx\n"
	"	jne 31f\n"
	"	movzbl (%rdi), %eax\n"
	"	jmp 70f\n"
	"31:	cmp $2, %ecx\n"
	"	jne 32f\n"
	"	movzwl (%rdi), %eax\n"
	"	jmp 70f\n"
	"32:	cmp $4, %ecx\n"
	"	jne 33f\n"
	"	movl (%rdi), %eax\n"
	"	jmp 70f\n"
	"33:	movq (%rdi), %rax\n"
	"	jmp 70f\n"
	"50:	mov %edi, %edx\n"
	"	cmpb $0, (%rsi)\n"
	"	jne 60f\n"
	"	cmp $1, %ecx\n"
	"	jne 51f\n"
	"	outb %al, (%dx)\n"
	"	jmp 80f\n"
	"51:	cmp $2, %ecx\n"
	"	jne 52f\n"
	"	outw %ax, (%dx)\n"
	"	jmp 80f\n"
	"52:	outl %eax, (%dx)\n"
	"	jmp 80f\n"
	"60:	xor %eax, %eax\n"
	"	cmp $1, %ecx\n"
	"	jne 61f\n"
	"	inb (%dx), %al\n"
	"	jmp 70f\n"
	"61:	cmp $2, %ecx\n"
	"	jne 62f\n"
	"	inw (%dx), %ax\n"
	"	jmp 70f\n"
	"62:	inl (%dx), %eax\n"
	"70:	mov %rax, 24(%rsi)\n"
	"80:	inc %r14\n"
	"	mov %r14, (%r13)\n"
	"	hlt\n"
	"	jmp 1b\n"
	"9:	hlt\n"
	"	jmp 9b\n"
	".balign 16\n"
	"mt_guest_mmio_loop:\n"
	"1:	movl %eax, (%rdi)\n"
	"	dec %rcx\n"
	"	jnz 1b\n"
	"2:	hlt\n"
	"	jmp 2b\n"
	".balign 16\n"
	"mt_guest_pio_loop:\n"
	"1:	outl %eax, (%dx)\n"
	"	dec %rcx\n"
	"	jnz 1b\n"
	"2:	hlt\n"
	"	jmp 2b\n"
	".balign 16\n"
	"mt_guest_stride_loop:\n"
	"	test %rcx, %rcx\n"
	"	jz 2f\n"
	"1:	movb %al, (%rdi)\n"
	"	add %rsi, %rdi\n"
	"	dec %rcx\n"
	"	jnz 1b\n"
	"2:	hlt\n"
	"	jmp 2b\n"
	"mt_guest_blob_end:\n"
	".popsection\n");

extern const uint8_t mt_guest_blob[], mt_guest_blob_end[], mt_guest_list[],
	mt_guest_mmio_loop[], mt_guest_pio_loop[], mt_guest_stride_loop[];

const uint8_t *mt_guest_code(size_t *len)
{
	*len = (size_t)(mt_guest_blob_end - mt_guest_blob);
	return mt_guest_blob;
}

size_t mt_guest_entry_list(void)
{
	return (size_t)(mt_guest_list - mt_guest_blob);
}

size_t mt_guest_entry_mmio_loop(void)
{
	return (size_t)(mt_guest_mmio_loop - mt_guest_blob);
}

size_t mt_guest_entry_pio_loop(void)
{
	return (size_t)(mt_guest_pio_loop - mt_guest_blob);
}

size_t mt_guest_entry_stride_loop(void)
{
	return (size_t)(mt_guest_stride_loop - mt_guest_blob);
}

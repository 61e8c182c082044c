/*
 * Application processor start-up trampoline.
 *
 * smpboot.c copies [trampoline_start, trampoline_end) to a free page below
 * 1 MiB and points the INIT-SIPI-SIPI start-up vector at it, so an AP
 * begins here in real mode with CS = page >> 4, IP = 0.  The copy goes
 * real mode -> 32-bit protected mode -> long mode on the BSP's page tables
 * (whose identity map of low memory covers this page), then jumps to
 * start_secondary() in the image on the stack the BSP prepared.
 *
 * The code is position independent except for three absolute pointers
 * (GDT base, protected- and long-mode entry) that smpboot.c fills in for
 * the page it chose, together with the parameter block (control register
 * values copied from the BSP, the stack).  The AP writes tramp_started
 * once it runs 64-bit code, so the BSP can tell "never started" apart
 * from "started but did not finish".
 */
#include <asm/config.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/asm-offsets.h>

#define TRAMP_CS32  0x08
#define TRAMP_DS    0x10
#define TRAMP_CS64  0x18

/* Offset within the copy: symbols are used relative to its base. */
#define OFS(sym)    ((sym) - trampoline_start)

        .section .rodata.trampoline, "a", @progbits
        .balign 16
        .globl  trampoline_start
trampoline_start:
        .code16
        cli
        cld
        /* EBX = the copy's physical address, for the 32-bit part. */
        xor     %ebx, %ebx
        mov     %cs, %bx
        mov     %bx, %ds
        shl     $4, %ebx
        lgdtl   OFS(tramp_gdtr)
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   *OFS(tramp_pm_ptr)

        .code32
        .globl  tramp_pm
tramp_pm:
        mov     $TRAMP_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        /* CR4 first (PAE is a prerequisite of long mode), then CR3, EFER
         * (LME, NXE as on the BSP), and CR0 with paging on. */
        mov     OFS(tramp_cr4)(%ebx), %eax
        mov     %eax, %cr4
        mov     OFS(tramp_cr3)(%ebx), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        mov     OFS(tramp_efer)(%ebx), %eax
        xor     %edx, %edx
        wrmsr
        mov     OFS(tramp_cr0)(%ebx), %eax
        mov     %eax, %cr0
        ljmpl   *OFS(tramp_lm_ptr)(%ebx)

        .code64
        .globl  tramp_lm
tramp_lm:
        mov     %ebx, %ebx                      /* upper half undefined */
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        movl    $1, OFS(tramp_started)(%rbx)
        mov     OFS(tramp_stack)(%rbx), %rsp
        xor     %ebp, %ebp                      /* ends backtraces */
        movabs  $start_secondary, %rax
        call    *%rax
        ud2

        .balign 8
        .globl  tramp_gdt
tramp_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff              /* 0x08: 32-bit code */
        .quad   0x00cf92000000ffff              /* 0x10: data */
        .quad   0x00af9a000000ffff              /* 0x18: 64-bit code */
tramp_gdt_end:

        .balign 4
        .globl  tramp_gdtr
tramp_gdtr:
        .short  tramp_gdt_end - tramp_gdt - 1
        .long   0                               /* base: filled in */

        .globl  tramp_pm_ptr, tramp_lm_ptr
tramp_pm_ptr:                                   /* m16:32 far pointers */
        .long   0
        .short  TRAMP_CS32
tramp_lm_ptr:
        .long   0
        .short  TRAMP_CS64

        .balign 8
        .globl  tramp_cr0, tramp_cr3, tramp_cr4, tramp_efer
        .globl  tramp_stack, tramp_started
tramp_cr0:      .long 0
tramp_cr3:      .long 0
tramp_cr4:      .long 0
tramp_efer:     .long 0
tramp_stack:    .quad 0
tramp_started:  .long 0

        .globl  trampoline_end
trampoline_end:


/*
 * head.S - first instructions of a PV test kernel.
 *
 * The domain builder enters at _start (XEN_ELFNOTE_ENTRY) in 64-bit guest
 * kernel mode with rsi = virtual address of start_info and rsp somewhere
 * in its bootstrap stack.  We keep both values, clear our BSS (the ABI
 * only promises that the image is loaded, so do not rely on the builder
 * having zeroed it), switch to our own stack and go to C.
 */
#include <pv/kernel.h>

    .section .text.head, "ax", @progbits
    .code64
    .globl _start
_start:
    cld
    /* Keep rsi (start_info) and rsp (boot stack) out of rdi/rcx/rax. */
    mov     %rsi, %r12
    mov     %rsp, %r13

    lea     __bss_start(%rip), %rdi
    lea     _end(%rip), %rcx
    sub     %rdi, %rcx
    xor     %eax, %eax
    rep stosb

    lea     boot_stack_top(%rip), %rsp
    xor     %ebp, %ebp
    mov     %r12, %rdi
    mov     %r13, %rsi
    call    start_kernel
    /* start_kernel never returns; make sure we never run off the end. */
1:  ud2
    jmp     1b

    /* The library's only stack.  Exception frames land on it too. */
    .section .bss.stack, "aw", @nobits
    .balign 4096
    .globl boot_stack
boot_stack:
    .skip   16 * 4096
    .globl boot_stack_top
boot_stack_top:

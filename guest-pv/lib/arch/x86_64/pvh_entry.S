/*
 * pvh_entry.S - exception entry for PVH kernels: a native IDT.
 *
 * One stub per vector 0-31 pushes a zero for vectors without an error
 * code, then the vector, saves the general registers and calls
 * pvh_trap() with the frame (struct pvh_frame, pv/pvh.h), which may
 * redirect rip (exception-table fixups).  iretq goes back.
 */
    .text

/* Vectors whose exceptions push an error code. */
#define HAS_EC(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
                   (v) == 21 || (v) == 29 || (v) == 30)

    .macro stub v
    .balign 16
pvh_stub_\v:
    .if !HAS_EC(\v)
    pushq   $0
    .endif
    pushq   $\v
    jmp     pvh_trap_common
    .endm

    .globl pvh_stubs
pvh_stubs:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    stub \v
    .endr
    .irp v, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stub \v
    .endr

pvh_trap_common:
    push    %rax
    push    %rbx
    push    %rcx
    push    %rdx
    push    %rsi
    push    %rdi
    push    %rbp
    push    %r8
    push    %r9
    push    %r10
    push    %r11
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    cld
    mov     %rsp, %rdi
    call    pvh_trap
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %r11
    pop     %r10
    pop     %r9
    pop     %r8
    pop     %rbp
    pop     %rdi
    pop     %rsi
    pop     %rdx
    pop     %rcx
    pop     %rbx
    pop     %rax
    add     $16, %rsp                   /* vector, error code */
    iretq

/* An interrupt (vector >= 32, pvh_set_irq_handler()): no error code;
 * the caller-saved registers around a call of pvh_irq_fn. */
    .globl pvh_irq_stub
pvh_irq_stub:
    push    %rax
    push    %rcx
    push    %rdx
    push    %rsi
    push    %rdi
    push    %r8
    push    %r9
    push    %r10
    push    %r11
    cld
    call    *pvh_irq_fn(%rip)
    pop     %r11
    pop     %r10
    pop     %r9
    pop     %r8
    pop     %rdi
    pop     %rsi
    pop     %rdx
    pop     %rcx
    pop     %rax
    iretq

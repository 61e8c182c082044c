/*
 * Exception and interrupt entry stubs.
 *
 * Every vector gets a stub that pushes a zero error code when the CPU did
 * not, records the vector in the upper half of that slot (entry_vector of
 * struct cpu_user_regs) and jumps to a common path that saves the
 * general-purpose registers in cpu_user_regs order and calls C.
 */
#include <asm/config.h>
#include <asm/traps.h>
#include <asm/asm-offsets.h>
#include <asm/entry-macros.h>

        .text

        .globl  common_exception
common_exception:
        SAVE_ALL
        cld
        mov     %rsp, %rdi
        /* Keep the frame-pointer chain intact through the trap so the
         * backtrace continues into the interrupted code. */
        mov     %rsp, %rbp
        call    do_exception
        jmp     exit_path

common_interrupt:
        SAVE_ALL
        cld
        mov     %rsp, %rdi
        mov     %rsp, %rbp
        call    do_irq
        jmp     exit_path

/*
 * Back to where the event came from.  Into a guest, go through
 * ret_to_guest (softirqs, event delivery) -- except from the IST stacks
 * (NMI, #DF, #MC), whose frame is not the guest frame at the stack top:
 * those return directly, and anything they raised waits for the next exit.
 */
exit_path:
        testb   $3, UREGS_cs(%rsp)
        jz      restore_and_iret
        cmpl    $TRAP_nmi, UREGS_entry_vector(%rsp)
        je      restore_and_iret
        cmpl    $TRAP_machine_check, UREGS_entry_vector(%rsp)
        je      restore_and_iret
        jmp     ret_to_guest
restore_and_iret:
        RESTORE_ALL
        add     $8, %rsp                /* error code + vector */
        iretq

/* One stub per vector, 16 bytes apart, so idt_init() can compute them. */
        .balign 16
        .globl  vector_stubs
vector_stubs:
vec = 0
.rept 256
        .balign 16
.if vec < TRAP_nr
  .if (TRAP_HAS_ERRCODE_MASK >> vec) & 1
        movl    $vec, 4(%rsp)
  .else
        pushq   $0
        movl    $vec, 4(%rsp)
  .endif
        jmp     common_exception
.else
        pushq   $0
        movl    $vec, 4(%rsp)
        jmp     common_interrupt
.endif
vec = vec + 1
.endr

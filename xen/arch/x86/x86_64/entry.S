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

/*
 * An exception from a guest on an IST stack (#DB, NMI, #DF, #MC) has its
 * frame at the top of that stack.  Every guest frame must live at the top
 * of the primary stack instead (the guest frame in struct cpu_info): that
 * is what C finds as guest_cpu_user_regs() and what ret_to_guest returns
 * from.  Nothing else is on the primary stack while a guest runs, so the
 * frame is simply copied there and the handler goes on with it.
 */
.macro GUEST_FRAME_TO_PRIMARY
        mov     %rsp, %rsi
        mov     %rsp, %rdi
        or      $(STACK_SIZE - 1), %rdi
        sub     $(CPUINFO_SIZE - 1), %rdi       /* the guest frame */
        cmp     %rsi, %rdi
        je      1f
        mov     $(UREGS_kernel_sizeof / 8), %ecx
        mov     %rdi, %rsp
        rep movsq
1:
.endm

        .globl  common_exception
common_exception:
        SAVE_ALL
        cld
        testb   $3, UREGS_cs(%rsp)
        jz      1f
        GUEST_FRAME_TO_PRIMARY
1:
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
 * Back to where the event came from.  Into a guest always through
 * ret_to_guest (softirqs, event delivery, and the one iretq to a guest,
 * which may fault on guest state); the frame is the guest frame at the
 * top of the primary stack, even for the IST vectors (see above).  Into
 * the hypervisor directly: that iretq only loads our own state.
 */
exit_path:
        testb   $3, UREGS_cs(%rsp)
        jnz     ret_to_guest
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

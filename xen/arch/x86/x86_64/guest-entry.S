/*
 * Entry from and exit to PV guests.
 *
 * syscall: LSTAR points at a per-CPU stub (see pv/syscall.c) that parks
 * the guest's %rax and %rsp in the top slots of this CPU's guest frame,
 * switches to the hypervisor stack and jumps to lstar_enter.  The stub is
 * per CPU because nothing else tells us which stack is ours: PV guests own
 * the GS base, so there is no swapgs-style per-CPU pointer.
 *
 * ret_to_guest: the single way back into a guest.  With interrupts off it
 * lets C run pending softirqs and deliver pending events (which may turn
 * into a context switch that never returns here), then restores the guest
 * frame at the top of the stack and irets.  There is no sysret path.
 *
 * That iretq loads guest state (CS and SS from the guest's GDT or LDT, a
 * guest RIP) and may fault: on a descriptor another vCPU has changed, on
 * an LDT page not mapped yet, on a non-canonical RIP.  The fault is taken
 * in ring 0 on this stack, right below the guest frame, and do_exception
 * recognises it by its RIP (ret_to_guest_iret): it becomes the guest's
 * exception in the context being returned to (pv_return_fault()).
 */
#include <asm/config.h>
#include <asm/traps.h>
#include <asm/asm-offsets.h>
#include <asm/entry-macros.h>

/* Guest frame slots relative to the stub's final %rsp (= &frame.rsp). */
#define STUB_SAVED_RAX  8

        .text

        .globl  lstar_enter
lstar_enter:
        /* %rsp = &frame.rsp, holding the guest %rsp; frame.ss holds %rax. */
        movq    STUB_SAVED_RAX(%rsp), %rax
        movq    $0xe02b, STUB_SAVED_RAX(%rsp)   /* ss: FLAT_RING3_SS64 */
        pushq   %r11                            /* rflags */
        pushq   $0xe033                         /* cs: FLAT_RING3_CS64 */
        pushq   %rcx                            /* rip */
        pushq   $0
        movl    $TRAP_syscall, 4(%rsp)
        SAVE_ALL
        cld
        xor     %ebp, %ebp                      /* guest rbp is no frame */
        mov     %rsp, %rdi
        call    pv_syscall_entry
        /* fall through */

        .globl  ret_to_guest
ret_to_guest:
        cli
        mov     %rsp, %rdi
        call    pv_prepare_return
        RESTORE_ALL
        add     $8, %rsp                        /* error code + vector */
        .globl  ret_to_guest_iret
ret_to_guest_iret:
        iretq

/* A syscall in a mode we do not support (compat, via CSTAR): treat it as
 * #UD from the guest; the C side decides. */
        .globl  cstar_enter
cstar_enter:
        movq    STUB_SAVED_RAX(%rsp), %rax
        movq    $0xe02b, STUB_SAVED_RAX(%rsp)
        pushq   %r11
        pushq   $0xe023
        pushq   %rcx
        pushq   $0
        movl    $TRAP_invalid_op, 4(%rsp)
        jmp     common_exception

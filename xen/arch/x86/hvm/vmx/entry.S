/*
 * The world switch into a VMX guest.
 *
 * VM entry loads rsp, rip and rflags (and the control state) from the
 * VMCS; every general register, rax included, is the software's.  The
 * guest's live in the frame (struct cpu_user_regs) the C side passes in:
 * loaded just before VMLAUNCH/VMRESUME, stored at the VM exit, which
 * lands at vmx_exit_point (the VMCS's host rip) with the stack pointer
 * this code wrote to the host rsp field: the frame's address is on top
 * of it, the hypervisor's callee-saved registers under it.
 *
 *   int vmx_enter(struct cpu_user_regs *regs, int launched);
 *
 * Returns 0 after a VM exit (a failed entry that reports a guest-state
 * problem is an exit too), 1 if VMLAUNCH/VMRESUME itself failed (the
 * VM-instruction error field says why).
 */
#include <asm/asm-offsets.h>

#define HOST_RSP_FIELD 0x6c14

        .text
        .globl  vmx_enter
        .globl  vmx_exit_point
vmx_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs: found again at the exit */

        mov     $HOST_RSP_FIELD, %eax
        vmwrite %rsp, %rax
        jbe     .Lfail_early

        test    %esi, %esi              /* the flags survive the movs */
        mov     UREGS_rax(%rdi), %rax
        mov     UREGS_rbx(%rdi), %rbx
        mov     UREGS_rcx(%rdi), %rcx
        mov     UREGS_rdx(%rdi), %rdx
        mov     UREGS_rsi(%rdi), %rsi
        mov     UREGS_rbp(%rdi), %rbp
        mov     UREGS_r8(%rdi), %r8
        mov     UREGS_r9(%rdi), %r9
        mov     UREGS_r10(%rdi), %r10
        mov     UREGS_r11(%rdi), %r11
        mov     UREGS_r12(%rdi), %r12
        mov     UREGS_r13(%rdi), %r13
        mov     UREGS_r14(%rdi), %r14
        mov     UREGS_r15(%rdi), %r15
        mov     UREGS_rdi(%rdi), %rdi
        jz      1f
        vmresume
        jmp     .Lfail
1:      vmlaunch
.Lfail:
        /* Still here: the entry was refused; the guest's values in the
         * registers are dropped (the frame still has them). */
.Lfail_early:
        add     $8, %rsp                /* regs */
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        mov     $1, %eax
        ret

vmx_exit_point:
        push    %rdi                    /* the guest's */
        mov     8(%rsp), %rdi
        mov     %rax, UREGS_rax(%rdi)
        mov     %rbx, UREGS_rbx(%rdi)
        mov     %rcx, UREGS_rcx(%rdi)
        mov     %rdx, UREGS_rdx(%rdi)
        mov     %rsi, UREGS_rsi(%rdi)
        mov     %rbp, UREGS_rbp(%rdi)
        mov     %r8, UREGS_r8(%rdi)
        mov     %r9, UREGS_r9(%rdi)
        mov     %r10, UREGS_r10(%rdi)
        mov     %r11, UREGS_r11(%rdi)
        mov     %r12, UREGS_r12(%rdi)
        mov     %r13, UREGS_r13(%rdi)
        mov     %r14, UREGS_r14(%rdi)
        mov     %r15, UREGS_r15(%rdi)
        pop     %rax
        mov     %rax, UREGS_rdi(%rdi)

        add     $8, %rsp                /* regs */
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        xor     %eax, %eax
        ret

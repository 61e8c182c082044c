/*
 * The world switch into an SVM guest.
 *
 * VMRUN switches rax, rsp, rip and rflags (and the control state in the
 * VMCB); every other general register is the software's business.  The
 * guest's live in the frame (struct cpu_user_regs) the C side passes in:
 * loaded just before VMRUN, stored just after #VMEXIT.  The hypervisor's
 * callee-saved registers are kept on the stack across the guest's run.
 * The caller has done CLGI, VMLOAD of the guest and everything else.
 *
 *   void svm_vmrun(struct cpu_user_regs *regs, uint64_t vmcb_pa);
 */
#include <asm/asm-offsets.h>

        .text
        .globl  svm_vmrun
svm_vmrun:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs: found again at the exit */

        mov     %rsi, %rax              /* VMRUN's operand */
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

        vmrun

        push    %rdi                    /* the guest's */
        mov     8(%rsp), %rdi
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
        ret

/*
 * Register save/restore for the assembly entry paths (x86_64/entry.S and
 * x86_64/guest-entry.S): the order makes %rsp point at a struct
 * cpu_user_regs once SAVE_ALL has run.
 */
#ifndef ASM_X86_ENTRY_MACROS_H
#define ASM_X86_ENTRY_MACROS_H

#ifdef __ASSEMBLY__
/* Save GPRs so that %rsp points at a struct cpu_user_regs. */
.macro SAVE_ALL
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
.endm

.macro RESTORE_ALL
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
.endm

#endif /* __ASSEMBLY__ */
#endif /* ASM_X86_ENTRY_MACROS_H */

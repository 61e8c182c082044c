/*
 * Calling a UEFI runtime service (efi_rt.c): the firmware speaks the
 * Microsoft x64 convention (arguments in rcx, rdx, r8, r9, then on the
 * stack above 32 bytes of home space the caller reserves; rbx, rbp, rdi,
 * rsi, r12-r15 preserved; rsp 16-byte aligned at the call).
 *
 *   uint64_t efi_call_thunk(uint64_t fn, const uint64_t args[5])
 *
 * Our callee-saved registers are pushed and the stack pointer after the
 * pushes is kept in efi_call_saved_rsp, so that a fault inside the
 * firmware can be turned into a return: efi_rt_fault() points the
 * faulting frame at efi_call_resume with that stack pointer.
 */
        .text
        .globl  efi_call_thunk, efi_call_resume
efi_call_thunk:
        push    %rbp
        mov     %rsp, %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, efi_call_saved_rsp(%rip)
        mov     %rdi, %rax
        mov     %rsi, %r10
        and     $-16, %rsp
        sub     $48, %rsp               /* home space, 5th argument, pad */
        mov     32(%r10), %r11
        mov     %r11, 32(%rsp)
        mov     0(%r10), %rcx
        mov     8(%r10), %rdx
        mov     16(%r10), %r8
        mov     24(%r10), %r9
        cld
        call    *%rax
efi_call_resume:
        mov     efi_call_saved_rsp(%rip), %rsp
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret

        .data
        .align  8
        .globl  efi_call_saved_rsp
efi_call_saved_rsp:
        .quad   0

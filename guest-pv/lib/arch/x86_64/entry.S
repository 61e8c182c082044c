/*
 * entry.S - how exceptions and callbacks enter and leave the kernel.
 *
 * Xen delivers an exception, event upcall or failsafe callback to a
 * 64-bit PV kernel by pushing a frame on the kernel stack and jumping to
 * the registered address.  Lowest address (new rsp) first, the frame is
 *
 *     rcx, r11, [error code,] rip, cs, rflags, rsp, ss
 *
 * and the failsafe callback additionally has ds, es, fs, gs between r11
 * and rip.  rcx and r11 are saved for us because Xen may have used
 * `sysret` paths that destroy them.  Each stub below reloads rcx/r11 from
 * the frame, pushes a 0 error code where there is none plus the vector,
 * and joins trap_common, which saves the rest as a struct pv_regs and
 * calls trap_dispatch().
 *
 * There is no `iretq` for a PV kernel (it runs in ring 3); returning goes
 * through HYPERVISOR_iret, which takes a struct iret_context on the
 * stack: rax, r11, rcx, flags, then the ordinary iret frame.
 */
#include <public/xen.h>
#include <pv/kernel.h>
#include <pv/traps.h>

/* Vectors below 32 for which the CPU pushes an error code. */
#define EC_MASK 0x60227d00

    .text
    .code64

/*
 * One stub per vector 0-255, 16-byte aligned; their addresses go into
 * trap_stub_table[] for the C code that builds the trap table.
 */
.macro trap_stub vec
    .balign 16
1:  pop     %rcx
    pop     %r11
    .if \vec < 32
    .if ((EC_MASK >> \vec) & 1) == 0
    pushq   $0
    .endif
    .else
    pushq   $0
    .endif
    pushq   $\vec
    jmp     trap_common
    .pushsection .rodata.trap_stub_table, "a", @progbits
    .quad   1b
    .popsection
.endm

    .pushsection .rodata.trap_stub_table, "a", @progbits
    .balign 8
    .globl trap_stub_table
trap_stub_table:
    .popsection

    .globl trap_stubs_start
trap_stubs_start:
    .altmacro               /* lets %vec pass the counter's value */
vec = 0
.rept 256
    trap_stub %vec
    vec = vec + 1
.endr
    .noaltmacro

/* Event upcall (CALLBACKTYPE_event): same frame as a vector without ec. */
    .balign 16
    .globl event_callback_entry
event_callback_entry:
    pop     %rcx
    pop     %r11
    pushq   $0
    pushq   $PV_VEC_EVENT
    jmp     trap_common

/*
 * Failsafe callback: Xen could not load the data segments (or could not
 * complete an iret) when returning to us.  Keep the four selector slots
 * for the C code to look at, then treat it like any other entry; the
 * resumed context gets null data segments.
 */
    .balign 16
    .globl failsafe_callback_entry
failsafe_callback_entry:
    pop     %rcx
    pop     %r11
    popq    failsafe_segments + 0(%rip)
    popq    failsafe_segments + 8(%rip)
    popq    failsafe_segments + 16(%rip)
    popq    failsafe_segments + 24(%rip)
    pushq   $0
    pushq   $PV_VEC_FAILSAFE
    jmp     trap_common

/* Save registers in struct pv_regs order, call C, restore, return. */
trap_common:
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
    cld
    mov     %rsp, %rdi
    /* Xen aligns frames to 16 bytes, but be independent of that. */
    mov     %rsp, %r12
    and     $~0xf, %rsp
    call    trap_dispatch
    mov     %r12, %rsp
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
    add     $16, %rsp               /* vector, error code */
    jmp     pv_iret

/*
 * pv_iret: rsp points at an iret frame (rip, cs, rflags, rsp, ss).  Add
 * flags = 0 (not returning from a syscall) and have the hypervisor load
 * the frame.  Through the hypercall page the stub pushes rcx, r11 and rax
 * itself; with a bare `syscall` we must push them.
 */
    .globl pv_iret
pv_iret:
    pushq   $0
    cmpb    $0, hypercall_via_syscall(%rip)
    jne     1f
    jmp     hypercall_page + __HYPERVISOR_iret * 32
1:  push    %rcx
    push    %r11
    push    %rax
    mov     $__HYPERVISOR_iret, %eax
    syscall
    ud2                             /* HYPERVISOR_iret does not return */

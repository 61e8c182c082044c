/*
 * syscall-based entry from PV guests (hypercalls from the guest kernel,
 * system calls from guest user mode).
 */
#ifndef ASM_X86_PV_SYSCALL_H
#define ASM_X86_PV_SYSCALL_H

#include <asm/regs.h>

/* Install this CPU's syscall stubs and MSRs; on each CPU, on its stack. */
void syscall_cpu_init(unsigned int cpu);

/* C side of lstar_enter (guest-entry.S). */
void pv_syscall_entry(struct cpu_user_regs *regs);
/* C side of ret_to_guest: softirqs, events; interrupts off on entry/exit. */
void pv_prepare_return(struct cpu_user_regs *regs);

/* The hypercall dispatcher (pv/hypercall.c). */
void pv_hypercall(struct cpu_user_regs *regs);

#endif /* ASM_X86_PV_SYSCALL_H */

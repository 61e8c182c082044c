/*
 * Delivering exceptions, events and callbacks to a PV guest kernel.
 *
 * "Bouncing" builds the frame the PV ABI defines on the guest kernel's
 * stack (RCX, R11, [error code,] RIP, CS, RFLAGS, RSP, SS), switching the
 * vCPU to kernel mode first if it was in user mode, and points the
 * guest's RIP at the registered handler.  A guest whose stack cannot take
 * the frame is crashed (it cannot be told about its own broken stack).
 */
#ifndef ASM_X86_PV_TRAPS_H
#define ASM_X86_PV_TRAPS_H

#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;

/* Queue exception `vector` (with an error code when the vector has one)
 * for delivery through the guest's trap table on return to the guest. */
void pv_inject_exception(struct cpu_user_regs *regs, unsigned int vector,
                         uint32_t error_code);
/* #PF with the faulting address (published in vcpu_info.arch.cr2). */
void pv_inject_page_fault(struct cpu_user_regs *regs, unsigned long addr,
                          uint32_t error_code);
/* #UD and #GP(0): the common "you may not do that" answers. */
#define pv_inject_ud(r) pv_inject_exception(r, TRAP_invalid_op, 0)
#define pv_inject_gp(r, ec) pv_inject_exception(r, TRAP_gp_fault, ec)

/* Switch the vCPU between guest kernel and guest user mode (page-table
 * base and GS bases). */
void pv_toggle_guest_mode(struct vcpu *v);

/* Exception from guest context: emulate, bounce to the guest, or crash. */
void pv_handle_exception(struct cpu_user_regs *regs);
/* int $0x80 from guest context (it has a ring-3 gate of its own). */
void pv_handle_int80(struct cpu_user_regs *regs);

/* The iretq into the guest faulted on guest state (regs: the fault's
 * frame): deliver it to the guest as its own exception and return to it
 * again.  Never returns. */
void __noreturn pv_return_fault(struct cpu_user_regs *regs);

/*
 * Try to emulate the privileged instruction at regs->rip that raised #GP
 * (or #UD for the forced-emulation prefix).  Returns true if it was
 * emulated (regs updated, RIP advanced) or an exception was injected
 * instead; false if the instruction is not one we emulate, in which case
 * the caller reflects the original fault to the guest.
 * (arch/x86/pv/emul-priv-op.c)
 */
bool pv_emulate_privileged_op(struct cpu_user_regs *regs);
bool pv_emulate_forced_cpuid(struct cpu_user_regs *regs);

/* A write fault on one of the guest's own page tables: emulate the write
 * with full validation (pv/ro_page_fault.c).  False: not such a write, or
 * it does not validate; reflect the #PF. */
bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr);
/* dom0's store to device memory it maps read-only: MMCONFIG filtered and
 * done, other aligned stores dropped, as Xen 4.17 (pv/mmio_ro_write.c).
 * False: reflect the #PF. */
bool pv_mmio_ro_write_fault(struct cpu_user_regs *regs, unsigned long addr);

/* The guest-visible CPUID policy, for emulated CPUID and the hypervisor
 * leaves at 0x40000000.  (arch/x86/pv/cpuid.c) */
void pv_cpuid(uint32_t leaf, uint32_t subleaf, struct cpu_user_regs *regs);
/* A leaf as the PV allowlist gives it, policy aside (the PV system
 * policy is made of these). */
struct cpuid_leaf;
void pv_cpuid_filtered(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res);

#endif /* ASM_X86_PV_TRAPS_H */

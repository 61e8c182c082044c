/*
 * A PV vCPU's debug registers (DR0-3, DR6, DR7): validated and kept in
 * struct pv_vcpu (set_debugreg), live in the hardware only while the vCPU
 * runs with a breakpoint enabled in its DR7.
 */
#ifndef ASM_X86_PV_DEBUGREG_H
#define ASM_X86_PV_DEBUGREG_H

struct pv_vcpu;

/* Context switch: load the incoming vCPU's registers if its DR7 enables
 * anything; take the outgoing one's new status (DR6) and leave the
 * hardware with nothing enabled and a clean DR6. */
void pv_debugregs_load(const struct pv_vcpu *pv);
void pv_debugregs_save(struct pv_vcpu *pv);
/* The running vCPU's status so far (a #DB, or before its DR6 is read)
 * goes into its DR6. */
void pv_debugregs_collect(struct pv_vcpu *pv);
/* set_debugreg's rules for register reg (0-3, 6, 7): 0, with *value as
 * the hardware should hold it, or -EPERM / -EINVAL. */
long pv_debugreg_check(unsigned int reg, unsigned long *value);
/* A new context's DR0-7 for a vCPU that is down: each taken where
 * set_debugreg would take it, else left as at reset (Xen 4.17). */
void pv_debugregs_from_context(struct pv_vcpu *pv, const unsigned long *dr);

#endif /* ASM_X86_PV_DEBUGREG_H */

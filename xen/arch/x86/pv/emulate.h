/*
 * Private interface between the parts of the PV privileged-op emulator:
 * emul-priv-op.c (fetch, dispatch, CPUID/CR/DR/misc), emul-msr.c (the MSR
 * policy) and emul-io.c (port I/O).  Not for use outside arch/x86/pv.
 */
#ifndef PV_EMULATE_H
#define PV_EMULATE_H

#include <xen/types.h>
#include <asm/regs.h>
#include "emul-decode.h"

struct vcpu;

/* How an emulation attempt ended. */
enum emul_result {
    EMUL_DONE,          /* completed: the caller advances RIP past it */
    EMUL_RETRY,         /* stopped part-way (a long rep): RIP stays on it */
    EMUL_INJECTED,      /* an exception was injected in its place */
    EMUL_REFUSED,       /* not emulated: the caller reflects the #GP */
};

/* GPR number (0 = rax ... 15 = r15, the ModRM/REX numbering) -> slot. */
uint64_t *pv_emul_gpr(struct cpu_user_regs *regs, unsigned int n);

/*
 * The guest's MSR view.  Return 0, or -EPERM when the access must raise
 * #GP(0) in the guest.  Only called for the current vCPU in kernel mode.
 */
int pv_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int pv_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/* The virtual machine-check MSRs (pv/vmce.c): asm/pv/vcpu.h. */
#include <asm/pv/vcpu.h>

/*
 * Emulate in/out/ins/outs: EMUL_REFUSED if the guest lacks the I/O
 * privilege, EMUL_INJECTED if guest memory faulted (string forms),
 * EMUL_RETRY after a batch of a long rep, else EMUL_DONE.
 */
enum emul_result pv_emulate_io(struct cpu_user_regs *regs,
                               const struct pv_insn *insn);

/* May the current vCPU's guest execute IOPL-sensitive instructions? */
bool pv_iopl_ok(const struct vcpu *v);

#endif /* PV_EMULATE_H */

/*
 * The register frame built by the exception and hypercall entry code.  Its
 * layout is the public ABI's struct cpu_user_regs, so guest state can be
 * copied to and from guests without translation.
 */
#ifndef ASM_X86_REGS_H
#define ASM_X86_REGS_H

#include <public/xen.h>

/* Was the frame interrupted in hypervisor (ring 0) context? */
#define guest_mode(r) (((r)->cs & 3) != 0)

#endif /* ASM_X86_REGS_H */

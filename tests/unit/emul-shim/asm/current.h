/*
 * Host stand-in for asm/current.h: `current` is the test's vCPU.
 */
#ifndef ASM_X86_CURRENT_H
#define ASM_X86_CURRENT_H

#include <asm/config.h>
#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;
extern struct vcpu *test_current;

#define current (test_current)
#define smp_processor_id() 0u

#endif /* ASM_X86_CURRENT_H */

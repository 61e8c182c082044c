/*
 * Per-CPU information at the top of each CPU's stack block.
 *
 * PV guests own the GS base, so the hypervisor cannot use it to find its
 * per-CPU data.  Instead every stack block is STACK_SIZE-aligned with a
 * struct cpu_info at its top: rounding %rsp up finds it, from the primary
 * stack and from the IST stacks (they live in the same block) alike.
 */
#ifndef ASM_X86_CURRENT_H
#define ASM_X86_CURRENT_H

#include <asm/config.h>

#ifndef __ASSEMBLY__
#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;

struct cpu_info {
    /* Guest state saved on entry from a guest sits right here, at the very
     * top of the primary stack, where the hardware frame lands. */
    struct cpu_user_regs guest_cpu_user_regs;
    unsigned int processor_id;
    unsigned int pad;
    struct vcpu *current_vcpu;
    unsigned long per_cpu_offset;
    unsigned long scratch[3];
};
/* The guest frame's es slot must be 16-byte aligned: it is where TSS.rsp0
 * points, and the CPU aligns the stack to 16 before pushing a frame.  With
 * the stack top aligned, that needs sizeof(struct cpu_info) % 16 == 8
 * (checked in arch/x86/domain.c). */

static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;

    __asm__ ( "mov %%rsp, %0" : "=r" (sp) );
    return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1) - 1;
}

#define smp_processor_id() (get_cpu_info()->processor_id)
#define current (get_cpu_info()->current_vcpu)
#define guest_cpu_user_regs() (&get_cpu_info()->guest_cpu_user_regs)

/* The stack block of a CPU, given its base address. */
static inline struct cpu_info *stack_cpu_info(void *stack_base)
{
    return (struct cpu_info *)((char *)stack_base + STACK_SIZE) - 1;
}

/* Continue at `target` on this CPU's stack, discarding what is on it
 * (%rsp then points at the guest frame, as ret_to_guest expects). */
#define reset_stack_and_jump(target)                                       \
    do {                                                                    \
        __asm__ volatile ( "mov %0, %%rsp; jmp *%1"                         \
                           :: "r" (guest_cpu_user_regs()), "r" (target)     \
                           : "memory" );                                    \
        __builtin_unreachable();                                            \
    } while ( 0 )

extern const char ret_to_guest[];

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_CURRENT_H */

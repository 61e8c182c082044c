/*
 * CPU memory barriers.  x86 is strongly ordered for ordinary memory, so
 * these matter mainly around accesses that are not: non-serialising MSR
 * writes that trigger side effects (x2APIC ICR, TSC deadline) and MMIO.
 */
#ifndef ASM_X86_BARRIER_H
#define ASM_X86_BARRIER_H

static inline void mb(void)
{
    __asm__ volatile ( "mfence" ::: "memory" );
}

static inline void rmb(void)
{
    __asm__ volatile ( "lfence" ::: "memory" );
}

static inline void wmb(void)
{
    __asm__ volatile ( "sfence" ::: "memory" );
}

/*
 * WRMSR to the x2APIC and TSC-deadline MSRs does not wait for earlier
 * stores to become visible (SDM 11.12.3): fence first, so that an IPI's
 * target sees the data the IPI announces.
 */
static inline void wrmsr_ordering_fence(void)
{
    __asm__ volatile ( "mfence; lfence" ::: "memory" );
}

#endif /* ASM_X86_BARRIER_H */

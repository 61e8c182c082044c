/*
 * CPU bookkeeping shared by common and arch code.
 *
 * Arch contract (x86: arch/x86/smpboot.c):
 *   void arch_smp_boot_cpus(void);
 *     Start every CPU the platform describes (ACPI MADT), each running
 *     start_secondary_common() on its own stack once its arch state (GDT,
 *     IDT, TSS, local APIC, timer) is ready.  Returns when all of them are
 *     online or have been given up on (reported, never fatal).
 */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/types.h>
#include <asm/config.h>
#include <asm/current.h>

#define CPUMASK_LONGS ((NR_CPUS + 63) / 64)
typedef struct { unsigned long bits[CPUMASK_LONGS]; } cpumask_t;

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_or(&m->bits[cpu / 64], 1UL << (cpu % 64), __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_and(&m->bits[cpu / 64], ~(1UL << (cpu % 64)), __ATOMIC_SEQ_CST);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    return (__atomic_load_n(&m->bits[cpu / 64], __ATOMIC_RELAXED) >> (cpu % 64)) & 1;
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    unsigned int n = 0;

    /* Clear the lowest set bit until none is left: __builtin_popcountl
     * would call libgcc's __popcountdi2 (no POPCNT in the baseline ISA),
     * which the hypervisor does not link. */
    for ( unsigned int i = 0; i < CPUMASK_LONGS; i++ )
        for ( unsigned long b = __atomic_load_n(&m->bits[i], __ATOMIC_RELAXED);
              b; b &= b - 1 )
            n++;
    return n;
}

#define for_each_cpu(cpu, mask) \
    for ( (cpu) = 0; (cpu) < NR_CPUS; (cpu)++ ) \
        if ( cpumask_test_cpu(cpu, mask) )

/* CPU ids 0 .. nr_cpu_ids - 1 are the ones the platform describes
 * (arch: the firmware's processor list); the online ones are a subset. */
extern unsigned int nr_cpu_ids;
extern cpumask_t cpu_online_map;
#define cpu_online(c) cpumask_test_cpu(c, &cpu_online_map)
#define num_online_cpus() cpumask_weight(&cpu_online_map)
#define for_each_online_cpu(c) for_each_cpu(c, &cpu_online_map)

void arch_smp_boot_cpus(void);
/* Common part of a secondary CPU's start: marks it online, enters idle. */
void __noreturn start_secondary_common(void);
/* The idle loop: softirqs, then halt until an interrupt. */
void __noreturn idle_loop(void);

#endif /* XEN_SMP_H */

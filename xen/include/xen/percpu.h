/*
 * Per-CPU variables.  DEFINE_PER_CPU places the variable in .data.percpu;
 * CPU 0 uses that original copy and every other CPU gets a copy allocated
 * at bring-up, found through __per_cpu_offset[cpu].
 */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <xen/compiler.h>
#include <asm/config.h>
#include <asm/current.h>

extern unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_start[], __per_cpu_end[];

#define DEFINE_PER_CPU(type, name) \
    __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name) \
    __section(".data.percpu.page_aligned") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) per_cpu__##name

/* Hide the pointer arithmetic from the optimiser: the result points into
 * another object than the one the symbol names. */
#define RELOC_HIDE(ptr, off) ({                                 \
    unsigned long p_;                                           \
    __asm__ ( "" : "=r" (p_) : "0" (ptr) );                     \
    (__typeof__(ptr))(p_ + (off)); })

#define per_cpu(name, cpu) (*RELOC_HIDE(&per_cpu__##name, __per_cpu_offset[cpu]))
#define this_cpu(name) \
    (*RELOC_HIDE(&per_cpu__##name, get_cpu_info()->per_cpu_offset))

/* Allocate and initialise cpu's copy of the per-CPU area; 0 or -ENOMEM. */
int percpu_alloc(unsigned int cpu);

#endif /* XEN_PERCPU_H */

/*
 * The sysctl sub-ops' split between common code (common/sysctl*.c) and
 * the architecture.
 *
 * Arch contract (x86: arch/x86/sysctl.c):
 *   void arch_physinfo(struct xen_sysctl_physinfo *pi);
 *     The arch fields of physinfo: hw_cap (the CPU's feature words in
 *     Xen's featureset order), the capability bits the arch decides
 *     (guest types, paging modes), arch_capabilities, and total_pages:
 *     all of the machine's RAM (Xen's "System RAM"), not just the heap.
 *   void arch_cpu_topology(unsigned int cpu, unsigned int *core,
 *                          unsigned int *socket);
 *     The core (within its socket) and socket of a CPU the platform
 *     describes (cpu < nr_cpu_ids).
 *   long arch_do_sysctl(struct xen_sysctl *op, bool *copyback);
 *     The sub-ops common code does not know (under the sysctl lock): 0 or
 *     -errno, -ENOSYS if the arch has none either; *copyback set if op
 *     goes back to the caller even though it failed.
 */
#ifndef XEN_SYSCTL_H
#define XEN_SYSCTL_H

#include <public/sysctl.h>

void arch_physinfo(struct xen_sysctl_physinfo *pi);
void arch_cpu_topology(unsigned int cpu, unsigned int *core,
                       unsigned int *socket);
long arch_do_sysctl(struct xen_sysctl *op, bool *copyback);

/* The sub-ops of common/sysctl_info.c. */
void sysctl_physinfo(struct xen_sysctl_physinfo *pi);
long sysctl_getcpuinfo(struct xen_sysctl_getcpuinfo *ci);
long sysctl_cputopoinfo(struct xen_sysctl_cputopoinfo *ti);
long sysctl_numainfo(struct xen_sysctl_numainfo *ni);
long sysctl_readconsole(struct xen_sysctl_readconsole *rc);
/* common/cpupool.c. */
long sysctl_cpupool_op(struct xen_sysctl_cpupool_op *op);
/* common/sysctl_sched.c. */
long sysctl_scheduler_op(struct xen_sysctl_scheduler_op *op);

#endif /* XEN_SYSCTL_H */

/*
 * vcpu.h - bringing up more vCPUs of the test kernel.
 */
#ifndef PV_VCPU_H
#define PV_VCPU_H

#include <pv/types.h>

typedef void (*vcpu_entry_t)(unsigned int id);

/*
 * Start vCPU id (VCPUOP_initialise + VCPUOP_up) in kernel mode on the
 * kernel's page tables and stack [stack, stack + size): it installs the
 * library's trap table and callbacks for itself, then calls fn(id).  fn
 * must not return (spin, poll, block, or VCPUOP_down itself).  0 or the
 * failing hypercall's error.  The stack is what tells the library later
 * which vCPU is running (pv_vcpu_id()): keep vCPU id on it.
 */
long pv_vcpu_start(unsigned int id, vcpu_entry_t fn, void *stack,
                   unsigned long size);

/* The context pv_vcpu_start() gives vCPU id, for a caller that wants to
 * change it before VCPUOP_initialise (it records the stack as vCPU id's,
 * as pv_vcpu_start() does). */
struct vcpu_guest_context;
void pv_vcpu_context(struct vcpu_guest_context *c, unsigned int id,
                     vcpu_entry_t fn, void *stack, unsigned long size);

/*
 * The id of the vCPU running the caller.  A PV kernel has no per-CPU
 * register the hypervisor keeps for it (a GS base belongs to the tests),
 * so the library goes by the stack: vCPU n > 0 is the one whose stack
 * pv_vcpu_context() recorded holds the stack pointer, anything else is
 * vCPU 0.  A vCPU started with a context built by hand, or code running
 * on a stack of its own, counts as vCPU 0.  A PVH kernel asks CPUID
 * (the hypervisor leaf base + 4 gives the vCPU id).
 */
unsigned int pv_vcpu_id(void);

/* vCPU id's vcpu_info in shared_info; only ids below XEN_LEGACY_MAX_VCPUS
 * have one there (a larger id crashes the test). */
struct vcpu_info;
struct vcpu_info *pv_vcpu_info(unsigned int id);

/* The calling vCPU's vcpu_info. */
struct vcpu_info *pv_this_vcpu_info(void);

#endif /* PV_VCPU_H */

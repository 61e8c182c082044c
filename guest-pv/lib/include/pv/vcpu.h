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
 * must not return (spin, poll, or VCPUOP_down itself).  0 or the failing
 * hypercall's error.  Not SCHEDOP_block: it unmasks the vCPU's events,
 * and the upcall handler (events.c) serves vCPU 0's vcpu_info and clears
 * every unmasked pending port from whichever vCPU it runs on.
 */
long pv_vcpu_start(unsigned int id, vcpu_entry_t fn, void *stack,
                   unsigned long size);

/* The context pv_vcpu_start() gives vCPU id, for a caller that wants to
 * change it before VCPUOP_initialise. */
struct vcpu_guest_context;
void pv_vcpu_context(struct vcpu_guest_context *c, unsigned int id,
                     vcpu_entry_t fn, void *stack, unsigned long size);

#endif /* PV_VCPU_H */

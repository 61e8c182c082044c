/*
 * Host-test override of asm/current.h for the event-channel tests: the
 * hypervisor finds the running vCPU and CPU from its stack; here each
 * test thread plays one CPU and says which vCPU it is running.
 *
 * Found first because run-evtchn.sh puts tests/unit/evtchn-shim ahead of
 * the hypervisor's include directories.
 */
#ifndef EVTCHN_SHIM_ASM_CURRENT_H
#define EVTCHN_SHIM_ASM_CURRENT_H

#include_next <asm/current.h>

#ifndef __ASSEMBLY__
extern __thread struct vcpu *shim_current_vcpu;
extern __thread unsigned int shim_cpu;

#undef current
#undef smp_processor_id
#define current shim_current_vcpu
#define smp_processor_id() shim_cpu
#endif

#endif /* EVTCHN_SHIM_ASM_CURRENT_H */

/*
 * time.h - system time from the hypervisor's pvclock, and who we are.
 */
#ifndef PV_TIME_H
#define PV_TIME_H

#include <pv/types.h>

#define NS_PER_MS 1000000ULL
#define NS_PER_S  1000000000ULL

/* Nanoseconds since the hypervisor booted, as seen through vCPU vcpu's
 * vcpu_time_info (the vCPU's own record is the one to read on it). */
uint64_t pv_system_time(unsigned int vcpu);

/* Block (not spin: the CPU is free for others meanwhile) until system
 * time t, in SCHEDOP_poll on an event channel nobody signals. */
void pv_sleep_until(uint64_t t);

/* This kernel is the initial domain (dom0). */
bool pv_is_initdomain(void);

#endif /* PV_TIME_H */

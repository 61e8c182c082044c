/*
 * Host shim for the event-channel unit tests: what the rest of the
 * hypervisor provides to common/event_*.c, done on the host so that the
 * real sources run unchanged.  Built on the allocator tests' shim
 * (shim/shim.c: spinlocks, printk/BUG, the frame table and direct map).
 *
 *  - vCPUs and CPUs: each test thread plays one CPU (shim_cpu) running
 *    one vCPU (shim_current_vcpu, see evtchn-shim/asm/current.h);
 *  - the scheduler's wake-up and the softirq kick are recorded, not
 *    acted on;
 *  - timers are recorded; a test fires one with shim_fire_timer();
 *  - guest copies are memcpy; guest pointers below 4 KiB fault;
 *  - xmalloc is malloc, counting live objects (leak checks);
 *  - the PV page reference/type counts act on the shim frame table;
 *  - PIRQs lent to a domain are a small table (arch_pirq_bind/unbind).
 */
#ifndef EVTCHN_SHIM_H
#define EVTCHN_SHIM_H

#include <xen/sched.h>
#include <xen/timer.h>

/* The vCPU this thread runs (its hypercalls come from it). */
void shim_run_as(struct vcpu *v, unsigned int cpu);

/* Live xmalloc objects. */
long shim_live_objects(void);

/* vcpu_unpause_flag(v, VPF_blocked) calls that woke v. */
unsigned int shim_wakes(const struct vcpu *v);
/* cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ) calls aimed at cpu. */
unsigned int shim_kicks(unsigned int cpu);
/* raise_softirq(SCHEDULE_SOFTIRQ) calls on this CPU. */
unsigned int shim_local_schedules(void);

/* The timer set_timer() was last called on. */
extern struct timer *shim_last_timer;
/* Fire t if it is armed (as its CPU's timer softirq would). */
bool shim_fire_timer(struct timer *t);

/* hypercall_preempt_check() answers this. */
extern bool shim_preempt;
/* hypercall_create_continuation() calls. */
extern unsigned int shim_continuations;

/* Give machine frame mfn to d (allocated, one reference). */
void shim_give_frame(struct domain *d, unsigned long mfn);
/* References held on mfn beyond its allocation's. */
unsigned long shim_frame_refs(unsigned long mfn);

/* Lend PIRQ pirq (< 16) to d, unbound; the port it is bound to (0: none). */
void shim_lend_pirq(struct domain *d, uint32_t pirq);
unsigned int shim_pirq_port(uint32_t pirq);

#endif /* EVTCHN_SHIM_H */

/*
 * Per-vCPU services behind vcpu_op: runstate accounting, guest time
 * records and the VIRQ_TIMER timers.
 */
#ifndef XEN_VCPU_H
#define XEN_VCPU_H

#include <xen/sched.h>

/* Account a state change at time now (scheduler). */
void vcpu_runstate_change(struct vcpu *v, int new_state, s_time_t now);
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out);
/* Copy the runstate to the guest's registered area (v must be current). */
void vcpu_runstate_publish(struct vcpu *v);

/* Refresh v's vcpu_time_info (pvclock) from this CPU's time base. */
void vcpu_update_time(struct vcpu *v);
/* Wallclock in shared_info (epoch time at system time 0). */
void domain_update_wallclock(struct domain *d);
/* XENPF_settime: the wallclock was secs.nsecs at system time
 * system_time (ns); every domain's wallclock follows. */
void wallclock_set(uint64_t secs, uint32_t nsecs, uint64_t system_time);

void vcpu_timers_init(struct vcpu *v);
void vcpu_timers_kill(struct vcpu *v);

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg,
                unsigned long a4, unsigned long a5);
long do_set_timer_op(unsigned long timeout, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5);

int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
/* HVM domains' vCPUs take a vcpu_hvm_context in VCPUOP_initialise. */
struct vcpu_hvm_context;
bool arch_vcpu_takes_hvm_context(const struct domain *d);
int arch_set_hvm_context(struct vcpu *v, const struct vcpu_hvm_context *c);
int arch_update_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c);
int arch_vcpu_reset(struct vcpu *v);
/* Take v back to "no context yet" (the toolstack, domain paused). */
long vcpu_reset_context(struct vcpu *v);
/* Load a context into v (vcpu_op.c): VCPUOP_initialise, or the
 * toolstack's setvcpucontext with by_controller (domain paused). */
long vcpu_set_context(struct vcpu *v, const struct vcpu_guest_context *ctxt,
                      bool by_controller);
/* VCPUOP_down of v: it stops (VPF_down), or, if it is the domain's last
 * vCPU up, the domain is powered off instead.  Also what an HVM vCPU's
 * HLT with interrupts off means.  Returns 0. */
long vcpu_down(struct vcpu *v);
void *arch_map_guest_frame(struct domain *d, unsigned long gfn);
void arch_unmap_guest_frame(void *va);

/*
 * Arch contract (x86: arch/x86/time.c):
 *   void arch_time_record(struct vcpu_time_info *t);
 *     Fill tsc_timestamp, system_time, tsc_to_system_mul and tsc_shift
 *     for this CPU at this moment (version is the caller's business).
 */
void arch_time_record(struct vcpu_time_info *t);

/* Deliver a periodic tick that fell due and arm the next one; for the
 * vCPU about to run (the scheduler stops the timer when it stops). */
void vcpu_periodic_timer_work(struct vcpu *v);

#endif /* XEN_VCPU_H */

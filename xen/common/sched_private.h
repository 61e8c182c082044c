/*
 * Inside the scheduler: the split between the mechanism (schedule.c:
 * per-CPU locks, choosing and switching, waking, blocking, runstates) and
 * the credit policy (sched_credit.c: priorities, run queues, accounting,
 * load balancing).
 *
 * Locking.  Each physical CPU has one lock, sched_cpus[cpu].lock.  It
 * protects that CPU's run queue, its curr, and for every vCPU whose
 * processor is that CPU: v->processor itself, the run-queue link and the
 * credit state in v->sched.  So v->processor changes only with the old
 * CPU's lock held (a steal), and vcpu_sched_lock() retries until the lock
 * it holds is the one of the CPU the vCPU still lives on.  A CPU takes a
 * second CPU's lock only with trylock, so no order between them is needed.
 * The credit accounting lock (sched_credit.c) is taken before any CPU lock.
 *
 * v->is_running is different from "curr": curr changes under the lock when
 * a CPU chooses, is_running stays set until the outgoing vCPU's registers
 * are saved (sched_context_saved()), and a vCPU may only move to another
 * CPU once it is clear.
 */
#ifndef SCHED_PRIVATE_H
#define SCHED_PRIVATE_H

#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

struct sched_cpu {
    spinlock_t lock;
    struct vcpu *curr;               /* chosen to run here */
    struct list_head runq;           /* waiting vCPUs, best priority first */
    struct timer slice_timer;        /* ends the current slice */
};

extern struct sched_cpu sched_cpus[NR_CPUS];

/* Lock the CPU v lives on (interrupts off); returns it. */
struct sched_cpu *vcpu_sched_lock(struct vcpu *v, unsigned long *flags);
void vcpu_sched_unlock(struct sched_cpu *sc, unsigned long flags);

static inline bool vcpu_runnable(const struct vcpu *v)
{
    return !READ_ONCE(v->pause_flags);
}

static inline bool vcpu_on_runq(const struct vcpu *v)
{
    return !list_empty(&v->runq_elem);
}

/* ---- the policy (sched_credit.c); all with the vCPU's CPU lock held ---- */

/* v became runnable and is neither curr nor queued: queue it on its CPU
 * (a just-woken vCPU is boosted) and interrupt a CPU that should run it. */
void credit_wake(struct sched_cpu *sc, struct vcpu *v);
/* prev stops running at now: charge it; queue it again if it can run. */
void credit_descheduled(struct sched_cpu *sc, struct vcpu *prev, s_time_t now);
/* The vCPU this CPU runs next (taken off its queue, or stolen from
 * another CPU's), or NULL for idle. */
struct vcpu *credit_pick(struct sched_cpu *sc, unsigned int cpu);
/* next starts running at now: how long it may run. */
s_time_t credit_slice(struct vcpu *next, s_time_t now);
/* Per vCPU and domain set-up and tear-down (no lock held). */
void credit_vcpu_init(struct vcpu *v);
void credit_domain_add(struct domain *d);
void credit_domain_remove(struct domain *d);
/* Where v should be queued: its CPU if its hard affinity allows it, else
 * the first online CPU that does (lock-free; a hint for tickling). */
unsigned int credit_home_cpu(const struct vcpu *v);
/* How many vCPUs have a hard affinity without some CPU (a hint that lets
 * the common case skip looking for misplaced vCPUs). */
extern unsigned int credit_nr_restricted;
/* Start the periodic accounting (once, on the boot CPU). */
void credit_start(void);

#endif /* SCHED_PRIVATE_H */

/*
 * vCPU scheduling, the mechanism: per-CPU choosing and switching, waking,
 * blocking and pausing, runstate accounting, and the sched_op hypercall.
 * Which vCPU runs where and for how long is the credit policy's decision
 * (sched_credit.c); the locking rules are in sched_private.h.
 *
 * Every CPU has an idle vCPU that runs the idle loop when nothing else is
 * runnable.  A context switch happens only in schedule(), which runs from
 * SCHEDULE_SOFTIRQ: on the way back to a guest or in the idle loop, never
 * in the middle of a hypercall.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <xen/event.h>
#include <xen/time.h>
#include <xen/vcpu.h>
#include <public/sched.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <xen/keyhandler.h>
#include "sched_private.h"

struct sched_cpu sched_cpus[NR_CPUS];

struct sched_cpu *vcpu_sched_lock(struct vcpu *v, unsigned long *flags)
{
    for ( ; ; )
    {
        unsigned int cpu = READ_ONCE(v->processor);
        struct sched_cpu *sc = &sched_cpus[cpu];

        spin_lock_irqsave(&sc->lock, *flags);
        if ( likely(v->processor == cpu) )
            return sc;
        spin_unlock_irqrestore(&sc->lock, *flags);   /* it moved: retry */
    }
}

void vcpu_sched_unlock(struct sched_cpu *sc, unsigned long flags)
{
    spin_unlock_irqrestore(&sc->lock, flags);
}

void vcpu_wake(struct vcpu *v)
{
    struct sched_cpu *sc;
    unsigned long flags;

    if ( is_idle_vcpu(v) )
        return;
    sc = vcpu_sched_lock(v, &flags);
    if ( vcpu_runnable(v) )
    {
        if ( sc->curr != v )
            vcpu_runstate_change(v, RUNSTATE_runnable, NOW());
        /* The one chosen on its CPU needs no queueing, even while its
         * previous state is still being saved. */
        if ( sc->curr != v && !vcpu_on_runq(v) )
            credit_wake(sc, v);
    }
    vcpu_sched_unlock(sc, flags);
}

void vcpu_pause_flag(struct vcpu *v, unsigned long flag)
{
    __atomic_fetch_or(&v->pause_flags, flag, __ATOMIC_SEQ_CST);
    /* It leaves its CPU at that CPU's next scheduling point. */
    cpu_raise_softirq(READ_ONCE(v->processor), SCHEDULE_SOFTIRQ);
}

void vcpu_pause_flag_sync(struct vcpu *v, unsigned long flag)
{
    struct sched_cpu *sc;
    unsigned long flags;
    bool gone;

    ASSERT(v != current);
    vcpu_pause_flag(v, flag);
    do {
        cpu_relax();
        sc = vcpu_sched_lock(v, &flags);
        gone = sc->curr != v && !v->is_running;
        vcpu_sched_unlock(sc, flags);
    } while ( !gone );
}

void vcpu_unpause_flag(struct vcpu *v, unsigned long flag)
{
    __atomic_fetch_and(&v->pause_flags, ~flag, __ATOMIC_SEQ_CST);
    if ( vcpu_runnable(v) )
        vcpu_wake(v);
}

void vcpu_block(void)
{
    struct vcpu *v = current;

    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    /* Re-check after setting the flag: an event that arrived just before
     * must not be slept through (its sender saw the flag clear).  What
     * counts as deliverable is the arch's (PV and HVM differ). */
    if ( arch_vcpu_event_deliverable(v) )
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
    else
        raise_softirq(SCHEDULE_SOFTIRQ);
}

void vcpu_runstate_change(struct vcpu *v, int new_state, s_time_t now)
{
    struct vcpu_runstate_info *r = &v->runstate;

    if ( r->state == new_state )
        return;
    if ( now > (s_time_t)r->state_entry_time )
        r->time[r->state] += now - r->state_entry_time;
    r->state = new_state;
    r->state_entry_time = now;
}

void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out)
{
    struct sched_cpu *sc;
    unsigned long flags;
    s_time_t now;

    /* Another CPU changes v's runstate under its scheduler lock: copy it
     * whole under that lock, not torn between two states.  The caller's
     * own changes only in schedule(), which cannot run meanwhile. */
    if ( v == current )
        *out = v->runstate;
    else
    {
        sc = vcpu_sched_lock((struct vcpu *)v, &flags);
        *out = v->runstate;
        vcpu_sched_unlock(sc, flags);
    }
    now = NOW();
    /* Include the time spent so far in the current state. */
    if ( now > (s_time_t)out->state_entry_time )
        out->time[out->state] += now - out->state_entry_time;
}

void vcpu_runstate_publish(struct vcpu *v)
{
    if ( v->runstate_guest )
        (void)copy_to_guest_ptr(v->runstate_guest, &v->runstate,
                                sizeof(v->runstate));
}

/* The state a vCPU that is not running is in. */
static int idle_state_of(const struct vcpu *v)
{
    unsigned long f = READ_ONCE(v->pause_flags);

    if ( !f )
        return RUNSTATE_runnable;
    return (f & VPF_blocked) && !(f & ~VPF_blocked) ? RUNSTATE_blocked
                                                    : RUNSTATE_offline;
}

static void slice_expired(void *data)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_cpu *sc = &sched_cpus[cpu];
    struct vcpu *prev = current, *next;
    s_time_t now, slice;

    spin_lock_irq(&sc->lock);
    now = NOW();
    if ( !is_idle_vcpu(prev) )
        credit_descheduled(sc, prev, now);
    next = credit_pick(sc, cpu) ?: idle_vcpu(cpu);
    slice = is_idle_vcpu(next) ? 0 : credit_slice(next, now);
    sc->curr = next;
    if ( next != prev )
    {
        vcpu_runstate_change(prev, idle_state_of(prev), now);
        vcpu_runstate_change(next, RUNSTATE_running, now);
        next->is_running = true;
    }
    spin_unlock_irq(&sc->lock);

    if ( slice )
        set_timer(&sc->slice_timer, now + slice);
    else
        stop_timer(&sc->slice_timer);
    if ( next == prev )
        return;
    if ( !is_idle_vcpu(prev) )
        stop_timer(&prev->periodic_timer);
    if ( !is_idle_vcpu(next) )
    {
        /* Its timers follow it, so they fire where it runs. */
        migrate_timer(&next->singleshot_timer, cpu);
        migrate_timer(&next->periodic_timer, cpu);
        vcpu_periodic_timer_work(next);
    }
    get_cpu_info()->current_vcpu = next;
    arch_context_switch(prev, next);
}

void sched_context_saved(struct vcpu *prev)
{
    unsigned int home;

    /* Everything saved must be visible before another CPU may load it;
     * x86 keeps stores in order, so the compiler is all to hold back. */
    barrier();
    WRITE_ONCE(prev->is_running, false);
    /* Queued here against its hard affinity: now it may move, so tell a
     * CPU it may run on to take it. */
    if ( !is_idle_vcpu(prev) && vcpu_on_runq(prev) &&
         (home = credit_home_cpu(prev)) != prev->processor )
        cpu_raise_softirq(home, SCHEDULE_SOFTIRQ);
}

/* Does the mask leave out a CPU that is online? */
static bool restricts(const cpumask_t *m)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
        if ( !cpumask_test_cpu(cpu, m) )
            return true;
    return false;
}

int sched_set_affinity(struct vcpu *v, const cpumask_t *hard,
                       const cpumask_t *soft)
{
    struct sched_cpu *sc;
    unsigned long flags;
    unsigned int cpu, home;
    bool any = false;
    int delta;

    for_each_online_cpu ( cpu )
        any |= cpumask_test_cpu(cpu, hard);
    if ( !any )
        return -EINVAL;             /* it could never run */
    sc = vcpu_sched_lock(v, &flags);
    /* Counted up before the vCPU can be misplaced, down after. */
    delta = (int)restricts(hard) - (int)restricts(&v->cpu_hard_affinity);
    if ( delta > 0 )
        __atomic_add_fetch(&credit_nr_restricted, 1, __ATOMIC_SEQ_CST);
    v->cpu_hard_affinity = *hard;
    v->cpu_soft_affinity = *soft;
    cpu = v->processor;
    home = credit_home_cpu(v);
    /* Not on a CPU and not queued: it simply lives elsewhere from now on
     * (waking queues it there).  Otherwise its CPU gives it up at the
     * next scheduling point and a CPU it may use takes it from the queue
     * (steal_misplaced, sched_context_saved). */
    if ( home != cpu && sc->curr != v && !v->is_running && !vcpu_on_runq(v) )
        v->processor = home;
    if ( delta < 0 )
        __atomic_sub_fetch(&credit_nr_restricted, 1, __ATOMIC_SEQ_CST);
    vcpu_sched_unlock(sc, flags);
    if ( home != cpu )
    {
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
        cpu_raise_softirq(home, SCHEDULE_SOFTIRQ);
    }
    return 0;
}

void sched_add_domain(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            credit_vcpu_init(d->vcpu[i]);
    credit_domain_add(d);
}

void sched_add_vcpu(struct vcpu *v)
{
    credit_vcpu_init(v);
}

void sched_remove_domain(struct domain *d)
{
    struct sched_cpu *sc;
    unsigned long flags;

    credit_domain_remove(d);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        if ( v != current )
            vcpu_pause_flag_sync(v, VPF_paused);
        sc = vcpu_sched_lock(v, &flags);
        if ( vcpu_on_runq(v) )
            list_del_init(&v->runq_elem);
        vcpu_sched_unlock(sc, flags);
    }
}

void sched_dump(void)
{
    unsigned int cpu;

    printk("'r' pressed -> scheduler state (credit)\n");
    for_each_online_cpu ( cpu )
    {
        struct sched_cpu *sc = &sched_cpus[cpu];
        const struct vcpu *v;
        unsigned long flags;

        spin_lock_irqsave(&sc->lock, flags);
        printk("  CPU %u: runs d%uv%u; queued:", cpu, sc->curr->domain->domain_id,
               sc->curr->vcpu_id);
        list_for_each_entry ( v, &sc->runq, runq_elem )
            printk(" d%uv%u(%d)", v->domain->domain_id, v->vcpu_id,
                   v->sched.prio);
        printk("\n");
        spin_unlock_irqrestore(&sc->lock, flags);
    }
}

static void schedule_softirq(void)
{
    schedule();
}

/* The idle vCPU of a CPU: created when the CPU starts. */
static void idle_vcpu_init(unsigned int cpu)
{
    struct vcpu *v;

    if ( idle_domain->vcpu[cpu] )
        goto out;
    v = xzalloc(struct vcpu);
    BUG_ON(!v || arch_vcpu_create(v));
    v->vcpu_id = cpu;
    v->domain = idle_domain;
    v->processor = cpu;
    INIT_LIST_HEAD(&v->runq_elem);
    idle_domain->vcpu[cpu] = v;
 out:
    idle_domain->vcpu[cpu]->is_running = true;
    sched_cpus[cpu].curr = idle_domain->vcpu[cpu];
    get_cpu_info()->current_vcpu = idle_domain->vcpu[cpu];
}

void scheduler_cpu_init(unsigned int cpu)
{
    struct sched_cpu *sc = &sched_cpus[cpu];

    spin_lock_init(&sc->lock);
    INIT_LIST_HEAD(&sc->runq);
    init_timer(&sc->slice_timer, slice_expired, NULL, cpu);
    idle_vcpu_init(cpu);
}

void scheduler_init(void)
{
    int err;

    idle_domain = domain_create(DOMID_IDLE_INTERNAL, NR_CPUS, false, &err);
    BUG_ON(!idle_domain);
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    scheduler_cpu_init(0);
}

void scheduler_start(void)
{
    struct domain *d;

    credit_start();
    for ( d = domain_list; d; d = d->next_in_list )
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
                vcpu_wake(d->vcpu[i]);
    idle_loop();
}

static long sched_shutdown(void *arg)
{
    struct sched_shutdown s;

    if ( copy_from_guest_ptr(&s, arg, sizeof(s)) )
        return -EFAULT;
    domain_shutdown(current->domain, s.reason);
    return 0;
}

static long sched_remote_shutdown(void *arg)
{
    struct sched_remote_shutdown s;
    struct domain *d;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest_ptr(&s, arg, sizeof(s)) )
        return -EFAULT;
    if ( !(d = get_domain_by_id(s.domain_id)) )
        return -ESRCH;
    domain_shutdown(d, s.reason);
    put_domain(d);
    return 0;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5)
{
    switch ( cmd )
    {
    case SCHEDOP_yield:
        raise_softirq(SCHEDULE_SOFTIRQ);
        return 0;
    case SCHEDOP_block:
        /* Blocking enables events, as the ABI says. */
        current->vcpu_info->evtchn_upcall_mask = 0;
        vcpu_block();
        return 0;
    case SCHEDOP_shutdown:
        return sched_shutdown((void *)arg);
    case SCHEDOP_shutdown_code:
    {
        struct sched_shutdown s;

        if ( copy_from_guest_ptr(&s, (void *)arg, sizeof(s)) )
            return -EFAULT;
        current->domain->shutdown_code = s.reason;
        return 0;
    }
    case SCHEDOP_remote_shutdown:
        return sched_remote_shutdown((void *)arg);
    case SCHEDOP_poll:
    {
        struct sched_poll p;

        if ( copy_from_guest_ptr(&p, (void *)arg, sizeof(p)) )
            return -EFAULT;
        return evtchn_poll(&p);
    }
    }
    return -ENOSYS;
}

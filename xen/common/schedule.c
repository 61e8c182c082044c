/*
 * vCPU scheduling: per-CPU run queues served round-robin with a time
 * slice, blocking and waking, and the sched_op hypercall.
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

#define TIMESLICE MILLISECS(10)

struct sched_cpu {
    spinlock_t lock;
    struct list_head runq;
    struct timer slice_timer;
};

static struct sched_cpu sched_cpus[NR_CPUS];

static bool vcpu_runnable(const struct vcpu *v)
{
    return !READ_ONCE(v->pause_flags);
}

/* Put v on its CPU's queue if it is runnable and not there or running. */
static void runq_insert(struct vcpu *v)
{
    struct sched_cpu *sc = &sched_cpus[v->processor];
    unsigned long flags;

    spin_lock_irqsave(&sc->lock, flags);
    if ( vcpu_runnable(v) && list_empty(&v->runq_elem) && !v->is_running )
        list_add_tail(&v->runq_elem, &sc->runq);
    spin_unlock_irqrestore(&sc->lock, flags);
}

void vcpu_wake(struct vcpu *v)
{
    if ( is_idle_vcpu(v) )
        return;
    if ( vcpu_runnable(v) && !v->is_running )
        vcpu_runstate_change(v, RUNSTATE_runnable, NOW());
    runq_insert(v);
    cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void vcpu_pause_flag(struct vcpu *v, unsigned long flag)
{
    __atomic_fetch_or(&v->pause_flags, flag, __ATOMIC_SEQ_CST);
    /* It leaves its CPU at that CPU's next scheduling point. */
    cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
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
     * must not be slept through (its sender saw the flag clear). */
    if ( v->vcpu_info && READ_ONCE(v->vcpu_info->evtchn_upcall_pending) )
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
    else
        raise_softirq(SCHEDULE_SOFTIRQ);
}

static struct vcpu *pick_next(struct sched_cpu *sc, unsigned int cpu)
{
    struct vcpu *v, *tmp;

    list_for_each_entry_safe ( v, tmp, &sc->runq, runq_elem )
    {
        list_del_init(&v->runq_elem);
        if ( vcpu_runnable(v) )
            return v;
    }
    return idle_vcpu(cpu);
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
    s_time_t now = NOW();

    *out = v->runstate;
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
    s_time_t now;

    spin_lock_irq(&sc->lock);
    /* Round robin: a runnable guest vCPU goes to the back of the queue. */
    if ( !is_idle_vcpu(prev) && vcpu_runnable(prev) &&
         list_empty(&prev->runq_elem) )
        list_add_tail(&prev->runq_elem, &sc->runq);
    next = pick_next(sc, cpu);
    spin_unlock_irq(&sc->lock);

    now = NOW();
    if ( !is_idle_vcpu(next) )
        set_timer(&sc->slice_timer, now + TIMESLICE);
    if ( next == prev )
        return;
    vcpu_runstate_change(prev, idle_state_of(prev), now);
    vcpu_runstate_change(next, RUNSTATE_running, now);
    prev->is_running = false;
    next->is_running = true;
    get_cpu_info()->current_vcpu = next;
    arch_context_switch(prev, next);
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

    for ( d = domain_list; d; d = d->next_in_list )
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
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
    if ( !(d = domain_by_id(s.domain_id)) )
        return -ESRCH;
    domain_shutdown(d, s.reason);
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

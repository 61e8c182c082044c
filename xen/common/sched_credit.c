/*
 * The credit scheduler: proportional share of the physical CPUs.
 *
 * Every ACCT_PERIOD the CPU time of that period (period x online CPUs) is
 * divided between the active domains in proportion to their weights, no
 * domain getting more than its active vCPUs can use or its cap allows;
 * the domains that hit such a limit give the rest back to the others.  A
 * domain's share is split evenly between its active vCPUs as credit (in
 * nanoseconds), and running costs exactly the time run.  A vCPU with
 * credit left is UNDER, one without is OVER; UNDER vCPUs run before OVER
 * ones, a just-woken UNDER vCPU is BOOSTed ahead of both so that I/O
 * latency stays low, and vCPUs of a class share a CPU round robin with
 * time slices.  A capped domain's vCPU out of credit is parked until the
 * next accounting gives it some: that is what holds the cap even on an
 * otherwise idle machine.
 *
 * Load balancing: a CPU about to run an OVER vCPU or nothing looks at the
 * other CPUs' queues first and steals the best waiting vCPU that is better
 * than what it has (its state saved, so it may move).  A waking vCPU whose
 * CPU is busy interrupts an idle CPU, which then steals it.
 *
 * Accounting runs in a timer on the boot CPU under credit_lock, which
 * guards the list of domains and is taken before any CPU's lock.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/smp.h>
#include <xen/time.h>
#include "sched_private.h"

#define ACCT_PERIOD   MILLISECS(30)
#define TIMESLICE     MILLISECS(10)   /* the default round-robin slice */
/* Slices shorter than this are not worth a timer interrupt. */
#define MIN_SLICE     MICROSECS(100)

enum { SCHED_PRI_OVER = 0, SCHED_PRI_UNDER = 1, SCHED_PRI_BOOST = 2 };

/* The round-robin slice now (XEN_SYSCTL_scheduler_op's tslice_ms); read
 * without a lock: a CPU picking up the old value once is harmless. */
static s_time_t tslice = TIMESLICE;

static DEFINE_SPINLOCK(credit_lock);
static LIST_HEAD(credit_domains);
static struct timer acct_timer;

static int prio_of(const struct vcpu *v)
{
    return v->sched.credit > 0 ? SCHED_PRI_UNDER : SCHED_PRI_OVER;
}

static bool capped_out(const struct vcpu *v)
{
    return v->domain->sched_cap && v->sched.credit <= 0;
}

/* Queue v behind every vCPU of its priority or better. */
static void runq_insert(struct sched_cpu *sc, struct vcpu *v)
{
    struct list_head *pos;

    list_for_each ( pos, &sc->runq )
        if ( list_entry(pos, struct vcpu, runq_elem)->sched.prio < v->sched.prio )
            break;
    list_add_tail(&v->runq_elem, pos);
}

/* Ask cpu to reschedule if v is better than what it runs. */
static bool tickle_if_better(unsigned int cpu, const struct vcpu *v)
{
    const struct vcpu *curr = READ_ONCE(sched_cpus[cpu].curr);

    if ( !is_idle_vcpu(curr) && curr->sched.prio >= v->sched.prio )
        return false;
    cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
    return true;
}

/* A CPU running nothing, to steal work; racy reads are fine: a wrong
 * guess costs one pointless schedule() there. */
static int find_idle_cpu(unsigned int not, const cpumask_t *allowed)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
        if ( cpu != not && cpumask_test_cpu(cpu, allowed) &&
             is_idle_vcpu(READ_ONCE(sched_cpus[cpu].curr)) )
            return cpu;
    return -1;
}

unsigned int credit_home_cpu(const struct vcpu *v)
{
    unsigned int cpu = READ_ONCE(v->processor);

    if ( cpumask_test_cpu(cpu, &v->cpu_hard_affinity) )
        return cpu;
    for_each_online_cpu ( cpu )
        if ( cpumask_test_cpu(cpu, &v->cpu_hard_affinity) )
            return cpu;
    return READ_ONCE(v->processor);     /* cannot happen: checked at set */
}

void credit_wake(struct sched_cpu *sc, struct vcpu *v)
{
    int idle;

    if ( v->sched.parked )
        return;                       /* the accounting will queue it */
    v->sched.active = true;
    v->sched.prio = prio_of(v) == SCHED_PRI_UNDER ? SCHED_PRI_BOOST
                                                  : SCHED_PRI_OVER;
    runq_insert(sc, v);
    if ( tickle_if_better(credit_home_cpu(v), v) )
        return;
    if ( (idle = find_idle_cpu(v->processor, &v->cpu_hard_affinity)) >= 0 )
        cpu_raise_softirq(idle, SCHEDULE_SOFTIRQ);
}

void credit_descheduled(struct sched_cpu *sc, struct vcpu *prev, s_time_t now)
{
    if ( now > prev->sched.start )
        prev->sched.credit -= now - prev->sched.start;
    prev->sched.start = now;
    if ( !vcpu_runnable(prev) || vcpu_on_runq(prev) )
        return;
    if ( capped_out(prev) )
    {
        prev->sched.parked = true;
        return;
    }
    /* A boost lasts until the vCPU is descheduled. */
    prev->sched.prio = prio_of(prev);
    runq_insert(sc, prev);
}

/* The first runnable vCPU of a queue better than floor that may run on
 * this CPU (its hard affinity allows cpu; steal: not still loaded
 * elsewhere), taken off the queue.  Queued vCPUs that can no longer run
 * are dropped on the way. */
static struct vcpu *take_best(struct sched_cpu *sc, unsigned int cpu,
                              int floor, bool steal)
{
    struct vcpu *v, *tmp;

    list_for_each_entry_safe ( v, tmp, &sc->runq, runq_elem )
    {
        if ( v->sched.prio <= floor )
            break;
        if ( !vcpu_runnable(v) )
        {
            list_del_init(&v->runq_elem);
            continue;
        }
        if ( !cpumask_test_cpu(cpu, &v->cpu_hard_affinity) )
            continue;
        if ( steal && READ_ONCE(v->is_running) )
            continue;
        list_del_init(&v->runq_elem);
        return v;
    }
    return NULL;
}

/* Something better than floor from another CPU's queue, moved here. */
static struct vcpu *steal(unsigned int cpu, int floor)
{
    unsigned int n = num_online_cpus(), i;

    for ( i = 1; i < n; i++ )
    {
        unsigned int peer = (cpu + i) % n;
        struct sched_cpu *ps = &sched_cpus[peer];
        struct vcpu *v;

        if ( !cpu_online(peer) || !spin_trylock(&ps->lock) )
            continue;
        v = take_best(ps, cpu, floor, true);
        if ( v )
            v->processor = cpu;
        spin_unlock(&ps->lock);
        if ( v )
            return v;
    }
    return NULL;
}

/* vCPUs whose hard affinity leaves out some CPU: while there are none
 * (the usual case), nobody looks at other CPUs' queues for misplaced
 * ones.  A hint kept by sched_set_affinity(); never too low while a
 * restricted vCPU exists. */
unsigned int credit_nr_restricted;

/* A vCPU from another CPU's queue that may not run there but may here,
 * at least as good as floor. */
static struct vcpu *steal_misplaced(unsigned int cpu, int floor)
{
    unsigned int peer;

    if ( !READ_ONCE(credit_nr_restricted) )
        return NULL;
    for_each_online_cpu ( peer )
    {
        struct sched_cpu *ps = &sched_cpus[peer];
        struct vcpu *v, *found = NULL;

        if ( peer == cpu || !spin_trylock(&ps->lock) )
            continue;
        list_for_each_entry ( v, &ps->runq, runq_elem )
            if ( v->sched.prio >= floor && vcpu_runnable(v) &&
                 !READ_ONCE(v->is_running) &&
                 !cpumask_test_cpu(peer, &v->cpu_hard_affinity) &&
                 cpumask_test_cpu(cpu, &v->cpu_hard_affinity) )
            {
                found = v;
                list_del_init(&v->runq_elem);
                v->processor = cpu;
                break;
            }
        spin_unlock(&ps->lock);
        if ( found )
            return found;
    }
    return NULL;
}

struct vcpu *credit_pick(struct sched_cpu *sc, unsigned int cpu)
{
    struct vcpu *v = take_best(sc, cpu, -1, false), *better;
    int floor = v ? v->sched.prio : -1, idle;

    /* A vCPU queued where its affinity forbids it to run waits for a CPU
     * it may run on to take it: whatever this CPU has, one as good. */
    if ( (better = steal_misplaced(cpu, floor)) != NULL ||
         (floor < SCHED_PRI_UNDER && (better = steal(cpu, floor)) != NULL) )
    {
        if ( v )
            runq_insert(sc, v);
        v = better;
    }
    /* Work left waiting here while a CPU idles: that CPU should steal it. */
    if ( !list_empty(&sc->runq) &&
         (idle = find_idle_cpu(cpu, &cpu_online_map)) >= 0 )
        cpu_raise_softirq(idle, SCHEDULE_SOFTIRQ);
    return v;
}

s_time_t credit_slice(struct vcpu *next, s_time_t now)
{
    s_time_t slice = READ_ONCE(tslice);

    next->sched.start = now;
    next->sched.active = true;
    /* A slice ends where the credit does: there the vCPU turns OVER (or
     * is parked, if capped) and whoever is UNDER must get the CPU. */
    if ( next->sched.credit > 0 && next->sched.credit < slice )
        slice = max(next->sched.credit, (s_time_t)MIN_SLICE);
    return slice;
}

void credit_vcpu_init(struct vcpu *v)
{
    /* Anywhere, until the toolstack says otherwise. */
    memset(&v->cpu_hard_affinity, 0xff, sizeof(v->cpu_hard_affinity));
    memset(&v->cpu_soft_affinity, 0xff, sizeof(v->cpu_soft_affinity));
    /* Start UNDER, so a new vCPU is not last in line until accounting. */
    v->sched.credit = TIMESLICE;
    v->sched.prio = SCHED_PRI_UNDER;
    v->sched.parked = false;
    v->sched.active = false;
}

void credit_domain_add(struct domain *d)
{
    unsigned long flags;

    if ( !d->sched_weight )
        d->sched_weight = SCHED_DEFAULT_WEIGHT;
    spin_lock_irqsave(&credit_lock, flags);
    list_add_tail(&d->sched_elem, &credit_domains);
    spin_unlock_irqrestore(&credit_lock, flags);
}

void credit_domain_remove(struct domain *d)
{
    unsigned long flags;

    spin_lock_irqsave(&credit_lock, flags);
    list_del_init(&d->sched_elem);
    spin_unlock_irqrestore(&credit_lock, flags);
}

unsigned int sched_tslice_ms(void)
{
    return READ_ONCE(tslice) / MILLISECS(1);
}

void sched_set_tslice_ms(unsigned int ms)
{
    /* The next slice any CPU starts has the new length. */
    WRITE_ONCE(tslice, MILLISECS(ms));
}

int sched_set_params(struct domain *d, unsigned int weight, unsigned int cap)
{
    unsigned long flags;

    /* Any 16-bit cap is taken as given, as Xen 4.17's credit scheduler
     * does: one above 100 x vCPUs is simply never reached. */
    if ( weight > 65535 || (cap != SCHED_CAP_KEEP && cap > 65535) )
        return -EINVAL;
    spin_lock_irqsave(&credit_lock, flags);
    if ( weight )
        d->sched_weight = weight;
    if ( cap != SCHED_CAP_KEEP )
        d->sched_cap = cap;
    spin_unlock_irqrestore(&credit_lock, flags);
    return 0;
}

/* ---- accounting ---------------------------------------------------------- */

struct dom_acct {
    unsigned int active;             /* active vCPUs */
    s_time_t limit;                  /* most it can use this period */
    s_time_t share;
    bool fixed;                      /* share settled at its limit */
};

#define MAX_ACCT_DOMS 256

static unsigned int count_active(struct domain *d)
{
    unsigned int n = 0;

    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( v && (v->sched.active || vcpu_runnable(v)) )
            n++;
    }
    return n;
}

/*
 * Water filling: give each unsettled domain total * weight / weights; any
 * domain whose portion exceeds its limit is settled at the limit and the
 * rest is shared again among the others, until nobody exceeds.
 */
static void divide(struct domain **doms, struct dom_acct *a, unsigned int n,
                   s_time_t total)
{
    bool again = true;

    while ( again )
    {
        unsigned long weights = 0;
        s_time_t left = total;

        again = false;
        for ( unsigned int i = 0; i < n; i++ )
            if ( a[i].fixed )
                left -= a[i].share;
            else
                weights += doms[i]->sched_weight;
        if ( !weights || left <= 0 )
            break;
        for ( unsigned int i = 0; i < n; i++ )
        {
            if ( a[i].fixed )
                continue;
            a[i].share = left / weights * doms[i]->sched_weight +
                         (left % weights) * doms[i]->sched_weight / weights;
            if ( a[i].share > a[i].limit )
            {
                a[i].share = a[i].limit;
                a[i].fixed = true;
                again = true;
            }
        }
    }
}

/* Hand out one vCPU's portion; unpark and queue it if that brings it
 * back above zero. */
static void credit_vcpu(struct vcpu *v, s_time_t portion)
{
    struct sched_cpu *sc;
    unsigned long flags;
    bool was_active;   /* idle ones keep what they had, capped above */

    sc = vcpu_sched_lock(v, &flags);
    was_active = v->sched.active || vcpu_runnable(v);
    if ( was_active )
    {
        v->sched.credit += portion;
        /*
         * Credit is for using soon, not for saving up: what a vCPU could
         * not use in two periods is lost.  (A bound of one period would
         * cut off credit that accounting simply caught in the middle of
         * a slice, and hand the time to the OVER round robin.)  Debt is
         * bounded likewise, so that a domain that once ran alone is not
         * held back for long once others want the CPU.
         */
        v->sched.credit = min(v->sched.credit, 2 * portion);
        v->sched.credit = max(v->sched.credit, -2 * ACCT_PERIOD);
    }
    v->sched.active = sc->curr == v;
    /* A queued vCPU's place follows its new credit (boosts stay). */
    if ( v->sched.prio != SCHED_PRI_BOOST && v->sched.prio != prio_of(v) )
    {
        v->sched.prio = prio_of(v);
        if ( vcpu_on_runq(v) )
        {
            list_del_init(&v->runq_elem);
            runq_insert(sc, v);
            tickle_if_better(credit_home_cpu(v), v);
        }
    }
    if ( v->sched.parked && (v->sched.credit > 0 || !v->domain->sched_cap) )
    {
        v->sched.parked = false;
        if ( vcpu_runnable(v) && sc->curr != v && !vcpu_on_runq(v) )
            credit_wake(sc, v);
    }
    vcpu_sched_unlock(sc, flags);
}

/* When the accounting last ran: each run hands out the time since. */
static s_time_t last_account;

static void account(void *unused)
{
    static struct domain *doms[MAX_ACCT_DOMS];
    static struct dom_acct acct[MAX_ACCT_DOMS];
    s_time_t now = NOW(), period = now - last_account;
    s_time_t total;
    unsigned int n = 0, i;
    struct domain *d;
    unsigned long flags;

    set_timer(&acct_timer, now + ACCT_PERIOD);
    /*
     * The timer runs late by a little every time (more under emulation);
     * handing out a fixed period would leave that time to the OVER round
     * robin, which splits it evenly, not by weight.
     */
    period = max(min(period, 20 * ACCT_PERIOD), ACCT_PERIOD / 2);
    last_account = now;
    total = period * num_online_cpus();
    spin_lock_irqsave(&credit_lock, flags);
    list_for_each_entry ( d, &credit_domains, sched_elem )
    {
        unsigned int active = count_active(d);

        if ( !active || n == MAX_ACCT_DOMS )
            continue;
        doms[n] = d;
        acct[n].active = active;
        acct[n].limit = period * active;
        if ( d->sched_cap )
            acct[n].limit = min(acct[n].limit, period * d->sched_cap / 100);
        acct[n].share = 0;
        acct[n].fixed = false;
        n++;
    }
    divide(doms, acct, n, total);
    for ( i = 0; i < n; i++ )
        for ( unsigned int j = 0; j < doms[i]->max_vcpus; j++ )
            if ( doms[i]->vcpu[j] )
                credit_vcpu(doms[i]->vcpu[j], acct[i].share / acct[i].active);
    spin_unlock_irqrestore(&credit_lock, flags);
}

void credit_start(void)
{
    init_timer(&acct_timer, account, NULL, smp_processor_id());
    last_account = NOW();
    set_timer(&acct_timer, last_account + ACCT_PERIOD);
}

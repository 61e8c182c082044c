/*
 * sched-share.h - shared by the scheduler tests that measure CPU shares
 * between boot-time domUs (sched-weights.c, sched-balance.c).
 *
 * The domUs run the same kernel and spin on every vCPU they have, for
 * ever.  dom0 measures with getdomaininfo's cpu_time over a window while
 * it sleeps in SCHEDOP_poll on a port nobody signals, so that it takes
 * no CPU time of its own from the domains it measures.
 */
#ifndef SCHED_SHARE_H
#define SCHED_SHARE_H

#include <pvtest.h>
#include <public/errno.h>

static uint8_t spin_stacks[4][8192] __aligned(16);

static void __noreturn spin_forever(unsigned int id)
{
    (void)id;
    for ( ; ; )
        __asm__ volatile ( "pause" );
}

/* A domU's whole life: every vCPU spins. */
static void __noreturn domu_spin(void)
{
    for ( unsigned int i = 1; i < 4; i++ )
    {
        long rc = pv_vcpu_start(i, spin_forever, spin_stacks[i],
                                sizeof(spin_stacks[i]));

        if ( rc == -XEN_ENOENT || rc == -XEN_EINVAL )
            break;                  /* no such vCPU: that was the last */
        if ( rc )
            xtest_crash("starting vCPU %u: %ld", i, rc);
    }
    spin_forever(0);
}

static uint64_t cpu_time_of(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo") ||
         !check_eq(dc.domain, d, "getdomaininfo found the domain") )
        xtest_exit();
    return dc.u.getdomaininfo.cpu_time;
}

static inline long set_sched(domid_t d, uint16_t weight, uint16_t cap)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_scheduler_op, .domain = d };

    dc.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    dc.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    dc.u.scheduler_op.u.credit.weight = weight;
    dc.u.scheduler_op.u.credit.cap = cap;
    return HYPERVISOR_domctl(&dc);
}

static inline long pause_domain(domid_t d, bool pause)
{
    struct xen_domctl dc = { .cmd = pause ? XEN_DOMCTL_pausedomain
                                          : XEN_DOMCTL_unpausedomain,
                             .domain = d };

    return HYPERVISOR_domctl(&dc);
}

/* CPU time of domains 1..n over a window of ns, after a settling time. */
static uint64_t measure(unsigned int n, uint64_t *ran, uint64_t ns)
{
    uint64_t start[8], t0;

    pv_sleep_until(pv_system_time(0) + 300 * NS_PER_MS);
    for ( unsigned int i = 0; i < n; i++ )
        start[i] = cpu_time_of(i + 1);
    t0 = pv_system_time(0);
    pv_sleep_until(t0 + ns);
    for ( unsigned int i = 0; i < n; i++ )
        ran[i] = cpu_time_of(i + 1) - start[i];
    return pv_system_time(0) - t0;
}

/* |got / want - 1| <= pc%, in integers: 100 * |got - want| <= pc * want. */
static bool within_pc(uint64_t got_num, uint64_t got_den, uint64_t want_num,
                      uint64_t want_den, unsigned int pc)
{
    uint64_t a = got_num * want_den, b = want_num * got_den;

    return 100 * (a > b ? a - b : b - a) <= pc * b;
}

static bool within_10pc(uint64_t got_num, uint64_t got_den, uint64_t want_num,
                        uint64_t want_den)
{
    return within_pc(got_num, got_den, want_num, want_den, 10);
}

#endif /* SCHED_SHARE_H */

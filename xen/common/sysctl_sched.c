/*
 * XEN_SYSCTL_scheduler_op: the scheduler-wide parameters of a CPU pool,
 * what `xl sched-credit` shows on its "Cpupool" line and sets with -s.
 * There is one pool (0) and one scheduler (credit).  Its time slice is
 * real and settable; it has no rate limit (a woken, boosted vCPU may
 * preempt at once) and no migration delay (an idle CPU steals any
 * waiting vCPU), so both read 0 -- Xen's "disabled" -- and a request to
 * turn either on is -EOPNOTSUPP, after Xen's own range checks (-EINVAL)
 * so that what Xen refuses is refused the same way.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/sysctl.h>
#include <public/sysctl.h>
#include <public/domctl.h>

/* Xen 4.17's bounds for a credit putinfo. */
static bool credit_params_valid(const struct xen_sysctl_credit_schedule *p)
{
    if ( p->tslice_ms < XEN_SYSCTL_CSCHED_TSLICE_MIN ||
         p->tslice_ms > XEN_SYSCTL_CSCHED_TSLICE_MAX )
        return false;
    if ( p->ratelimit_us && (p->ratelimit_us < XEN_SYSCTL_SCHED_RATELIMIT_MIN ||
                             p->ratelimit_us > XEN_SYSCTL_SCHED_RATELIMIT_MAX) )
        return false;
    /* The rate limit may not exceed the slice (compared in us). */
    if ( p->ratelimit_us > p->tslice_ms * 1000ULL )
        return false;
    return p->vcpu_migr_delay_us <= XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US;
}

long sysctl_scheduler_op(struct xen_sysctl_scheduler_op *op)
{
    struct xen_sysctl_credit_schedule *p = &op->u.sched_credit;

    /* Xen's order: the command, then the pool, then its scheduler. */
    if ( op->cmd != XEN_SYSCTL_SCHEDOP_putinfo &&
         op->cmd != XEN_SYSCTL_SCHEDOP_getinfo )
        return -EINVAL;
    if ( op->cpupool_id != 0 )
        return -ESRCH;
    if ( op->sched_id != XEN_SCHEDULER_CREDIT )
        return -EINVAL;
    if ( op->cmd == XEN_SYSCTL_SCHEDOP_putinfo )
    {
        if ( !credit_params_valid(p) )
            return -EINVAL;
        if ( p->ratelimit_us || p->vcpu_migr_delay_us )
            return -EOPNOTSUPP;
        sched_set_tslice_ms(p->tslice_ms);
    }
    /* A put answers like a get, as Xen's does. */
    p->tslice_ms = sched_tslice_ms();
    p->ratelimit_us = 0;
    p->vcpu_migr_delay_us = 0;
    return 0;
}

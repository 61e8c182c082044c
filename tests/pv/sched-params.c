/*
 * sched-params.c - XEN_SYSCTL_scheduler_op for the credit scheduler of
 * pool 0, as xl sched-credit (without -d) reads and sets it: getinfo
 * answers the pool's time slice, rate limit and migration delay within
 * Xen's bounds; putinfo takes a new time slice, which getinfo (and the
 * put's own answer) then shows, and refuses values out of Xen's ranges
 * (-EINVAL); unknown commands -EINVAL, unknown pools -ESRCH, a sched_id
 * that is not the pool's -EINVAL.  Xen 4.17 runs credit2 unless told,
 * hence sched=credit.
 *
 * pvtest-hv: sched=credit
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "sched-params: credit's pool-wide parameters";

static long sched_op(uint32_t pool, uint32_t sched, uint32_t cmd,
                     struct xen_sysctl_credit_schedule *p)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_scheduler_op };
    long rc;

    sc.u.scheduler_op.cpupool_id = pool;
    sc.u.scheduler_op.sched_id = sched;
    sc.u.scheduler_op.cmd = cmd;
    sc.u.scheduler_op.u.sched_credit = *p;
    rc = HYPERVISOR_sysctl(&sc);
    if ( !rc )
        *p = sc.u.scheduler_op.u.sched_credit;
    return rc;
}

static long put(uint32_t tslice, uint32_t ratelimit, uint32_t delay)
{
    struct xen_sysctl_credit_schedule p = { tslice, ratelimit, delay };

    return sched_op(0, XEN_SCHEDULER_CREDIT, XEN_SYSCTL_SCHEDOP_putinfo, &p);
}

static bool get(struct xen_sysctl_credit_schedule *p)
{
    *p = (struct xen_sysctl_credit_schedule){ 0x5a5a, 0x5a5a, 0x5a5a };
    return check_rc_setup(sched_op(0, XEN_SCHEDULER_CREDIT,
                                   XEN_SYSCTL_SCHEDOP_getinfo, p),
                           "getinfo of pool 0");
}

static void check_sane(const struct xen_sysctl_credit_schedule *p)
{
    check(p->tslice_ms >= XEN_SYSCTL_CSCHED_TSLICE_MIN &&
          p->tslice_ms <= XEN_SYSCTL_CSCHED_TSLICE_MAX,
          "tslice %u ms out of range", p->tslice_ms);
    check(p->ratelimit_us == 0 ||
          (p->ratelimit_us >= XEN_SYSCTL_SCHED_RATELIMIT_MIN &&
           p->ratelimit_us <= p->tslice_ms * 1000),
          "ratelimit %u us out of range", p->ratelimit_us);
    check(p->vcpu_migr_delay_us <= XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US,
          "migration delay %u us out of range", p->vcpu_migr_delay_us);
}

static void check_refusals(const struct xen_sysctl_credit_schedule *c)
{
    struct xen_sysctl_credit_schedule p = *c;
    uint32_t r = c->ratelimit_us, d = c->vcpu_migr_delay_us;

    check_eq(put(0, 0, d), -XEN_EINVAL, "tslice 0");
    check_eq(put(1001, r, d), -XEN_EINVAL, "tslice 1001 ms");
    check_eq(put(30, 99, d), -XEN_EINVAL, "ratelimit 99 us");
    check_eq(put(1000, 500001, d), -XEN_EINVAL, "ratelimit 500001 us");
    check_eq(put(30, 30001, d), -XEN_EINVAL, "ratelimit above the slice");
    check_eq(put(30, r, 100001), -XEN_EINVAL, "migration delay 100001 us");
    check_eq(sched_op(0, XEN_SCHEDULER_CREDIT, 2, &p), -XEN_EINVAL,
             "command 2");
    check_eq(sched_op(7, XEN_SCHEDULER_CREDIT, 2, &p), -XEN_EINVAL,
             "command 2 on pool 7 (the command is checked first)");
    check_eq(sched_op(7, XEN_SCHEDULER_CREDIT, XEN_SYSCTL_SCHEDOP_getinfo,
                      &p), -XEN_ESRCH, "getinfo of pool 7");
    check_eq(sched_op(0, XEN_SCHEDULER_CREDIT2, XEN_SYSCTL_SCHEDOP_getinfo,
                      &p), -XEN_EINVAL, "credit2's getinfo of a credit pool");
    /* None of the refused puts changed anything. */
    if ( get(&p) )
        check(p.tslice_ms == c->tslice_ms && p.ratelimit_us == r &&
              p.vcpu_migr_delay_us == d, "a refused put changed the "
              "parameters to %u/%u/%u", p.tslice_ms, p.ratelimit_us,
              p.vcpu_migr_delay_us);
}

static void check_set(const struct xen_sysctl_credit_schedule *c)
{
    struct xen_sysctl_credit_schedule p = { 0, c->ratelimit_us,
                                            c->vcpu_migr_delay_us };
    uint32_t want = c->tslice_ms == 20 ? 25 : 20;

    p.tslice_ms = want;
    check_eq(sched_op(0, XEN_SCHEDULER_CREDIT, XEN_SYSCTL_SCHEDOP_putinfo,
                      &p), 0, "putinfo of a new tslice");
    check_eq(p.tslice_ms, want, "putinfo answers the new tslice");
    if ( get(&p) )
    {
        check_eq(p.tslice_ms, want, "getinfo after putinfo: tslice");
        check_eq(p.ratelimit_us, c->ratelimit_us, "ratelimit kept");
        check_eq(p.vcpu_migr_delay_us, c->vcpu_migr_delay_us,
                 "migration delay kept");
    }
    check_eq(put(c->tslice_ms, c->ratelimit_us, c->vcpu_migr_delay_us), 0,
             "putinfo of the old values");
    if ( get(&p) )
        check_eq(p.tslice_ms, c->tslice_ms, "tslice restored");
}

void test_main(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_sched_id };
    struct xen_sysctl_credit_schedule c;

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "sched_id") ||
         !check_eq(sc.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT,
                   "the credit scheduler runs") )
        return;
    if ( !get(&c) )
        return;
    xtest_info("pool 0: tslice %u ms, ratelimit %u us, migration delay %u us",
               c.tslice_ms, c.ratelimit_us, c.vcpu_migr_delay_us);
    check_sane(&c);
    check_refusals(&c);
    check_set(&c);
}

/*
 * sched-cap.c - the credit scheduler's cap, set through
 * XEN_DOMCTL_scheduler_op, at and past its limit of 100 x vCPUs.
 *
 * Both hypervisors run the credit scheduler (sched=credit) and dom0 has 2
 * vCPUs, so caps up to 200 (% of one CPU) are meaningful.  The test sets
 * a cap of 200, then 201 and 1000, and reads back what is in effect after
 * each: Xen 4.17's credit scheduler neither clamps nor refuses a cap
 * beyond 100 x vCPUs, it stores it as given (it is then never reached).
 * A weight of 0 and a cap of 0xffff leave the values as they were.
 *
 * pvtest-hv: sched=credit dom0_max_vcpus=2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "sched-cap: credit cap limits (100 x vCPUs)";

static long sched_op(unsigned int cmd, unsigned int weight, unsigned int cap,
                     struct xen_domctl_sched_credit *out)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_scheduler_op, .domain = 0 };
    long rc;

    dc.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    dc.u.scheduler_op.cmd = cmd;
    dc.u.scheduler_op.u.credit.weight = weight;
    dc.u.scheduler_op.u.credit.cap = cap;
    rc = HYPERVISOR_domctl(&dc);
    if ( out )
        *out = dc.u.scheduler_op.u.credit;
    return rc;
}

static unsigned int cap_now(void)
{
    struct xen_domctl_sched_credit c;

    check_rc_setup(sched_op(XEN_DOMCTL_SCHEDOP_getinfo, 0, 0, &c), "getinfo");
    return c.cap;
}

/* Set cap; its return value and the cap read back. */
static void try_cap(unsigned int cap, long want_rc, unsigned int want_cap)
{
    long rc = sched_op(XEN_DOMCTL_SCHEDOP_putinfo, 0, cap, NULL);
    unsigned int now = cap_now();

    xtest_info("cap %u: rc %ld, cap now %u", cap, rc, now);
    check_eq(rc, want_rc, "putinfo's answer");
    check_eq(now, want_cap, "the cap in effect");
}

void test_main(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_sched_id };
    struct xen_domctl_sched_credit c;

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "sysctl sched_id") ||
         !check_eq(sc.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT,
                   "the scheduler (sched=credit)") )
        return;
    if ( !check_rc_setup(sched_op(XEN_DOMCTL_SCHEDOP_getinfo, 0, 0, &c),
                         "getinfo") )
        return;
    xtest_info("dom0: weight %u cap %u", c.weight, c.cap);
    try_cap(200, 0, 200);
    try_cap(201, 0, 201);
    try_cap(1000, 0, 1000);
    try_cap(0xffff, 0, 1000);
    try_cap(0, 0, 0);
    check_rc_setup(sched_op(XEN_DOMCTL_SCHEDOP_getinfo, 0, 0, &c), "getinfo");
    check_eq(c.weight, 256, "the weight, never touched");
}

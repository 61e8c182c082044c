/*
 * timers.c - VIRQ_TIMER sources: the single-shot timer (VCPUOP and
 * set_timer_op), its stop, the "future" flag, and the periodic timer.
 *
 * Each firing is observed by polling the VIRQ_TIMER port (events stay
 * disabled) and timed with the pvclock.  A 10 ms single-shot timer must
 * never fire before its deadline, the median of 20 within 5 ms of it, and
 * none more than 200 ms late: the stated tolerance.  Typical values are a
 * few hundred microseconds on both hypervisors (printed).  The single
 * worst one is left loose because QEMU TCG on a loaded 2-core host
 * delivers a timer interrupt 50-450 ms late now and then, on Xen 4.17 as
 * on ours (seen at load averages of 8-14); a timer that is lost or
 * systematically late still fails.  PV vCPUs
 * start with a 100 Hz periodic timer, which kernels stop first; so does
 * this test.  The periodic timer ticks only while its vCPU runs (Xen's
 * semantics): a blocked vCPU is not woken by it, a running one sees
 * about one tick per period.
 */
#include <pvtest.h>
#include <public/errno.h>

#define SAMPLES   20
#define EARLY_NS  0
#define LATE_NS   ((int64_t)(200 * NS_PER_MS))
#define MEDIAN_NS ((int64_t)(5 * NS_PER_MS))

const char test_title[] = "timers: single-shot, set_timer_op, periodic";

static evtchn_port_t timer_port;

static long vcpu_op(int cmd, void *arg)
{
    return HYPERVISOR_vcpu_op(cmd, 0, arg);
}

/* Wait up to limit for the timer port; its time of arrival, or 0. */
static uint64_t wait_timer(uint64_t limit)
{
    struct sched_poll p = { .nr_ports = 1, .timeout = limit };

    set_xen_guest_handle(p.ports, &timer_port);
    while ( !evtchn_pending(timer_port) )
    {
        if ( pv_system_time(0) >= limit )
            return 0;
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    }
    evtchn_clear(timer_port);
    return pv_system_time(0);
}

static void sort(int64_t *v, unsigned int n)
{
    for ( unsigned int i = 1; i < n; i++ )
        for ( unsigned int j = i; j && v[j - 1] > v[j]; j-- )
        {
            int64_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* SAMPLES 10 ms timers through arm(); lateness checked against the
 * tolerance.  arm(deadline) returns the hypercall's result. */
static void sample(const char *what, long (*arm)(uint64_t))
{
    int64_t late[SAMPLES];

    for ( unsigned int i = 0; i < SAMPLES; i++ )
    {
        uint64_t deadline = pv_system_time(0) + 10 * NS_PER_MS, got;

        if ( !check_rc_setup(arm(deadline), what) )
            return;
        got = wait_timer(deadline + NS_PER_S);
        if ( !check(got, "%s: no timer event within a second", what) )
            return;
        late[i] = (int64_t)(got - deadline);
    }
    sort(late, SAMPLES);
    printf("%s: 10 ms timer lateness min %ld us, median %ld us, max %ld us\n",
           what, (long)(late[0] / 1000), (long)(late[SAMPLES / 2] / 1000),
           (long)(late[SAMPLES - 1] / 1000));
    check(late[0] >= EARLY_NS, "%s: fired %ld us early", what,
          (long)(-late[0] / 1000));
    check(late[SAMPLES - 1] <= LATE_NS, "%s: fired %ld us late", what,
          (long)(late[SAMPLES - 1] / 1000));
    check(late[SAMPLES / 2] <= MEDIAN_NS, "%s: median %ld us late", what,
          (long)(late[SAMPLES / 2] / 1000));
}

static long arm_vcpuop(uint64_t deadline)
{
    struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = deadline };

    return vcpu_op(VCPUOP_set_singleshot_timer, &t);
}

static long arm_set_timer_op(uint64_t deadline)
{
    return HYPERVISOR_set_timer_op(deadline);
}

static void check_stop_and_past(void)
{
    struct vcpu_set_singleshot_timer t = {
        .timeout_abs_ns = pv_system_time(0) + 20 * NS_PER_MS,
    };

    check_rc_setup(vcpu_op(VCPUOP_set_singleshot_timer, &t), "set_singleshot");
    check_rc_setup(vcpu_op(VCPUOP_stop_singleshot_timer, NULL), "stop_singleshot");
    check(!wait_timer(pv_system_time(0) + 50 * NS_PER_MS),
          "a stopped single-shot timer fired");

    /* Xen 4.17 ignores VCPU_SSHOTTMR_future: a past deadline fires. */
    t.timeout_abs_ns = pv_system_time(0) - NS_PER_MS;
    t.flags = VCPU_SSHOTTMR_future;
    check_rc_setup(vcpu_op(VCPUOP_set_singleshot_timer, &t),
                   "a past deadline with VCPU_SSHOTTMR_future");
    check(wait_timer(pv_system_time(0) + 100 * NS_PER_MS) != 0,
          "a past deadline did not fire at once");
}

static void check_periodic(void)
{
    struct vcpu_set_periodic_timer pt = { .period_ns = 10 * NS_PER_MS };
    uint64_t end;
    unsigned int n = 0;

    if ( !check_rc_setup(vcpu_op(VCPUOP_set_periodic_timer, &pt),
                         "set_periodic_timer") )
        return;
    /* Spinning, not blocking: the ticks come while we run. */
    end = pv_system_time(0) + 200 * NS_PER_MS;
    while ( pv_system_time(0) < end )
        if ( evtchn_pending(timer_port) )
        {
            evtchn_clear(timer_port);
            n++;
        }
    printf("periodic 10 ms timer: %u ticks in 200 ms of running\n", n);
    /* About 20; far fewer when the host starves the emulated CPU (the
     * blocked case below must stay at one or two). */
    check(n >= 5 && n <= 22, "%u periodic ticks in 200 ms, expected ~20", n);
    /* Blocked for 100 ms: not woken by the periodic timer. */
    end = pv_system_time(0) + 100 * NS_PER_MS;
    n = 0;
    while ( pv_system_time(0) < end )
        if ( wait_timer(end) )
            n++;
    /* One tick may be on its way as the spinning ends and one as we
     * block; a vCPU ticked while blocked would see about ten. */
    check(n <= 2, "%u periodic ticks woke a blocked vCPU", n);
    check_rc_setup(vcpu_op(VCPUOP_stop_periodic_timer, NULL), "stop_periodic");
    wait_timer(pv_system_time(0) + 20 * NS_PER_MS);
    evtchn_clear(timer_port);
    end = pv_system_time(0) + 50 * NS_PER_MS;
    n = 0;
    while ( pv_system_time(0) < end )
        n += evtchn_pending(timer_port);
    check(!n, "the periodic timer still ticks after its stop");
}

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };

    check_rc_setup(vcpu_op(VCPUOP_stop_periodic_timer, NULL), "stop_periodic");
    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv),
                         "bind_virq(VIRQ_TIMER)") )
        return;
    timer_port = bv.port;
    wait_timer(pv_system_time(0) + 20 * NS_PER_MS);     /* drain */
    sample("VCPUOP_set_singleshot_timer", arm_vcpuop);
    sample("set_timer_op", arm_set_timer_op);
    check_stop_and_past();
    check_periodic();
}

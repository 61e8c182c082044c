/*
 * sched.c - HYPERVISOR_sched_op.
 *
 * SCHEDOP_yield returns 0; an unknown command -ENOSYS; SCHEDOP_shutdown_code
 * records a reason and returns 0 (the library's final SCHEDOP_shutdown then
 * powers off); SCHEDOP_remote_shutdown of a nonexistent domain gives
 * -ESRCH, and with a bad argument pointer -EFAULT.  SCHEDOP_block with
 * events masked: Xen 4.17 unmasks the vCPU's events itself (Linux relies
 * on that in xen_safe_halt), blocks until an event is pending, and the
 * upcall runs on the way back.  A VIRQ_TIMER event armed with
 * set_timer_op wakes it.  SCHEDOP_poll on a pending port returns at once.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "sched: sched_op yield, block, shutdown_code";

static volatile unsigned int timer_hits;

static void on_timer(evtchn_port_t port __unused, struct pv_regs *regs __unused,
                     void *data __unused)
{
    timer_hits++;
}

static void test_simple(void)
{
    struct sched_remote_shutdown rs = { .domain_id = 0x7fe0,
                                        .reason = SHUTDOWN_poweroff };
    struct sched_shutdown sd = { .reason = SHUTDOWN_poweroff };

    check_eq(HYPERVISOR_sched_op(SCHEDOP_yield, NULL), 0, "SCHEDOP_yield");
    check_eq(HYPERVISOR_sched_op(0x7fff, NULL), -XEN_ENOSYS, "unknown cmd");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_ESRCH,
             "remote_shutdown of domain 0x7fe0");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown,
                                 (void *)0xffff830000000000UL),
             -XEN_EFAULT, "remote_shutdown, bad pointer");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &sd), 0,
             "SCHEDOP_shutdown_code(poweroff)");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown_code,
                                 (void *)0xffff830000000000UL),
             -XEN_EFAULT, "shutdown_code, bad pointer");
}

static evtchn_port_t bind_timer(void)
{
    struct evtchn_bind_virq b = { .virq = VIRQ_TIMER, .vcpu = 0 };

    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &b),
                         "bind_virq(VIRQ_TIMER)") )
        return 0;
    evtchn_bind(b.port, on_timer, NULL);
    return b.port;
}

static void test_block(void)
{
    uint64_t now = vcpu0()->time.system_time;
    unsigned int before;
    long rc;

    events_disable();
    before = timer_hits;
    check_eq(HYPERVISOR_set_timer_op(now + 2000000), 0, "set_timer_op");
    rc = HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    check_eq(rc, 0, "SCHEDOP_block");
    xtest_info("after block: upcall mask %u, timer upcalls %u",
               vcpu0()->evtchn_upcall_mask, timer_hits - before);
    check(!vcpu0()->evtchn_upcall_mask, "block left events masked");
    check(timer_hits > before, "block returned but no timer upcall ran");
    events_disable();
}

static void test_poll(evtchn_port_t port)
{
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    uint64_t now = vcpu0()->time.system_time;
    long rc;

    set_xen_guest_handle(poll.ports, &port);
    evtchn_mask(port);
    HYPERVISOR_set_timer_op(now + 1000000);
    rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    check_eq(rc, 0, "SCHEDOP_poll on the timer port");
    check(evtchn_pending(port), "poll returned with the port not pending");
    evtchn_clear(port);
    evtchn_unmask(port);
}

void test_main(void)
{
    evtchn_port_t port;

    test_simple();
    port = bind_timer();
    if ( !port )
        return;
    test_block();
    test_poll(port);
}

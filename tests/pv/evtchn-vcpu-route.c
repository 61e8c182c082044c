/*
 * evtchn-vcpu-route.c - the library's upcall handler with two vCPUs.
 *
 * Under the 2-level ABI a port notifies the vCPU it is bound to: its
 * selector bit goes into THAT vCPU's vcpu_info, and that vCPU takes the
 * upcall.  vCPU 0 and vCPU 1 each bind an IPI port to themselves (both
 * ports share the first pending word) with a library handler.  vCPU 1
 * masks its own events (events_disable() must not touch vCPU 0's mask)
 * and then parks in SCHEDOP_block, which unmasks them again; vCPU 0
 * keeps events enabled and, ROUNDS times, sends itself an event and
 * vCPU 1 one.  Each handler must run exactly once per round and on its
 * own vCPU (told apart by the stack it runs on), no event may be lost,
 * and none may reach the "no handler" count.  Then a loopback channel
 * (notify vCPU 0) gets a handler and is moved to vCPU 1 with
 * evtchn_bind_vcpu(): its events must follow it there.
 *
 * Before the library served the calling vCPU's vcpu_info, vCPU 1 never
 * cleared its own upcall flag (it took upcalls without end) and vCPU 0
 * consumed vCPU 1's port with its own, running vCPU 1's handler there.
 *
 * pvtest-hv: dom0_max_vcpus=2
 * pvtest-timeout: 90
 */
#include <pvtest.h>

const char test_title[] = "evtchn-vcpu-route: each vCPU handles its own ports";

#define ROUNDS 200

static uint8_t stack1[16384] __aligned(16);
static evtchn_port_t port[2];
static volatile unsigned int hits[2], misrouted[2];
static volatile unsigned int moved_hits, moved_misrouted;
static volatile bool vcpu1_parked;
static volatile uint8_t vcpu1_mask_after_disable = 0xff;

static long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

static bool on_stack1(void)
{
    unsigned long sp = (unsigned long)__builtin_frame_address(0);

    return sp >= (unsigned long)stack1 && sp < (unsigned long)stack1 + sizeof(stack1);
}

/* data: the vCPU the port is bound to. */
static void on_event(evtchn_port_t p __unused, struct pv_regs *regs __unused,
                     void *data)
{
    unsigned int owner = (unsigned long)data;

    if ( on_stack1() != (owner == 1) )
        __atomic_fetch_add(&misrouted[owner], 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&hits[owner], 1, __ATOMIC_SEQ_CST);
}

/* The moved port's handler: it must run on vCPU 1. */
static void on_moved(evtchn_port_t p __unused, struct pv_regs *regs __unused,
                     void *data __unused)
{
    if ( !on_stack1() )
        __atomic_fetch_add(&moved_misrouted, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&moved_hits, 1, __ATOMIC_SEQ_CST);
}

static evtchn_port_t bind_ipi(unsigned int vcpu)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_ipi, &b), "bind_ipi") )
        xtest_exit();
    return b.port;
}

static void send(evtchn_port_t p)
{
    struct evtchn_send s = { .port = p };

    evtchn_op(EVTCHNOP_send, &s);
}

static void __noreturn parked(unsigned int id)
{
    events_disable();
    vcpu1_mask_after_disable = shared_info->vcpu_info[id].evtchn_upcall_mask;
    vcpu1_parked = true;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* Spin (events on) until both handlers ran n times, or 2 s passed. */
static bool wait_round(unsigned int n)
{
    uint64_t deadline = pv_system_time(0) + 2 * NS_PER_S;

    while ( hits[0] < n || hits[1] < n )
    {
        if ( pv_system_time(0) >= deadline )
            return false;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

/* A loopback channel, handled on vCPU 0, then moved to vCPU 1. */
static void moved_port(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
    unsigned int i;

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au), "alloc_unbound") )
        return;
    bi.remote_port = au.port;
    events_disable();           /* the bind raises its new port: drop it */
    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_interdomain, &bi),
                         "bind_interdomain") )
        return;
    evtchn_clear(bi.local_port);
    events_enable();
    evtchn_bind(au.port, on_moved, NULL);
    if ( !check_eq(evtchn_bind_vcpu(au.port, 1), 0, "evtchn_bind_vcpu(1)") )
        return;
    for ( i = 0; i < ROUNDS / 4; i++ )
    {
        uint64_t deadline = pv_system_time(0) + 2 * NS_PER_S;

        send(bi.local_port);
        while ( moved_hits < i + 1 && pv_system_time(0) < deadline )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        if ( moved_hits < i + 1 )
            break;
    }
    printf("moved port %u: %u events, %u handled off vCPU 1\n", au.port,
           moved_hits, moved_misrouted);
    check_eq(moved_hits, ROUNDS / 4, "events on the port moved to vCPU 1");
    check_eq(moved_misrouted, 0, "its events handled on another vCPU");
}

void test_main(void)
{
    unsigned int i;

    port[0] = bind_ipi(0);
    port[1] = bind_ipi(1);
    xtest_info("vCPU 0's port %u, vCPU 1's port %u", port[0], port[1]);
    if ( port[0] / 64 != port[1] / 64 )
        xtest_info("the ports are in different words");
    evtchn_bind(port[0], on_event, (void *)0UL);
    evtchn_bind(port[1], on_event, (void *)1UL);
    events_enable();
    if ( !check_rc_setup(pv_vcpu_start(1, parked, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    while ( !vcpu1_parked )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(events_enabled(), "vCPU 1's events_disable() masked vCPU 0");
    check_eq(vcpu1_mask_after_disable, 1,
             "vCPU 1's mask after its events_disable()");
    events_enable();                /* carry on even if it was masked */

    for ( i = 0; i < ROUNDS; i++ )
    {
        send(port[1]);
        send(port[0]);
        if ( !wait_round(i + 1) )
            break;
    }
    printf("%u rounds: vCPU 0's handler ran %u times (%u elsewhere), "
           "vCPU 1's %u times (%u elsewhere), %lu events without handler\n",
           i, hits[0], misrouted[0], hits[1], misrouted[1], events_unbound);
    check_eq(i, ROUNDS, "rounds completed within 2 s each");
    check_eq(hits[0], ROUNDS, "vCPU 0's events");
    check_eq(hits[1], ROUNDS, "vCPU 1's events");
    check_eq(misrouted[0], 0, "vCPU 0's events handled on another vCPU");
    check_eq(misrouted[1], 0, "vCPU 1's events handled on another vCPU");
    check_eq(events_unbound, 0, "events on ports without a handler");
    moved_port();
    check_eq(events_unbound, 0, "events on ports without a handler");
    events_disable();
}

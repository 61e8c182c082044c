/*
 * evtchn-loopback.c - an interdomain channel from dom0 to itself on the
 * 2-level ABI: binding, delivery, masking, closing, IPIs and SCHEDOP_poll.
 *
 * alloc_unbound(self, self) then bind_interdomain(self, that port) gives
 * the two ends a and b of one channel, which is what Linux's dom0 does
 * for its local xenstore.  A send on one end must raise the other end
 * exactly once: its pending bit, its selector bit, evtchn_upcall_pending
 * and one upcall, unless the port is masked (then only the pending bit,
 * and EVTCHNOP_unmask delivers it) or the vCPU has events disabled (then
 * everything but the upcall, which comes when events are enabled).
 * Closing one end sends the other back to unbound.  The upcalls go
 * through the library's 2-level dispatcher (guest-pv/lib/events.c).
 */
#include <pvtest.h>
#include <public/errno.h>

#define MILLISECS(ms) ((uint64_t)(ms) * 1000000ULL)
#define SECONDS(s)    ((uint64_t)(s) * 1000000000ULL)

const char test_title[] = "evtchn-loopback: a channel to self, 2-level ABI";

static volatile unsigned int hits[EVTCHN_2L_NR_CHANNELS];
static volatile uint8_t mask_seen;

static long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

static void count_event(evtchn_port_t port, struct pv_regs *regs, void *data)
{
    (void)regs;
    (void)data;
    hits[port]++;
    mask_seen = vcpu0()->evtchn_upcall_mask;
}

static bool sel_bit(evtchn_port_t port)
{
    return (vcpu0()->evtchn_pending_sel >> (port / 64)) & 1;
}

static long send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return evtchn_op(EVTCHNOP_send, &s);
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return evtchn_op(EVTCHNOP_close, &c);
}

static struct evtchn_status status_of(evtchn_port_t port)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };

    check_rc_setup(evtchn_op(EVTCHNOP_status, &st), "EVTCHNOP_status");
    return st;
}

/* a = alloc_unbound(self, self); b = bind_interdomain(self, a). */
static void make_pair(evtchn_port_t *a, evtchn_port_t *b)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
                                       .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au),
                         "alloc_unbound(self, self)") )
        xtest_exit();
    bi.remote_port = au.port;
    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_interdomain, &bi),
                         "bind_interdomain(self)") )
        xtest_exit();
    *a = au.port;
    *b = bi.local_port;
}

static void test_bind_to_self(evtchn_port_t *pa, evtchn_port_t *pb)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
                                       .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
    struct evtchn_status st;
    evtchn_port_t a, b;

    check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au), "alloc_unbound");
    a = au.port;
    st = status_of(a);
    check_eq(st.status, EVTCHNSTAT_unbound, "status of a after alloc");
    check_eq(st.u.unbound.dom, 0, "a's u.unbound.dom (DOMID_SELF -> 0)");
    check_eq(st.vcpu, 0, "a's vcpu");
    check(!evtchn_pending(a), "a pending after alloc_unbound");

    bi.remote_port = a;
    check_rc_setup(evtchn_op(EVTCHNOP_bind_interdomain, &bi),
                   "bind_interdomain");
    b = bi.local_port;
    xtest_info("a = %u, b = %u", a, b);
    check(a != b && b != 0, "bind_interdomain gave port %u", b);
    st = status_of(a);
    check_eq(st.status, EVTCHNSTAT_interdomain, "status of a");
    check_eq(st.u.interdomain.dom, 0, "a's peer domain");
    check_eq(st.u.interdomain.port, b, "a's peer port");
    st = status_of(b);
    check_eq(st.status, EVTCHNSTAT_interdomain, "status of b");
    check_eq(st.u.interdomain.port, a, "b's peer port");
    check_eq(st.vcpu, 0, "b's vcpu");
    /*
     * Xen marks the new local end pending, in case the remote end sent
     * while it was still unbound (those sends were dropped).
     */
    check(evtchn_pending(b), "b is not pending after bind_interdomain");
    check(!evtchn_pending(a), "a is pending after bind_interdomain");
    evtchn_clear(b);
    *pa = a;
    *pb = b;
}

static void test_delivery(evtchn_port_t a, evtchn_port_t b)
{
    unsigned long up = events_upcalls;

    check_eq(send(b), 0, "send(b)");
    check_eq(hits[a], 1, "events on a after send(b)");
    check_eq(hits[b], 0, "events on b after send(b)");
    check_eq(events_upcalls, up + 1, "upcalls after send(b)");
    check_eq(mask_seen, 1, "upcall mask inside the handler");
    check(!vcpu0()->evtchn_upcall_mask, "events left disabled after upcall");

    check_eq(send(a), 0, "send(a)");
    check_eq(hits[b], 1, "events on b after send(a)");
    check_eq(hits[a], 1, "events on a after send(a)");
    check_eq(events_upcalls, up + 2, "upcalls after send(a)");
}

/* A masked port collects sends silently; unmask delivers them once. */
static void test_port_mask(evtchn_port_t a, evtchn_port_t b)
{
    unsigned long up = events_upcalls;
    unsigned int before = hits[a];

    evtchn_mask(a);
    check_eq(send(b), 0, "send(b) to masked a");
    check_eq(send(b), 0, "send(b) again");
    check(evtchn_pending(a), "masked a not pending");
    check(!sel_bit(a), "selector bit set for a masked port");
    check(!vcpu0()->evtchn_upcall_pending, "upcall_pending for a masked port");
    check_eq(events_upcalls, up, "upcalls while a is masked");
    check_eq(hits[a], before, "events on masked a");

    check_eq(evtchn_unmask(a), 0, "EVTCHNOP_unmask(a)");
    check_eq(hits[a], before + 1, "events on a after unmask");
    check_eq(events_upcalls, up + 1, "upcalls after unmask");

    /* Unmasking a port that is not pending raises nothing. */
    evtchn_mask(a);
    check_eq(evtchn_unmask(a), 0, "EVTCHNOP_unmask(a), nothing pending");
    check_eq(events_upcalls, up + 1, "upcalls after an idle unmask");
    /* Nor does unmasking a port that was never masked. */
    check_eq(evtchn_unmask(a), 0, "EVTCHNOP_unmask(a) unmasked already");
    check_eq(events_upcalls, up + 1, "upcalls after a repeated unmask");
}

/* With the vCPU's events off, everything but the upcall happens. */
static void test_upcall_mask(evtchn_port_t a, evtchn_port_t b)
{
    unsigned long up = events_upcalls;
    unsigned int before = hits[a];

    events_disable();
    check_eq(send(b), 0, "send(b) with events disabled");
    check(evtchn_pending(a), "a not pending");
    check(sel_bit(a), "a's selector bit not set");
    check_eq(vcpu0()->evtchn_upcall_pending, 1, "evtchn_upcall_pending");
    check_eq(events_upcalls, up, "upcalls with events disabled");
    check_eq(send(b), 0, "send(b) twice");
    events_enable();
    check_eq(hits[a], before + 1, "events on a once enabled");
    check_eq(events_upcalls, up + 1, "upcalls once enabled");
    check(!vcpu0()->evtchn_upcall_pending, "upcall_pending left set");
}

static void test_close(evtchn_port_t a, evtchn_port_t b)
{
    struct evtchn_status st;
    unsigned long up;
    evtchn_port_t c, d;

    check_eq(close_port(a), 0, "close(a)");
    st = status_of(a);
    check_eq(st.status, EVTCHNSTAT_closed, "a after close");
    st = status_of(b);
    check_eq(st.status, EVTCHNSTAT_unbound, "b after close(a)");
    check_eq(st.u.unbound.dom, 0, "b's u.unbound.dom after close(a)");
    up = events_upcalls;
    check_eq(send(b), 0, "send(b) with a closed");
    check_eq(events_upcalls, up, "upcalls after send on unbound b");

    /* b is an ordinary unbound port again: bind to it anew. */
    {
        struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF,
                                              .remote_port = b };

        check_eq(evtchn_op(EVTCHNOP_bind_interdomain, &bi), 0,
                 "bind_interdomain to b again");
        st = status_of(b);
        check_eq(st.u.interdomain.port, bi.local_port, "b's new peer");
        check_eq(close_port(b), 0, "close(b)");
        st = status_of(bi.local_port);
        check_eq(st.status, EVTCHNSTAT_unbound, "b's new peer after close(b)");
        check_eq(close_port(bi.local_port), 0, "close the new peer");
    }
    evtchn_bind(a, NULL, NULL);
    evtchn_bind(b, NULL, NULL);

    /* Closing clears a pending bit. */
    make_pair(&c, &d);
    check(evtchn_pending(d), "fresh local end not pending");
    evtchn_mask(c);
    check_eq(send(d), 0, "send(d) to masked c");
    check(evtchn_pending(c), "c not pending");
    check_eq(close_port(c), 0, "close(c)");
    check_eq(close_port(d), 0, "close(d)");
    check(!evtchn_pending(c), "pending bit of closed c");
    check(!evtchn_pending(d), "pending bit of closed d");
    /* The mask bit is the guest's: closing leaves it alone. */
    check((shared_info->evtchn_mask[c / 64] >> (c % 64)) & 1,
          "closing c cleared its mask bit");
    evtchn_unmask(c);
}

static void test_ipi_virq(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    struct evtchn_bind_virq bv = { .virq = VIRQ_CONSOLE, .vcpu = 0 };
    struct evtchn_status st;
    unsigned long up = events_upcalls;

    check_rc_setup(evtchn_op(EVTCHNOP_bind_ipi, &bi), "bind_ipi");
    st = status_of(bi.port);
    check_eq(st.status, EVTCHNSTAT_ipi, "IPI port status");
    check_eq(st.vcpu, 0, "IPI port vcpu");
    check(!evtchn_pending(bi.port), "IPI port pending after bind");
    hits[bi.port] = 0;
    evtchn_bind(bi.port, count_event, NULL);
    check_eq(send(bi.port), 0, "send(IPI port)");
    check_eq(hits[bi.port], 1, "events on the IPI port");
    check_eq(events_upcalls, up + 1, "upcalls after the IPI");
    evtchn_bind(bi.port, NULL, NULL);
    check_eq(close_port(bi.port), 0, "close IPI port");

    check_rc_setup(evtchn_op(EVTCHNOP_bind_virq, &bv), "bind_virq");
    st = status_of(bv.port);
    check_eq(st.status, EVTCHNSTAT_virq, "VIRQ port status");
    check_eq(st.vcpu, 0, "VIRQ port vcpu");
    check_eq(st.u.virq, VIRQ_CONSOLE, "VIRQ port u.virq");
    check_eq(close_port(bv.port), 0, "close VIRQ port");
}

static long poll_ports(evtchn_port_t *ports, unsigned int nr, uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = nr, .timeout = timeout };

    set_xen_guest_handle(p.ports, ports);
    return HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

/*
 * SCHEDOP_poll with events masked, as Linux's PV spinlocks use it: a
 * pending port ends it at once, a timeout ends it, and so does an event
 * arriving on a polled port while the vCPU sleeps (VIRQ_TIMER here).
 */
static void test_poll(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    evtchn_port_t a, b, ports[2];
    uint64_t now;

    events_disable();
    make_pair(&a, &b);
    evtchn_mask(a);
    evtchn_mask(b);
    evtchn_clear(b);
    check_eq(send(b), 0, "send(b)");
    ports[0] = b;
    ports[1] = a;
    check_eq(poll_ports(ports, 2, 0), 0, "poll with a pending");
    check_eq(poll_ports(&ports[1], 1, 0), 0, "poll a alone");
    evtchn_clear(a);
    /* Nothing pending: the (absolute) timeout ends the wait. */
    now = vcpu0()->time.system_time;
    check_eq(poll_ports(ports, 2, now + MILLISECS(5)), 0,
             "poll until a timeout 5 ms on");
    check_eq(poll_ports(ports, 2, 1), 0, "poll with a timeout in the past");
    check(!evtchn_pending(a) && !evtchn_pending(b), "ports pending after poll");

    /* The timer VIRQ fires 2 ms on and ends a poll that would last 5 s. */
    check_rc_setup(evtchn_op(EVTCHNOP_bind_virq, &bv), "bind_virq(TIMER)");
    evtchn_mask(bv.port);
    now = vcpu0()->time.system_time;
    check_rc_setup(HYPERVISOR_set_timer_op(now + MILLISECS(2)), "set_timer_op");
    ports[0] = bv.port;
    check_eq(poll_ports(ports, 1, now + SECONDS(5)), 0, "poll VIRQ_TIMER");
    check(evtchn_pending(bv.port), "VIRQ_TIMER not pending after poll");
    check(vcpu0()->time.system_time < now + SECONDS(4),
          "poll slept until its timeout, not until the event");
    evtchn_clear(bv.port);
    check_eq(close_port(bv.port), 0, "close VIRQ_TIMER");
    check_eq(close_port(a), 0, "close a");
    check_eq(close_port(b), 0, "close b");
    events_enable();
}

/* EVTCHNOP_reset(self) closes every port, bound or not. */
static void test_reset(void)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    evtchn_port_t a, b;

    make_pair(&a, &b);
    check_rc_setup(evtchn_op(EVTCHNOP_bind_ipi, &bi), "bind_ipi");
    check_eq(evtchn_op(EVTCHNOP_reset, &r), 0, "reset(self)");
    check_eq(status_of(a).status, EVTCHNSTAT_closed, "a after reset");
    check_eq(status_of(b).status, EVTCHNSTAT_closed, "b after reset");
    check_eq(status_of(bi.port).status, EVTCHNSTAT_closed, "IPI after reset");
    check(!evtchn_pending(b), "b still pending after reset");
    /* The lowest free port is handed out first again. */
    make_pair(&a, &b);
    check_eq(a, 1, "first port after reset");
    check_eq(close_port(a), 0, "close a");
    check_eq(close_port(b), 0, "close b");
}

void test_main(void)
{
    evtchn_port_t a, b;

    events_disable();
    test_bind_to_self(&a, &b);
    evtchn_bind(a, count_event, NULL);
    evtchn_bind(b, count_event, NULL);
    events_enable();
    test_delivery(a, b);
    test_port_mask(a, b);
    test_upcall_mask(a, b);
    test_close(a, b);
    test_ipi_virq();
    test_poll();
    test_reset();
    check_eq(events_unbound, 0, "events on ports without a handler");
}

/*
 * peer.h - dom0's side of tests with a boot-time domU: knowing when the
 * domU has finished.  A domain's shutdown raises VIRQ_DOM_EXC in dom0;
 * getdomaininfo then tells how it ended.
 */
#ifndef PEER_H
#define PEER_H

#include <pvtest.h>

static inline evtchn_port_t bind_dom_exc(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_DOM_EXC, .vcpu = 0 };

    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv),
                         "bind_virq(VIRQ_DOM_EXC)") )
        xtest_exit();
    return bv.port;
}

static inline unsigned int dom_flags(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo") ||
         !check_eq(dc.domain, d, "getdomaininfo's domain") )
        xtest_exit();
    return dc.u.getdomaininfo.flags;
}

/*
 * Wait up to timeout_ns for domain d to shut down, sleeping on
 * VIRQ_DOM_EXC, and check its reason.  virq: the shutdown must have
 * raised the VIRQ (the caller bound it before d could have finished).
 */
static inline void expect_shutdown(domid_t d, evtchn_port_t dom_exc,
                                   uint64_t timeout_ns, unsigned int reason,
                                   bool virq)
{
    uint64_t deadline = pv_system_time(0) + timeout_ns;
    unsigned int flags;

    while ( !((flags = dom_flags(d)) & XEN_DOMINF_shutdown) &&
            pv_system_time(0) < deadline )
    {
        uint64_t t = pv_system_time(0) + 100 * NS_PER_MS;
        struct sched_poll p = { .nr_ports = 1, .timeout = t };

        set_xen_guest_handle(p.ports, &dom_exc);
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    }
    if ( virq )
        check(evtchn_pending(dom_exc), "a shutdown without VIRQ_DOM_EXC");
    check(flags & XEN_DOMINF_shutdown, "domain %u is not shut down (flags %#x)",
          d, flags);
    check_eq((flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask,
             reason, "the domain's shutdown reason");
}

/* The two ends of an interdomain channel talking: a kick (the send's
 * result), and waiting (polling, up to ns) for one, which is consumed. */
static inline long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

static inline long send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return evtchn_op(EVTCHNOP_send, &s);
}

static inline bool wait_event(evtchn_port_t port, uint64_t ns)
{
    uint64_t deadline = pv_system_time(0) + ns;
    struct sched_poll p = { .nr_ports = 1, .timeout = deadline };

    set_xen_guest_handle(p.ports, &port);
    while ( !evtchn_pending(port) && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    if ( !evtchn_pending(port) )
        return false;
    evtchn_clear(port);
    return true;
}

#endif /* PEER_H */

/*
 * peer.h - dom0's side of tests with a boot-time domU: knowing when the
 * domU has finished.  A domain's shutdown raises VIRQ_DOM_EXC in dom0;
 * getdomaininfo then tells how it ended.
 */
#ifndef PEER_H
#define PEER_H

#include <pvtest.h>
#include <public/grant_table.h>

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

/* Sleep until port is pending or ns have passed. */
static inline void poll_port(evtchn_port_t port, uint64_t ns)
{
    struct sched_poll p = { .nr_ports = 1,
                            .timeout = pv_system_time(0) + ns };

    set_xen_guest_handle(p.ports, &port);
    HYPERVISOR_sched_op(SCHEDOP_poll, &p);
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
        poll_port(dom_exc, 100 * NS_PER_MS);
    /* The flag is published just before the VIRQ is sent (on Xen too): a
     * flag seen from another CPU may be a moment ahead of the event. */
    if ( virq )
    {
        deadline = pv_system_time(0) + NS_PER_S;
        while ( !evtchn_pending(dom_exc) && pv_system_time(0) < deadline )
            poll_port(dom_exc, 100 * NS_PER_MS);
        check(evtchn_pending(dom_exc), "a shutdown without VIRQ_DOM_EXC");
    }
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

/*
 * A domU's side of the handshake: bind to dom0's port 1 (dom0 allocates
 * it unbound for us; it may not have yet, so keep trying for 10 s) and
 * drop the event the bind itself raises.  false, with an error recorded,
 * if dom0 never offered it.
 */
static inline bool bind_to_dom0(evtchn_port_t *local)
{
    struct evtchn_bind_interdomain bi = { .remote_dom = 0, .remote_port = 1 };
    uint64_t deadline = pv_system_time(0) + 10 * NS_PER_S;

    while ( evtchn_op(EVTCHNOP_bind_interdomain, &bi) )
    {
        if ( pv_system_time(0) >= deadline )
        {
            xtest_error("cannot bind to dom0's port 1");
            return false;
        }
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    evtchn_clear(bi.local_port);
    *local = bi.local_port;
    return true;
}

/* dom0's side: map grant ref of domain dom at pfn's address (whatever
 * was there is unmapped first), and unmap it again; the grant status. */
static inline int16_t peer_map(domid_t dom, grant_ref_t ref, unsigned long pfn,
                               uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(pfn),
                                      .flags = flags, .ref = ref, .dom = dom };

    HYPERVISOR_update_va_mapping(pfn_to_va(pfn), 0, UVMF_INVLPG);
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1),
                   "map_grant_ref");
    *h = m.handle;
    return m.status;
}

static inline int16_t peer_unmap(unsigned long pfn, grant_handle_t h)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = pfn_to_va(pfn),
                                        .handle = h };

    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1),
                   "unmap_grant_ref");
    return u.status;
}

#endif /* PEER_H */

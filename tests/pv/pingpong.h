/*
 * pingpong.h - 10,000 round trips over an interdomain event channel
 * between dom0 and a boot-time domU (ours only: Xen 4.17 cannot start a
 * domU at boot on x86).  The including test picks the event ABI: it
 * defines pingpong_abi_init(), port_pending() and port_clear() and the
 * test title, and carries the pvtest-domU line.
 *
 * The same kernel runs on both sides.  dom0 offers a channel to domain 1
 * (alloc_unbound), the domU binds to it (bind_interdomain, retrying until
 * dom0's port exists; dom0's first port is 1).  Then the domU sends, dom0
 * answers, 10,000 times.  Each side waits with SCHEDOP_poll and checks
 * that exactly one event arrived per round: a round whose event does not
 * come within a second is a lost event; a pending bit that is set again
 * before we answered is a spurious one.  At the end the domU prints its
 * own result and powers off, which dom0 sees as VIRQ_DOM_EXC and in
 * getdomaininfo (shut down, reason poweroff).  Events stay disabled on
 * both vCPUs: no upcalls, only polling.
 */
#ifndef PINGPONG_H
#define PINGPONG_H

#include "peer.h"
#include <public/errno.h>

static void pingpong_abi_init(void);
static bool port_pending(evtchn_port_t port);
static void port_clear(evtchn_port_t port);

#define ROUNDS 10000
#define PEER   1


/* Wait up to 1 s for port; true if it came.  Clears it. */
static bool wait_and_clear(evtchn_port_t port)
{
    uint64_t deadline = pv_system_time(0) + NS_PER_S;
    struct sched_poll p = { .nr_ports = 1, .timeout = deadline };

    set_xen_guest_handle(p.ports, &port);
    while ( !port_pending(port) )
    {
        if ( pv_system_time(0) >= deadline )
            return false;
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    }
    port_clear(port);
    vcpu0()->evtchn_upcall_pending = 0;
    return true;
}

/* ROUNDS of "send, wait" (initiator) or "wait, answer"; rounds done. */
static unsigned int ping_pong(evtchn_port_t port, bool initiator)
{
    unsigned int i;

    for ( i = 0; i < ROUNDS; i++ )
    {
        if ( initiator && !check_rc_setup(send(port), "EVTCHNOP_send") )
            break;
        if ( !wait_and_clear(port) )
        {
            xtest_fail("round %u: no event within 1 s (lost)", i);
            break;
        }
        /* The other side sends only after hearing from us again. */
        if ( !initiator && port_pending(port) )
        {
            xtest_fail("round %u: a second event before we answered", i);
            break;
        }
        if ( !initiator && !check_rc_setup(send(port), "EVTCHNOP_send") )
            break;
    }
    return i;
}

static void peer_main(void)
{
    struct evtchn_bind_interdomain bi = { .remote_dom = 0, .remote_port = 1 };
    uint64_t deadline = pv_system_time(0) + 10 * NS_PER_S;
    unsigned int done;
    long rc;

    while ( (rc = evtchn_op(EVTCHNOP_bind_interdomain, &bi)) != 0 )
    {
        if ( pv_system_time(0) >= deadline )
        {
            xtest_error("bind_interdomain(0, 1) still %ld after 10 s", rc);
            return;
        }
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    /* Binding raises the new port once, as in Xen, in case the other end
     * sent while it was unbound: nothing was sent, so drop it. */
    check(port_pending(bi.local_port), "bind_interdomain raised no event");
    port_clear(bi.local_port);
    done = ping_pong(bi.local_port, true);
    /* The last answer must not be followed by anything. */
    check(!port_pending(bi.local_port), "an event after the last round");
    printf("peer: %u round trips on local port %u\n", done, bi.local_port);
}

void test_main(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = PEER };
    evtchn_port_t dom_exc;
    unsigned int done;

    pingpong_abi_init();
    if ( !pv_is_initdomain() )
    {
        peer_main();
        return;
    }
    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au),
                         "alloc_unbound(self, 1)") )
        return;
    if ( au.port != 1 )
    {
        xtest_error("dom0's first port is %u, the peer expects 1", au.port);
        return;
    }
    dom_exc = bind_dom_exc();
    done = ping_pong(au.port, false);
    printf("dom0: %u round trips\n", done);
    check_eq(done, ROUNDS, "round trips completed");
    expect_shutdown(PEER, dom_exc, 5 * NS_PER_S, SHUTDOWN_poweroff, false);
    /* dom0 bound it before the peer could finish: it must come (the
     * shutdown flag may be seen a moment before the VIRQ is sent). */
    {
        uint64_t deadline = pv_system_time(0) + NS_PER_S;

        while ( !port_pending(dom_exc) && pv_system_time(0) < deadline )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    check(port_pending(dom_exc), "a shutdown without VIRQ_DOM_EXC");
}

#endif /* PINGPONG_H */

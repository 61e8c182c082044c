/*
 * events.c - shared_info and event channels from a PVH guest.
 *
 * XENMEM_add_to_physmap puts the shared-info page over one of the guest's
 * own pages (as Linux does with a reserved page); the guest then sees the
 * wallclock and its vCPU's time record there.  An event channel bound to
 * itself (alloc_unbound + bind_interdomain) and signalled with
 * EVTCHNOP_send sets the port's pending bit in that page; the port's
 * status and closing both ends work as for PV.  No upcall is asked for
 * (no callback vector): delivery is checked through the bits only.
 * Garbage: a bad space, a bad index, another domain's physmap.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>

const char test_title[] = "events: shared_info via add_to_physmap, event channels";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static long add_to_physmap(domid_t dom, unsigned int space, unsigned long idx,
                           unsigned long gpfn)
{
    struct xen_add_to_physmap a = { .domid = dom, .space = space, .idx = idx,
                                    .gpfn = gpfn };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a);
}

static unsigned long si_gpfn(void)
{
    return ((unsigned long)si_page - PV_VIRT_BASE) >> PAGE_SHIFT;
}

static void garbage(void)
{
    long rc;

    rc = add_to_physmap(DOMID_SELF, 0x7777, 0, si_gpfn());
    xtest_info("space 0x7777: %ld", rc);
    check_eq(rc, -XEN_EINVAL, "add_to_physmap of an unknown space");
    rc = add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 5, si_gpfn());
    xtest_info("shared_info idx 5: %ld", rc);
    check_eq(rc, -XEN_EINVAL, "shared_info index 5");
    rc = add_to_physmap(0x1234, XENMAPSPACE_shared_info, 0, si_gpfn());
    xtest_info("domain 0x1234: %ld", rc);
    check_eq(rc, -XEN_ESRCH, "a domain that does not exist");
    rc = add_to_physmap(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 0, si_gpfn());
    xtest_info("gmfn_foreign: %ld", rc);
    check_eq(rc, -XEN_ENOSYS, "the foreign space");
}

static volatile shared_info_t *map_shared_info(void)
{
    long rc = add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 0, si_gpfn());

    if ( rc )
    {
        xtest_error("add_to_physmap(shared_info): %ld", rc);
        xtest_exit();
    }
    return (volatile shared_info_t *)si_page;
}

static void check_time(volatile shared_info_t *si)
{
    volatile struct vcpu_time_info *t = &si->vcpu_info[0].time;

    xtest_info("wc_version %u wc_sec %u; time version %u system_time %lu",
               si->wc_version, si->wc_sec, t->version,
               (unsigned long)t->system_time);
    check(si->wc_sec > 1000000000u, "wallclock %u not set", si->wc_sec);
    check(!(si->wc_version & 1), "wc_version odd");
    check(t->tsc_to_system_mul != 0, "vcpu 0 has no time record");
}

static void loopback(volatile shared_info_t *si)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
    struct evtchn_send send;
    struct evtchn_status st;
    struct evtchn_close cl;
    unsigned int word, bit;

    if ( check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                        "alloc_unbound") )
        return;
    bi.remote_port = au.port;
    if ( check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi),
                        "bind_interdomain") )
        return;
    xtest_info("ports %u <-> %u", au.port, bi.local_port);
    word = au.port / (8 * sizeof(xen_ulong_t));
    bit = au.port % (8 * sizeof(xen_ulong_t));
    check(!(si->evtchn_pending[word] & (1UL << bit)), "pending before send");
    send.port = bi.local_port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0, "send");
    check(si->evtchn_pending[word] & (1UL << bit), "port %u not pending",
          au.port);
    st = (struct evtchn_status){ .dom = DOMID_SELF, .port = au.port };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), 0, "status");
    check_eq(st.status, EVTCHNSTAT_interdomain, "status of the bound port");
    cl.port = bi.local_port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_close, &cl), 0, "close");
    cl.port = au.port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_close, &cl), 0, "close");
    send.port = au.port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), -XEN_EINVAL,
             "send on a closed port");
}

void test_main(void)
{
    volatile shared_info_t *si;

    garbage();
    si = map_shared_info();
    check_time(si);
    loopback(si);
}

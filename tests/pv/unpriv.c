/*
 * unpriv.c - an unprivileged domain gets -EPERM from every privileged
 * operation (ours only: the domain is a boot-time domU).
 *
 * The same kernel runs as dom0 and as domain 1.  Domain 1 tries what only
 * dom0 may do, each aimed at dom0 where a target is needed, and expects
 * Xen's answer: domctl and sysctl, reading the console, shutting dom0
 * down, PTE updates and memory reservations on dom0's behalf, the
 * machine's memory map, event channels in dom0, and writable mappings of
 * a frame that is not its own.  Nothing may have changed for dom0
 * afterwards.  Domain 1 prints its own result and powers off; dom0 waits
 * for that (VIRQ_DOM_EXC), checks it is still fine itself, and ends.
 *
 * pvtest-domU: name=intruder,mem=16M self
 */
#include "peer.h"
#include <public/errno.h>

const char test_title[] = "unpriv: a domU gets -EPERM from privileged operations";

static uint8_t probe_page[4096] __aligned(4096);

static void try_toolstack(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "domctl getdomaininfo(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "domctl destroydomain(0)");
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl physinfo");
}

static void try_console_and_shutdown(void)
{
    char buf[8];
    struct sched_remote_shutdown rs = { .domain_id = 0,
                                        .reason = SHUTDOWN_poweroff };

    check_eq(HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf),
             -XEN_EPERM, "console_io read");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM,
             "remote_shutdown of dom0");
}

static void try_memory(void)
{
    xen_pfn_t frame = 0;
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 0 };
    struct xen_memory_map map = { .nr_entries = 0 };
    struct mmu_update u = { .ptr = 0, .val = 0 };
    uint64_t pte;

    set_xen_guest_handle(r.extent_start, &frame);
    check_eq(HYPERVISOR_memory_op(XENMEM_increase_reservation, &r), -XEN_EPERM,
             "increase_reservation for dom0");
    check_eq(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &map), -XEN_EPERM,
             "machine_memory_map");
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 0), -XEN_EPERM,
             "mmu_update with dom0 as the foreign domain");
    check_eq(hypercall4(__HYPERVISOR_update_va_mapping_otherdomain,
                        (unsigned long)probe_page, 0, UVMF_INVLPG, 0),
             -XEN_EPERM, "update_va_mapping_otherdomain(dom0)");
    /* Frame 0x100 is the hypervisor's here: not ours to map at all (a
     * writable mapping of it would be -EBUSY instead). */
    pte = (0x100ULL << 12) | _PAGE_PRESENT | _PAGE_USER;
    check_eq(HYPERVISOR_update_va_mapping((unsigned long)probe_page, pte,
                                          UVMF_INVLPG),
             -XEN_EINVAL, "mapping a frame that is not ours");
}

static void try_events(void)
{
    struct evtchn_alloc_unbound au = { .dom = 0, .remote_dom = DOMID_SELF };
    struct evtchn_status st = { .dom = 0, .port = 1 };

    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
             -XEN_EPERM, "alloc_unbound in dom0");
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), -XEN_EPERM,
             "evtchn status of a dom0 port");
}

void test_main(void)
{
    evtchn_port_t dom_exc;

    if ( !pv_is_initdomain() )
    {
        try_toolstack();
        try_console_and_shutdown();
        try_memory();
        try_events();
        return;
    }
    /* The domU may be done before we bind: then no VIRQ for us. */
    dom_exc = bind_dom_exc();
    expect_shutdown(1, dom_exc, 10 * NS_PER_S, SHUTDOWN_poweroff, false);
}

/*
 * pvh-domu-destroy.c - a PV dom0 outlives and tears down a PVH domU.
 *
 * The domU (tests/hvm/hello, domU=...,type=pvh) runs beside this PV dom0,
 * prints its result and powers off.  dom0 waits for the shutdown
 * (VIRQ_DOM_EXC), then destroys it: the HVM teardown (its vCPU's VMCB,
 * the p2m and its tables, the shared-info page, its 16 MiB) must give
 * the memory back, at least the domU's 4096 pages, and leave the
 * hypervisor working; the domain is gone from getdomaininfo and a second
 * destroy is -ESRCH.  Before that, the PV-only domctls on it are refused
 * (-EOPNOTSUPP): setvcpucontext (which would take the HVM guest's pages
 * as PV page tables) and hypercall_init (HVM guests use the MSR).  Ours
 * only (boot-time domUs); needs SVM with nested paging in QEMU.
 *
 * pvtest-cpu: qemu64,+smep,+smap,+svm,+npt
 * pvtest-domU: name=pvh,mem=16M,type=pvh tests/hvm/build/hello.elf
 */
#include <pvtest.h>
#include <public/errno.h>
#include "peer.h"

const char test_title[] = "pvh-domu-destroy: a PVH domU torn down by PV dom0";

#define DOMU 1
#define DOMU_PAGES 4096

static uint64_t free_pages(void)
{
    uint64_t deadline = pv_system_time(0) + 5 * NS_PER_S, last = ~0ULL;

    for ( ; ; )
    {
        struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
        uint64_t t = pv_system_time(0) + 50 * NS_PER_MS;

        if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
            xtest_exit();
        if ( (sc.u.physinfo.free_pages == last && !sc.u.physinfo.scrub_pages) ||
             pv_system_time(0) >= deadline )
            return sc.u.physinfo.free_pages;
        last = sc.u.physinfo.free_pages;
        pv_sleep_until(t);
    }
}

static long destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };

    return HYPERVISOR_domctl(&dc);
}

static bool listed(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

    return HYPERVISOR_domctl(&dc) == 0 && dc.domain == d;
}

static void pv_only_domctls(void)
{
    static struct vcpu_guest_context ctxt;
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_setvcpucontext, .domain = DOMU };

    dc.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, &ctxt);
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EOPNOTSUPP,
             "setvcpucontext on a PVH vCPU");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_hypercall_init, .domain = DOMU };
    dc.u.hypercall_init.gmfn = 0x100;
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EOPNOTSUPP,
             "hypercall_init on a PVH domain");
}

void test_main(void)
{
    evtchn_port_t exc = bind_dom_exc();
    uint64_t before, after, deadline;

    expect_shutdown(DOMU, exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);
    pv_only_domctls();
    before = free_pages();
    check_eq(destroy(DOMU), 0, "destroydomain of the PVH domU");
    deadline = pv_system_time(0) + NS_PER_S;
    while ( listed(DOMU) && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(!listed(DOMU), "domain %u still listed after destroy", DOMU);
    after = free_pages();
    xtest_info("free pages %lu -> %lu (+%lu)", (unsigned long)before,
               (unsigned long)after, (unsigned long)(after - before));
    check(after >= before + DOMU_PAGES, "only %ld pages came back",
          (long)(after - before));
    check_eq(destroy(DOMU), -XEN_ESRCH, "destroying it again");
    check_eq(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096,
             "the hypervisor still answers");
}

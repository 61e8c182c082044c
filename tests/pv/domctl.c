/*
 * domctl.c - the toolstack hypercalls as dom0 sees them on a machine with
 * only dom0: the checks every call starts with (bad pointer -EFAULT,
 * wrong interface version -EACCES), getdomaininfo of dom0 against what
 * start_info says, the "next domain at or above" lookup, pausing oneself
 * (-EINVAL), getvcpuinfo bounds, sysctl physinfo, sched_id and
 * getdomaininfolist.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "domctl: domctl and sysctl basics from dom0";

static long domctl(struct xen_domctl *op)
{
    return HYPERVISOR_domctl(op);
}

static void check_entry(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_eq(hypercall1(__HYPERVISOR_domctl, NULL), -XEN_EFAULT,
             "domctl(NULL)");
    check_eq(hypercall1(__HYPERVISOR_sysctl, NULL), -XEN_EFAULT,
             "sysctl(NULL)");
    dc.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    check_eq(hypercall1(__HYPERVISOR_domctl, &dc), -XEN_EACCES,
             "domctl with an old interface version");
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
    check_eq(hypercall1(__HYPERVISOR_sysctl, &sc), -XEN_EACCES,
             "sysctl with a newer interface version");
}

static void check_dom0_info(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };
    struct xen_domctl_getdomaininfo *i = &dc.u.getdomaininfo;

    if ( !check_rc_setup(domctl(&dc), "getdomaininfo(0)") )
        return;
    check_eq(i->domain, 0, "getdomaininfo(0).domain");
    check_eq(dc.domain, 0, "domctl.domain echoed");
    check_eq(i->tot_pages, start_info->nr_pages, "dom0 tot_pages");
    check(i->max_pages >= i->tot_pages, "max_pages %lu < tot_pages %lu",
          (unsigned long)i->max_pages, (unsigned long)i->tot_pages);
    check_eq(i->shared_info_frame, start_info->shared_info >> 12,
             "shared_info_frame");
    /* dom0 gets a vCPU per physical CPU by default, only vCPU 0 up. */
    check_eq(i->max_vcpu_id, 1, "max_vcpu_id (-smp 2)");
    check_eq(i->nr_online_vcpus, 1, "nr_online_vcpus");
    check(i->flags & XEN_DOMINF_running, "dom0 not marked running (%#x)",
          i->flags);
    check(!(i->flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown |
                        XEN_DOMINF_paused | XEN_DOMINF_hvm_guest)),
          "unexpected flags %#x", i->flags);
    check(i->cpu_time > 0, "cpu_time is 0");

    /* No domain at or above 5: -ESRCH. */
    dc.domain = 5;
    check_eq(domctl(&dc), -XEN_ESRCH, "getdomaininfo(5) with only dom0");
}

static void check_dom0_ops(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_pausedomain, .domain = 0 };

    check_eq(domctl(&dc), -XEN_EINVAL, "pausedomain(self)");
    dc.cmd = XEN_DOMCTL_getvcpuinfo;
    dc.u.getvcpuinfo.vcpu = 0;
    if ( check_rc_setup(domctl(&dc), "getvcpuinfo(0, 0)") )
    {
        check_eq(dc.u.getvcpuinfo.online, 1, "vCPU 0 online");
        check_eq(dc.u.getvcpuinfo.running, 1, "vCPU 0 running");
        check(dc.u.getvcpuinfo.cpu_time > 0, "vCPU 0 cpu_time is 0");
    }
    dc.u.getvcpuinfo.vcpu = 1;
    if ( check_rc_setup(domctl(&dc), "getvcpuinfo(0, 1)") )
        check_eq(dc.u.getvcpuinfo.online, 0, "vCPU 1 online before VCPUOP_up");
    dc.u.getvcpuinfo.vcpu = 2;
    check_eq(domctl(&dc), -XEN_EINVAL, "getvcpuinfo of vCPU 2 of 2");
    dc.cmd = XEN_DOMCTL_getdomaininfo;
    dc.domain = 77;
    check_eq(domctl(&dc), -XEN_ESRCH, "getdomaininfo(77)");
    dc.cmd = XEN_DOMCTL_pausedomain;
    check_eq(domctl(&dc), -XEN_ESRCH, "pausedomain(77)");
}

static void check_sysctl(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_domctl_getdomaininfo list[4];

    if ( check_rc_setup(HYPERVISOR_sysctl(&sc), "sysctl physinfo") )
    {
        struct xen_sysctl_physinfo *p = &sc.u.physinfo;

        check_eq(p->nr_cpus, 2, "physinfo.nr_cpus (-smp 2)");
        check(p->free_pages > 0 && p->free_pages < p->total_pages,
              "free %lu / total %lu pages", (unsigned long)p->free_pages,
              (unsigned long)p->total_pages);
        check(p->total_pages > start_info->nr_pages,
              "total_pages %lu not above dom0's", (unsigned long)p->total_pages);
        check(p->capabilities & XEN_SYSCTL_PHYSCAP_pv, "no PV capability");
        check(p->cpu_khz > 0, "cpu_khz is 0");
    }
    sc.cmd = XEN_SYSCTL_sched_id;
    if ( check_rc_setup(HYPERVISOR_sysctl(&sc), "sysctl sched_id") )
        check(sc.u.sched_id.sched_id == XEN_SCHEDULER_CREDIT ||
              sc.u.sched_id.sched_id == XEN_SCHEDULER_CREDIT2,
              "sched_id %u", sc.u.sched_id.sched_id);
    sc.cmd = XEN_SYSCTL_getdomaininfolist;
    sc.u.getdomaininfolist.first_domain = 0;
    sc.u.getdomaininfolist.max_domains = 4;
    set_xen_guest_handle(sc.u.getdomaininfolist.buffer, list);
    if ( check_rc_setup(HYPERVISOR_sysctl(&sc), "getdomaininfolist") )
    {
        check_eq(sc.u.getdomaininfolist.num_domains, 1, "domains listed");
        check_eq(list[0].domain, 0, "first listed domain");
    }
}

void test_main(void)
{
    check_entry();
    check_dom0_info();
    check_dom0_ops();
    check_sysctl();
}

/*
 * sched-balance.c - proportional share across two physical CPUs, which
 * needs load balancing (ours only: the domains are boot-time domUs).
 *
 * Two domUs with two spinning vCPUs each, weights 256 and 512.  Of the
 * 2 CPUs' time the light one must get a third and the heavy one two
 * thirds (within 10%): the heavy domain's vCPUs only get that by running
 * on both CPUs most of the time, so vCPUs must move between CPUs as the
 * credit runs out.  At the end dom0 destroys both while they spin on
 * both CPUs: they must be gone and their memory back in the free pool.
 *
 * pvtest-smp: 2
 * pvtest-domU: name=light,mem=8M,vcpus=2,weight=256 self
 * pvtest-domU-result: none
 * pvtest-domU: name=heavy,mem=8M,vcpus=2,weight=512 self
 * pvtest-timeout: 90
 */
#include "sched-share.h"

#define WINDOW (3 * NS_PER_S)

const char test_title[] = "sched-balance: weights 256:512, 2 vCPUs each, 2 CPUs";

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static void destroy_running(void)
{
    uint64_t before = free_pages(), pages = 0;

    for ( domid_t d = 1; d <= 2; d++ )
    {
        struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

        if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo") )
            return;
        pages += dc.u.getdomaininfo.tot_pages;
        dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = d };
        check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain of a spinner");
        dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };
        /* Not found: -ESRCH or the next domain up. */
        check(HYPERVISOR_domctl(&dc) || dc.domain != d,
              "domain %u still there after destroy", d);
    }
    check(free_pages() >= before + pages, "free pages %lu -> %lu, expected"
          " at least %lu more", (unsigned long)before,
          (unsigned long)free_pages(), (unsigned long)pages);
}

void test_main(void)
{
    uint64_t ran[2], wall;

    if ( !pv_is_initdomain() )
        domu_spin();
    wall = measure(2, ran, WINDOW);
    printf("weights 256:512 on 2 CPUs: %lu : %lu ms of 2 x %lu ms\n",
           (unsigned long)(ran[0] / NS_PER_MS), (unsigned long)(ran[1] / NS_PER_MS),
           (unsigned long)(wall / NS_PER_MS));
    check(ran[0] > 0 && within_10pc(ran[1], ran[0], 2, 1),
          "CPU time %lu : %lu ms is not 1:2 within 10%%",
          (unsigned long)(ran[0] / NS_PER_MS), (unsigned long)(ran[1] / NS_PER_MS));
    check(within_10pc(ran[0] + ran[1], 2 * wall, 1, 1),
          "the four spinners used %lu of 2 x %lu ms",
          (unsigned long)((ran[0] + ran[1]) / NS_PER_MS),
          (unsigned long)(wall / NS_PER_MS));
    destroy_running();
}

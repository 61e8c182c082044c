/*
 * vcpu-info-leak.c - a registered vcpu_info does not outlive its domain.
 *
 * Two boot-time domUs alike in all but one thing: "reg" registers a
 * vcpu_info for each of its two vCPUs (VCPUOP_register_vcpu_info, one
 * page each), "plain" does not.  Both power off.  dom0 then destroys each
 * (XEN_DOMCTL_destroydomain) and counts the pages that come back: the
 * same number for both, since the hypervisor's hold on the two vcpu_info
 * pages must end with the domain (ours only: boot-time domUs).
 *
 * pvtest-domU: name=plain,mem=16M,vcpus=2 self role=plain
 * pvtest-domU: name=reg,mem=16M,vcpus=2 self role=reg
 */
#include <pvtest.h>
#include <public/errno.h>
#include "peer.h"

const char test_title[] = "vcpu-info-leak: registered vcpu_info pages are freed with the domain";

static struct vcpu_info infos[2][64] __aligned(4096);   /* a page each */

static void domu_main(void)
{
    char role[16];

    if ( !kernel_cmdline_value("role", role, sizeof(role)) )
    {
        xtest_error("no role= on the command line");
        return;
    }
    if ( strcmp(role, "reg") )
        return;
    for ( unsigned int id = 0; id < 2; id++ )
    {
        struct vcpu_register_vcpu_info r = {
            .mfn = va_to_mfn((unsigned long)infos[id]),
            .offset = 0,
        };

        check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, id, &r),
                       "VCPUOP_register_vcpu_info");
    }
    xtest_info("registered a vcpu_info for vCPUs 0 and 1");
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
        xtest_exit();
    return sc.u.physinfo.free_pages;
}

/* Pages that came back when domain d was destroyed. */
static uint64_t destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };
    uint64_t before = free_pages();

    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain") )
        xtest_exit();
    return free_pages() - before;
}

void test_main(void)
{
    evtchn_port_t dom_exc;
    uint64_t plain, reg;

    if ( !pv_is_initdomain() )
    {
        domu_main();
        return;
    }
    dom_exc = bind_dom_exc();
    expect_shutdown(1, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);
    expect_shutdown(2, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);
    plain = destroy(1);
    reg = destroy(2);
    printf("pages back: %lu from the plain domU, %lu from the one with"
           " two registered vcpu_infos\n", (unsigned long)plain,
           (unsigned long)reg);
    check(plain >= 4096, "only %lu pages came back from a 16M domU",
          (unsigned long)plain);
    check(reg == plain, "%ld pages fewer came back with registered vcpu_infos",
          (long)(plain - reg));
}

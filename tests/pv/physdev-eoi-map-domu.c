/*
 * physdev-eoi-map-domu.c - a domU's PIRQ EOI page: allowed, as on Xen
 * 4.17, and not outliving the domain.
 *
 * Two boot-time domUs alike but for one thing: "reg" registers an EOI
 * page (PHYSDEVOP_pirq_eoi_gmfn_v2: 0, a second one -EBUSY, as any
 * domain may on Xen) and checks that eoi of a PIRQ it does not have is
 * -EINVAL and irq_status_query answers "needs EOI" (both open to any
 * domain on Xen); "plain" does nothing.  Both power off.  dom0 destroys
 * each and counts the pages that come back: the same number, since the
 * hypervisor's hold on the EOI page must end with the domain (ours
 * only: boot-time domUs).
 *
 * pvtest-domU: name=plain,mem=16M self role=plain
 * pvtest-domU: name=reg,mem=16M self role=reg
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/physdev.h>
#include "peer.h"

const char test_title[] = "physdev-eoi-map-domu: a domU's EOI page is freed with it";

static unsigned long eoi_map[512] __aligned(4096);

static void domu_main(void)
{
    struct physdev_pirq_eoi_gmfn g = { .gmfn = va_to_mfn((unsigned long)eoi_map) };
    struct physdev_irq_status_query q = { .irq = 8 };
    struct physdev_eoi e = { .irq = 8 };
    char role[16];

    if ( !kernel_cmdline_value("role", role, sizeof(role)) )
    {
        xtest_error("no role= on the command line");
        return;
    }
    if ( strcmp(role, "reg") )
        return;
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v2, &g), 0,
             "a domU's EOI page");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v1, &g), -XEN_EBUSY,
             "a second one");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_eoi, &e), -XEN_EINVAL,
             "eoi of a PIRQ the domU does not have");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_irq_status_query, &q), 0,
             "irq_status_query(8)");
    check_eq(q.flags, XENIRQSTAT_needs_eoi, "... needs_eoi");
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
    printf("pages back: %lu from the plain domU, %lu from the one with an"
           " EOI page\n", (unsigned long)plain, (unsigned long)reg);
    check(plain >= 4096, "only %lu pages came back from a 16M domU",
          (unsigned long)plain);
    check(reg == plain, "%ld pages fewer came back with an EOI page",
          (long)(plain - reg));
}

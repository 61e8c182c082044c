/*
 * domu.c - three guests on one physical CPU: this kernel as PVH dom0, the
 * same image as a PVH domU (domU=...,type=pvh), and a PV domU
 * (tests/pv/hello).  Two HVM domains share the CPU (ASIDs, VMCB
 * switches) with a PV one.  dom0 spins without yielding for three
 * seconds of system time, so both domUs finish only if HVM guests are
 * preempted and every kind of switch works; the runner fails the test
 * unless each domU prints its own SUCCESS.
 *
 * The PVH domU checks what makes it a domU: start-info flags 0, its
 * domain id in CPUID leaf 0x40000004, no module, and that it may not
 * shut dom0 down (SCHEDOP_remote_shutdown: -EPERM) nor use the control
 * calls a PVH dom0 has (platform_op, sysctl, domctl: -EPERM).  Ours only
 * (boot-time domUs).
 *
 * pvtest-smp: 1
 * pvtest-domU: name=pvhpeer,mem=16M,type=pvh self
 * pvtest-domU: name=pvpeer,mem=16M tests/pv/build/hello.elf
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/time.h>
#include <public/errno.h>
#include <public/platform.h>
#include <public/sysctl.h>
#include <public/domctl.h>

const char test_title[] = "domu: PVH dom0, PVH domU and PV domU on one CPU";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

/* shared_info at si_page, for pv_system_time(): the wait is system time,
 * not TSC cycles, so it is as long on any TSC rate (Bochs counts one
 * cycle per instruction). */
static void map_time(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;
}

/* Well-formed requests, so that only the privilege check can refuse. */
static void control_calls(void)
{
    struct xen_platform_op pf = { .cmd = XENPF_get_cpuinfo,
                                  .interface_version = XENPF_INTERFACE_VERSION };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };

    check_eq(HYPERVISOR_platform_op(&pf), -XEN_EPERM, "platform_op from a domU");
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl(physinfo) from a domU");
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM,
             "domctl(getdomaininfo 0) from a domU");
}

static void as_domu(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    struct sched_remote_shutdown rs = { .domain_id = 0,
                                        .reason = SHUTDOWN_poweroff };
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 4, 0, &r);
    xtest_info("domU: domid %u vcpu %u, flags %#x, %u modules", r.c, r.b,
               si->flags, si->nr_modules);
    check(r.c != 0, "CPUID says domain 0");
    check_eq(si->nr_modules, 0, "modules");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM,
             "remote_shutdown of dom0 from a domU");
    control_calls();
}

static void as_dom0(void)
{
    uint64_t end;
    unsigned long spins = 0;
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 4, 0, &r);
    check_eq(r.c, 0, "dom0's domid in CPUID");
    map_time();
    end = pv_system_time(0) + 3 * NS_PER_S;
    while ( pv_system_time(0) < end )
        spins++;
    xtest_info("dom0 spun %lu times", spins);
}

void test_main(void)
{
    if ( pvh_start_info->flags & SIF_INITDOMAIN )
        as_dom0();
    else
        as_domu();
}

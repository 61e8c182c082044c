/*
 * dom0-ctl.c - a PVH dom0's control hypercalls: platform_op, sysctl and
 * domctl answer it as they answer a PV dom0 (Linux's PVH dom0 reads each
 * CPU through XENPF_get_cpuinfo at boot; the toolstack needs sysctl and
 * domctl).  Real answers are checked, not only the return codes, and the
 * pointer each call takes goes through the guest's own page tables: a
 * buffer on the stack (not identity-mapped) and an unmapped one (-EFAULT).
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>
#include <public/platform.h>
#include <public/sysctl.h>
#include <public/domctl.h>

const char test_title[] = "dom0-ctl: platform_op, sysctl and domctl from a PVH dom0";

#define NORAM 0xf0000000UL          /* identity-mapped, no RAM there */

static void platform(void)
{
    struct xen_platform_op op = {
        .cmd = XENPF_get_cpuinfo,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.pcpu_info = { .xen_cpuid = 1, .flags = 0xdead },
    };

    if ( !check_eq(HYPERVISOR_platform_op(&op), 0, "get_cpuinfo(1)") )
        return;
    check_eq(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_ONLINE, "CPU 1 is online");
    check_eq(op.u.pcpu_info.apic_id, 1, "CPU 1's APIC id");
    check(op.u.pcpu_info.max_present >= 1 && op.u.pcpu_info.max_present < 4096,
          "max_present %u (QEMU -smp 2)", op.u.pcpu_info.max_present);
    op.interface_version = 0x03000000;
    check_eq(HYPERVISOR_platform_op(&op), -XEN_EACCES,
             "platform_op with an old interface version");
    check_eq(HYPERVISOR_platform_op((void *)NORAM), -XEN_EFAULT,
             "platform_op, pointer with no RAM behind it");
}

static void sysctl(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    if ( !check_eq(HYPERVISOR_sysctl(&sc), 0, "sysctl(physinfo)") )
        return;
    xtest_info("physinfo: %u CPUs, %lu pages, %lu free",
               sc.u.physinfo.nr_cpus, (unsigned long)sc.u.physinfo.total_pages,
               (unsigned long)sc.u.physinfo.free_pages);
    check_eq(sc.u.physinfo.nr_cpus, 2, "physinfo nr_cpus (-smp 2)");
    check(sc.u.physinfo.total_pages > 0 &&
          sc.u.physinfo.free_pages < sc.u.physinfo.total_pages,
          "physinfo pages: %lu total, %lu free",
          (unsigned long)sc.u.physinfo.total_pages,
          (unsigned long)sc.u.physinfo.free_pages);
    check_eq(hypercall1(__HYPERVISOR_sysctl, NORAM), -XEN_EFAULT,
             "sysctl, pointer with no RAM behind it");
}

static void domctl(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };

    if ( !check_eq(HYPERVISOR_domctl(&dc), 0, "domctl(getdomaininfo 0)") )
        return;
    check_eq(dc.u.getdomaininfo.domain, 0, "getdomaininfo: domain");
    check(dc.u.getdomaininfo.flags & XEN_DOMINF_hvm_guest,
          "getdomaininfo: dom0 not flagged HVM (flags %#x)",
          dc.u.getdomaininfo.flags);
    check(dc.u.getdomaininfo.tot_pages > 0, "getdomaininfo: no pages");
    check_eq(dc.u.getdomaininfo.nr_online_vcpus, 1, "getdomaininfo: vCPUs up");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0x7fef };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_ESRCH, "getdomaininfo(no such dom)");
}

void test_main(void)
{
    platform();
    sysctl();
    domctl();
}

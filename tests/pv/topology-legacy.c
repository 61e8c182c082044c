/*
 * topology-legacy.c - CPU topology on a CPU without CPUID leaf 0xb
 * (QEMU's Conroe: basic leaves up to 0xa), where the package's logical
 * CPUs come from leaf 1 EBX[23:16] and its cores from leaf 4: QEMU's
 * -smp 2 is one socket of two single-thread cores, and physinfo and
 * cputopoinfo must say so, as Xen 4.17 does (xl info's cores_per_socket,
 * xl's and libvirt's view of the host).
 *
 * pvtest-smp: 2
 * pvtest-cpu: Conroe
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "topology-legacy: cores of a socket without leaf 0xb";

void test_main(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_sysctl_cputopo t[2];
    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
        return;
    check_eq(sc.u.physinfo.threads_per_core, 1, "threads_per_core");
    check_eq(sc.u.physinfo.cores_per_socket, 2, "cores_per_socket");

    sc = (struct xen_sysctl){ .cmd = XEN_SYSCTL_cputopoinfo };
    sc.u.cputopoinfo.num_cpus = 2;
    set_xen_guest_handle(sc.u.cputopoinfo.cputopo, t);
    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "cputopoinfo") )
        return;
    xtest_info("cpu0 core %u socket %u, cpu1 core %u socket %u",
               t[0].core, t[0].socket, t[1].core, t[1].socket);
    check_eq(t[0].socket, t[1].socket, "both CPUs in one socket");
    check(t[0].core != t[1].core, "both CPUs on core %u", t[0].core);
}

/*
 * platform-cpuinfo.c - XENPF_get_cpuinfo, the one platform_op Linux's
 * dom0 needs for its CPUs' APIC and ACPI ids (its APIC ID register and
 * drivers/xen/pcpu.c), and the errors around it.
 *
 * CPU 0 is online with APIC id 0 and ACPI id 0 (QEMU's MADT); the CPU
 * after max_present and CPU 0xffffffff are flagged INVALID by a call
 * that succeeds; a wrong interface version is -EACCES and an unknown
 * command -ENOSYS.  Values and errnos as Xen 4.17 gives them.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>

const char test_title[] = "platform-cpuinfo: XENPF_get_cpuinfo and platform_op errors";

static long cpuinfo(uint32_t cpu, struct xenpf_pcpuinfo *out)
{
    struct xen_platform_op op = {
        .cmd = XENPF_get_cpuinfo,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.pcpu_info = { .xen_cpuid = cpu, .flags = 0xdead },
    };
    long rc = HYPERVISOR_platform_op(&op);

    *out = op.u.pcpu_info;
    return rc;
}

void test_main(void)
{
    struct xenpf_pcpuinfo p;
    struct xen_platform_op op = { .cmd = XENPF_get_cpuinfo,
                                  .interface_version = 0x03000000 };

    check_eq(cpuinfo(0, &p), 0, "get_cpuinfo(0)");
    check_eq(p.flags, XEN_PCPU_FLAGS_ONLINE, "CPU 0 is online");
    check_eq(p.apic_id, 0, "CPU 0's APIC id");
    check_eq(p.acpi_id, 0, "CPU 0's ACPI id");
    check(p.max_present >= 1 && p.max_present < 4096,
          "max_present %u (QEMU -smp 2 or more)", p.max_present);
    check_eq(cpuinfo(1, &p), 0, "get_cpuinfo(1)");
    check_eq(p.flags, XEN_PCPU_FLAGS_ONLINE, "CPU 1 is online");
    check_eq(p.apic_id, 1, "CPU 1's APIC id");
    check_eq(cpuinfo(p.max_present + 1, &p), 0, "get_cpuinfo(max_present + 1)");
    check_eq(p.flags, XEN_PCPU_FLAGS_INVALID, "... is INVALID");
    check_eq(cpuinfo(0xffffffffu, &p), 0, "get_cpuinfo(0xffffffff)");
    check_eq(p.flags, XEN_PCPU_FLAGS_INVALID, "... is INVALID");

    check_eq(HYPERVISOR_platform_op(&op), -XEN_EACCES,
             "platform_op with an old interface version");
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.cmd = 0xffff;
    check_eq(HYPERVISOR_platform_op(&op), -XEN_ENOSYS,
             "platform_op with an unknown command");
}

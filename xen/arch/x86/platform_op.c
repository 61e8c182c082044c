/*
 * platform_op: the hardware domain's view of the host platform.
 * XENPF_get_cpuinfo: Linux's dom0 takes each physical CPU's APIC and
 * ACPI ids from it (its local APIC "ID register" reads and
 * drivers/xen/pcpu.c).  XENPF_settime32/64: dom0 keeps the wallclock
 * every domain sees current (Linux sends it when its clock is set, and
 * every 11 minutes).  Every other command answers -ENOSYS, which Linux
 * tolerates (firmware info, power management).
 *
 * As on Xen 4.17: another domain gets -EPERM, a wrong interface
 * version -EACCES, a CPU that does not exist is flagged INVALID (the
 * call itself succeeds).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/guest_access.h>
#include <xen/vcpu.h>
#include <public/platform.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/pv/hypercalls.h>

/* The ACPI processor UID the MADT gives the CPU with this APIC id. */
static uint32_t acpi_uid_of(uint32_t apic_id)
{
    for ( unsigned int i = 0; i < acpi_madt.nr_cpus; i++ )
        if ( acpi_madt.cpus[i].apic_id == apic_id )
            return acpi_madt.cpus[i].uid;
    return ~0u;
}

static void get_cpuinfo(struct xenpf_pcpuinfo *p)
{
    unsigned int cpu = p->xen_cpuid;

    if ( cpu >= nr_cpu_ids )
        p->flags = XEN_PCPU_FLAGS_INVALID;
    else
    {
        p->apic_id = x86_cpu_to_apicid[cpu];
        p->acpi_id = acpi_uid_of(p->apic_id);
        p->flags = cpu_online(cpu) ? XEN_PCPU_FLAGS_ONLINE : 0;
    }
    p->max_present = nr_cpu_ids - 1;
}

long do_platform_op(unsigned long arg, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    struct xen_platform_op op;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest_ptr(&op, (void *)arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XENPF_get_cpuinfo:
        get_cpuinfo(&op.u.pcpu_info);
        return copy_to_guest_ptr((void *)arg, &op, sizeof(op)) ? -EFAULT : 0;
    case XENPF_settime32:
        wallclock_set(op.u.settime32.secs, op.u.settime32.nsecs,
                      op.u.settime32.system_time);
        return 0;
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        wallclock_set(op.u.settime64.secs, op.u.settime64.nsecs,
                      op.u.settime64.system_time);
        return 0;
    }
    return -ENOSYS;
}

/*
 * platform_op: the hardware domain's view of the host platform.
 * XENPF_get_cpuinfo: Linux's dom0 takes each physical CPU's APIC and
 * ACPI ids from it (its local APIC "ID register" reads and
 * drivers/xen/pcpu.c).  XENPF_settime32/64: dom0 keeps the wallclock
 * every domain sees current (Linux sends it when its clock is set, and
 * every 11 minutes).  XENPF_enter_acpi_sleep: Linux's dom0 powers the
 * machine off through it (its ACPI S5 path hands the PM1 values to the
 * hypervisor); S5 is carried out, no other sleep state.
 * XENPF_firmware_info: see firmware_info().  XENPF_efi_runtime_call:
 * efi_rt_ops.c (the op is copied back only on success, as Xen does).
 * Every other command answers
 * -ENOSYS, which Linux tolerates (power management).
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
#include <xen/shutdown.h>
#include <public/platform.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/bios_fw.h>
#include <asm/efi_fw.h>
#include <asm/pv/hypercalls.h>

/*
 * XENPF_firmware_info: what the firmware told us.  EDD disk records, MBR
 * signatures and the VBE DDC (EDID) block: what the BIOS answered at boot
 * (bios_fw.c; -ESRCH past the last record, and for all of them when booted
 * by UEFI).  EFI data: efi_fw.c (-ENOSYS when not booted by UEFI, as
 * Xen).  The keyboard shift flags are the BIOS data area's byte at 0x417
 * (the first MiB stays in the direct map), index 0 only.  Unknown types:
 * -EINVAL.
 */
static long firmware_info(struct xenpf_firmware_info *f)
{
    switch ( f->type )
    {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return bios_fw_info(f);
    case XEN_FW_EFI_INFO:
        return efi_fw_info(f->index, &f->u.efi_info);
    case XEN_FW_KBD_SHIFT_FLAGS:
        if ( f->index )
            return -ESRCH;
        f->u.kbd_shift_flags = *(const volatile uint8_t *)__va(0x417);
        return 0;
    }
    return -EINVAL;
}

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

#define PM1_SLP_EN   (1u << 13)
#define ACPI_S3      3
#define ACPI_S5      5

/*
 * Xen 4.17's checks: the registers the request names must exist
 * (-EPERM), PM1a and PM1b must agree on SLP_EN (-EINVAL), the state must
 * be S1-S5 (-EINVAL).  Xen then carries out S3 (suspend) and S5 and
 * answers -EINVAL for S1, S2 and S4 once it has tried; here S3 is
 * -EOPNOTSUPP (no suspend and resume) and S5 powers off the way dom0's
 * SCHEDOP_shutdown does, with the hypervisor's own \_S5 values (the same
 * table dom0 read).
 */
static long enter_acpi_sleep(const struct xenpf_enter_acpi_sleep *s)
{
    if ( s->flags & XENPF_ACPI_SLEEP_EXTENDED )
    {
        if ( !acpi_gas_present(&acpi_fadt.sleep_control) )
            return -EPERM;
    }
    else
    {
        if ( !acpi_gas_present(&acpi_fadt.pm1a_cnt) )
            return -EPERM;
        if ( acpi_gas_present(&acpi_fadt.pm1b_cnt) &&
             ((s->val_a ^ s->val_b) & PM1_SLP_EN) )
            return -EINVAL;
    }
    if ( !s->sleep_state || s->sleep_state > ACPI_S5 )
        return -EINVAL;
    if ( s->sleep_state == ACPI_S3 )
        return -EOPNOTSUPP;
    if ( s->sleep_state != ACPI_S5 )
        return -EINVAL;
    printk(XENLOG_INFO "ACPI: S5 requested by dom0 (XENPF_enter_acpi_sleep)\n");
    machine_power_off();
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
    case XENPF_enter_acpi_sleep:
        return enter_acpi_sleep(&op.u.enter_acpi_sleep);
    case XENPF_firmware_info:
    {
        long rc = firmware_info(&op.u.firmware_info);

        if ( !rc && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
            rc = -EFAULT;
        return rc;
    }
    case XENPF_efi_runtime_call:
    {
        long rc = efi_rt_call(&op.u.efi_runtime_call);

        if ( !rc && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
            rc = -EFAULT;
        return rc;
    }
    }
    return -ENOSYS;
}

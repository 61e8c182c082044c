/*
 * RDMSR/WRMSR from HVM guests.  Every MSR access exits (the permission
 * map is all ones), so the guest sees only what is listed here; anything
 * else is #GP, as on Xen for an MSR outside the policy.
 *
 * The machine-check MSRs are the virtual banks PV guests get (pv/vmce.c,
 * as Xen's vMCE): CPUID shows MCE and MCA, and Linux panics on a #GP
 * from them ("MCA architectural violation").
 *
 * The MTRR MSRs are state the guest reads back (hvm/mtrr.c), as Xen
 * emulates them.
 *
 * AMD's interrupt-pending message MSR (0xc0010055) reads 0 and refuses
 * writes on AMD hosts, as on Xen: Linux reads it once at boot to see
 * whether C1E is on (the E400 erratum).
 *
 * The hypercall-page MSR (0x40000000, from CPUID 0x40000002): the value
 * is the guest-physical address of the page with the page's index in
 * bits 0-11 (one page: index 0).  The page must be the guest's RAM; it is
 * overwritten with the vendor's stubs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/vlapic.h>

#define MSR_HYPERCALL_PAGE  0x40000000
#define MSR_TSC             0x10
#define MSR_APIC_BASE       0x1b
#define MSR_TSC_DEADLINE    0x6e0
#define MSR_X2APIC_FIRST    0x800
#define MSR_X2APIC_LAST     0x8ff
#define MSR_AMD_INT_PENDING 0xc0010055

static int write_hypercall_page(struct vcpu *v, uint64_t val)
{
    enum p2m_type t;
    mfn_t mfn;

    if ( val & (PAGE_SIZE - 1) )
        return -EINVAL;                 /* only page 0 exists */
    mfn = p2m_lookup(v->domain->arch.hvm.p2m, val >> PAGE_SHIFT, &t);
    if ( t != p2m_ram_rw || !mfn_valid(mfn) )
        return -EINVAL;
    hvm_vendor->write_hypercall_page(mfn_to_virt(mfn));
    /* iret means nothing to an HVM guest: its slot is ud2, as on Xen. */
    memcpy((uint8_t *)mfn_to_virt(mfn) + __HYPERVISOR_iret * 32, "\x0f\x0b", 2);
    return 0;
}

int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    int rc = hvm_vmce_msr(v, msr, val, false);

    if ( rc == -ENOENT )
        rc = hvm_mtrr_msr(v, msr, val, false);
    if ( rc != -ENOENT )
        return rc;
    switch ( msr )
    {
    case MSR_EFER:
        *val = hvm_vendor->get_efer(v);
        return 0;
    case MSR_TSC:
        *val = rdtsc();
        return 0;
    case MSR_APIC_BASE:
        *val = vlapic_base_msr(v);
        return 0;
    case MSR_TSC_DEADLINE:
        *val = 0;               /* not offered (CPUID), but readable */
        return 0;
    case MSR_AMD_INT_PENDING:
        if ( !cpu_vendor_is_amd() )
            break;
        *val = 0;               /* no C1E */
        return 0;
    }
    if ( msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST )
        return vlapic_x2apic_read(v, msr, val);
    return hvm_vendor->msr_read(v, msr, val) ? 0 : -EINVAL;
}

int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    int rc = hvm_vmce_msr(v, msr, &val, true);

    if ( rc == -ENOENT )
        rc = hvm_mtrr_msr(v, msr, &val, true);
    if ( rc != -ENOENT )
        return rc;
    switch ( msr )
    {
    case MSR_EFER:
        return hvm_vendor->set_efer(v, val);
    case MSR_HYPERCALL_PAGE:
        return write_hypercall_page(v, val);
    case MSR_APIC_BASE:
        return vlapic_set_base_msr(v, val);
    case MSR_TSC_DEADLINE:
        return 0;               /* no TSC-deadline mode: ignored, as Xen */
    }
    if ( msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST )
        return vlapic_x2apic_write(v, msr, val);
    return hvm_vendor->msr_write(v, msr, val) ? 0 : -EINVAL;
}

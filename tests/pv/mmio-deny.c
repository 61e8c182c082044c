/*
 * mmio-deny.c - dom0 may map I/O memory, but not the devices the
 * hypervisor drives itself (both hypervisors).
 *
 * Under QEMU q35 the local APIC is at 0xfee00000, the IO-APIC at
 * 0xfec00000 and the HPET at 0xfed00000 (the addresses ACPI reports).
 * The local APIC page lies in the MSI address window: dom0 may not map it
 * at all, read-only or writable (-EPERM, as on Xen).  The IO-APIC, which
 * the hypervisor programs, and the HPET, its clock reference, may be
 * mapped read-only; a writable mapping of either is quietly made
 * read-only, as Xen does.  Other MMIO (here the q35 PCIe
 * configuration window at 0xb0000000) maps as before.
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/errno.h>

const char test_title[] = "mmio-deny: dom0 cannot map the hypervisor's devices";

#define PFN_SCRATCH 0x40
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                     _PAGE_PCD | _PAGE_PWT)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_PCD | _PAGE_PWT)

#define LAPIC_MFN   0xfee00UL
#define IOAPIC_MFN  0xfec00UL
#define HPET_MFN    0xfed00UL
#define MMCONF_MFN  0xb0000UL

static unsigned long va(void)
{
    return pfn_to_va(PFN_SCRATCH);
}

static long map(unsigned long mfn, uint64_t flags)
{
    return HYPERVISOR_update_va_mapping(va(), (mfn << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG);
}

static void unmap(void)
{
    check_rc_setup(HYPERVISOR_update_va_mapping(va(), 0, UVMF_INVLPG),
                   "clearing the scratch mapping");
}

static void denied(unsigned long mfn, const char *what)
{
    long ro = map(mfn, PTE_RO), rw;

    if ( !ro )
        unmap();
    rw = map(mfn, PTE_RW);
    if ( !rw )
        unmap();
    xtest_info("%s (mfn %#lx): read-only %ld, writable %ld", what, mfn, ro, rw);
    check_eq(ro, -XEN_EPERM, what);
    check_eq(rw, -XEN_EPERM, what);
}

/* Mappable read-only only: a writable request is made read-only. */
static void read_only(unsigned long mfn, const char *what)
{
    long rc = map(mfn, PTE_RO);

    check_eq(rc, 0, what);
    if ( !rc )
    {
        uint32_t r0 = *(volatile uint32_t *)va();

        xtest_info("%s (mfn %#lx): first register %#x", what, mfn, r0);
        unmap();
    }
    rc = map(mfn, PTE_RW);
    check_eq(rc, 0, what);
    if ( !rc )
    {
        uint64_t pte = pt_leaf(va());

        xtest_info("%s asked writable: PTE %#lx", what, (unsigned long)pte);
        check(!(pte & _PAGE_RW), "%s mapped writable (%#lx)", what,
              (unsigned long)pte);
        unmap();
    }
}

void test_main(void)
{
    long rc;

    if ( !check_rc_setup(HYPERVISOR_update_va_mapping(va(), 0, UVMF_INVLPG),
                         "unmapping the scratch page") )
        return;
    denied(LAPIC_MFN, "the local APIC");
    read_only(IOAPIC_MFN, "the IO-APIC");
    read_only(HPET_MFN, "the HPET");
    rc = map(MMCONF_MFN, PTE_RW);
    check_eq(rc, 0, "other MMIO (PCIe configuration window), writable");
    if ( !rc )
        unmap();
}

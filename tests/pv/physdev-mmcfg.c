/*
 * physdev-mmcfg.c - PHYSDEVOP_pci_mmcfg_reserved, which Linux's dom0 sends
 * for every MCFG area it finds usable (drivers/xen/pci.c, xen_mcfg_late),
 * answered as Xen 4.17 answers it (docs/dom0.md).
 *
 * q35's only area is segment 0, buses 00-ff, at the base its host
 * bridge's PCIEXBAR gives.  Checked: a bad pointer is -EFAULT; a flag
 * other than XEN_PCI_MMCFG_RESERVED is -EINVAL, before anything else is
 * looked at; only an exact (segment, start bus, end bus) names an area,
 * anything else (another segment, part of the bus range, an inverted
 * range) is -ENODEV; the right area at another address is -EIO.  Then
 * what the answer does: the area reported reserved is used, and dom0's
 * stores through its read-only mapping are emulated (a byte store to
 * AHCI's interrupt line lands); reported not reserved (flags 0), the
 * hypervisor stops using it, the mapping stays read-only (the MSI filter
 * keeps covering it) and a store is dropped without a fault; reported
 * reserved again, stores land again.  Ours and Xen 4.17.
 * (A domU's -EPERM is in unpriv.c: boot-time domUs.)
 */
#include "pci-util.h"
#include <pv/exinfo.h>
#include <pv/pagetable.h>

const char test_title[] = "physdev-mmcfg: PHYSDEVOP_pci_mmcfg_reserved";

#define PFN_SCRATCH  0x40
#define PTE_RW       (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                      _PAGE_PCD | _PAGE_PWT)
#define BAD_ARG      ((void *)0xffff800000001000UL)
#define LINE_REG     0x3c

static long mmcfg(uint64_t addr, unsigned int seg, unsigned int start,
                  unsigned int end, uint32_t flags)
{
    struct physdev_pci_mmcfg_reserved r = {
        .address = addr, .segment = seg, .start_bus = start,
        .end_bus = end, .flags = flags,
    };

    return physdev(PHYSDEVOP_pci_mmcfg_reserved, &r);
}

static void test_errors(uint64_t ecam)
{
    check_eq(physdev(PHYSDEVOP_pci_mmcfg_reserved, BAD_ARG), -XEN_EFAULT,
             "a pointer into the hypervisor");
    check_eq(mmcfg(ecam, 0, 0, 0xff, 2), -XEN_EINVAL, "flags 2");
    check_eq(mmcfg(ecam, 0, 0, 0xff, 3), -XEN_EINVAL, "flags 3");
    check_eq(mmcfg(ecam, 0, 0, 0xff, 0x80000001u), -XEN_EINVAL, "flags bit 31");
    check_eq(mmcfg(0, 7, 9, 3, 4), -XEN_EINVAL,
             "flags 4 with nothing else right either");
    check_eq(mmcfg(ecam, 1, 0, 0xff, XEN_PCI_MMCFG_RESERVED), -XEN_ENODEV,
             "segment 1");
    check_eq(mmcfg(ecam, 0xffff, 0, 0xff, XEN_PCI_MMCFG_RESERVED), -XEN_ENODEV,
             "segment 0xffff");
    check_eq(mmcfg(ecam, 0, 0, 0x7f, XEN_PCI_MMCFG_RESERVED), -XEN_ENODEV,
             "buses 00-7f (part of the area)");
    check_eq(mmcfg(ecam, 0, 1, 0xff, XEN_PCI_MMCFG_RESERVED), -XEN_ENODEV,
             "buses 01-ff (part of the area)");
    check_eq(mmcfg(ecam, 0, 0xff, 0, XEN_PCI_MMCFG_RESERVED), -XEN_ENODEV,
             "buses ff-00 (inverted)");
    check_eq(mmcfg(ecam + (1u << 20), 1, 0, 0xff, XEN_PCI_MMCFG_RESERVED),
             -XEN_ENODEV, "another address and segment");
    check_eq(mmcfg(ecam + (1u << 28), 0, 0, 0xff, XEN_PCI_MMCFG_RESERVED),
             -XEN_EIO, "the area at another address");
    check_eq(mmcfg(0, 0, 0, 0xff, 0), -XEN_EIO,
             "the area at address 0, flags 0");
}

/* A byte store through the read-only MMCONFIG mapping at cfg: whether it
 * faulted, and AHCI's interrupt line after it (read through 0xcfc). */
static unsigned int store_line(volatile uint8_t *cfg, uint8_t v, const char *what)
{
    check_exinfo(probe_write8(cfg + LINE_REG, v), EXINFO_NONE, what);
    return conf_read(AHCI_DEVFN, LINE_REG, 1);
}

static void test_effect(uint64_t ecam)
{
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    uint64_t old = pt_leaf(va);
    volatile uint8_t *cfg = (volatile uint8_t *)va;
    uint8_t line = conf_read(AHCI_DEVFN, LINE_REG, 1);

    check_eq(mmcfg(ecam, 0, 0, 0xff, XEN_PCI_MMCFG_RESERVED), 0,
             "segment 0 buses 00-ff reported reserved");
    check_eq(mmcfg(ecam, 0, 0, 0xff, XEN_PCI_MMCFG_RESERVED), 0,
             "the same report again");
    if ( !check_rc_setup(HYPERVISOR_update_va_mapping(va,
                             (ecam + (AHCI_DEVFN << 12)) | PTE_RW, UVMF_INVLPG),
                         "mapping AHCI's MMCONFIG page") )
        return;
    check(!(pt_leaf(va) & _PAGE_RW), "MMCONFIG is mapped read-only");
    check_eq(*(volatile uint32_t *)cfg, conf_read(AHCI_DEVFN, 0, 4),
             "MMCONFIG reads AHCI's ID");
    check_eq(store_line(cfg, line ^ 0x0f, "store while reserved"), line ^ 0x0f,
             "interrupt line after a store while reserved");

    check_eq(mmcfg(ecam, 0, 0, 0xff, 0), 0, "the area reported not reserved");
    check_eq(mmcfg(ecam, 0, 0, 0xff, 0), 0, "the same report again");
    check_eq(store_line(cfg, line, "store while not reserved"), line ^ 0x0f,
             "interrupt line after a store while not reserved (dropped)");
    HYPERVISOR_update_va_mapping(va, (ecam + (AHCI_DEVFN << 12)) | PTE_RW,
                                 UVMF_INVLPG);
    check(!(pt_leaf(va) & _PAGE_RW),
          "a new mapping of the unused area is still read-only");

    check_eq(mmcfg(ecam, 0, 0, 0xff, XEN_PCI_MMCFG_RESERVED), 0,
             "the area reported reserved once more");
    check_eq(store_line(cfg, line, "store once more reserved"), line,
             "interrupt line after a store once more reserved");
    conf_write(AHCI_DEVFN, LINE_REG, 1, line);
    HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG);
}

void test_main(void)
{
    uint32_t bar;
    uint64_t ecam;

    if ( !iopl_on() )
        return;
    bar = conf_read(0, 0x60, 4);        /* q35 PCIEXBAR: base, 256 buses */
    ecam = bar & 0xf0000000u;
    xtest_info("PCIEXBAR %#x", bar);
    if ( !check(bar & 1, "MMCONFIG is enabled") ||
         !check_eq((bar >> 1) & 3, 0, "PCIEXBAR decodes 256 buses") )
        return;
    test_errors(ecam);
    test_effect(ecam);
}

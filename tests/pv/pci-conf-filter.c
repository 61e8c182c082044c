/*
 * pci-conf-filter.c - dom0's config-space writes through 0xcf8/0xcfc do
 * not undo what the hypervisor programmed (Xen 4.17's MSI intercept;
 * docs/dom0.md).
 *
 * MSI-X (an e1000e, nothing set up): not filtered until dom0 announces
 * the device (Xen without an IOMMU knows no other); then, within the
 * capability's first 12 bytes only a 2-byte write of the control word
 * goes through; a dword write over the header and control, or a byte
 * write of the control's high half, is dropped.
 * MSI with per-vector masking (a PCI-PCI bridge's), once mapped: the
 * address and data the hypervisor wrote stay whatever dom0 writes there;
 * a 2-byte control write goes through, a dword one over header and
 * control does not; the mask bit dom0 writes is forced on while no port
 * is bound, and is dom0's own once bound.
 * MMCONFIG (q35's, at the base its host bridge's PCIEXBAR gives): a
 * mapping of it asked writable is read-only, and dom0's stores through
 * it are emulated with the same filter: a byte store to an ordinary
 * register (the interrupt line) lands, a dword store over the e1000e's
 * MSI-X header and control does not, a word store to that control does.
 * Ours and Xen 4.17.
 *
 * pvtest-qemu: -device e1000e,addr=05.0 -device pci-bridge,chassis_nr=1,addr=06.0
 */
#include "pci-util.h"
#include <pv/pagetable.h>

const char test_title[] = "pci-conf-filter: dom0's writes to MSI/MSI-X registers";

#define NIC_DEVFN     0x28       /* 00:05.0 */
#define BRIDGE_DEVFN  0x30       /* 00:06.0 */
#define MSIX_ENABLE   0x8000
#define MSIX_MASKALL  0x4000
#define MSI_64BIT     0x0080
#define MSI_MASKBIT   0x0100
#define MSI_ENABLE    0x0001

static void test_msix(void)
{
    unsigned int pos = find_cap(NIC_DEVFN, PCI_CAP_MSIX);
    uint32_t hdr;
    uint16_t ctrl;

    if ( !check(pos != 0, "the e1000e has MSI-X") )
        return;
    hdr = conf_read(NIC_DEVFN, pos, 4);
    ctrl = hdr >> 16;
    xtest_info("MSI-X capability at %#x: %#x", pos, hdr);
    /* Not announced: no filter (Xen without an IOMMU knows only the
     * devices dom0 announced). */
    conf_write(NIC_DEVFN, pos, 4, hdr | (uint32_t)MSIX_MASKALL << 16);
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl | MSIX_MASKALL,
             "MSI-X control of an unannounced device after a dword write");
    conf_write(NIC_DEVFN, pos + 2, 2, ctrl);
    check_eq(pci_add(NIC_DEVFN), 0, "pci_device_add of the e1000e");
    conf_write(NIC_DEVFN, pos, 4, hdr | (uint32_t)(MSIX_ENABLE | MSIX_MASKALL) << 16);
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl,
             "MSI-X control after a dword write over header and control");
    conf_write(NIC_DEVFN, pos + 3, 1, (ctrl | MSIX_MASKALL) >> 8);
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl,
             "MSI-X control after a byte write of its high half");
    conf_write(NIC_DEVFN, pos + 2, 2, ctrl | MSIX_MASKALL);
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl | MSIX_MASKALL,
             "MSI-X control after a word write (dom0's to make)");
    conf_write(NIC_DEVFN, pos + 2, 2, ctrl);
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl, "MSI-X control restored");
}

static void test_maskable_msi(void)
{
    unsigned int pos = find_cap(BRIDGE_DEVFN, PCI_CAP_MSI), mpos;
    uint32_t addr, data, hdr;
    uint16_t ctrl;
    evtchn_port_t port;
    int pirq = -1;

    if ( !check(pos != 0, "the bridge has MSI") )
        return;
    ctrl = conf_read(BRIDGE_DEVFN, pos + 2, 2);
    xtest_info("bridge MSI capability at %#x, control %#x", pos, ctrl);
    if ( !check(ctrl & MSI_MASKBIT, "the bridge's MSI can mask per vector") )
        return;
    mpos = pos + (ctrl & MSI_64BIT ? 0x10 : 0x0c);
    check_eq(pci_add(BRIDGE_DEVFN), 0, "pci_device_add of the bridge");
    if ( !check_rc_setup(map_msi(BRIDGE_DEVFN, 0, 0, &pirq), "MSI of the bridge") )
        return;
    addr = conf_read(BRIDGE_DEVFN, pos + 4, 4);
    data = conf_read(BRIDGE_DEVFN, pos + (ctrl & MSI_64BIT ? 0x0c : 0x08), 2);
    xtest_info("message %#x/%#x, mask %#x", addr, data,
               conf_read(BRIDGE_DEVFN, mpos, 4));
    check_eq(conf_read(BRIDGE_DEVFN, mpos, 4) & 1, 1,
             "the mapped vector is masked until bound");

    conf_write(BRIDGE_DEVFN, pos + 4, 4, 0xfee0f000);
    check_eq(conf_read(BRIDGE_DEVFN, pos + 4, 4), addr,
             "MSI address after dom0 wrote another");
    conf_write(BRIDGE_DEVFN, pos + (ctrl & MSI_64BIT ? 0x0c : 0x08), 2,
               data ^ 0xff);
    check_eq(conf_read(BRIDGE_DEVFN, pos + (ctrl & MSI_64BIT ? 0x0c : 0x08), 2),
             data, "MSI data after dom0 wrote another");
    hdr = conf_read(BRIDGE_DEVFN, pos, 4);
    conf_write(BRIDGE_DEVFN, pos, 4, hdr | MSI_ENABLE << 16);
    check_eq(conf_read(BRIDGE_DEVFN, pos + 2, 2), ctrl,
             "MSI control after a dword write over header and control");
    conf_write(BRIDGE_DEVFN, pos + 2, 2, ctrl | MSI_ENABLE);
    check_eq(conf_read(BRIDGE_DEVFN, pos + 2, 2), ctrl | MSI_ENABLE,
             "MSI control after a word write (dom0 enables MSI)");

    conf_write(BRIDGE_DEVFN, mpos, 4, 0);
    check_eq(conf_read(BRIDGE_DEVFN, mpos, 4) & 1, 1,
             "mask bit after dom0 cleared it, nothing bound");
    if ( check_rc_setup(bind_pirq(pirq, &port), "bind the bridge's MSI") )
    {
        check_eq(conf_read(BRIDGE_DEVFN, mpos, 4) & 1, 0, "bound: unmasked");
        conf_write(BRIDGE_DEVFN, mpos, 4, 1);
        check_eq(conf_read(BRIDGE_DEVFN, mpos, 4) & 1, 1, "bound: dom0 masks it");
        conf_write(BRIDGE_DEVFN, mpos, 4, 0);
        check_eq(conf_read(BRIDGE_DEVFN, mpos, 4) & 1, 0, "bound: dom0 unmasks it");
        check_eq(close_port(port), 0, "close the MSI's port");
    }
    conf_write(BRIDGE_DEVFN, pos + 2, 2, ctrl);
    check_eq(unmap_pirq(pirq), 0, "unmap the bridge's MSI");
}

#define PFN_SCRATCH  0x40
#define PTE_RW       (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                      _PAGE_PCD | _PAGE_PWT)

/* Through MMCONFIG: the e1000e's configuration page mapped at the
 * scratch address. */
static void test_mmconfig(void)
{
    uint32_t bar = conf_read(0, 0x60, 4);      /* q35 PCIEXBAR */
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    uint64_t old = pt_leaf(va), ecam = bar & 0xf0000000u;
    volatile uint8_t *cfg = (volatile uint8_t *)va;
    unsigned int pos = find_cap(NIC_DEVFN, PCI_CAP_MSIX);
    uint8_t line = conf_read(NIC_DEVFN, 0x3c, 1);
    uint16_t ctrl = conf_read(NIC_DEVFN, pos + 2, 2);

    xtest_info("PCIEXBAR %#x", bar);
    if ( !check(bar & 1, "MMCONFIG is enabled") || !pos )
        return;
    if ( !check_rc_setup(HYPERVISOR_update_va_mapping(va,
                             (ecam + (NIC_DEVFN << 12)) | PTE_RW, UVMF_INVLPG),
                         "mapping the e1000e's MMCONFIG page") )
        return;
    check(!(pt_leaf(va) & _PAGE_RW), "MMCONFIG is mapped read-only");
    check_eq(*(volatile uint32_t *)cfg, conf_read(NIC_DEVFN, 0, 4),
             "MMCONFIG reads the device's ID");
    cfg[0x3c] = line ^ 0x0f;
    check_eq(conf_read(NIC_DEVFN, 0x3c, 1), line ^ 0x0f,
             "interrupt line after a byte store through MMCONFIG");
    cfg[0x3c] = line;
    *(volatile uint32_t *)(cfg + pos) =
        conf_read(NIC_DEVFN, pos, 4) | (uint32_t)MSIX_MASKALL << 16;
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl,
             "MSI-X control after a dword store through MMCONFIG");
    *(volatile uint16_t *)(cfg + pos + 2) = ctrl | MSIX_MASKALL;
    check_eq(conf_read(NIC_DEVFN, pos + 2, 2), ctrl | MSIX_MASKALL,
             "MSI-X control after a word store through MMCONFIG");
    *(volatile uint16_t *)(cfg + pos + 2) = ctrl;
    HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG);
}

void test_main(void)
{
    if ( !iopl_on() )
        return;
    test_msix();
    test_maskable_msi();
    test_mmconfig();
}

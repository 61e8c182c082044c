/*
 * physdev-msi.c - dom0's MSI and MSI-X interrupts (PHYSDEVOP_map_pirq of
 * the MSI types) and PCI device registration (pci_device_add/remove,
 * manage_pci_*, restore_msi, prepare/release_msix), with the errors each
 * refuses.  Every errno is the one Xen 4.17 answers.
 *
 * Devices under QEMU q35: the chipset's AHCI controller 00:1f.2 has MSI
 * (no MSI-X); the
 * host bridge 00:00.0 has neither; an e1000e added at 00:05.0 has MSI-X
 * (its table in a memory BAR).  00:10.0 is empty.  Without an IOMMU,
 * Xen lets dom0 set up MSI only for a device dom0 announced
 * (pci_device_add).  While an MSI-X entry is set up, or the table is
 * prepared, the table is the hypervisor's: a writable mapping dom0 asks
 * for is made read-only.
 *
 * Every PIRQ needs an EOI, Xen says (dom0 shares no EOI bitmap).
 *
 * Xen 4.17 dereferences a null pointer on prepare_msix of a device
 * without MSI-X (a crash); ours answers -ENODEV as later Xen does, and
 * that call is made on ours only.
 *
 * pvtest-qemu: -device e1000e,addr=05.0
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/errno.h>
#include <public/physdev.h>
#include <pv/events.h>
#include <pv/hvinfo.h>

const char test_title[] = "physdev-msi: MSI/MSI-X PIRQs and PCI registration for dom0";

#define AHCI_DEVFN   0xfa       /* 00:1f.2 */
#define HOST_DEVFN   0x00       /* 00:00.0 */
#define NIC_DEVFN    0x28       /* 00:05.0 */
#define EMPTY_DEVFN  0x80       /* 00:10.0 */
#define PCI_CAP_MSIX 0x11

#define PFN_SCRATCH  0x40
#define PTE_RW       (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                      _PAGE_PCD | _PAGE_PWT)

#define check_errno(rc, err, what) check_eq((rc), -(long)(err), (what))

static long physdev(int cmd, void *arg)
{
    return HYPERVISOR_physdev_op(cmd, arg);
}

static uint32_t conf_read(unsigned int devfn, unsigned int reg)
{
    uint32_t v, addr = 0x80000000u | devfn << 8 | (reg & 0xfc);

    asm volatile ( "outl %0, %1" :: "a" (addr), "Nd" ((uint16_t)0xcf8) );
    asm volatile ( "inl %1, %0" : "=a" (v) : "Nd" ((uint16_t)0xcfc) );
    return v;
}

static long map_msi(int type, unsigned int bus, unsigned int devfn, int entry_nr,
                    uint64_t table_base, int *pirq)
{
    struct physdev_map_pirq m = {
        .domid = DOMID_SELF, .type = type, .index = -1, .pirq = *pirq,
        .bus = bus, .devfn = devfn, .entry_nr = entry_nr,
        .table_base = table_base,
    };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    *pirq = m.pirq;
    return rc;
}

static long unmap(int pirq)
{
    struct physdev_unmap_pirq u = { .domid = DOMID_SELF, .pirq = pirq };

    return physdev(PHYSDEVOP_unmap_pirq, &u);
}

static long bind_pirq(uint32_t pirq, evtchn_port_t *port)
{
    struct evtchn_bind_pirq b = { .pirq = pirq };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &b);

    *port = b.port;
    return rc;
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c);
}

static long dev_op(int cmd, unsigned int seg, unsigned int devfn)
{
    struct physdev_pci_device d = { .seg = seg, .bus = 0, .devfn = devfn };

    return physdev(cmd, &d);
}

static long dev_add(unsigned int seg, unsigned int devfn)
{
    struct physdev_pci_device_add a = { .seg = seg, .bus = 0, .devfn = devfn };

    return physdev(PHYSDEVOP_pci_device_add, &a);
}

static long manage(int cmd, unsigned int devfn)
{
    struct physdev_manage_pci m = { .bus = 0, .devfn = devfn };

    return physdev(cmd, &m);
}

static void test_registry(void)
{
    struct physdev_manage_pci_ext e = { .bus = 0, .devfn = EMPTY_DEVFN + 2 };

    check_eq(dev_add(0, AHCI_DEVFN), 0, "pci_device_add of a device present at boot");
    check_eq(dev_add(0, EMPTY_DEVFN), 0, "pci_device_add of an empty slot");
    check_eq(dev_op(PHYSDEVOP_pci_device_remove, 0, EMPTY_DEVFN), 0,
             "pci_device_remove of what was added");
    check_errno(dev_op(PHYSDEVOP_pci_device_remove, 0, EMPTY_DEVFN), XEN_ENODEV,
                "pci_device_remove again");
    check_errno(dev_op(PHYSDEVOP_pci_device_remove, 7, AHCI_DEVFN), XEN_ENODEV,
                "pci_device_remove in a segment never seen");
    check_eq(dev_add(7, AHCI_DEVFN), 0, "pci_device_add in segment 7");
    check_eq(dev_op(PHYSDEVOP_pci_device_remove, 7, AHCI_DEVFN), 0,
             "... and its removal");
    check_eq(manage(PHYSDEVOP_manage_pci_add, EMPTY_DEVFN + 1), 0, "manage_pci_add");
    check_eq(manage(PHYSDEVOP_manage_pci_remove, EMPTY_DEVFN + 1), 0, "manage_pci_remove");
    check_errno(manage(PHYSDEVOP_manage_pci_remove, EMPTY_DEVFN + 1), XEN_ENODEV,
                "manage_pci_remove again");
    check_eq(physdev(PHYSDEVOP_manage_pci_add_ext, &e), 0, "manage_pci_add_ext");
    check_eq(manage(PHYSDEVOP_manage_pci_remove, EMPTY_DEVFN + 2), 0,
             "manage_pci_remove of it");
    check_errno(dev_op(PHYSDEVOP_restore_msi_ext, 0, EMPTY_DEVFN), XEN_ENODEV,
                "restore_msi_ext of an unknown device");
    check_eq(dev_op(PHYSDEVOP_restore_msi_ext, 0, AHCI_DEVFN), 0,
             "restore_msi_ext of the AHCI controller");
}

static void test_msi_errors(void)
{
    int pirq;

    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, EMPTY_DEVFN, 0, 0, &pirq),
                XEN_ENODEV, "MSI of an empty slot");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, HOST_DEVFN, 0, 0, &pirq),
                XEN_ENODEV, "MSI of a device without the capability");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 3 << 16, AHCI_DEVFN, 0, 0, &pirq),
                XEN_ENODEV, "MSI in segment 3");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, AHCI_DEVFN, 0, 0x1000, &pirq),
                XEN_ENODEV, "MSI-X of a device with MSI only");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MULTI_MSI, 0, AHCI_DEVFN, 0, 0, &pirq),
                XEN_EDOM, "MULTI_MSI of 0 vectors");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MULTI_MSI, 0, AHCI_DEVFN, 33, 0, &pirq),
                XEN_EDOM, "MULTI_MSI of 33 vectors");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MULTI_MSI, 0, AHCI_DEVFN, 2, 0, &pirq),
                XEN_EOPNOTSUPP, "MULTI_MSI of 2 vectors without interrupt remapping");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MULTI_MSI, 0, AHCI_DEVFN, 1, 0x1000, &pirq),
                XEN_EINVAL, "MULTI_MSI with a table base");
}

/* Map one MSI, bind, query, EOI, close, unmap. */
static void cycle(int type, unsigned int devfn, int entry, uint64_t table,
                  uint32_t flags, const char *what)
{
    struct physdev_irq_status_query q = { .flags = 0xdead };
    evtchn_port_t port, port2;
    int pirq = -1;

    if ( !check_rc_setup(map_msi(type, 0, devfn, entry, table, &pirq), what) )
        return;
    check(pirq >= 16, "%s: PIRQ %d", what, pirq);
    q.irq = pirq;
    check_eq(physdev(PHYSDEVOP_irq_status_query, &q), 0, "irq_status_query");
    xtest_info("%s: PIRQ %d, status flags %#x", what, pirq, q.flags);
    check_eq(q.flags, flags, "irq_status_query flags");
    check_eq(bind_pirq(pirq, &port), 0, "bind_pirq of the MSI");
    check_errno(bind_pirq(pirq, &port2), XEN_EEXIST, "bind_pirq of it again");
    check_eq(physdev(PHYSDEVOP_eoi, &(struct physdev_eoi){ .irq = pirq }), 0,
             "eoi of the MSI");
    check_eq(close_port(port), 0, "close its port");
    check_eq(unmap(pirq), 0, "unmap_pirq of the MSI");
    check_errno(unmap(pirq), XEN_EINVAL, "unmap_pirq of it again");
}

/* The NIC's MSI-X table address (from its BAR), or 0. */
static uint64_t msix_table(unsigned int *cap)
{
    unsigned int pos = conf_read(NIC_DEVFN, 0x34) & 0xfc;
    uint32_t off, bar;

    for ( int n = 0; pos >= 0x40 && n < 48; n++ )
    {
        uint32_t hdr = conf_read(NIC_DEVFN, pos);

        if ( (hdr & 0xff) == PCI_CAP_MSIX )
            break;
        pos = (hdr >> 8) & 0xfc;
    }
    if ( pos < 0x40 )
        return 0;
    *cap = pos;
    off = conf_read(NIC_DEVFN, pos + 4);
    bar = conf_read(NIC_DEVFN, 0x10 + 4 * (off & 7));
    return (bar & ~0xfu) + (off & ~7u);
}

/* Whether dom0 gets a writable mapping of the table when it asks. */
static int table_writable(uint64_t table)
{
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    long rc = HYPERVISOR_update_va_mapping(va, (table & ~0xfffUL) | PTE_RW,
                                           UVMF_INVLPG);
    int w;

    if ( rc )
        return -1;
    w = !!(pt_leaf(va) & _PAGE_RW);
    HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG);
    return w;
}

static void test_msix(void)
{
    unsigned int cap = 0;
    uint64_t table = msix_table(&cap);
    int pirq = -1;

    if ( !check(table != 0, "the e1000e's MSI-X table (cap at %#x)", cap) )
        return;
    xtest_info("MSI-X table at %#lx", (unsigned long)table);
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, NIC_DEVFN, 0, table, &pirq),
                XEN_ENODEV, "MSI-X of a device dom0 never announced");
    check_eq(dev_add(0, NIC_DEVFN), 0, "pci_device_add of the e1000e");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, NIC_DEVFN, 99, table, &pirq),
                XEN_EINVAL, "MSI-X entry 99 of a 5-entry table");
    pirq = -1;
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, NIC_DEVFN, -1, table, &pirq),
                XEN_EINVAL, "MSI-X entry -1");
    check_eq(table_writable(table), 1, "the table is dom0's while unused");

    pirq = -1;
    if ( check_rc_setup(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, NIC_DEVFN, 0, table,
                                &pirq), "MSI-X entry 0") )
    {
        check_eq(table_writable(table), 0, "a writable mapping of the table in use is read-only");
        check_errno(dev_op(PHYSDEVOP_prepare_msix, 0, NIC_DEVFN), XEN_EBUSY,
                    "prepare_msix with an entry in use");
        check_eq(unmap(pirq), 0, "unmap the MSI-X entry");
    }
    check_eq(table_writable(table), 1, "the table is dom0's again");
    cycle(MAP_PIRQ_TYPE_MSI_SEG, NIC_DEVFN, 1, table, XENIRQSTAT_needs_eoi,
          "MSI-X entry 1");

    if ( !hv_is_xen() )
        check_errno(dev_op(PHYSDEVOP_prepare_msix, 0, AHCI_DEVFN), XEN_ENODEV,
                    "prepare_msix of a device without MSI-X");
    check_errno(dev_op(PHYSDEVOP_release_msix, 0, NIC_DEVFN), XEN_EBUSY,
                "release_msix of a table nobody prepared");
    check_eq(dev_op(PHYSDEVOP_prepare_msix, 0, NIC_DEVFN), 0, "prepare_msix");
    check_eq(table_writable(table), 0, "a prepared table is read-only");
    check_errno(dev_op(PHYSDEVOP_prepare_msix, 0, NIC_DEVFN), XEN_EBUSY,
                "prepare_msix again");
    check_eq(dev_op(PHYSDEVOP_release_msix, 0, NIC_DEVFN), 0, "release_msix");
    check_eq(table_writable(table), 1, "a released table is dom0's");
}

static void test_removed_device(void)
{
    int pirq = -1;

    check_eq(dev_op(PHYSDEVOP_pci_device_remove, 0, AHCI_DEVFN), 0,
             "remove the AHCI controller");
    check_errno(map_msi(MAP_PIRQ_TYPE_MSI_SEG, 0, AHCI_DEVFN, 0, 0, &pirq),
                XEN_ENODEV, "MSI of a removed device");
    check_eq(dev_add(0, AHCI_DEVFN), 0, "add it back");
    cycle(MAP_PIRQ_TYPE_MSI, AHCI_DEVFN, 0, 0, XENIRQSTAT_needs_eoi,
          "MSI (old type) after the add");
}

void test_main(void)
{
    struct physdev_set_iopl io = { .iopl = 1 };
    int pirq = -1;

    if ( !check_rc_setup(physdev(PHYSDEVOP_set_iopl, &io), "set_iopl(1)") )
        return;
    test_registry();
    test_msi_errors();
    cycle(MAP_PIRQ_TYPE_MSI_SEG, AHCI_DEVFN, 0, 0, XENIRQSTAT_needs_eoi,
          "MSI of the AHCI controller");
    if ( check_rc_setup(map_msi(MAP_PIRQ_TYPE_MULTI_MSI, 0, AHCI_DEVFN, 1, 0,
                                &pirq), "MULTI_MSI of 1 vector") )
        check_eq(unmap(pirq), 0, "unmap it");
    test_msix();
    test_removed_device();
}

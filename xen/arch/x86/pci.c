/*
 * PCI configuration access for the hypervisor and the registry of the
 * PCI devices it knows (interface in asm/pci.h).
 *
 * Xen 4.17 learns every device by scanning the buses at boot, but
 * (without an IOMMU) gives none of them to dom0 until dom0 announces it
 * (PHYSDEVOP_pci_device_add, or manage_pci_add*): only then may dom0
 * set up MSI for it.  Announcing a device twice is no error, nor is
 * announcing an empty slot; removing a device Xen knows (scanned or
 * announced) forgets it, removing an unknown one is -ENODEV.  The scan
 * here is done on first use rather than at boot: the answers are the
 * same and a machine without dom0 interrupts never pays for it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/pci.h>

#define PCI_CONF_ADDR   0xcf8
#define PCI_CONF_DATA   0xcfc

/* Room for a large machine's functions; beyond it an add is -ENOMEM,
 * as Xen's allocation failure. */
#define MAX_PCI_DEVS 512

DEFINE_SPINLOCK(pci_conf_lock);

static uint32_t devs[MAX_PCI_DEVS];     /* seg << 16 | bus << 8 | devfn */
static bool dom0s[MAX_PCI_DEVS];        /* announced by dom0 (its own) */
static unsigned int nr_devs;
static bool scanned;
static DEFINE_SPINLOCK(devs_lock);

static uint32_t conf_addr(unsigned int bus, unsigned int devfn,
                          unsigned int reg)
{
    return 0x80000000u | (bus & 0xff) << 16 | (devfn & 0xff) << 8 |
           (reg & 0xfc);
}

uint32_t pci_conf_read(unsigned int bus, unsigned int devfn,
                       unsigned int reg, unsigned int size)
{
    unsigned int port = PCI_CONF_DATA + (reg & 3);
    unsigned long flags;
    uint32_t v;

    spin_lock_irqsave(&pci_conf_lock, flags);
    outl(conf_addr(bus, devfn, reg), PCI_CONF_ADDR);
    v = port_in(port, size);
    spin_unlock_irqrestore(&pci_conf_lock, flags);
    return v;
}

void pci_conf_write(unsigned int bus, unsigned int devfn, unsigned int reg,
                    unsigned int size, uint32_t val)
{
    unsigned int port = PCI_CONF_DATA + (reg & 3);
    unsigned long flags;

    spin_lock_irqsave(&pci_conf_lock, flags);
    outl(conf_addr(bus, devfn, reg), PCI_CONF_ADDR);
    port_out(port, size, val);
    spin_unlock_irqrestore(&pci_conf_lock, flags);
}

uint32_t pci_seg_conf_read(unsigned int seg, unsigned int bus,
                           unsigned int devfn, unsigned int reg,
                           unsigned int size)
{
    uint32_t v;

    if ( !seg && reg < 256 )
        return pci_conf_read(bus, devfn, reg, size);
    if ( pci_mmcfg_read(seg, bus, devfn, reg, size, &v) )
        return v;
    return size == 1 ? 0xff : size == 2 ? 0xffff : ~0u;
}

unsigned int pci_seg_find_cap(unsigned int seg, unsigned int bus,
                              unsigned int devfn, unsigned int id)
{
    unsigned int pos, ttl = 48;     /* a looping list ends */

    if ( !(pci_seg_conf_read(seg, bus, devfn, 0x06, 2) & 0x10) )
        return 0;                   /* no capability list */
    pos = pci_seg_conf_read(seg, bus, devfn, 0x34, 1) & 0xfc;
    while ( pos >= 0x40 && ttl-- )
    {
        if ( pci_seg_conf_read(seg, bus, devfn, pos, 1) == id )
            return pos;
        pos = pci_seg_conf_read(seg, bus, devfn, pos + 1, 1) & 0xfc;
    }
    return 0;
}

unsigned int pci_find_cap(unsigned int bus, unsigned int devfn,
                          unsigned int id)
{
    return pci_seg_find_cap(0, bus, devfn, id);
}

static bool present(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    return (pci_seg_conf_read(seg, bus, devfn, 0, 4) & 0xffff) != 0xffff;
}

/* With devs_lock: index of sbdf, or -1. */
static int find(uint32_t sbdf)
{
    for ( unsigned int i = 0; i < nr_devs; i++ )
        if ( devs[i] == sbdf )
            return i;
    return -1;
}

static uint32_t sbdf(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    return (seg & 0xffff) << 16 | (bus & 0xff) << 8 | (devfn & 0xff);
}

/* With devs_lock: every function answering on one bus. */
static void scan_bus(unsigned int seg, unsigned int bus)
{
    for ( unsigned int dev = 0; dev < 32; dev++ )
    {
        unsigned int nfn = 1;

        if ( !present(seg, bus, dev << 3) )
            continue;
        if ( pci_seg_conf_read(seg, bus, dev << 3, 0x0e, 1) & 0x80 )
            nfn = 8;                /* multi-function */
        for ( unsigned int fn = 0; fn < nfn; fn++ )
            if ( present(seg, bus, dev << 3 | fn) && nr_devs < MAX_PCI_DEVS &&
                 find(sbdf(seg, bus, dev << 3 | fn)) < 0 )
            {
                dom0s[nr_devs] = false;
                devs[nr_devs++] = sbdf(seg, bus, dev << 3 | fn);
            }
    }
}

/* Only segment 0's buses not in an MCFG area (those are scanned with
 * the areas, through the ports all the same). */
static void scan_seg0_bus(unsigned int bus)
{
    if ( !mcfg_find_bus(&acpi_mcfg, 0, bus) )
        scan_bus(0, bus);
}

/* With devs_lock: every function answering on segment 0 (through the
 * ports) and on every bus an MCFG area covers, any segment, as Xen
 * scans every segment it knows at boot. */
static void scan(void)
{
    scanned = true;
    for ( unsigned int bus = 0; bus < 256; bus++ )
        scan_seg0_bus(bus);
    pci_mmcfg_each_bus(scan_bus);
}

int pci_dev_add(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    unsigned long flags;
    int i, rc = 0;

    spin_lock_irqsave(&devs_lock, flags);
    if ( !scanned )
        scan();
    if ( (i = find(sbdf(seg, bus, devfn))) >= 0 )
        dom0s[i] = true;
    else if ( nr_devs == MAX_PCI_DEVS )
        rc = -ENOMEM;
    else
    {
        dom0s[nr_devs] = true;
        devs[nr_devs++] = sbdf(seg, bus, devfn);
    }
    spin_unlock_irqrestore(&devs_lock, flags);
    return rc;
}

int pci_dev_remove(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    unsigned long flags;
    int i;

    spin_lock_irqsave(&devs_lock, flags);
    if ( !scanned )
        scan();
    if ( (i = find(sbdf(seg, bus, devfn))) >= 0 )
    {
        nr_devs--;
        devs[i] = devs[nr_devs];
        dom0s[i] = dom0s[nr_devs];
    }
    spin_unlock_irqrestore(&devs_lock, flags);
    return i >= 0 ? 0 : -ENODEV;
}

bool pci_dev_known(unsigned int seg, unsigned int bus, unsigned int devfn,
                   bool dom0s_only)
{
    unsigned long flags;
    bool known;
    int i;

    spin_lock_irqsave(&devs_lock, flags);
    if ( !scanned )
        scan();
    i = find(sbdf(seg, bus, devfn));
    known = i >= 0 && (dom0s[i] || !dom0s_only);
    spin_unlock_irqrestore(&devs_lock, flags);
    return known;
}

/*
 * PCI Express memory-mapped configuration (MMCONFIG, ECAM) of every
 * segment the MCFG table names (checked by acpi/mcfg.c, asm/mcfg_areas.h).
 *
 * As Xen 4.17: each area is mapped read-only for dom0 at boot, and dom0's
 * stores there are emulated through the same MSI filter as its 0xcfc
 * writes (pv/mmcfg_write.c, arch/x86/msi.c), so that dom0 cannot undo
 * through MMCONFIG what the hypervisor programmed.  The hypervisor uses
 * an area itself (its own accesses to segments other than 0 and to
 * registers from 256 up, and the emulated stores) while it is "in use":
 * from boot, until dom0 reports it not reserved
 * (PHYSDEVOP_pci_mmcfg_reserved with flags 0), and again once dom0
 * reports it reserved.  The read-only guard never goes: an area out of
 * use is still covered, dom0's stores there are dropped (Xen's read-only
 * MMIO emulation).  An area the e820 map calls RAM is firmware nonsense
 * and forgotten at boot.
 *
 * The areas never change after boot; only in_use does, under mcfg_lock,
 * and readers take it once (READ_ONCE).  Each area is mapped uncached in
 * the direct map when it comes into use and never unmapped, so an access
 * racing with dom0's report still reaches device memory.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/e820.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>
#include <asm/pci.h>

static DEFINE_SPINLOCK(mcfg_lock);
/* Area i is mapped (once: dom0's repeated reports cost nothing). */
static bool mapped[MCFG_MAX_AREAS];

/* Map area i of acpi_mcfg for the hypervisor's accesses. */
static bool area_map(unsigned int i)
{
    const struct mcfg_area *a = &acpi_mcfg.a[i];

    if ( !mapped[i] )
        mapped[i] = ioremap_uc(mcfg_area_start(a),
                               mcfg_area_end(a) - mcfg_area_start(a)) != NULL;
    return mapped[i];
}

void pci_mmcfg_init(void)
{
    for ( unsigned int i = 0; i < acpi_mcfg.nr; )
    {
        struct mcfg_area *a = &acpi_mcfg.a[i];

        if ( e820_all_ram(mcfg_area_start(a), mcfg_area_end(a)) )
        {
            printk(XENLOG_WARNING "PCI: MMCONFIG of segment %u at %#lx is RAM, ignored\n",
                   a->seg, (unsigned long)mcfg_area_start(a));
            mcfg_area_drop(&acpi_mcfg, i);
            continue;
        }
        mmio_guard(mcfg_area_start(a), mcfg_area_end(a) - mcfg_area_start(a),
                   MMIO_READ_ONLY);
        a->in_use = area_map(i);
        printk(XENLOG_INFO "PCI: MMCONFIG for segment %u buses %02x-%02x at %#lx, read-only for dom0%s\n",
               a->seg, a->start_bus, a->end_bus,
               (unsigned long)mcfg_area_start(a), a->in_use ? "" : " (unmapped)");
        i++;
    }
}

enum mmcfg_frame pci_mmcfg_decode(unsigned long mfn, unsigned int *seg,
                                  unsigned int *bus, unsigned int *devfn)
{
    const struct mcfg_area *a = mcfg_decode(&acpi_mcfg,
                                            (paddr_t)mfn << PAGE_SHIFT,
                                            seg, bus, devfn);

    if ( !a )
        return MMCFG_NONE;
    return READ_ONCE(a->in_use) ? MMCFG_IN_USE : MMCFG_UNUSED;
}

/* The direct-map address of reg of seg:bus:devfn, if an area in use
 * holds it. */
static volatile void *conf_ptr(unsigned int seg, unsigned int bus,
                               unsigned int devfn, unsigned int reg)
{
    const struct mcfg_area *a = mcfg_find_bus(&acpi_mcfg, seg, bus);

    if ( !a || !READ_ONCE(a->in_use) || reg > 0xfff || devfn > 0xff )
        return NULL;
    return __va(mcfg_conf_addr(a, bus, devfn, reg));
}

bool pci_mmcfg_read(unsigned int seg, unsigned int bus, unsigned int devfn,
                    unsigned int reg, unsigned int size, uint32_t *val)
{
    volatile void *p = conf_ptr(seg, bus, devfn, reg);

    if ( !p )
        return false;
    if ( size == 1 )
        *val = *(volatile uint8_t *)p;
    else if ( size == 2 )
        *val = *(volatile uint16_t *)p;
    else
        *val = *(volatile uint32_t *)p;
    return true;
}

bool pci_mmcfg_write(unsigned int seg, unsigned int bus, unsigned int devfn,
                     unsigned int reg, unsigned int size, uint32_t val)
{
    volatile void *p = conf_ptr(seg, bus, devfn, reg);

    if ( !p )
        return false;
    if ( size == 1 )
        *(volatile uint8_t *)p = val;
    else if ( size == 2 )
        *(volatile uint16_t *)p = val;
    else
        *(volatile uint32_t *)p = val;
    return true;
}

void pci_mmcfg_each_bus(void (*fn)(unsigned int seg, unsigned int bus))
{
    for ( unsigned int i = 0; i < acpi_mcfg.nr; i++ )
        for ( unsigned int b = acpi_mcfg.a[i].start_bus;
              b <= acpi_mcfg.a[i].end_bus; b++ )
            fn(acpi_mcfg.a[i].seg, b);
}

int pci_mmcfg_reserved(uint64_t addr, unsigned int seg, unsigned int start_bus,
                       unsigned int end_bus, uint32_t flags)
{
    unsigned int i;
    int rc;

    spin_lock(&mcfg_lock);
    rc = mcfg_reserved(&acpi_mcfg, addr, seg, start_bus, end_bus, flags, &i);
    if ( !rc && acpi_mcfg.a[i].in_use && !area_map(i) )
    {
        acpi_mcfg.a[i].in_use = false;
        rc = -ENOMEM;                   /* Xen's answer when it cannot map */
    }
    spin_unlock(&mcfg_lock);
    if ( rc == -EIO )
        printk(XENLOG_WARNING "PCI: dom0 names segment %u buses %02x-%02x at %#lx, MCFG says otherwise\n",
               seg, start_bus, end_bus, (unsigned long)addr);
    else if ( !rc )
        printk(XENLOG_INFO "PCI: MMCONFIG of segment %u buses %02x-%02x %s\n",
               seg, start_bus, end_bus,
               flags ? "in use" : "out of use (dom0: not reserved)");
    return rc;
}

/*
 * PCI Express memory-mapped configuration (MMCONFIG, ECAM) as dom0
 * sees it.  Xen 4.17 maps every MCFG area of its segments read-only for
 * dom0 and emulates dom0's stores there through the same MSI filter as
 * the 0xcfc writes (arch/x86/msi.c), so that dom0 cannot undo through
 * MMCONFIG what the hypervisor programmed.  So does this hypervisor, for
 * segment 0 (the only one it gives MSI for): the areas are guarded
 * read-only at boot (asm/mmio_guard.h) and pv/mmcfg_write.c emulates
 * the stores that fault there.  An area the e820 map calls RAM is
 * firmware nonsense and left alone.
 */
#include <xen/lib.h>
#include <asm/acpi.h>
#include <asm/cpu.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>
#include <asm/pci.h>

#define BUS_SHIFT 20               /* 1 MiB of configuration per bus */

static const struct acpi_mcfg_area *areas[ACPI_MAX_MCFG];
static unsigned int nr_areas;

static paddr_t area_start(const struct acpi_mcfg_area *a)
{
    return a->base + ((paddr_t)a->start_bus << BUS_SHIFT);
}

static paddr_t area_end(const struct acpi_mcfg_area *a)
{
    return a->base + ((paddr_t)(a->end_bus + 1) << BUS_SHIFT);
}

void pci_mmcfg_init(void)
{
    for ( unsigned int i = 0; i < acpi_mcfg.nr; i++ )
    {
        const struct acpi_mcfg_area *a = &acpi_mcfg.areas[i];

        if ( a->segment || (area_end(a) >> paddr_bits) ||
             e820_all_ram(area_start(a), area_end(a)) )
            continue;
        mmio_guard(area_start(a), area_end(a) - area_start(a), MMIO_READ_ONLY);
        areas[nr_areas++] = a;
        printk(XENLOG_INFO "PCI: MMCONFIG for buses %02x-%02x at %#lx, read-only for dom0\n",
               a->start_bus, a->end_bus, (unsigned long)area_start(a));
    }
}

bool pci_mmcfg_decode(unsigned long mfn, unsigned int *bus, unsigned int *devfn)
{
    paddr_t pa = (paddr_t)mfn << PAGE_SHIFT;

    for ( unsigned int i = 0; i < nr_areas; i++ )
        if ( pa >= area_start(areas[i]) && pa < area_end(areas[i]) )
        {
            *bus = (pa - areas[i]->base) >> BUS_SHIFT;
            *devfn = ((pa - areas[i]->base) >> PAGE_SHIFT) & 0xff;
            return true;
        }
    return false;
}

void pci_mmcfg_write(unsigned long mfn, unsigned int reg, unsigned int size,
                     uint32_t val)
{
    paddr_t pa = ((paddr_t)mfn << PAGE_SHIFT) + (reg & (PAGE_SIZE - 1));
    volatile void *p = ioremap_uc(pa, size);

    if ( !p )
        return;
    if ( size == 1 )
        *(volatile uint8_t *)p = val;
    else if ( size == 2 )
        *(volatile uint16_t *)p = val;
    else
        *(volatile uint32_t *)p = val;
}

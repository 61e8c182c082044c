/*
 * MCFG table parsing: the PCI Express memory-mapped configuration areas
 * (ECAM) of every segment, checked entry by entry (asm/mcfg_areas.h:
 * ordered buses, 1 MiB aligned, below the physical address width, no
 * overlap) into acpi_mcfg for arch/x86/pci_mmcfg.c.  A refused entry is
 * reported and left out; the others stand.
 */
#include <xen/lib.h>
#include <asm/cpu.h>
#include "acpi-internal.h"

struct mcfg_areas acpi_mcfg;

static void refused(unsigned int i, int err, const struct mcfg_area *e)
{
    printk(XENLOG_WARNING "ACPI: MCFG entry %u (segment %u buses %02x-%02x at %#lx) ignored (%d)\n",
           i, e->seg, e->start_bus, e->end_bus, (unsigned long)e->base, err);
}

void acpi_parse_mcfg(void)
{
    const struct acpi_table_header *t = acpi_get_table("MCFG", 0);

    if ( !t )
        return;
    mcfg_parse(&acpi_mcfg, t, t->length, paddr_bits, refused);
    for ( unsigned int i = 0; i < acpi_mcfg.nr; i++ )
        printk(XENLOG_INFO "ACPI: MCFG segment %u buses %02x-%02x at %#lx\n",
               acpi_mcfg.a[i].seg, acpi_mcfg.a[i].start_bus,
               acpi_mcfg.a[i].end_bus, (unsigned long)acpi_mcfg.a[i].base);
}

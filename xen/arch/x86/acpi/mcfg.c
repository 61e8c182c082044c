/*
 * MCFG table parsing: the PCI Express memory-mapped configuration areas
 * (ECAM), one per segment and bus range, into acpi_mcfg for
 * arch/x86/pci_mmcfg.c.  An entry whose bus range is inverted or whose
 * base is not 1 MiB aligned is ignored.
 */
#include <xen/lib.h>
#include "acpi-internal.h"

struct acpi_mcfg_info acpi_mcfg;

struct acpi_mcfg_entry {
    uint64_t base;
    uint16_t segment;
    uint8_t start_bus, end_bus;
    uint32_t reserved;
} __packed;

#define MCFG_ENTRIES_OFFSET 44    /* header (36) + 8 reserved bytes */

void acpi_parse_mcfg(void)
{
    const struct acpi_table_header *t = acpi_get_table("MCFG", 0);
    const struct acpi_mcfg_entry *e;
    unsigned int n;

    if ( !t || t->length < MCFG_ENTRIES_OFFSET )
        return;
    e = (const void *)((const uint8_t *)t + MCFG_ENTRIES_OFFSET);
    n = (t->length - MCFG_ENTRIES_OFFSET) / sizeof(*e);
    for ( unsigned int i = 0; i < n; i++, e++ )
    {
        if ( e->end_bus < e->start_bus || (e->base & 0xfffff) ||
             acpi_mcfg.nr == ACPI_MAX_MCFG )
        {
            printk(XENLOG_WARNING "ACPI: MCFG entry %u ignored\n", i);
            continue;
        }
        acpi_mcfg.areas[acpi_mcfg.nr++] = (struct acpi_mcfg_area){
            e->base, e->segment, e->start_bus, e->end_bus };
        printk(XENLOG_INFO "ACPI: MCFG segment %u buses %02x-%02x at %#lx\n",
               e->segment, e->start_bus, e->end_bus, (unsigned long)e->base);
    }
}

/*
 * HPET table parsing: the first valid HPET description (its MMIO base must
 * be in memory space and 1 KiB aligned) goes into acpi_hpet for the HPET
 * driver (arch/x86/hpet.c).
 */
#include <xen/lib.h>
#include "acpi-internal.h"

struct acpi_hpet_info acpi_hpet;

void acpi_parse_hpet(void)
{
    const struct acpi_table_header *t;

    for ( unsigned int i = 0; (t = acpi_get_table("HPET", i)); i++ )
    {
        const struct acpi_hpet_table *h = (const void *)t;

        if ( t->length < sizeof(*h) || h->base.space_id != ACPI_SPACE_MEMORY ||
             !h->base.address || (h->base.address & 0x3ff) )
        {
            printk(XENLOG_WARNING "ACPI: HPET table %u malformed, ignored\n", i);
            continue;
        }
        acpi_hpet.address = h->base.address;
        acpi_hpet.number = h->number;
        acpi_hpet.min_tick = h->min_tick;
        printk(XENLOG_INFO "ACPI: HPET %u at %#lx\n", h->number,
               acpi_hpet.address);
        return;
    }
}

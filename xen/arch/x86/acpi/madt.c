/*
 * MADT (signature "APIC") parsing: the processors' local APIC IDs (xAPIC
 * and x2APIC entries), the IO-APICs, ISA interrupt source overrides and the
 * NMI wiring, into acpi_madt.  Every subtable's length is checked against
 * its type and against the table end before it is read; a malformed entry
 * ends the walk (nothing after it can be located reliably).
 */
#include <xen/lib.h>
#include "acpi-internal.h"

struct acpi_madt_info acpi_madt;

static void add_cpu(uint32_t apic_id, uint32_t uid, uint32_t flags)
{
    if ( !(flags & MADT_CPU_ENABLED) )
        return;                       /* absent, or hot-pluggable later */
    for ( unsigned int i = 0; i < acpi_madt.nr_cpus; i++ )
        if ( acpi_madt.cpus[i].apic_id == apic_id )
            return;                   /* listed as xAPIC and x2APIC */
    if ( acpi_madt.nr_cpus == NR_CPUS )
    {
        printk(XENLOG_WARNING "ACPI: CPU with APIC ID %u beyond NR_CPUS=%u, ignored\n",
               apic_id, NR_CPUS);
        return;
    }
    acpi_madt.cpus[acpi_madt.nr_cpus].apic_id = apic_id;
    acpi_madt.cpus[acpi_madt.nr_cpus++].uid = uid;
}

static void add_ioapic(const struct madt_ioapic *e)
{
    unsigned int n = acpi_madt.nr_ioapics;

    if ( n == MAX_IO_APICS )
    {
        printk(XENLOG_WARNING "ACPI: more than %u IO-APICs, ID %u ignored\n",
               MAX_IO_APICS, e->id);
        return;
    }
    acpi_madt.ioapics[n].id = e->id;
    acpi_madt.ioapics[n].addr = e->addr;
    acpi_madt.ioapics[n].gsi_base = e->gsi_base;
    acpi_madt.nr_ioapics++;
}

static void add_iso(const struct madt_iso *e)
{
    unsigned int n = acpi_madt.nr_isos;

    if ( e->bus != 0 || e->source >= 16 || n == MAX_ACPI_ISOS )
    {
        printk(XENLOG_WARNING "ACPI: interrupt override bus %u IRQ %u ignored\n",
               e->bus, e->source);
        return;
    }
    acpi_madt.isos[n].irq = e->source;
    acpi_madt.isos[n].gsi = e->gsi;
    acpi_madt.isos[n].flags = e->flags;
    acpi_madt.nr_isos++;
    printk(XENLOG_DEBUG "ACPI: IRQ%u -> GSI %u flags %#x\n", e->source, e->gsi,
           e->flags);
}

static void add_lapic_nmi(uint32_t uid, uint16_t flags, uint8_t lint)
{
    unsigned int n = acpi_madt.nr_lapic_nmis;

    if ( lint > 1 || n == MAX_ACPI_LAPIC_NMIS )
        return;
    acpi_madt.lapic_nmis[n].uid = uid;
    acpi_madt.lapic_nmis[n].flags = flags;
    acpi_madt.lapic_nmis[n].lint = lint;
    acpi_madt.nr_lapic_nmis++;
}

static void add_nmi_source(const struct madt_nmi_source *e)
{
    unsigned int n = acpi_madt.nr_nmi_sources;

    if ( n == MAX_ACPI_NMI_SOURCES )
        return;
    acpi_madt.nmi_sources[n].gsi = e->gsi;
    acpi_madt.nmi_sources[n].flags = e->flags;
    acpi_madt.nr_nmi_sources++;
}

/* The minimum length of each subtable type we read; 0: type skipped. */
static size_t entry_min_length(uint8_t type)
{
    switch ( type )
    {
    case MADT_LAPIC: return sizeof(struct madt_lapic);
    case MADT_IOAPIC: return sizeof(struct madt_ioapic);
    case MADT_ISO: return sizeof(struct madt_iso);
    case MADT_NMI_SOURCE: return sizeof(struct madt_nmi_source);
    case MADT_LAPIC_NMI: return sizeof(struct madt_lapic_nmi);
    case MADT_LAPIC_OVERRIDE: return sizeof(struct madt_lapic_override);
    case MADT_X2APIC: return sizeof(struct madt_x2apic);
    case MADT_X2APIC_NMI: return sizeof(struct madt_x2apic_nmi);
    }
    return 0;
}

static void parse_entry(const struct acpi_subtable *s)
{
    switch ( s->type )
    {
    case MADT_LAPIC: {
        const struct madt_lapic *e = (const void *)s;

        add_cpu(e->apic_id, e->uid, e->flags);
        break;
    }
    case MADT_X2APIC: {
        const struct madt_x2apic *e = (const void *)s;

        add_cpu(e->x2apic_id, e->uid, e->flags);
        break;
    }
    case MADT_IOAPIC:
        add_ioapic((const void *)s);
        break;
    case MADT_ISO:
        add_iso((const void *)s);
        break;
    case MADT_NMI_SOURCE:
        add_nmi_source((const void *)s);
        break;
    case MADT_LAPIC_NMI: {
        const struct madt_lapic_nmi *e = (const void *)s;

        add_lapic_nmi(e->uid == 0xff ? ACPI_UID_ALL : e->uid, e->flags, e->lint);
        break;
    }
    case MADT_X2APIC_NMI: {
        const struct madt_x2apic_nmi *e = (const void *)s;

        add_lapic_nmi(e->uid, e->flags, e->lint);
        break;
    }
    case MADT_LAPIC_OVERRIDE:
        acpi_madt.lapic_addr = ((const struct madt_lapic_override *)s)->addr;
        break;
    }
}

static void walk_entries(const struct acpi_madt *m)
{
    const uint8_t *p = (const uint8_t *)(m + 1);
    const uint8_t *end = (const uint8_t *)m + m->h.length;

    while ( p + sizeof(struct acpi_subtable) <= end )
    {
        const struct acpi_subtable *s = (const void *)p;
        size_t min = entry_min_length(s->type);

        if ( s->length < sizeof(*s) || p + s->length > end ||
             (min && s->length < min) )
        {
            printk(XENLOG_WARNING "ACPI: MADT entry type %u at offset %#lx malformed; rest ignored\n",
                   s->type, (unsigned long)(p - (const uint8_t *)m));
            return;
        }
        if ( min )
            parse_entry(s);
        p += s->length;
    }
}

void acpi_parse_madt(void)
{
    const struct acpi_table_header *t = acpi_get_table("APIC", 0);
    const struct acpi_madt *m = (const void *)t;

    if ( !t || t->length < sizeof(*m) )
    {
        printk(XENLOG_WARNING "ACPI: no valid MADT; one CPU, no IO-APIC\n");
        return;
    }
    acpi_madt.present = true;
    acpi_madt.pcat_compat = m->flags & 1;
    acpi_madt.lapic_addr = m->lapic_addr;
    walk_entries(m);
    printk(XENLOG_INFO "ACPI: %u CPUs in MADT, %u IO-APICs\n",
           acpi_madt.nr_cpus, acpi_madt.nr_ioapics);
}

uint32_t acpi_isa_irq_to_gsi(unsigned int irq, uint16_t *flags)
{
    for ( unsigned int i = 0; i < acpi_madt.nr_isos; i++ )
        if ( acpi_madt.isos[i].irq == irq )
        {
            *flags = acpi_madt.isos[i].flags;
            return acpi_madt.isos[i].gsi;
        }
    *flags = 0;
    return irq;
}

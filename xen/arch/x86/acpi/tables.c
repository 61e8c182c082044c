/*
 * ACPI table discovery: find the RSDP (from the boot loader, else by
 * scanning the EBDA and the BIOS area 0xE0000-0xFFFFF), walk the XSDT (or
 * the RSDT on ACPI 1.0 firmware), validate every table and keep a list of
 * the valid ones for acpi_get_table().  acpi_boot_init() then runs the
 * parsers for the tables the hypervisor uses.
 *
 * Firmware tables are never trusted: a table is used only once its length
 * is sane and its checksum is zero; anything else is reported and skipped.
 */
#include <xen/lib.h>
#include <asm/e820.h>
#include <asm/mm-map.h>
#include "acpi-internal.h"

#define MAX_ACPI_TABLES   64
#define MAX_TABLE_LENGTH  (16UL << 20)    /* far above any real table */

struct acpi_table_ref {
    paddr_t pa;
    const struct acpi_table_header *t;
};

static struct acpi_table_ref tables[MAX_ACPI_TABLES];
static unsigned int nr_tables;

uint8_t acpi_checksum(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return sum;
}

/*
 * The boot page tables map the low 4 GiB at the direct map; tables above
 * that (rare) are mapped read-only at their direct-map address on demand.
 */
const void *acpi_map(paddr_t pa, size_t len)
{
    paddr_t end = pa + len;

    if ( !len || end < pa || end > (1UL << PADDR_BITS) )
        return NULL;
    for ( paddr_t p = pa & PAGE_MASK; p < end; p += PAGE_SIZE )
    {
        pgentry_t *pte = virt_to_pte((unsigned long)__va(p));

        if ( pte && (*pte & _PAGE_PRESENT) )
            continue;
        if ( map_pages_to_xen((unsigned long)__va(p), _mfn(PFN_DOWN(p)), 1,
                              __PAGE_HYPERVISOR_RO) )
            return NULL;
    }
    return __va(pa);
}

static void print_table(paddr_t pa, const struct acpi_table_header *t)
{
    printk(XENLOG_INFO "ACPI: %.4s %#014lx %06x (v%02u %.6s %.8s %08x %.4s %08x)\n",
           t->signature, pa, t->length, t->revision, t->oem_id,
           t->oem_table_id, t->oem_revision, t->creator_id,
           t->creator_revision);
}

const struct acpi_table_header *acpi_map_table(paddr_t pa, const char *name)
{
    const struct acpi_table_header *t;

    if ( !pa || !(t = acpi_map(pa, sizeof(*t))) )
    {
        printk(XENLOG_WARNING "ACPI: %s at %#lx: unmappable, ignored\n", name, pa);
        return NULL;
    }
    if ( t->length < sizeof(*t) || t->length > MAX_TABLE_LENGTH )
    {
        printk(XENLOG_WARNING "ACPI: %s at %#lx: bad length %#x, ignored\n",
               name, pa, t->length);
        return NULL;
    }
    if ( !acpi_map(pa, t->length) )
    {
        printk(XENLOG_WARNING "ACPI: %s at %#lx: unmappable, ignored\n", name, pa);
        return NULL;
    }
    if ( acpi_checksum(t, t->length) )
    {
        printk(XENLOG_WARNING "ACPI: %s at %#lx: bad checksum, ignored\n",
               name, pa);
        return NULL;
    }
    return t;
}

void acpi_register_table(paddr_t pa, const struct acpi_table_header *t)
{
    for ( unsigned int i = 0; i < nr_tables; i++ )
        if ( tables[i].pa == pa )
            return;                   /* listed twice: keep one */
    if ( nr_tables == MAX_ACPI_TABLES )
    {
        printk(XENLOG_WARNING "ACPI: more than %u tables, %.4s ignored\n",
               MAX_ACPI_TABLES, t->signature);
        return;
    }
    tables[nr_tables++] = (struct acpi_table_ref){ pa, t };
    print_table(pa, t);
}

const struct acpi_table_header *acpi_get_table(const char *sig,
                                               unsigned int instance)
{
    for ( unsigned int i = 0; i < nr_tables; i++ )
        if ( !memcmp(tables[i].t->signature, sig, 4) && !instance-- )
            return tables[i].t;
    return NULL;
}

/* A valid RSDP at va?  Revision 2+ also needs its extended checksum. */
static bool rsdp_valid(const struct acpi_rsdp *r)
{
    if ( memcmp(r->signature, "RSD PTR ", 8) ||
         acpi_checksum(r, ACPI_RSDP_V1_SIZE) )
        return false;
    if ( r->revision < 2 )
        return true;
    return r->length >= sizeof(*r) && r->length <= PAGE_SIZE &&
           acpi_map(__pa(r), r->length) && !acpi_checksum(r, r->length);
}

/* The RSDP sits on a 16-byte boundary. */
static paddr_t scan_rsdp(paddr_t start, paddr_t end)
{
    for ( paddr_t pa = start; pa + sizeof(struct acpi_rsdp) <= end; pa += 16 )
        if ( rsdp_valid(__va(pa)) )
            return pa;
    return 0;
}

/* The first KiB of the EBDA (its segment is in the BDA at 0x40e), then the
 * BIOS read-only area. */
static paddr_t find_rsdp(const struct boot_info *bi)
{
    paddr_t ebda = (paddr_t)*(const uint16_t *)__va(0x40e) << 4;
    paddr_t pa;

    if ( bi->rsdp )
    {
        if ( acpi_map(bi->rsdp, sizeof(struct acpi_rsdp)) &&
             rsdp_valid(__va(bi->rsdp)) )
            return bi->rsdp;
        printk(XENLOG_WARNING "ACPI: RSDP from the boot loader is invalid, scanning\n");
    }
    if ( ebda >= 0x80000 && ebda < 0xa0000 && (pa = scan_rsdp(ebda, ebda + 1024)) )
        return pa;
    return scan_rsdp(0xe0000, 0x100000);
}

const struct acpi_table_header *acpi_table_nth(unsigned int i, paddr_t *pa)
{
    if ( i >= nr_tables )
        return NULL;
    *pa = tables[i].pa;
    return tables[i].t;
}

/* Validate and register each table the root table lists. */
static void walk_root(const struct acpi_table_header *root, size_t entry_size)
{
    const uint8_t *p = (const uint8_t *)(root + 1);
    size_t n = (root->length - sizeof(*root)) / entry_size;

    for ( size_t i = 0; i < n; i++, p += entry_size )
    {
        paddr_t pa = 0;
        const struct acpi_table_header *t;

        memcpy(&pa, p, entry_size);   /* entries may be unaligned */
        if ( (t = acpi_map_table(pa, "table")) )
            acpi_register_table(pa, t);
    }
}

/* Use the XSDT when the RSDP offers a valid one, else the RSDT. */
static bool load_root(const struct acpi_rsdp *r)
{
    const struct acpi_table_header *root;

    if ( r->revision >= 2 && r->xsdt_address &&
         (root = acpi_map_table(r->xsdt_address, "XSDT")) &&
         !memcmp(root->signature, "XSDT", 4) )
    {
        print_table(r->xsdt_address, root);
        walk_root(root, 8);
        return true;
    }
    if ( (root = acpi_map_table(r->rsdt_address, "RSDT")) &&
         !memcmp(root->signature, "RSDT", 4) )
    {
        print_table(r->rsdt_address, root);
        walk_root(root, 4);
        return true;
    }
    printk(XENLOG_WARNING "ACPI: no valid RSDT or XSDT\n");
    return false;
}

void acpi_boot_init(const struct boot_info *bi)
{
    paddr_t rsdp_pa = find_rsdp(bi);
    const struct acpi_rsdp *r;

    if ( !rsdp_pa )
    {
        printk(XENLOG_WARNING "ACPI: no RSDP found; assuming a legacy uniprocessor PC\n");
        return;
    }
    r = __va(rsdp_pa);
    printk(XENLOG_INFO "ACPI: RSDP at %#lx (v%02u %.6s)\n", rsdp_pa,
           r->revision, r->oem_id);
    if ( !load_root(r) )
        return;
    acpi_parse_fadt();
    acpi_parse_madt();
    acpi_parse_hpet();
    acpi_parse_mcfg();
}

/*
 * Memory-map sanitising.  Firmware maps may be unsorted, overlapping or
 * contain zero-length entries.  We rebuild the map from its boundaries:
 * every distinct start or end address is a breakpoint, and each interval
 * between two breakpoints takes the highest-numbered type covering it
 * (reserved and ACPI beat RAM, so overlap never creates RAM).
 */
#include <xen/lib.h>
#include <asm/e820.h>
#include <asm/page.h>

struct e820map e820;

static const char *type_name(uint32_t t)
{
    switch ( t )
    {
    case MEM_RAM: return "RAM";
    case MEM_RESERVED: return "reserved";
    case MEM_ACPI: return "ACPI data";
    case MEM_NVS: return "ACPI NVS";
    case MEM_UNUSABLE: return "unusable";
    }
    return "unknown";
}

static void sort_u64(uint64_t *a, unsigned int n)
{
    for ( unsigned int i = 1; i < n; i++ )
        for ( unsigned int j = i; j && a[j - 1] > a[j]; j-- )
        {
            uint64_t t = a[j];

            a[j] = a[j - 1];
            a[j - 1] = t;
        }
}

/* The type that wins for [lo, hi): 0 if nothing covers it. */
static uint32_t type_at(const struct boot_mem_range *r, unsigned int nr,
                        uint64_t lo, uint64_t hi)
{
    uint32_t type = 0;

    for ( unsigned int i = 0; i < nr; i++ )
        if ( r[i].addr <= lo && r[i].addr + r[i].size >= hi &&
             r[i].type > type )
            type = r[i].type;
    return type;
}

static void append(uint64_t lo, uint64_t hi, uint32_t type)
{
    struct boot_mem_range *last = e820.nr ? &e820.map[e820.nr - 1] : NULL;

    if ( type == MEM_RAM )
    {
        lo = ROUNDUP(lo, PAGE_SIZE);
        hi = ROUNDDOWN(hi, PAGE_SIZE);
    }
    if ( hi <= lo )
        return;
    if ( last && last->type == type && last->addr + last->size == lo )
        last->size += hi - lo;
    else if ( e820.nr < MAX_MEMMAP )
        e820.map[e820.nr++] = (struct boot_mem_range){ lo, hi - lo, type };
}

void e820_init(const struct boot_mem_range *r, unsigned int nr)
{
    static uint64_t points[2 * MAX_MEMMAP];
    unsigned int n = 0, i;

    for ( i = 0; i < nr; i++ )
    {
        if ( !r[i].size || r[i].addr + r[i].size < r[i].addr )
            continue;
        points[n++] = r[i].addr;
        points[n++] = r[i].addr + r[i].size;
    }
    sort_u64(points, n);
    for ( i = 0; i + 1 < n; i++ )
    {
        uint32_t t;

        if ( points[i] == points[i + 1] )
            continue;
        t = type_at(r, nr, points[i], points[i + 1]);
        if ( t )
            append(points[i], points[i + 1], t > MEM_UNUSABLE ? MEM_RESERVED : t);
    }

    printk("Memory map:\n");
    for ( i = 0; i < e820.nr; i++ )
        printk(" %016lx - %016lx (%s)\n", e820.map[i].addr,
               e820.map[i].addr + e820.map[i].size, type_name(e820.map[i].type));
}

uint64_t e820_ram_total(void)
{
    uint64_t total = 0;

    for ( unsigned int i = 0; i < e820.nr; i++ )
        if ( e820.map[i].type == MEM_RAM )
            total += e820.map[i].size;
    return total;
}

unsigned long e820_ram_pages(void)
{
    unsigned long pages = 0;

    /* Whole pages only: a region's partial first or last page is none. */
    for ( unsigned int i = 0; i < e820.nr; i++ )
        if ( e820.map[i].type == MEM_RAM )
            pages += PFN_DOWN(e820.map[i].addr + e820.map[i].size) -
                     PFN_UP(e820.map[i].addr);
    return pages;
}

uint64_t e820_ram_end(void)
{
    uint64_t end = 0;

    for ( unsigned int i = 0; i < e820.nr; i++ )
        if ( e820.map[i].type == MEM_RAM )
            end = max(end, e820.map[i].addr + e820.map[i].size);
    return end;
}

bool e820_all_ram(uint64_t start, uint64_t end)
{
    for ( unsigned int i = 0; i < e820.nr; i++ )
    {
        const struct boot_mem_range *m = &e820.map[i];

        if ( m->type == MEM_RAM && m->addr <= start && m->addr + m->size >= end )
            return true;
    }
    return false;
}

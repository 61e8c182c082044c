/*
 * The initial page tables, in Xen 4.17 libxenguest's geometry.
 *
 * A mapping [from, to] (48-bit addresses, `to` inclusive) needs, at each
 * level below L4, the tables covering from rounded down to to rounded up
 * to that level's span (L1: 2 MiB, L2: 1 GiB, L3: 512 GiB); one L4 serves
 * every mapping and belongs to the first.  A mapping's tables are
 * consecutive pfns: L4 (first mapping only), its L3s, L2s, then L1s.
 *
 * Entries (PV rules for a 64-bit guest):
 *   L4/L3/L2: present, writable, accessed, dirty, user;
 *   L1: present, writable, accessed, user - but read-only for the page
 *       tables themselves (Xen refuses a writable mapping of a frame
 *       that is typed as a page table).
 * libxenguest leaves _PAGE_USER out of L1 entries and Xen's hypervisor
 * adds it to every 64-bit PV L1 entry it validates (the kernel runs in
 * ring 3), so writing it here gives the guest the same tables.  No entry
 * is NX: Xen sets none, and NX is a reserved bit on a CPU without it.
 */
#include <errno.h>
#include <string.h>
#include "guest-private.h"

#define ENTRIES         512
#define PROT_UPPER      (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_USER)
#define PROT_L1         (PTE_P | PTE_RW | PTE_A | PTE_USER)

/* Bytes one table of level l (0 = L1) covers. */
static unsigned int table_bits(unsigned int l)
{
    return PAGE_SHIFT + 9 * (l + 1);
}

static bool ranges_meet(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    return a0 <= b1 && b0 <= a1;
}

/*
 * Xen's count_pgtables(): the tables mapping [from, to], to be allocated
 * from pfn b->pfn_end on.  pfn is where the mapped area itself starts;
 * the area must exist in the domain's memory.
 */
int gb_count_tables(struct gb *b, uint64_t from, uint64_t to, uint64_t pfn,
                    struct gb_mapping *m)
{
    uint64_t first = b->nr_maps == 0;

    if ( b->nr_maps >= GB_MAX_MAPPINGS )
        return gb_fail(b, -EINVAL, "layout: too many mappings");
    if ( pfn + ((to - from) >> PAGE_SHIFT) >= b->p->nr_pages )
        return gb_fail(b, -ENOMEM, "layout: not enough memory for the mapping"
                       " %#llx-%#llx: needs pfns up to %#llx, the domain has"
                       " %#llx", (unsigned long long)from,
                       (unsigned long long)to,
                       (unsigned long long)(pfn + ((to - from) >> PAGE_SHIFT)),
                       (unsigned long long)b->p->nr_pages);
    memset(m, 0, sizeof(*m));
    m->from = from & VA_MASK;
    m->to = to & VA_MASK;
    for ( unsigned int i = 0; i < b->nr_maps; i++ )
        if ( ranges_meet(m->from, m->to, b->maps[i].lvl[2].from,
                         b->maps[i].lvl[2].to) )
            return gb_fail(b, -EINVAL, "layout: mapping %#llx-%#llx shares a"
                           " 512 GiB slot with the initial mapping",
                           (unsigned long long)from, (unsigned long long)to);
    for ( int l = 3; l >= 0; l-- )
    {
        struct gb_level *lv = &m->lvl[l];
        uint64_t mask = (1ULL << table_bits(l)) - 1;

        lv->pfn = b->pfn_end + m->nr_tables;
        if ( l == 3 )
        {
            lv->from = 0;
            lv->to = VA_MASK;
            lv->nr = first;
        }
        else
        {
            lv->from = m->from & ~mask;
            lv->to = m->to | mask;
            lv->nr = ((lv->to - lv->from) >> table_bits(l)) + 1;
        }
        m->nr_tables += lv->nr;
    }
    return 0;
}

uint64_t gb_table_pfn(const struct gb *b)
{
    return b->maps[0].lvl[3].pfn;
}

/* Is pfn one of the page tables (of any mapping)? */
static bool is_table(const struct gb *b, uint64_t pfn)
{
    for ( unsigned int i = 0; i < b->nr_maps; i++ )
    {
        uint64_t s = b->maps[i].lvl[3].pfn;

        if ( pfn >= s && pfn - s < b->maps[i].nr_tables )
            return true;
    }
    return false;
}

/* The entry at address va in a table of level l, or 0 for none. */
static uint64_t entry_for(const struct gb *b, unsigned int l, uint64_t va)
{
    for ( unsigned int i = 0; i < b->nr_maps; i++ )
    {
        const struct gb_mapping *m = &b->maps[i];
        uint64_t pfn;

        if ( l == 0 )
        {
            if ( va < m->from || va > m->to )
                continue;
            pfn = m->area_pfn + ((va - m->from) >> PAGE_SHIFT);
            return (b->p2m[pfn] << PAGE_SHIFT) |
                   (is_table(b, pfn) ? PROT_L1 & ~PTE_RW : PROT_L1);
        }
        const struct gb_level *c = &m->lvl[l - 1];
        if ( !c->nr || va < c->from || va > c->to )
            continue;
        pfn = c->pfn + ((va - c->from) >> table_bits(l - 1));
        return (b->p2m[pfn] << PAGE_SHIFT) | PROT_UPPER;
    }
    return 0;
}

/*
 * Fill the tables of mapping m, whose pages (m->nr_tables of them, from
 * its first table's pfn) are mapped at tables.
 */
void gb_write_tables(const struct gb *b, const struct gb_mapping *m,
                     uint64_t *tables)
{
    uint64_t *t = tables;

    for ( int l = 3; l >= 0; l-- )
        for ( uint64_t k = 0; k < m->lvl[l].nr; k++, t += ENTRIES )
        {
            uint64_t base = l == 3 ? 0 : m->lvl[l].from + (k << table_bits(l));
            unsigned int step = table_bits(l) - 9;

            for ( unsigned int e = 0; e < ENTRIES; e++ )
                t[e] = entry_for(b, l, base + ((uint64_t)e << step));
        }
}

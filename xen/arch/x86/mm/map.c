/*
 * Hypervisor page-table construction.  Intermediate tables come from the
 * boot allocator during early boot and from the heap later; both hand out
 * frames that the direct map already covers (see mm/setup.c for why).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <asm/mm-map.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>

static bool heap_ready;

void mm_heap_is_ready(void)
{
    heap_ready = true;
}

static pgentry_t *alloc_table(void)
{
    void *p;

    if ( heap_ready )
        p = alloc_xenheap_page();
    else
        p = mfn_to_virt(alloc_boot_pages(1, 1));
    if ( p )
        memset(p, 0, PAGE_SIZE);
    return p;
}

/* Split a 2 MiB mapping into 512 4 KiB ones with the same attributes. */
static pgentry_t *split_superpage(pgentry_t *l2e)
{
    pgentry_t *l1 = alloc_table();
    paddr_t base = pte_paddr(*l2e) & ~((1UL << L2_PAGETABLE_SHIFT) - 1);
    pgentry_t flags = (*l2e & ~PTE_ADDR_MASK & ~_PAGE_PSE);

    if ( !l1 )
        return NULL;
    for ( unsigned int i = 0; i < 512; i++ )
        l1[i] = (base + i * PAGE_SIZE) | flags;
    *l2e = __pa(l1) | __PAGE_TABLE;
    return l1;
}

/* Descend one level, creating the next table if absent. */
static pgentry_t *next_level(pgentry_t *e)
{
    pgentry_t *t;

    if ( *e & _PAGE_PRESENT )
        return __va(pte_paddr(*e));
    t = alloc_table();
    if ( t )
        *e = __pa(t) | __PAGE_TABLE;
    return t;
}

static pgentry_t *walk_create(unsigned long va, bool want_l2)
{
    pgentry_t *l3, *l2, *l1;

    l3 = next_level(&idle_pg_table[l4_table_offset(va)]);
    if ( !l3 )
        return NULL;
    l2 = next_level(&l3[l3_table_offset(va)]);
    if ( !l2 || want_l2 )
        return l2 ? &l2[l2_table_offset(va)] : NULL;
    if ( l2[l2_table_offset(va)] & _PAGE_PSE )
        l1 = split_superpage(&l2[l2_table_offset(va)]);
    else
        l1 = next_level(&l2[l2_table_offset(va)]);
    return l1 ? &l1[l1_table_offset(va)] : NULL;
}

int map_pages_to_xen(unsigned long va, mfn_t mfn, unsigned long nr,
                     unsigned long flags)
{
    for ( ; nr; nr--, va += PAGE_SIZE, mfn = mfn_add(mfn, 1) )
    {
        pgentry_t *pte = walk_create(va, false);

        if ( !pte )
            return -ENOMEM;
        *pte = ((paddr_t)mfn_x(mfn) << PAGE_SHIFT) | flags;
        invlpg((void *)va);
    }
    return 0;
}

int map_directmap_range(paddr_t pa, paddr_t end)
{
    const paddr_t sp = 1UL << L2_PAGETABLE_SHIFT;

    for ( pa = ROUNDDOWN(pa, sp); pa < end; pa += sp )
    {
        unsigned long va = (unsigned long)__va(pa);
        pgentry_t *l2e = walk_create(va, true);

        if ( !l2e )
            return -ENOMEM;
        if ( !(*l2e & _PAGE_PRESENT) )
            *l2e = pa | __PAGE_HYPERVISOR | _PAGE_PSE | _PAGE_GLOBAL;
    }
    return 0;
}

pgentry_t *virt_to_pte(unsigned long va)
{
    pgentry_t e = idle_pg_table[l4_table_offset(va)];
    pgentry_t *t;

    if ( !(e & _PAGE_PRESENT) )
        return NULL;
    t = __va(pte_paddr(e));
    e = t[l3_table_offset(va)];
    if ( !(e & _PAGE_PRESENT) )
        return NULL;
    if ( e & _PAGE_PSE )
        return &t[l3_table_offset(va)];
    t = __va(pte_paddr(e));
    if ( (t[l2_table_offset(va)] & (_PAGE_PRESENT | _PAGE_PSE)) !=
         _PAGE_PRESENT )
        return (t[l2_table_offset(va)] & _PAGE_PRESENT) ?
               &t[l2_table_offset(va)] : NULL;
    t = __va(pte_paddr(t[l2_table_offset(va)]));
    return &t[l1_table_offset(va)];
}

void zap_low_mappings(void)
{
    idle_pg_table[0] = 0;
    flush_tlb_all_cpus();
}

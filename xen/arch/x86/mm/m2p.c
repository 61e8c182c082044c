/*
 * Building the machine-to-phys table.  It is mapped twice: read-write for
 * the hypervisor at RDWR_MPT_VIRT_START, and read-only with the user bit
 * at RO_MPT_VIRT_START, where PV guest kernels (which run in ring 3) read
 * it directly.  Only frame-table-backed ranges get backing pages; the
 * table is filled with M2P_INVALID.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/m2p.h>
#include <asm/mm-map.h>

#define M2P_PER_PAGE (PAGE_SIZE / sizeof(unsigned long))
#define M2P_RO_FLAGS (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)

unsigned long m2p_nr_entries;

static void map_m2p_page(unsigned long idx)
{
    void *page = alloc_xenheap_page();
    mfn_t mfn;

    if ( !page )
        panic("out of memory building the M2P table");
    memset(page, 0xff, PAGE_SIZE);           /* every entry M2P_INVALID */
    mfn = virt_to_mfn(page);
    if ( map_pages_to_xen(RDWR_MPT_VIRT_START + idx * PAGE_SIZE, mfn, 1,
                          __PAGE_HYPERVISOR) ||
         map_pages_to_xen(RO_MPT_VIRT_START + idx * PAGE_SIZE, mfn, 1,
                          M2P_RO_FLAGS) )
        panic("out of memory mapping the M2P table");
}

void m2p_init(void)
{
    unsigned long pages = DIV_ROUND_UP(max_page, M2P_PER_PAGE);

    if ( pages * PAGE_SIZE > RO_MPT_VIRT_END - RO_MPT_VIRT_START )
        panic("M2P table for %lu frames does not fit its window", max_page);
    /* A page of entries whose frames have no frame table stays unmapped:
     * nobody may look those frames up.  Frame-table validity comes in runs
     * of at least 85 frames, so probing every 32nd frame finds any. */
    for ( unsigned long i = 0; i < pages; i++ )
    {
        unsigned long first = i * M2P_PER_PAGE;
        unsigned long last = min(first + M2P_PER_PAGE, max_page) - 1;

        for ( unsigned long m = first; m <= last; m += 32 )
            if ( mfn_valid(_mfn(m)) || mfn_valid(_mfn(min(m + 31, last))) )
            {
                map_m2p_page(i);
                break;
            }
    }
    m2p_nr_entries = pages * M2P_PER_PAGE;
    printk("M2P table: %lu pages for %lu frames\n", pages, max_page);
}

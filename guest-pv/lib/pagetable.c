/*
 * pagetable.c - walking the live page tables through the M2P.
 */
#include <pvtest.h>
#include <pv/pagetable.h>

unsigned long mfn_to_va(unsigned long mfn)
{
    unsigned long pfn = mfn_to_pfn(mfn);

    if ( pfn >= start_info->nr_pages )
        return 0;
    /* The boot mapping is 1:1 only where the P2M agrees. */
    if ( pfn_to_mfn(pfn) != mfn )
        return 0;
    return pfn_to_va(pfn);
}

unsigned long pt_root_mfn(void)
{
    return read_cr3() >> PAGE_SHIFT;
}

bool pt_walk(unsigned long va, struct pt_walk *w)
{
    static const unsigned int shifts[4] = {
        L1_SHIFT, L2_SHIFT, L3_SHIFT, L4_SHIFT,
    };
    unsigned long table = mfn_to_va(pt_root_mfn());
    int level;

    memset(w, 0, sizeof(*w));
    for ( level = 3; level >= 0 && table; level-- )
    {
        uint64_t e = ((const volatile uint64_t *)table)[PT_INDEX(va, shifts[level])];

        w->entry[level] = e;
        w->leaf = level;
        if ( !(e & _PAGE_PRESENT) )
            return false;
        if ( level == 0 || (level < 3 && (e & _PAGE_PSE)) )
        {
            w->present = true;
            return true;
        }
        table = mfn_to_va((e & PTE_ADDR_MASK) >> PAGE_SHIFT);
    }
    return false;
}

uint64_t pt_leaf(unsigned long va)
{
    struct pt_walk w;

    return pt_walk(va, &w) ? w.entry[w.leaf] : 0;
}

uint64_t pt_l1e_maddr(unsigned long va)
{
    struct pt_walk w;

    pt_walk(va, &w);
    return (w.entry[1] & PTE_ADDR_MASK) + PT_INDEX(va, L1_SHIFT) * 8;
}

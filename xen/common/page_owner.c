/*
 * Page ownership hooks of the heap (declared in xen/mm.h): assign_pages()
 * and domain_release_pages().
 *
 * PLACEHOLDER until domains exist.  The domain code replaces this file with
 * the real thing, which must also put the pages on d's page list, charge
 * them against d's allocation (failing with -E2BIG past its limit) and
 * uncharge them on release, all under d's page-allocation lock.  Until then
 * ownership is only recorded in the frame table: the owner pointer plus
 * PGC_allocated and the one reference that the allocation holds.
 */

#include <xen/mm.h>
#include <xen/lib.h>

int assign_pages(struct domain *d, struct page_info *pg, unsigned int order,
                 unsigned int memflags)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        ASSERT(!pg[i].owner);
        pg[i].owner = d;
        pg[i].count_info |= PGC_allocated | 1;
    }
    /* TODO (domain code): list_add_tail(&pg[i].list, &d->page_list) etc. */
    return 0;
}

void domain_release_pages(struct domain *d, struct page_info *pg,
                          unsigned int order)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        ASSERT(pg[i].owner == d);
        pg[i].owner = NULL;
        pg[i].count_info &= ~(PGC_allocated | PGC_count_mask);
    }
    /* TODO (domain code): list_del from d->page_list, uncharge d. */
}

/*
 * Freeing many guest pages under one TLB flush.
 *
 * A guest page whose last reference goes may still be named by a stale
 * translation in some CPU's TLB (a mapping removed without a flush).  It
 * must not reach the free lists, where anyone may get it next, before a
 * flush has dropped those translations.  Flushing for each page costs an
 * IPI round to every busy CPU per page: a dying 128 MiB domain took
 * seconds that way under emulation.  So a long loop of frees (a domain's
 * relinquish, a balloon's decrease_reservation) opens a batch on its CPU:
 * the pages leave their owner at once (its accounting and page list are
 * exact throughout), wait on the batch, and reach the heap after the one
 * flush that ends it.  Outside a batch a page is flushed and freed alone.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/processor.h>

static DEFINE_PER_CPU(struct free_batch *, open_batch);

void free_batch_begin(struct free_batch *b)
{
    ASSERT(!this_cpu(open_batch));
    INIT_LIST_HEAD(&b->pages);
    this_cpu(open_batch) = b;
}

void free_batch_end(struct free_batch *b)
{
    struct page_info *pg;

    ASSERT(this_cpu(open_batch) == b);
    this_cpu(open_batch) = NULL;
    if ( list_empty(&b->pages) )
        return;
    arch_flush_freed_pages();
    while ( (pg = list_first_entry_or_null(&b->pages, struct page_info,
                                           list)) != NULL )
    {
        list_del(&pg->list);
        free_domheap_page(pg);
    }
}

void free_domheap_page_unflushed(struct page_info *pg)
{
    struct free_batch *b = this_cpu(open_batch);
    unsigned long flags;

    if ( !b )
    {
        arch_flush_freed_pages();
        free_domheap_page(pg);
        return;
    }
    /* Off the owner's list and uncharged now (a disowned page is on no
     * list); free_domheap_page() then finds no owner to release. */
    if ( pg->owner && pg->owner != dom_orphan )
        domain_release_pages(pg->owner, pg, 0);
    /* An interrupt on this CPU could free a page too: keep the list
     * whole. */
    flags = local_irq_save();
    list_add_tail(&pg->list, &b->pages);
    local_irq_restore(flags);
}

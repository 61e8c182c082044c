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
 * A preemptible teardown keeps one batch across all its hypercalls
 * (suspend/resume): a flush per stretch of work cost more than the work.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/processor.h>

static DEFINE_PER_CPU(struct free_batch *, open_batch);

void free_batch_init(struct free_batch *b)
{
    INIT_LIST_HEAD(&b->pages);
}

void free_batch_resume(struct free_batch *b)
{
    ASSERT(!this_cpu(open_batch));
    this_cpu(open_batch) = b;
}

void free_batch_begin(struct free_batch *b)
{
    free_batch_init(b);
    free_batch_resume(b);
}

void free_batch_suspend(struct free_batch *b)
{
    ASSERT(this_cpu(open_batch) == b);
    this_cpu(open_batch) = NULL;
}

void free_batch_flush(struct free_batch *b)
{
    if ( !list_empty(&b->pages) )
        arch_flush_freed_pages();
}

bool free_batch_drain(struct free_batch *b, unsigned long n)
{
    struct page_info *pg;

    while ( n-- && (pg = list_first_entry_or_null(&b->pages, struct page_info,
                                                  list)) != NULL )
    {
        list_del(&pg->list);
        free_domheap_page(pg);
    }
    return list_empty(&b->pages);
}

void free_batch_end(struct free_batch *b)
{
    free_batch_suspend(b);
    free_batch_flush(b);
    free_batch_drain(b, ~0UL);
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

/*
 * Page ownership hooks of the heap (declared in xen/mm.h).  A domain's
 * pages hang on its page_list and count against its max_pages; each holds
 * one general reference while allocated (PGC_allocated).  All list and
 * counter changes happen under d->page_alloc_lock.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>

int assign_pages(struct domain *d, struct page_info *pg, unsigned int order,
                 unsigned int memflags)
{
    unsigned long i, n = 1UL << order;
    int rc = 0;

    spin_lock(&d->page_alloc_lock);
    if ( d->is_dying )
        rc = -EINVAL;
    else if ( d->tot_pages + n > d->max_pages )
        rc = -E2BIG;
    else
    {
        for ( i = 0; i < n; i++ )
        {
            ASSERT(!pg[i].owner);
            pg[i].owner = d;
            pg[i].count_info = PGC_allocated | 1;
            pg[i].u.inuse.type_info = 0;
            list_add_tail(&pg[i].list, &d->page_list);
        }
        d->tot_pages += n;
    }
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

void domain_release_pages(struct domain *d, struct page_info *pg,
                          unsigned int order)
{
    unsigned long i, n = 1UL << order;

    spin_lock(&d->page_alloc_lock);
    for ( i = 0; i < n; i++ )
    {
        ASSERT(pg[i].owner == d);
        list_del(&pg[i].list);
        pg[i].owner = NULL;
        pg[i].count_info &= ~(PGC_allocated | PGC_count_mask);
        pg[i].u.inuse.type_info = 0;
    }
    d->tot_pages -= n;
    spin_unlock(&d->page_alloc_lock);
}

/* The owner of pages whose domain died while others still held them. */
static struct domain orphans;
struct domain *const dom_orphan = &orphans;

void domain_disown_page(struct domain *d, struct page_info *pg)
{
    spin_lock(&d->page_alloc_lock);
    ASSERT(pg->owner == d && !(pg->count_info & PGC_allocated));
    list_del(&pg->list);
    pg->owner = dom_orphan;
    /* The holders' references (and the types they need) stay as they
     * are: the last of them frees the page. */
    d->tot_pages--;
    spin_unlock(&d->page_alloc_lock);
}

/*
 * Hypervisor pages a guest may map (its shared_info): owned by d for the
 * reference-counting rules, but never on its page list, never counted in
 * tot_pages, and freed by the hypervisor, not the guest.  They keep a
 * writable type reference of their own while shared.
 */
void share_xen_page_with_guest(struct page_info *pg, struct domain *d)
{
    pg->owner = d;
    /* A writable type for as long as it is shared: the hypervisor writes
     * into the page, so it must never become a page table or descriptor
     * page that the guest could fill through those writes. */
    pg->u.inuse.type_info = PGT_writable_page | 1;
    pg->count_info = PGC_xen_heap | PGC_allocated | 1;
}

void free_shared_xen_page(struct page_info *pg)
{
    unsigned long c;

    /* get_page() needs PGC_allocated: once it is clear only puts follow,
     * so the count can only fall from here. */
    __atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_ACQ_REL);
    WRITE_ONCE(pg->owner, dom_orphan);
    c = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_ACQ_REL);
    if ( c & PGC_count_mask )
        return;     /* another domain still maps it: its last put frees it */
    unshare_xen_page(pg);
    free_xenheap_page(page_to_virt(pg));
}

void unshare_xen_page(struct page_info *pg)
{
    pg->owner = NULL;
    pg->u.inuse.type_info = 0;
    pg->count_info = PGC_xen_heap;
}

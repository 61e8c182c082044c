/*
 * The physmap of an HVM domain as memory_op changes it: frames a
 * builder or the guest populates go into the p2m at the guest-physical
 * frame it named, and frames it gives back (decrease_reservation) come
 * out of the p2m before the allocation's reference goes (the caller,
 * mm/memory_op.c, drops it).
 *
 * The order on the way out matters: the entry is cleared and the
 * domain's nested TLBs are marked stale before the page may be freed, so
 * a vCPU never reaches a frame the heap has handed to someone else.
 * Only RAM (p2m_ram_rw) can be given back: grant maps and direct MMIO
 * belong to others.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>

int hvm_physmap_add(struct domain *d, unsigned long gfn, mfn_t mfn,
                    unsigned int order)
{
    struct p2m *p = d->arch.hvm.p2m;
    unsigned long n = 1UL << order, i;
    int rc = 0;

    if ( gfn > P2M_MAX_GFN || n - 1 > P2M_MAX_GFN - gfn || (gfn & (n - 1)) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = p2m_set_entry_if_free(p, gfn + i, mfn_add(mfn, i),
                                         p2m_ram_rw)) )
            break;
    if ( !rc )
        return 0;
    /* Something was there already (or no table memory): undo ours. */
    while ( i-- )
        p2m_clear_entry_if(p, gfn + i, mfn_add(mfn, i), p2m_ram_rw);
    return rc;
}

/* d's own ordinary RAM page behind mfn, if it is one.  Pages the
 * hypervisor placed (shared_info, grant frames) are not the guest's to
 * free; they leave the p2m only through their own paths. */
static struct page_info *own_ram(struct domain *d, mfn_t mfn, enum p2m_type t)
{
    struct page_info *pg;

    if ( t != p2m_ram_rw || !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    return pg->owner == d && !(pg->count_info & PGC_xen_heap) ? pg : NULL;
}

struct page_info *hvm_physmap_take(struct domain *d, unsigned long gfn)
{
    enum p2m_type t;
    struct page_info *pg;
    mfn_t mfn;

    if ( gfn > P2M_MAX_GFN )
        return NULL;
    mfn = p2m_lookup(d->arch.hvm.p2m, gfn, &t);
    if ( !(pg = own_ram(d, mfn, t)) )
        return NULL;
    if ( p2m_clear_entry_if(d->arch.hvm.p2m, gfn, mfn, p2m_ram_rw) )
        return NULL;                /* changed meanwhile */
    hvm_p2m_changed(d);
    return pg;
}

struct page_info *hvm_physmap_replace(struct domain *d, unsigned long gfn,
                                      mfn_t mfn, int *rc)
{
    struct p2m *p = d->arch.hvm.p2m;

    if ( gfn > P2M_MAX_GFN )
    {
        *rc = -EINVAL;
        return NULL;
    }
    for ( ; ; )
    {
        enum p2m_type t;
        mfn_t old = p2m_lookup(p, gfn, &t);
        struct page_info *pg = own_ram(d, old, t);
        bool replaced;

        if ( !pg )
        {
            *rc = p2m_set_entry(p, gfn, mfn, p2m_ram_rw, &replaced);
            if ( !*rc && replaced )
                hvm_p2m_changed(d);
            return NULL;
        }
        *rc = p2m_replace_entry_if(p, gfn, old, p2m_ram_rw, mfn, p2m_ram_rw);
        if ( *rc == -ENOENT )
            continue;                   /* changed meanwhile: look again */
        hvm_p2m_changed(d);
        return pg;
    }
}

/*
 * The x86 PV side of grant tables (contract in xen/grant_table.h): a
 * grant mapping is an L1 entry of the grantee pointing at the granter's
 * frame.  Such an entry holds no reference of its own -- the grant code
 * holds them for as long as the mapping is recorded in its maptrack --
 * and carries _PAGE_GNTTAB, so an unmap can tell it from an ordinary
 * entry.  Since the frame is not the grantee's, the page-type code never
 * takes or drops references for it either way: a guest that overwrites
 * the entry loses the mapping but not the grant's references (they go at
 * unmap or at its death), and a table holding it does not validate again.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <public/grant_table.h>
#include <asm/page.h>
#include <asm/pv/mm.h>

/* The entry a grant mapping of mfn is; the CPU may add A and D only. */
static pgentry_t grant_pte(mfn_t mfn, bool readonly)
{
    return pfn_to_paddr(mfn_x(mfn)) | _PAGE_PRESENT | _PAGE_USER |
           _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GNTTAB |
           (readonly ? 0 : _PAGE_RW);
}

int arch_grant_host_map(struct vcpu *v, unsigned long va, mfn_t mfn,
                        bool readonly)
{
    pgentry_t *pte;
    paddr_t ma;
    int rc = GNTST_okay;

    pv_mm_lock(v->domain);               /* the entry is in v's tables */
    if ( !(ma = pv_find_l1e(v, va)) )
        rc = GNTST_general_error;   /* not guest space, or no L1 table */
    else if ( *(pte = __va(ma)) & _PAGE_PRESENT )
        rc = GNTST_general_error;           /* something is mapped there */
    else
        *pte = grant_pte(mfn, readonly);
    pv_mm_unlock(v->domain);
    return rc;
}

/*
 * Only the very entry the mapping made may go: a grant entry of the same
 * frame with the same access.  The guest can make va name another entry
 * (its L2 and L3 are its own); clearing, say, a read-only entry for a
 * writable handle would drop the writable type reference while the
 * writable entry lives on elsewhere.
 */
int arch_grant_host_unmap(struct vcpu *v, unsigned long va, mfn_t mfn,
                          bool readonly)
{
    const pgentry_t ad = _PAGE_ACCESSED | _PAGE_DIRTY;
    pgentry_t *pte;
    paddr_t ma;
    int rc = GNTST_general_error;

    pv_mm_lock(v->domain);
    if ( (ma = pv_find_l1e(v, va)) &&
         (*(pte = __va(ma)) | ad) == grant_pte(mfn, readonly) )
    {
        *pte = 0;
        rc = GNTST_okay;
    }
    pv_mm_unlock(v->domain);
    if ( rc == GNTST_okay )
        flush_guest_tlbs();                 /* the frame may be freed next */
    return rc;
}

int arch_get_grant_page(struct page_info *pg, struct domain *owner,
                        bool writable)
{
    int rc = GNTST_okay;

    /* No lock: the counts are atomic, so the granter's own page-table
     * changes (under its lock) and this one cannot both win. */
    if ( !get_page(pg, owner) )
        rc = GNTST_general_error;
    else if ( writable && get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        rc = GNTST_general_error;           /* a page table, a GDT... */
    }
    return rc;
}

void arch_put_grant_page(struct page_info *pg, bool writable)
{
    if ( writable )
        put_page_type(pg);
    put_page(pg);
}

bool arch_grant_unshare_frames(void *const *frames, unsigned int nr)
{
    unsigned int i, frozen;

    /*
     * Freeze each frame that only its allocation holds: clearing
     * PGC_allocated while the count is exactly 1 makes get_page() refuse
     * it from then on, so no mapping can appear between the check and the
     * unsharing.  A frame someone holds undoes the frozen ones.
     */
    for ( frozen = 0; frozen < nr; frozen++ )
    {
        struct page_info *pg = virt_to_page(frames[frozen]);
        unsigned long c = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);

        if ( (c & (PGC_allocated | PGC_count_mask)) != (PGC_allocated | 1) ||
             !__atomic_compare_exchange_n(&pg->count_info, &c,
                                          c & ~PGC_allocated, false,
                                          __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            break;
    }
    if ( frozen < nr )
    {
        for ( i = 0; i < frozen; i++ )
            __atomic_fetch_or(&virt_to_page(frames[i])->count_info,
                              PGC_allocated, __ATOMIC_ACQ_REL);
        return false;
    }
    for ( i = 0; i < nr; i++ )
        unshare_xen_page(virt_to_page(frames[i]));
    if ( nr )
        flush_guest_tlbs();         /* a mapping removed without a flush */
    return true;
}

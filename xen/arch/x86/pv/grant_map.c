/*
 * The x86 PV side of grant tables (contract in xen/grant_table.h): a
 * grant mapping is an L1 entry of the grantee pointing at the granter's
 * frame, found by the virtual address it maps or, with
 * GNTMAP_contains_pte, named by its machine address.  Such an entry
 * holds no reference of its own -- the grant code holds them for as long
 * as the mapping is recorded in its maptrack --
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
#include <asm/pv/vcpu.h>

/*
 * The entry a grant mapping of mfn with these GNTMAP_* flags is; the CPU
 * may add A and D only.  As on Xen: never executable, writable unless
 * GNTMAP_readonly, and the first three guest_avail bits in the PTE's
 * available bits 9-11 (Linux's gntdev marks its entries "special" so).
 * Every guest entry is user (the 64-bit PV kernel runs in ring 3), so
 * GNTMAP_application_map changes nothing here; Xen also makes such an
 * entry global, which no guest entry of ours ever is.
 */
static pgentry_t grant_pte(mfn_t mfn, unsigned int flags)
{
    pgentry_t avail = ((pgentry_t)(flags >> _GNTMAP_guest_avail0) << 9) &
                      _PAGE_AVAIL;

    return pfn_to_paddr(mfn_x(mfn)) | _PAGE_PRESENT | _PAGE_USER |
           _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GNTTAB | _PAGE_NX | avail |
           ((flags & GNTMAP_readonly) ? 0 : _PAGE_RW);
}

/* Is *pte exactly the entry a map with these flags made, A and D aside? */
static bool is_grant_pte(const pgentry_t *pte, mfn_t mfn, unsigned int flags)
{
    return (*pte | _PAGE_ACCESSED | _PAGE_DIRTY) == grant_pte(mfn, flags);
}

/*
 * GNTMAP_contains_pte: the guest names the entry by machine address.  It
 * must be an aligned entry of a page of d's that is a validated L1 table
 * now (Xen's rule; anything else -- another domain's frame, the
 * hypervisor's, a higher-level table, a data page, no RAM at all -- is
 * refused).  The table comes back with a general and a type reference, so
 * that it stays an L1 while it is written; d's mm_lock is held, as for
 * every change to d's tables.
 */
static struct page_info *get_l1_table(struct domain *d, uint64_t ma,
                                      pgentry_t **pte)
{
    unsigned long mfn = ma >> PAGE_SHIFT;
    struct page_info *pg;

    if ( (ma & (sizeof(pgentry_t) - 1)) || !mfn_valid(_mfn(mfn)) )
        return NULL;
    pg = mfn_to_page(_mfn(mfn));
    if ( !get_page(pg, d) )
        return NULL;
    if ( !pv_get_validated_type(pg, PGT_l1_page_table) )
    {
        put_page(pg);
        return NULL;
    }
    *pte = (pgentry_t *)((char *)page_to_virt(pg) + (ma & (PAGE_SIZE - 1)));
    return pg;
}

/*
 * As Xen, a map by machine address replaces whatever the entry held: the
 * old entry's references are given back (a grant entry holds none), once
 * no CPU can use its translation any more.
 */
static int map_by_pte(struct domain *d, uint64_t ma, pgentry_t val)
{
    struct page_info *pg;
    pgentry_t *pte, old;

    pv_mm_lock(d);
    if ( !(pg = get_l1_table(d, ma, &pte)) )
    {
        pv_mm_unlock(d);
        return GNTST_general_error;
    }
    old = __atomic_exchange_n(pte, val, __ATOMIC_ACQ_REL);
    if ( old & _PAGE_PRESENT )
    {
        flush_tlb_all_cpus();
        pv_put_l1e_refs(d, old, pg);
    }
    put_page_and_type(pg);
    pv_mm_unlock(d);
    return GNTST_okay;
}

/* By virtual address the entry must be empty.  (Xen would replace it as
 * above; here it has always been refused, see docs/grant-tables.md.) */
static int map_by_va(struct vcpu *v, unsigned long va, pgentry_t val)
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
        *pte = val;
    pv_mm_unlock(v->domain);
    return rc;
}

int pv_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                        unsigned int flags)
{
    pgentry_t val = grant_pte(mfn, flags);

    return (flags & GNTMAP_contains_pte) ? map_by_pte(v->domain, addr, val)
                                         : map_by_va(v, addr, val);
}

/*
 * Only the very entry the mapping made may go: a grant entry of the same
 * frame with the same access.  The guest can make va name another entry
 * (its L2 and L3 are its own); clearing, say, a read-only entry for a
 * writable handle would drop the writable type reference while the
 * writable entry lives on elsewhere.  By machine address, the page must
 * still be d's L1 table (Xen's rule too).
 */
int pv_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                          unsigned int flags)
{
    struct domain *d = v->domain;
    struct page_info *pg = NULL;
    pgentry_t *pte = NULL;
    paddr_t ma;
    int rc = GNTST_general_error;

    pv_mm_lock(d);
    if ( flags & GNTMAP_contains_pte )
        pg = get_l1_table(d, addr, &pte);
    else if ( (ma = pv_find_l1e(v, addr)) )
        pte = __va(ma);
    if ( pte && is_grant_pte(pte, mfn, flags) )
    {
        *pte = 0;
        rc = GNTST_okay;
    }
    if ( pg )
        put_page_and_type(pg);
    pv_mm_unlock(d);
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

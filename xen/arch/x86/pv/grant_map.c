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

int arch_grant_host_map(struct vcpu *v, unsigned long va, mfn_t mfn,
                        bool readonly)
{
    pgentry_t *pte;
    paddr_t ma;
    int rc = GNTST_okay;

    pv_mm_lock(v->domain);               /* the entry is in v's tables */
    if ( !(ma = pv_find_l1e(v, va)) )
        rc = GNTST_general_error;           /* no L1 table for va */
    else if ( *(pte = __va(ma)) & _PAGE_PRESENT )
        rc = GNTST_general_error;           /* something is mapped there */
    else
        *pte = pfn_to_paddr(mfn_x(mfn)) | _PAGE_PRESENT | _PAGE_USER |
               _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GNTTAB |
               (readonly ? 0 : _PAGE_RW);
    pv_mm_unlock(v->domain);
    return rc;
}

int arch_grant_host_unmap(struct vcpu *v, unsigned long va, mfn_t mfn)
{
    pgentry_t *pte, e;
    paddr_t ma;
    int rc = GNTST_general_error;

    pv_mm_lock(v->domain);
    if ( (ma = pv_find_l1e(v, va)) )
    {
        pte = __va(ma);
        e = *pte;
        if ( (e & (_PAGE_PRESENT | _PAGE_GNTTAB)) ==
             (_PAGE_PRESENT | _PAGE_GNTTAB) &&
             (pte_paddr(e) >> PAGE_SHIFT) == mfn_x(mfn) )
        {
            *pte = 0;
            rc = GNTST_okay;
        }
    }
    pv_mm_unlock(v->domain);
    if ( rc == GNTST_okay )
        flush_tlb_all_cpus();               /* the frame may be freed next */
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

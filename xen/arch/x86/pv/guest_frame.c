/*
 * PV guests' pages handed to common code (arch_map_guest_frame()).
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/pv/mm.h>

void *pv_map_guest_frame(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;

    /* Holding a writable type reference keeps the frame from becoming a
     * page table (or a descriptor page) while the hypervisor writes it. */
    if ( !mfn_valid(_mfn(mfn)) )
        return NULL;
    pg = mfn_to_page(_mfn(mfn));
    if ( get_page_and_type(pg, d, PGT_writable_page) )
        return NULL;
    return mfn_to_virt(_mfn(mfn));
}

void pv_unmap_guest_frame(void *va)
{
    put_page_and_type(virt_to_page(va));
}

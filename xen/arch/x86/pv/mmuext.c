/*
 * mmuext_op: pinning and unpinning page tables, page-table base pointers,
 * TLB maintenance, the LDT, and clearing/copying whole pages.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/hypercalls.h>

static const unsigned long pin_types[] = {
    [MMUEXT_PIN_L1_TABLE] = PGT_l1_page_table,
    [MMUEXT_PIN_L2_TABLE] = PGT_l2_page_table,
    [MMUEXT_PIN_L3_TABLE] = PGT_l3_page_table,
    [MMUEXT_PIN_L4_TABLE] = PGT_l4_page_table,
};

/* A frame of d's that the guest may write (for clear/copy). */
static struct page_info *writable_page(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(_mfn(mfn)) )
        return NULL;
    pg = mfn_to_page(_mfn(mfn));
    if ( get_page_and_type(pg, d, PGT_writable_page) )
        return NULL;
    return pg;
}

static int clear_or_copy(struct domain *d, const struct mmuext_op *op)
{
    struct page_info *dst = writable_page(d, op->arg1.mfn), *src = NULL;

    if ( !dst )
        return -EINVAL;
    if ( op->cmd == MMUEXT_COPY_PAGE )
    {
        if ( !mfn_valid(_mfn(op->arg2.src_mfn)) ||
             !get_page((src = mfn_to_page(_mfn(op->arg2.src_mfn))), d) )
        {
            put_page_and_type(dst);
            return -EINVAL;
        }
        memcpy(page_to_virt(dst), page_to_virt(src), PAGE_SIZE);
        put_page(src);
    }
    else
        memset(page_to_virt(dst), 0, PAGE_SIZE);
    put_page_and_type(dst);
    return 0;
}

static int set_ldt(struct vcpu *v, const struct mmuext_op *op)
{
    return pv_set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
}

static int one_op(struct vcpu *v, const struct mmuext_op *op)
{
    struct domain *d = v->domain;

    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE: case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE: case MMUEXT_PIN_L4_TABLE:
        return pv_pin_table(d, op->arg1.mfn, pin_types[op->cmd]);
    case MMUEXT_UNPIN_TABLE:
        return pv_unpin_table(d, op->arg1.mfn);
    case MMUEXT_NEW_BASEPTR:
        return pv_set_baseptr(v, op->arg1.mfn, false);
    case MMUEXT_NEW_USER_BASEPTR:
        return pv_set_baseptr(v, op->arg1.mfn, true);
    case MMUEXT_TLB_FLUSH_LOCAL:
        write_cr3(read_cr3());
        return 0;
    case MMUEXT_INVLPG_LOCAL:
        invlpg((void *)op->arg1.linear_addr);
        return 0;
    case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_INVLPG_MULTI:
    case MMUEXT_TLB_FLUSH_ALL: case MMUEXT_INVLPG_ALL:
        flush_guest_tlbs();               /* a superset of what was asked */
        return 0;
    case MMUEXT_FLUSH_CACHE: case MMUEXT_FLUSH_CACHE_GLOBAL:
        if ( !d->is_privileged )
            return -EPERM;
        wbinvd();
        return 0;
    case MMUEXT_SET_LDT:
        return set_ldt(v, op);
    case MMUEXT_CLEAR_PAGE: case MMUEXT_COPY_PAGE:
        return clear_or_copy(d, op);
    }
    return -ENOSYS;
}

/*
 * Pin a table of fd's for it (a domain builder does this before the
 * domain ever runs).  fd may be dying: its relinquish clears every pin it
 * finds, so a pin set after that walk passed the page would hold the page
 * for ever.  Hence, as on Xen, look again once the pin is set: if fd is
 * dying now, whichever of us clears the pin bit first drops its
 * reference.
 */
static int pin_foreign(struct domain *fd, unsigned long mfn, unsigned long type)
{
    struct page_info *pg;
    int rc = pv_pin_table(fd, mfn, type);

    if ( rc )
        return rc;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if ( !__atomic_load_n(&fd->is_dying, __ATOMIC_SEQ_CST) )
        return 0;
    pg = mfn_to_page(_mfn(mfn));
    if ( __atomic_fetch_and(&pg->u.inuse.type_info, ~PGT_pinned,
                            __ATOMIC_ACQ_REL) & PGT_pinned )
        put_page_and_type(pg);
    return 0;
}

/* An op on a foreign domain's behalf: only those about its own pages
 * (pins and page contents); the rest concern the caller's own vCPU and
 * address space, and naming another domain for them is -EPERM (Xen). */
static int foreign_op(struct domain *fd, const struct mmuext_op *op)
{
    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE: case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE: case MMUEXT_PIN_L4_TABLE:
        return pin_foreign(fd, op->arg1.mfn, pin_types[op->cmd]);
    case MMUEXT_UNPIN_TABLE:
        return pv_unpin_table(fd, op->arg1.mfn);
    case MMUEXT_CLEAR_PAGE: case MMUEXT_COPY_PAGE:
        return clear_or_copy(fd, op);
    case MMUEXT_NEW_BASEPTR: case MMUEXT_NEW_USER_BASEPTR:
    case MMUEXT_TLB_FLUSH_LOCAL: case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_INVLPG_MULTI:
    case MMUEXT_TLB_FLUSH_ALL: case MMUEXT_INVLPG_ALL:
    case MMUEXT_FLUSH_CACHE: case MMUEXT_FLUSH_CACHE_GLOBAL:
    case MMUEXT_SET_LDT:
        return -EPERM;
    }
    return -ENOSYS;
}

/* Under fd's mm lock when fd is named (lock_foreign), else the caller's. */
static int run_mmuext(struct vcpu *v, const void *item, struct domain *fd)
{
    return fd ? foreign_op(fd, item) : one_op(v, item);
}

long do_mmuext_op(unsigned long uops, unsigned long count, unsigned long pdone,
                  unsigned long foreigndom, unsigned long a5)
{
    static const struct mm_batch batch = {
        __HYPERVISOR_mmuext_op, sizeof(struct mmuext_op), run_mmuext, true,
    };
    return pv_mm_batch(&batch, uops, count, pdone, foreigndom);
}

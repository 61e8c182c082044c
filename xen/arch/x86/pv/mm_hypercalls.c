/*
 * The PV MMU hypercalls: mmu_update, mmuext_op, update_va_mapping.  Each
 * item runs under the caller's domain's mm lock (a foreign domain's
 * frames are only counted, atomically) through asm/pv/mm.h, which validates
 * every entry written.  Long batches yield through continuations; the
 * running "done" count lives in the guest's pdone, as the ABI defines.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>
#include <asm/pv/hypercalls.h>


/*
 * The domain whose frames a privileged caller maps, in *fd with a
 * reference (put_foreign() drops it); NULL for the caller's own, which
 * is named DOMID_SELF: as on Xen 4.17, a domain naming itself by its id
 * is -ESRCH ("cannot specify itself as foreign domain"), whoever it is.
 */
static int get_foreign(unsigned long foreigndom, struct domain **fd)
{
    struct domain *d = current->domain;

    *fd = NULL;
    if ( (domid_t)foreigndom == DOMID_SELF )
        return 0;
    if ( (domid_t)foreigndom == d->domain_id )
        return -ESRCH;
    if ( !d->is_privileged )
        return -EPERM;
    return (*fd = get_domain_by_id(foreigndom)) ? 0 : -ESRCH;
}

static void put_foreign(struct domain *fd)
{
    if ( fd )
        put_domain(fd);
}

/* d: the domain whose M2P entry it is (the foreign one if named). */
static int machphys_update(struct domain *d, unsigned long mfn, unsigned long pfn)
{
    if ( !mfn_valid(_mfn(mfn)) || mfn_to_page(_mfn(mfn))->owner != d )
        return -EINVAL;
    set_gpfn_from_mfn(mfn, pfn);
    return 0;
}

static int one_mmu_update(struct domain *d, const struct mmu_update *req,
                          struct domain *fd)
{
    switch ( req->ptr & 3 )
    {
    case MMU_NORMAL_PT_UPDATE:
        return pv_mod_entry(d, req->ptr & ~3UL, req->val, 0, fd);
    /* "Do not translate the frame": Linux's privcmd maps acquired
     * resources with it, whose frames are machine frames even for an HVM
     * foreign domain (a PV domain's are anyway). */
    case MMU_PT_UPDATE_NO_TRANSLATE:
        return pv_mod_entry(d, req->ptr & ~3UL, req->val,
                            PV_MOD_NO_TRANSLATE, fd);
    case MMU_PT_UPDATE_PRESERVE_AD:
        return pv_mod_entry(d, req->ptr & ~3UL, req->val,
                            PV_MOD_PRESERVE_AD, fd);
    case MMU_MACHPHYS_UPDATE:
        return machphys_update(fd ? fd : d, req->ptr >> PAGE_SHIFT, req->val);
    }
    return -ENOSYS;
}

/* Resuming a continued batch: how many were done before. */
static unsigned int resume_done(unsigned long *count, unsigned int *pdone)
{
    unsigned int done = 0;

    if ( *count & PREEMPTED_FLAG )
    {
        *count &= ~PREEMPTED_FLAG;
        if ( pdone )
            (void)copy_from_guest_ptr(&done, pdone, sizeof(done));
    }
    return done;
}

long pv_mm_batch(const struct mm_batch *b, unsigned long items,
                 unsigned long count, unsigned long pdone,
                 unsigned long foreigndom)
{
    unsigned int done;
    uint64_t item[4];
    unsigned long i;
    struct domain *fd, *locked;
    int rc = get_foreign(foreigndom, &fd);

    if ( rc )
        return rc;
    locked = fd && b->lock_foreign ? fd : current->domain;
    done = resume_done(&count, (unsigned int *)pdone);
    BUG_ON(b->item_size > sizeof(item));
    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            break;
        if ( copy_from_guest_ptr(item, (void *)(items + i * b->item_size),
                                 b->item_size) )
        {
            rc = -EFAULT;
            break;
        }
        pv_mm_lock(locked);
        rc = b->run(current, item, fd);
        pv_mm_unlock(locked);
        if ( rc )
            break;
    }
    put_foreign(fd);
    done += i;
    if ( pdone && copy_to_guest_ptr((void *)pdone, &done, sizeof(done)) )
        return -EFAULT;
    if ( !rc && i < count )
        return hypercall_create_continuation(b->op, 4, items + i * b->item_size,
                                             (count - i) | PREEMPTED_FLAG,
                                             pdone, foreigndom);
    return rc;
}

static int run_mmu_update(struct vcpu *v, const void *item, struct domain *fd)
{
    return one_mmu_update(v->domain, item, fd);
}

long do_mmu_update(unsigned long ureqs, unsigned long count, unsigned long pdone,
                   unsigned long foreigndom, unsigned long a5)
{
    static const struct mm_batch batch = {
        __HYPERVISOR_mmu_update, sizeof(struct mmu_update), run_mmu_update,
    };
    return pv_mm_batch(&batch, ureqs, count, pdone, foreigndom);
}

static void flush_after(unsigned long flags, unsigned long va)
{
    bool all = flags & ~UVMF_FLUSHTYPE_MASK;   /* UVMF_ALL or a vCPU mask */

    switch ( flags & UVMF_FLUSHTYPE_MASK )
    {
    case UVMF_TLB_FLUSH:
    case UVMF_INVLPG:
        if ( all )
            flush_guest_tlbs();
        else if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
            invlpg((void *)va);
        else
            write_cr3(read_cr3());
        break;
    }
}

static long update_va_mapping(unsigned long va, unsigned long val,
                              unsigned long flags, struct domain *fd)
{
    struct vcpu *v = current;
    paddr_t l1e;
    int rc;

    if ( !guest_range_ok((void *)va, 1) )
        return -EINVAL;
    pv_mm_lock(v->domain);
    l1e = pv_find_l1e(v, va);
    rc = l1e ? pv_mod_entry(v->domain, l1e, val, 0, fd) : -EINVAL;
    pv_mm_unlock(v->domain);
    if ( !rc )
        flush_after(flags, va);
    return rc;
}

long do_update_va_mapping_otherdomain(unsigned long va, unsigned long val,
                                      unsigned long flags, unsigned long domid,
                                      unsigned long a5)
{
    struct domain *fd;
    /* As Xen: DOMID_SELF is the plain call, one's own id -ESRCH, another
     * domain -EPERM unless privileged (get_foreign()). */
    long rc = get_foreign(domid, &fd);

    if ( rc )
        return rc;
    rc = update_va_mapping(va, val, flags, fd);
    put_foreign(fd);
    return rc;
}

long do_update_va_mapping(unsigned long va, unsigned long val,
                          unsigned long flags, unsigned long a4,
                          unsigned long a5)
{
    return update_va_mapping(va, val, flags, NULL);
}

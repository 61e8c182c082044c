/*
 * XENMEM_acquire_resource: the frames of a hypervisor-owned resource of
 * another domain, for the toolstack to map (Linux's privcmd
 * IOCTL_PRIVCMD_MMAP_RESOURCE; libxc seeds a new domain's grant table
 * through it).  Only grant tables exist here (the shared frames, and the
 * v2 status frames); a PV caller gets machine frame numbers, owned by
 * the target, which it then maps as that domain's (mmu_update with
 * foreigndom).  Checks in Xen 4.17's order: copy in (-EFAULT), pad
 * (-EINVAL), frame and frame + nr_frames within 32 bits (-EINVAL), the
 * target by id (-ESRCH; the caller itself -EPERM), privilege (-EPERM),
 * the resource's size (0: -EINVAL).  A null frame_list asks for the size.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <asm/current.h>

long acquire_resource(void *arg, unsigned long start, unsigned int shift);

/* What Xen's size lookup answers: for a type it does not know, -EOPNOTSUPP
 * as an unsigned count (so a size query "succeeds" with it). */
static uint32_t resource_max_frames(const struct domain *d,
                                    const struct xen_mem_acquire_resource *r)
{
    if ( r->type == XENMEM_resource_grant_table )
        return gnttab_resource_max_frames(d, r->id);
    if ( r->type == XENMEM_resource_ioreq_server ||
         r->type == XENMEM_resource_vmtrace_buf )
        return 0;                   /* no ioreq servers or traces for PV */
    return (uint32_t)-EOPNOTSUPP;
}

static long acquire(struct domain *d, struct xen_mem_acquire_resource *r,
                    void *arg, unsigned long start, unsigned int shift)
{
    unsigned long mfns[32];             /* xen_pfn_t: 64 bits */
    long rc;

    if ( start >= r->nr_frames || r->nr_frames > (UINT32_MAX >> shift) )
        return -EINVAL;
    while ( start < r->nr_frames )
    {
        unsigned int todo = min(r->nr_frames - start, (unsigned long)32);

        if ( r->type != XENMEM_resource_grant_table )
            return -EOPNOTSUPP;
        rc = gnttab_acquire_frames(d, r->id, r->frame + start, todo, mfns);
        if ( rc )
            return rc;
        if ( copy_to_guest_ptr(r->frame_list.p + start, mfns,
                               todo * sizeof(*mfns)) )
            return -EFAULT;
        start += todo;
        if ( start < r->nr_frames && hypercall_preempt_check() )
            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2,
                       XENMEM_acquire_resource | (start << shift),
                       (unsigned long)arg);
    }
    return 0;
}

long acquire_resource(void *arg, unsigned long start, unsigned int shift)
{
    struct xen_mem_acquire_resource r;
    struct domain *d;
    uint32_t max;
    long rc = -EINVAL;

    if ( copy_from_guest_ptr(&r, arg, sizeof(r)) )
        return -EFAULT;
    if ( r.pad || (r.frame >> 32) || ((r.frame + r.nr_frames) >> 32) )
        return -EINVAL;
    if ( !(d = get_domain_by_id(r.domid)) )
        return -ESRCH;
    if ( d == current->domain )
        rc = -EPERM;
    else if ( !current->domain->is_privileged )
        rc = -EPERM;
    else if ( !(max = resource_max_frames(d, &r)) )
        rc = -EINVAL;
    else if ( guest_handle_is_null(r.frame_list) )
    {
        if ( !r.nr_frames && !start )
        {
            r.nr_frames = max;
            rc = copy_to_guest_ptr(&((struct xen_mem_acquire_resource *)arg)
                                       ->nr_frames, &r.nr_frames,
                                   sizeof(r.nr_frames)) ? -EFAULT : 0;
        }
    }
    else
        rc = acquire(d, &r, arg, start, shift);
    put_domain(d);
    return rc;
}

/*
 * memory_op: what a domain may learn and change about its memory.  This
 * file has the architecture-neutral sub-ops; the rest go to
 * arch_memory_op().
 *
 * Arch contract (x86: arch/x86/mm/memory_op.c):
 *   long arch_memory_op(unsigned long cmd, void *arg);
 *     Handle an x86-specific XENMEM_* sub-op, -ENOSYS for unknown ones.
 *   int arch_guest_remove_page(struct domain *d, unsigned long gfn);
 *     d gives gfn back: drop the allocation's reference (the frame is
 *     freed once no mapping holds it) and forget its M2P entry.  0, or
 *     -EINVAL if gfn is not d's to give.
 *   int arch_guest_add_pages(struct domain *d, unsigned long gfn,
 *                            mfn_t mfn, unsigned int order);
 *     Record new frames [mfn, mfn + 2^order) as d's gfn.. (the M2P of a
 *     PV domain, the p2m of a translated one).  0, or -errno when the
 *     frames could not be placed there (the caller takes them back).
 *   bool arch_guest_translated(const struct domain *d);
 *     d names its memory by guest frame: populate_physmap reports no
 *     machine frames back to it (or to its builder), as on Xen.
 *   long arch_max_gpfn(const struct domain *d);
 *     XENMEM_maximum_gpfn: the highest gfn d (or its builder) says it
 *     uses, 0 if it said nothing.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <asm/current.h>

long arch_memory_op(unsigned long cmd, void *arg);
int arch_guest_add_pages(struct domain *d, unsigned long gfn, mfn_t mfn,
                         unsigned int order);
bool arch_guest_translated(const struct domain *d);
long arch_max_gpfn(const struct domain *d);

/* The extent to resume at rides in the command's upper bits. */
#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK     ((1UL << MEMOP_EXTENT_SHIFT) - 1)
/* Largest extents a domain may ask for at once (Xen's defaults). */
#define DOMU_MAX_ORDER     9
#define HWDOM_MAX_ORDER    12

/* The domain a query names, with a reference: itself, or any domain
 * for the privileged.  As on Xen, a domain that does not exist is -ESRCH
 * whoever asks, one that exists but is not the caller's to see -EPERM. */
static struct domain *query_target(void *arg, long *err)
{
    struct domain *cur = current->domain, *d;
    domid_t id;

    *err = -EFAULT;
    if ( copy_from_guest_ptr(&id, arg, sizeof(id)) )
        return NULL;
    *err = -ESRCH;
    if ( !(d = get_domain_or_self(id)) )
        return NULL;
    if ( d != cur && !cur->is_privileged )
    {
        put_domain(d);
        *err = -EPERM;
        return NULL;
    }
    return d;
}

static long reservation_query(unsigned long cmd, void *arg)
{
    long err;
    struct domain *d = query_target(arg, &err);

    if ( !d )
        return err;
    switch ( cmd )
    {
    case XENMEM_current_reservation:
        err = d->tot_pages;
        break;
    case XENMEM_maximum_reservation:
        err = d->max_pages;
        break;
    default:                       /* XENMEM_maximum_gpfn */
        err = arch_max_gpfn(d);
    }
    put_domain(d);
    return err;
}

/*
 * XENMEM_get_vnumainfo.  No domain here has a virtual NUMA layout (none
 * can be configured; on Xen neither dom0 nor a domU without vnuma
 * settings has one), so after Xen's checks the answer is -EOPNOTSUPP:
 * Linux then takes the machine as one node.  The call exists because
 * XENFEAT_memory_op_vnode_supported says it does, as on Xen 4.17.
 */
static long get_vnumainfo(void *arg)
{
    struct xen_vnuma_topology_info t;
    struct domain *d;
    long err;

    if ( copy_from_guest_ptr(&t, arg, sizeof(t)) )
        return -EFAULT;
    if ( t.pad )
        return -EINVAL;
    if ( !(d = query_target(arg, &err)) )
        return err;
    put_domain(d);
    return -EOPNOTSUPP;
}

/* One extent: give it back, or allocate it (and report its MFN). */
static bool do_extent(unsigned long op, struct domain *d,
                      struct xen_memory_reservation *r, unsigned long i)
{
    xen_pfn_t *slot = r->extent_start.p + i;
    unsigned int memflags = 0;
    struct page_info *pg;
    xen_pfn_t gfn = 0, mfn;

    if ( op != XENMEM_increase_reservation &&
         copy_from_guest_ptr(&gfn, slot, sizeof(gfn)) )
        return false;
    if ( op == XENMEM_decrease_reservation )
    {
        for ( unsigned long j = 0; j < (1UL << r->extent_order); j++ )
            if ( arch_guest_remove_page(d, gfn + j) )
                return false;
        return true;
    }
    if ( XENMEMF_get_address_bits(r->mem_flags) )
        memflags = MEMF_bits(XENMEMF_get_address_bits(r->mem_flags));
    if ( !(pg = alloc_cleared_pages(r->extent_order, memflags)) )
        return false;
    if ( assign_pages(d, pg, r->extent_order, 0) )
    {
        free_domheap_pages(pg, r->extent_order);
        return false;
    }
    mfn = mfn_x(page_to_mfn(pg));
    if ( op == XENMEM_populate_physmap &&
         arch_guest_add_pages(d, gfn, _mfn(mfn), r->extent_order) )
    {
        /* Not placed (a gfn out of range or taken): never the domain's. */
        domain_release_pages(d, pg, r->extent_order);
        free_domheap_pages(pg, r->extent_order);
        return false;
    }
    if ( op == XENMEM_populate_physmap && arch_guest_translated(d) )
        return true;
    return !copy_to_guest_ptr(slot, &mfn, sizeof(mfn));
}

/*
 * increase/decrease_reservation, populate_physmap.  The result is the
 * number of extents done; as on Xen 4.17, an argument that cannot be
 * read, a target domain that does not exist, an extent order above what
 * the caller may ask for (a privileged one more), and an unprivileged
 * caller aiming at another domain all simply mean none were done
 * (Xen's do_memory_op drops the permission check's errno too).
 */
static long reservation_op(unsigned long op, unsigned long start, void *arg)
{
    struct xen_memory_reservation r;
    struct free_batch batch;
    struct domain *d;
    unsigned long i;
    long rc;

    if ( copy_from_guest_ptr(&r, arg, sizeof(r)) ||
         !(d = get_domain_or_self(r.domid)) )
        return start;
    rc = start;
    if ( r.extent_order > (current->domain->is_privileged ? HWDOM_MAX_ORDER
                                                          : DOMU_MAX_ORDER) ||
         r.nr_extents > (~0UL >> MEMOP_EXTENT_SHIFT) || start > r.nr_extents ||
         !guest_range_ok(r.extent_start.p, r.nr_extents * sizeof(xen_pfn_t)) ||
         (d != current->domain && !current->domain->is_privileged) )
        goto out;
    /* A balloon gives back many pages per call: one TLB flush for all. */
    free_batch_begin(&batch);
    for ( i = start; i < r.nr_extents; i++ )
    {
        if ( i > start && hypercall_preempt_check() )
        {
            rc = hypercall_create_continuation(__HYPERVISOR_memory_op, 2,
                     op | (i << MEMOP_EXTENT_SHIFT), (unsigned long)arg);
            goto out_batch;
        }
        if ( !do_extent(op, d, &r, i) )
            break;
    }
    rc = i;
 out_batch:
    free_batch_end(&batch);
 out:
    put_domain(d);
    return rc;
}

long memory_exchange(void *arg);
long acquire_resource(void *arg, unsigned long start, unsigned int shift);

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    cmd &= MEMOP_CMD_MASK;
    switch ( cmd )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return reservation_op(cmd, start, (void *)arg);
    case XENMEM_exchange:
        return memory_exchange((void *)arg);
    case XENMEM_maximum_ram_page:
        return max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return reservation_query(cmd, (void *)arg);
    case XENMEM_acquire_resource:
        return acquire_resource((void *)arg, start, MEMOP_EXTENT_SHIFT);
    case XENMEM_get_vnumainfo:
        return get_vnumainfo((void *)arg);
    }
    return arch_memory_op(cmd, (void *)arg);
}

/*
 * XENMEM_exchange: a domain trades frames it has for new ones of another
 * shape, typically scattered single pages for one machine-contiguous
 * extent below some address (Linux's swiotlb and DMA buffers).
 *
 * Work goes in chunks of the larger of the two extent sizes: the input
 * frames of a chunk are taken back from the domain (each must be its own
 * and no longer mapped or typed anywhere), the output extents allocated
 * (below 2^address_bits if asked), zeroed, recorded at the guest frame
 * numbers the output list names and reported there as machine frames
 * (PV: the guest maps them itself), and only then are the old frames
 * freed; an allocation failure gives the chunk's frames back.  The new
 * extents become the domain's only once all are allocated and zeroed, so
 * no vCPU of it can see one before it is clean or keep one that a
 * failure frees; once they are its, a failure takes them back only with
 * ordinary puts (arch_guest_remove_page), never by freeing them.
 * nr_exchanged counts the input extents done, also on error, and carries
 * a preempted call's progress into its continuation.
 *
 * Arch contract (x86: arch/x86/mm/memory_op.c):
 *   struct page_info *arch_steal_page(struct domain *d, unsigned long gfn,
 *                                     unsigned long *m2p);
 *     Take d's frame gfn away from d if nothing but the allocation holds
 *     it: off d's list and uncharged, its M2P entry forgotten (the old
 *     one in *m2p).  NULL if it is not d's or still in use.
 *   void arch_unsteal_page(struct domain *d, struct page_info *pg,
 *                          unsigned long m2p);
 *     Undo arch_steal_page().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <asm/current.h>

struct page_info *arch_steal_page(struct domain *d, unsigned long gfn,
                                  unsigned long *m2p);
void arch_unsteal_page(struct domain *d, struct page_info *pg,
                       unsigned long m2p);
int arch_guest_add_pages(struct domain *d, unsigned long gfn, mfn_t mfn,
                         unsigned int order);

#define EXCHANGE_MAX_ORDER 9          /* 2 MiB at a time, as for domUs */
#define CHUNK_MAX          (1U << EXCHANGE_MAX_ORDER)

/* Take a chunk's input frames; false (all given back) if one is not ours
 * to give. */
static bool steal_chunk(struct domain *d, const struct xen_memory_exchange *x,
                        unsigned long first, unsigned long n,
                        struct page_info **pg, unsigned long *m2p)
{
    unsigned long per = 1UL << x->in.extent_order, k = 0;

    for ( unsigned long e = 0; e < n; e++ )
    {
        xen_pfn_t base;

        if ( copy_from_guest_ptr(&base, x->in.extent_start.p + first + e,
                                 sizeof(base)) )
            goto undo;
        for ( unsigned long j = 0; j < per; j++, k++ )
            if ( !(pg[k] = arch_steal_page(d, base + j, &m2p[k])) )
                goto undo;
    }
    return true;
 undo:
    while ( k-- )
        arch_unsteal_page(d, pg[k], m2p[k]);
    return false;
}

/* Give back n of d's new extents: they were d's, so another vCPU of d
 * may map them by now, and only the ordinary reference path may take
 * them (each freed by its last put). */
static void take_back(struct domain *d, struct page_info **out,
                      unsigned long n, unsigned int order)
{
    for ( unsigned long e = 0; e < n; e++ )
        for ( unsigned long j = 0; j < (1UL << order); j++ )
            if ( arch_guest_remove_page(d, mfn_x(page_to_mfn(out[e] + j))) )
                printk(XENLOG_WARNING "d%u: exchange: frame %#lx not taken"
                       " back\n", d->domain_id,
                       mfn_x(page_to_mfn(out[e] + j)));
}

/* Free out[from..to): extents that were never d's. */
static void free_unseen(struct page_info **out, unsigned long from,
                        unsigned long to, unsigned int order)
{
    for ( unsigned long e = from; e < to; e++ )
        free_domheap_pages(out[e], order);
}

/*
 * Allocate and hand out a chunk's output extents; -errno on failure
 * (then none of them stay with d).  They are allocated and zeroed before
 * any becomes d's: until then a failure frees them outright, as nobody
 * but us can have seen them.
 */
static int fill_chunk(struct domain *d, struct xen_memory_exchange *x,
                      unsigned long first, unsigned long n)
{
    unsigned int order = x->out.extent_order, bits;
    unsigned int memflags = 0;
    struct page_info *out[CHUNK_MAX];
    unsigned long e;

    bits = XENMEMF_get_address_bits(x->out.mem_flags);
    if ( bits )
        memflags |= MEMF_bits(bits);
    for ( e = 0; e < n; e++ )
        if ( !(out[e] = alloc_cleared_pages(order, memflags)) )
        {
            free_unseen(out, 0, e, order);
            return -ENOMEM;
        }
    /* The stolen input made room, but another vCPU may have taken it. */
    for ( e = 0; e < n; e++ )
        if ( assign_pages(d, out[e], order, 0) )
        {
            take_back(d, out, e, order);
            free_unseen(out, e, n, order);
            return -ENOMEM;
        }
    for ( e = 0; e < n; e++ )
    {
        xen_pfn_t gpfn = 0, mfn = mfn_x(page_to_mfn(out[e]));

        /* A list we cannot read or write only costs the guest its view. */
        (void)copy_from_guest_ptr(&gpfn, x->out.extent_start.p + first + e,
                                  sizeof(gpfn));
        (void)arch_guest_add_pages(d, gpfn, _mfn(mfn), order);
        (void)copy_to_guest_ptr(x->out.extent_start.p + first + e, &mfn,
                                sizeof(mfn));
    }
    return 0;
}

static long exchange(struct xen_memory_exchange *x, void *arg)
{
    struct domain *d = current->domain;
    unsigned int in_o = x->in.extent_order, out_o = x->out.extent_order;
    unsigned int chunk_o = max(in_o, out_o);
    unsigned long in_per = 1UL << (chunk_o - in_o);
    unsigned long out_per = 1UL << (chunk_o - out_o);
    static struct page_info *stolen[CHUNK_MAX];
    static unsigned long m2ps[CHUNK_MAX];
    static DEFINE_SPINLOCK(chunk_lock);  /* the two arrays above */

    if ( in_o > EXCHANGE_MAX_ORDER || out_o > EXCHANGE_MAX_ORDER ||
         (x->in.nr_extents << in_o) != (x->out.nr_extents << out_o) ||
         (x->in.nr_extents << in_o) >> in_o != x->in.nr_extents ||
         x->in.nr_extents % in_per || x->nr_exchanged > x->in.nr_extents ||
         x->nr_exchanged % in_per ||
         (x->in.domid != DOMID_SELF && x->in.domid != d->domain_id) ||
         x->out.domid != x->in.domid )
        return -EINVAL;
    if ( !guest_range_ok(x->in.extent_start.p,
                         x->in.nr_extents * sizeof(xen_pfn_t)) ||
         !guest_range_ok(x->out.extent_start.p,
                         x->out.nr_extents * sizeof(xen_pfn_t)) )
        return -EFAULT;

    while ( x->nr_exchanged < x->in.nr_extents )
    {
        unsigned long first_in = x->nr_exchanged;
        unsigned long first_out = (first_in << in_o) >> out_o;
        int rc = 0;

        if ( first_in && hypercall_preempt_check() )
        {
            if ( copy_to_guest_ptr(arg, x, sizeof(*x)) )
                return -EFAULT;
            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2,
                                                 XENMEM_exchange,
                                                 (unsigned long)arg);
        }
        spin_lock(&chunk_lock);
        if ( !steal_chunk(d, x, first_in, in_per, stolen, m2ps) )
            rc = -EINVAL;
        else if ( (rc = fill_chunk(d, x, first_out, out_per)) != 0 )
            for ( unsigned long k = 0; k < (in_per << in_o); k++ )
                arch_unsteal_page(d, stolen[k], m2ps[k]);
        else
        {
            /* The guest may have unmapped them with a local flush only:
             * no CPU keeps a translation once they are anyone's. */
            arch_flush_freed_pages();
            for ( unsigned long k = 0; k < (in_per << in_o); k++ )
                free_domheap_page(stolen[k]);
        }
        spin_unlock(&chunk_lock);
        if ( rc )
            return rc;
        x->nr_exchanged += in_per;
    }
    return 0;
}

long memory_exchange(void *arg)
{
    struct xen_memory_exchange x;
    long rc;

    if ( copy_from_guest_ptr(&x, arg, sizeof(x)) )
        return -EFAULT;
    rc = exchange(&x, arg);
    if ( rc != __HYPERVISOR_memory_op &&
         copy_to_guest_ptr(arg, &x, sizeof(x)) )
        rc = -EFAULT;
    return rc;
}

/*
 * Grant tables: the granter writes entries (flags, the domain allowed,
 * the frame) into its shared table; the grantee maps them
 * (GNTTABOP_map_grant_ref) or copies through them (GNTTABOP_copy).  The
 * two entry formats, v2's status frames and switching between versions
 * are in grant_versions.c; what both files share in grant_private.h.
 *
 * Per domain: the shared frames (hypervisor pages the guest maps), one
 * "active" record per entry in use (how many read-only and writable
 * pins, what the first pin found), and, as a grantee, the maptrack: one
 * record per mapping it holds, named by the handle it got.
 *
 * Locks are never nested across tables: the grantee's table lock covers
 * its maptrack, the granter's its active records and in-use marks; page
 * references go through the arch hooks.  A mapping keeps the page
 * referenced, so a granter dying meanwhile cannot free it (its pages are
 * disowned, not freed, while held); each maptrack record remembers the
 * granter's incarnation, so a new domain with the same id is never
 * confused with it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <asm/current.h>
#include "grant_private.h"

#define MAX_MAPTRACK      (1U << 16)          /* grant_handle_t is 32 bits,
                                                  this is our limit */
#define PREEMPT_EVERY     32

struct grant_mapping {
    bool in_use;
    uint32_t flags;                   /* GNTMAP_* */
    domid_t dom;                      /* the granter ... */
    uint64_t dom_unique;              /* ... this incarnation of it */
    grant_ref_t ref;
    unsigned long mfn;
    uint64_t host_addr;
};

/* ---- tables ---- */

static int grow(struct domain *d, struct grant_table *gt, unsigned int nr);

void grant_table_set_max(struct domain *d, unsigned int max_frames)
{
    struct grant_table *gt = d->grant_table;

    spin_lock(&gt->lock);
    if ( max_frames >= gt->nr_frames && max_frames <= GNTTAB_DEFAULT_MAX_FRAMES )
        gt->max_frames = max_frames;
    spin_unlock(&gt->lock);
}

int grant_table_init(struct domain *d, unsigned int max_frames)
{
    struct grant_table *gt = xzalloc(struct grant_table);

    if ( !gt )
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    gt->version = 1;
    gt->max_frames = max_frames;
    gt->shared = xzalloc_array(void *, max_frames);
    gt->active = xzalloc_array(struct active_grant *, max_frames);
    gt->status = xzalloc_array(grant_status_t *, max_frames);
    d->grant_table = gt;
    if ( !gt->shared || !gt->active || !gt->status )
        return -ENOMEM;
    /* One frame to begin with, as Xen gives. */
    return max_frames ? grow(d, gt, 1) : 0;
}

/* Grow to nr frames (the caller holds gt->lock).  In v2 the status
 * frames come first, so that every entry always has its status. */
static int grow(struct domain *d, struct grant_table *gt, unsigned int nr)
{
    if ( gt->version == 2 && status_frames_grow(d, gt, nr) )
        return -ENOMEM;
    while ( gt->nr_frames < nr )
    {
        unsigned int f = gt->nr_frames;
        void *page = alloc_xenheap_page();
        struct active_grant *act = xzalloc_array(struct active_grant,
                                                 V1_PER_FRAME);

        if ( !page || !act )
        {
            free_xenheap_page(page);
            xfree(act);
            return -ENOMEM;
        }
        memset(page, 0, PAGE_SIZE);
        share_xen_page_with_guest(virt_to_page(page), d);
        gt->shared[f] = page;
        gt->active[f] = act;
        gt->nr_frames = f + 1;
    }
    return 0;
}

/* ---- the granter's side: pinning an entry ---- */

/*
 * Pin entry ref of rd for domain `by` (read-only or writable; map: for a
 * mapping): check and mark the entry, take the page references.  *part:
 * what it grants.
 */
static int pin_grant(struct domain *rd, grant_ref_t ref, domid_t by,
                     bool readonly, bool map, struct grant_part *part)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act;
    struct grant_part found;
    struct page_info *pg;
    int rc;

    spin_lock(&gt->lock);
    if ( ref >= gt_nr_entries(gt) )
    {
        rc = GNTST_bad_gntref;
        goto out;
    }
    act = active_of(gt, ref);
    if ( (rc = entry_claim(gt, ref, by, readonly, map, act, &found)) )
        goto out;
    /* The entry names the frame in the granter's terms. */
    found.mfn = arch_grant_frame_mfn(rd, found.mfn);
    if ( !act->ro_pins && !act->rw_pins )
        act->part = found;
    if ( !mfn_valid(_mfn(act->part.mfn)) ||
         (pg = mfn_to_page(_mfn(act->part.mfn)))->owner != rd ||
         (rc = arch_get_grant_page(pg, rd, !readonly)) != GNTST_okay )
    {
        rc = rc ?: GNTST_general_error;
        entry_unmark(gt, ref, act);   /* nothing pinned by us */
        goto out;
    }
    if ( readonly )
        act->ro_pins++;
    else
        act->rw_pins++;
    *part = act->part;
 out:
    spin_unlock(&gt->lock);
    return rc;
}

/* Undo one pin_grant() (rd still alive).  A version switch cannot have
 * come between for an entry beyond the reserved ones, and moves the
 * marks of those, so the current version's place is the right one. */
static void unpin_grant(struct domain *rd, grant_ref_t ref, bool readonly)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act;

    spin_lock(&gt->lock);
    act = active_of(gt, ref);
    if ( readonly )
        act->ro_pins--;
    else
        act->rw_pins--;
    entry_unmark(gt, ref, act);
    spin_unlock(&gt->lock);
}

/* ---- the grantee's side: maptrack ---- */

static int maptrack_get(struct grant_table *gt)
{
    unsigned int h, n;
    struct grant_mapping *bigger;

    spin_lock(&gt->lock);
    for ( h = 0; h < gt->maptrack_size; h++ )
        if ( !gt->maptrack[h].in_use )
            goto found;
    n = gt->maptrack_size ? 2 * gt->maptrack_size : 64;
    if ( n > MAX_MAPTRACK ||
         !(bigger = xzalloc_array(struct grant_mapping, n)) )
    {
        spin_unlock(&gt->lock);
        return -1;
    }
    if ( gt->maptrack_size )
        memcpy(bigger, gt->maptrack, gt->maptrack_size * sizeof(*bigger));
    xfree(gt->maptrack);
    gt->maptrack = bigger;
    h = gt->maptrack_size;
    gt->maptrack_size = n;
 found:
    gt->maptrack[h].in_use = true;
    gt->maptrack[h].flags = 0;             /* reserved, not yet mapped */
    spin_unlock(&gt->lock);
    return h;
}

static void maptrack_put(struct grant_table *gt, unsigned int h)
{
    spin_lock(&gt->lock);
    gt->maptrack[h].in_use = false;
    spin_unlock(&gt->lock);
}

/* The granter of a mapping, with a reference, if it is still the same
 * incarnation and alive. */
static struct domain *granter_of(const struct grant_mapping *m)
{
    struct domain *rd = get_domain_by_id(m->dom);

    if ( rd && (rd->unique_id != m->dom_unique || rd->is_dying) )
    {
        put_domain(rd);
        rd = NULL;
    }
    return rd;
}

/* Drop what a mapping holds: page references and the pin. */
static void release_mapping(const struct grant_mapping *m)
{
    struct domain *rd = granter_of(m);
    bool ro = m->flags & GNTMAP_readonly;

    arch_put_grant_page(mfn_to_page(_mfn(m->mfn)), !ro);
    if ( rd )
    {
        unpin_grant(rd, m->ref, ro);
        put_domain(rd);
    }
}

/* ---- GNTTABOP_map_grant_ref / unmap_grant_ref ---- */

static void map_with(struct gnttab_map_grant_ref *op, struct domain *rd);

static void map_one(struct gnttab_map_grant_ref *op)
{
    struct domain *rd;

    op->handle = ~0U;
    /* The granter by id: DOMID_SELF is not one here, as in Xen. */
    if ( !(rd = get_domain_by_id(op->dom)) )
    {
        op->status = GNTST_bad_domain;
        return;
    }
    map_with(op, rd);
    put_domain(rd);
}

/* map_one() for granter rd, which the caller holds a reference to. */
static void map_with(struct gnttab_map_grant_ref *op, struct domain *rd)
{
    struct domain *ld = current->domain;
    struct grant_table *lgt = ld->grant_table;
    bool ro = op->flags & GNTMAP_readonly;
    struct grant_part part;
    unsigned long mfn;
    int h, rc;

    if ( !(op->flags & (GNTMAP_host_map | GNTMAP_device_map)) )
    {
        op->status = GNTST_bad_gntref;
        return;
    }
    if ( rd->is_dying )
    {
        op->status = GNTST_bad_domain;
        return;
    }
    if ( (h = maptrack_get(lgt)) < 0 )
    {
        op->status = GNTST_no_space;
        return;
    }
    if ( (rc = pin_grant(rd, op->ref, ld->domain_id, ro, true, &part)) )
    {
        maptrack_put(lgt, h);
        op->status = rc;
        return;
    }
    mfn = part.mfn;
    if ( (op->flags & GNTMAP_host_map) &&
         (rc = arch_grant_host_map(current, op->host_addr, _mfn(mfn),
                                   op->flags)) )
    {
        arch_put_grant_page(mfn_to_page(_mfn(mfn)), !ro);
        unpin_grant(rd, op->ref, ro);
        maptrack_put(lgt, h);
        op->status = rc;
        return;
    }
    spin_lock(&lgt->lock);
    lgt->maptrack[h] = (struct grant_mapping){
        .in_use = true, .flags = op->flags, .dom = rd->domain_id,
        .dom_unique = rd->unique_id, .ref = op->ref, .mfn = mfn,
        .host_addr = op->host_addr,
    };
    spin_unlock(&lgt->lock);
    if ( op->flags & GNTMAP_device_map )
        op->dev_bus_addr = (uint64_t)mfn << PAGE_SHIFT;   /* no IOMMU yet */
    op->handle = h;
    op->status = GNTST_okay;
}

/* Take handle h out of the maptrack if it matches; its record in *m. */
static int claim_handle(struct grant_table *lgt, grant_handle_t h,
                        uint64_t host_addr, struct grant_mapping *m)
{
    int rc = GNTST_okay;

    spin_lock(&lgt->lock);
    if ( h >= lgt->maptrack_size || !lgt->maptrack[h].in_use ||
         !lgt->maptrack[h].flags )
        rc = GNTST_bad_handle;
    else if ( host_addr && (!(lgt->maptrack[h].flags & GNTMAP_host_map) ||
                            lgt->maptrack[h].host_addr != host_addr) )
        rc = GNTST_general_error;
    else
    {
        *m = lgt->maptrack[h];
        lgt->maptrack[h].flags = 0;        /* nobody else can claim it */
    }
    spin_unlock(&lgt->lock);
    return rc;
}

static void unmap_one(uint64_t host_addr, grant_handle_t h, int16_t *status)
{
    struct grant_table *lgt = current->domain->grant_table;
    struct grant_mapping m;
    int rc = claim_handle(lgt, h, host_addr, &m);

    if ( rc == GNTST_okay && (m.flags & GNTMAP_host_map) &&
         (rc = arch_grant_host_unmap(current, m.host_addr, _mfn(m.mfn),
                                     m.flags)) )
    {
        /* The entry changed under us: keep the mapping's record. */
        spin_lock(&lgt->lock);
        lgt->maptrack[h].flags = m.flags;
        spin_unlock(&lgt->lock);
    }
    else if ( rc == GNTST_okay )
    {
        release_mapping(&m);
        maptrack_put(lgt, h);
    }
    *status = rc;
}

/* ---- GNTTABOP_copy ---- */

struct copy_end {
    struct domain *d;                 /* with a reference */
    bool by_grant;
    grant_ref_t ref;
    struct grant_part part;           /* the frame, and the bytes allowed */
};

/* One end's domain, with a reference.  A frame by number is only ever
 * the caller's own, named DOMID_SELF (Xen refuses even one's own id). */
static int copy_lock(const struct gnttab_copy_ptr *p, bool by_grant,
                     struct copy_end *end)
{
    end->by_grant = by_grant;
    if ( !(end->d = get_domain_or_self(p->domid)) )
        return GNTST_bad_domain;
    if ( end->d->is_dying )
    {
        put_domain(end->d);
        return GNTST_bad_domain;
    }
    if ( !by_grant && p->domid != DOMID_SELF )
    {
        put_domain(end->d);
        return GNTST_permission_denied;
    }
    return GNTST_okay;
}

/* Pin one end's frame (writable for the destination). */
static int copy_claim(const struct gnttab_copy_ptr *p, bool write,
                      struct copy_end *end)
{
    struct domain *cd = current->domain;
    struct page_info *pg;
    unsigned long mfn = arch_grant_frame_mfn(cd, p->u.gmfn);

    if ( end->by_grant )
    {
        end->ref = p->u.ref;
        return pin_grant(end->d, p->u.ref, cd->domain_id, !write, false,
                         &end->part);
    }
    if ( !mfn_valid(_mfn(mfn)) || (pg = mfn_to_page(_mfn(mfn)))->owner != cd )
        return GNTST_bad_page;
    end->part = (struct grant_part){ .mfn = mfn, .length = PAGE_SIZE };
    return arch_get_grant_page(pg, cd, write);
}

static void copy_unclaim(struct copy_end *end, bool write)
{
    arch_put_grant_page(mfn_to_page(_mfn(end->part.mfn)), write);
    if ( end->by_grant )
        unpin_grant(end->d, end->ref, !write);
}

/* Is [off, off + len) inside the page and inside what was granted? */
static int copy_range(unsigned int off, unsigned int len,
                      const struct grant_part *part)
{
    if ( off + len > PAGE_SIZE )
        return GNTST_bad_copy_arg;
    if ( off < part->start || off + len > part->start + part->length )
        return GNTST_general_error;           /* beyond a sub_page grant */
    return GNTST_okay;
}

/* In Xen's order: both domains, then both frames, then the ranges. */
static void copy_one(struct gnttab_copy *op)
{
    struct copy_end src, dst;
    int rc;

    if ( (rc = copy_lock(&op->source, op->flags & GNTCOPY_source_gref, &src)) )
        goto out;
    if ( (rc = copy_lock(&op->dest, op->flags & GNTCOPY_dest_gref, &dst)) )
        goto put_src;
    if ( (rc = copy_claim(&op->source, false, &src)) )
        goto put_dst;
    if ( (rc = copy_claim(&op->dest, true, &dst)) )
        goto unclaim_src;
    if ( !(rc = copy_range(op->source.offset, op->len, &src.part)) &&
         !(rc = copy_range(op->dest.offset, op->len, &dst.part)) )
        memmove((char *)mfn_to_virt(_mfn(dst.part.mfn)) + op->dest.offset,
                (char *)mfn_to_virt(_mfn(src.part.mfn)) + op->source.offset,
                op->len);
    copy_unclaim(&dst, true);
 unclaim_src:
    copy_unclaim(&src, false);
 put_dst:
    put_domain(dst.d);
 put_src:
    put_domain(src.d);
 out:
    op->status = rc;
}

/* ---- table sizes and versions ---- */

struct domain *gnttab_target(domid_t id, int16_t *status)
{
    struct domain *cd = current->domain, *d = get_domain_or_self(id);

    if ( !d )
        *status = GNTST_bad_domain;
    else if ( d != cd && !cd->is_privileged )
    {
        *status = GNTST_permission_denied;
        put_domain(d);
        d = NULL;
    }
    return d;
}

static long setup_table(struct gnttab_setup_table *op)
{
    struct domain *d = gnttab_target(op->dom, &op->status);
    struct grant_table *gt;
    long rc = 0;

    if ( !d )
        return 0;
    gt = d->grant_table;
    if ( op->nr_frames > gt->max_frames )
    {
        op->status = GNTST_general_error;
        put_domain(d);
        return 0;
    }
    spin_lock(&gt->lock);
    op->status = grow(d, gt, op->nr_frames) ? GNTST_general_error : GNTST_okay;
    for ( unsigned int i = 0; i < op->nr_frames && op->status == GNTST_okay; i++ )
    {
        xen_pfn_t mfn = __pa(gt->shared[i]) >> PAGE_SHIFT;

        if ( copy_to_guest_ptr(op->frame_list.p + i, &mfn, sizeof(mfn)) )
        {
            rc = -EFAULT;
            break;
        }
    }
    spin_unlock(&gt->lock);
    put_domain(d);
    return rc;
}

static void query_size(struct gnttab_query_size *op)
{
    struct domain *d = gnttab_target(op->dom, &op->status);

    if ( !d )
        return;
    op->nr_frames = d->grant_table->nr_frames;
    op->max_nr_frames = d->grant_table->max_frames;
    op->status = GNTST_okay;
    put_domain(d);
}

/* ---- the hypercall ---- */

/* Run count ops of type T from uop through fn, copying each in and out;
 * preempted: a continuation for the rest.  A fault: -EFAULT. */
#define FOR_EACH_OP(T, fn)                                                  \
    do {                                                                    \
        T *u = (T *)uop;                                                    \
        for ( unsigned long i = 0; i < count; i++ )                         \
        {                                                                   \
            T op;                                                           \
                                                                            \
            if ( i && !(i % PREEMPT_EVERY) && hypercall_preempt_check() )   \
                return hypercall_create_continuation(                       \
                    __HYPERVISOR_grant_table_op, 3, cmd,                    \
                    (unsigned long)(u + i), count - i);                     \
            if ( copy_from_guest_ptr(&op, u + i, sizeof(op)) )              \
                return -EFAULT;                                             \
            fn;                                                             \
            if ( copy_to_guest_ptr(u + i, &op, sizeof(op)) )                \
                return -EFAULT;                                             \
        }                                                                   \
    } while ( 0 )

long do_grant_table_op(unsigned long cmd, unsigned long uop,
                       unsigned long count, unsigned long a4, unsigned long a5)
{
    struct domain *d;
    long rc;

    /* cmd and count are 32-bit quantities in the ABI; cmd's bits above
     * the low 12 are an opaque value that only Xen's own continuations
     * (of cache_flush) may carry. */
    cmd = (unsigned int)cmd;
    count = (unsigned int)count;
    if ( (cmd >> 12) && (cmd & 0xfff) != GNTTABOP_cache_flush )
        return -EINVAL;
    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        FOR_EACH_OP(struct gnttab_map_grant_ref, map_one(&op));
        return 0;
    case GNTTABOP_unmap_grant_ref:
        FOR_EACH_OP(struct gnttab_unmap_grant_ref,
                    unmap_one(op.host_addr, op.handle, &op.status));
        return 0;
    case GNTTABOP_unmap_and_replace:
        /* Replacing with another mapping is not supported yet; a plain
         * unmap (new_addr 0) is. */
        FOR_EACH_OP(struct gnttab_unmap_and_replace,
                    if ( op.new_addr ) op.status = GNTST_general_error;
                    else unmap_one(op.host_addr, op.handle, &op.status));
        return 0;
    case GNTTABOP_copy:
        FOR_EACH_OP(struct gnttab_copy, copy_one(&op));
        return 0;
    case GNTTABOP_setup_table:
        if ( count != 1 )
            return -EINVAL;
        {
            struct gnttab_setup_table op;

            if ( copy_from_guest_ptr(&op, (void *)uop, sizeof(op)) )
                return -EFAULT;
            rc = setup_table(&op);
            if ( copy_to_guest_ptr((void *)uop, &op, sizeof(op)) )
                return -EFAULT;
            return rc;
        }
    case GNTTABOP_query_size:
        if ( count != 1 )
            return -EINVAL;
        FOR_EACH_OP(struct gnttab_query_size, query_size(&op));
        return 0;
    case GNTTABOP_set_version:
    {
        struct gnttab_set_version op;

        /* Xen reads exactly one, whatever count says. */
        if ( copy_from_guest_ptr(&op, (void *)uop, sizeof(op)) )
            return -EFAULT;
        rc = gnttab_set_version(&op);
        if ( copy_to_guest_ptr((void *)uop, &op, sizeof(op)) )
            return -EFAULT;
        return rc;
    }
    case GNTTABOP_get_status_frames:
    {
        struct gnttab_get_status_frames op;

        if ( count != 1 )
            return -EINVAL;
        if ( copy_from_guest_ptr(&op, (void *)uop, sizeof(op)) )
            return -EFAULT;
        if ( (rc = gnttab_get_status_frames(&op)) )
            return rc;
        /* Only the status goes back, as in Xen. */
        return copy_to_guest_ptr((char *)uop + offsetof(typeof(op), status),
                                 &op.status, sizeof(op.status)) ? -EFAULT : 0;
    }
    case GNTTABOP_get_version:
    {
        struct gnttab_get_version op;
        int16_t status;

        if ( count != 1 )
            return -EINVAL;
        if ( copy_from_guest_ptr(&op, (void *)uop, sizeof(op)) )
            return -EFAULT;
        if ( !(d = gnttab_target(op.dom, &status)) )
            return status == GNTST_bad_domain ? -ESRCH : -EPERM;
        op.version = d->grant_table->version;
        put_domain(d);
        return copy_to_guest_ptr((void *)uop, &op, sizeof(op)) ? -EFAULT : 0;
    }
    }
    return -ENOSYS;
}

/* ---- a dying domain ---- */

/*
 * Clear the entry of host mapping m in whichever vCPU's tables still
 * hold it exactly (the vCPU that made it may have had other tables than
 * vCPU 0; an entry named by machine address is the same for all); a
 * guest that overwrote it leaves nothing to clear.
 */
static void clear_host_entry(struct domain *d, const struct grant_mapping *m)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] &&
             (arch_grant_host_unmap(d->vcpu[i], m->host_addr, _mfn(m->mfn),
                                    m->flags) == GNTST_okay ||
              (m->flags & GNTMAP_contains_pte)) )
            return;
}

/* Records released between looks for other work on the CPU. */
#define RELEASE_CHECK_EVERY 64

int grant_table_release_mappings(struct domain *d, bool preemptible)
{
    struct grant_table *gt = d->grant_table;
    unsigned int done = 0;

    if ( !gt )
        return 0;
    for ( ; ; gt->release_next++ )
    {
        unsigned int h = gt->release_next;
        struct grant_mapping m;

        if ( preemptible && ++done % RELEASE_CHECK_EVERY == 0 &&
             hypercall_preempt_check() )
            return -ERESTART;
        /* One record at a time, the lock dropped before the granter's
         * is taken: locks are never nested. */
        spin_lock(&gt->lock);
        if ( h >= gt->maptrack_size )
        {
            spin_unlock(&gt->lock);
            break;
        }
        m = gt->maptrack[h];
        if ( m.in_use && m.flags )
            gt->maptrack[h].in_use = false;
        spin_unlock(&gt->lock);
        if ( !m.in_use || !m.flags )
            continue;
        if ( m.flags & GNTMAP_host_map )
            clear_host_entry(d, &m);
        release_mapping(&m);
    }
    return 0;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if ( !gt )
        return;
    for ( unsigned int h = 0; h < gt->maptrack_size; h++ )
        ASSERT(!gt->maptrack[h].in_use);
    for ( unsigned int f = 0; f < gt->nr_frames; f++ )
    {
        free_shared_xen_page(virt_to_page(gt->shared[f]));
        xfree(gt->active[f]);
    }
    status_frames_destroy(gt);
    xfree(gt->maptrack);
    xfree(gt->shared);
    xfree(gt->active);
    xfree(gt->status);
    xfree(gt);
    d->grant_table = NULL;
}

/* ---- XENMEM_acquire_resource (common/acquire_resource.c) ---- */

unsigned int gnttab_resource_max_frames(const struct domain *d,
                                        unsigned int id)
{
    const struct grant_table *gt = d->grant_table;

    if ( id == XENMEM_resource_grant_table_id_shared )
        return gt->max_frames;
    if ( id == XENMEM_resource_grant_table_id_status )
        return status_frames_for(gt->max_frames);
    return 0;
}

/* Status frame `last` exists once the table has this many frames. */
static unsigned int frames_for_status(const struct grant_table *gt,
                                      unsigned int last)
{
    unsigned int n = DIV_ROUND_UP((last + 1) * STATUS_PER_FRAME,
                                  V2_PER_FRAME);

    return min(n, gt->max_frames);
}

int gnttab_acquire_frames(struct domain *d, unsigned int id,
                          unsigned int frame, unsigned int nr,
                          unsigned long *mfns)
{
    struct grant_table *gt = d->grant_table;
    unsigned int last = frame + nr - 1;
    int rc = -EINVAL;

    if ( !nr )
        return -EINVAL;
    spin_lock(&gt->lock);
    if ( id == XENMEM_resource_grant_table_id_shared )
    {
        if ( last < gt->max_frames &&
             (last < gt->nr_frames || !(rc = grow(d, gt, last + 1))) )
        {
            for ( unsigned int i = 0; i < nr; i++ )
                mfns[i] = __pa(gt->shared[frame + i]) >> PAGE_SHIFT;
            rc = 0;
        }
    }
    else if ( id == XENMEM_resource_grant_table_id_status &&
              gt->version == 2 )
    {
        if ( last >= status_frames_for(gt->max_frames) )
            goto out;                   /* beyond the limit: -EINVAL */
        if ( last >= gt->nr_status_frames &&
             (rc = grow(d, gt, frames_for_status(gt, last))) )
            goto out;
        rc = -EINVAL;
        if ( last < gt->nr_status_frames )
        {
            for ( unsigned int i = 0; i < nr; i++ )
                mfns[i] = __pa(gt->status[frame + i]) >> PAGE_SHIFT;
            rc = 0;
        }
    }
 out:
    spin_unlock(&gt->lock);
    return rc;
}

/*
 * The two grant entry formats and switching between them.
 *
 * Version 1: 8-byte entries, 512 a frame; the in-use marks (GTF_reading,
 * GTF_writing) live in the entry's own flags, so the first 32 bits
 * (flags and domid) change only by compare-and-exchange: a pin succeeds
 * only if one exchange saw the entry granted to the pinner.
 *
 * Version 2: 16-byte entries, 256 a frame (full_page, sub_page for copies
 * only, transitive, which we refuse as Xen may), and the marks in a
 * separate status array the hypervisor alone writes, so the flags never
 * change under the granter.  Revocation then works by ordering: the
 * granter clears its flags, then reads the status; a pin sets the status,
 * then reads the flags again; with a full barrier between on both sides
 * at least one of them sees the other.
 *
 * A switch happens only while no entry beyond the 8 reserved ones is
 * pinned; those keep their pins and have their marks moved to the new
 * place.  Every other entry is cleared.  Status frames, which the guest
 * may map (get_status_frames hands out their numbers), are given back on
 * the way to v1 only if nobody maps them: a freed frame still mapped
 * would be a window onto whatever the heap hands it to next.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include "grant_private.h"

#define MARKS (GTF_reading | GTF_writing)

static struct grant_entry_v1 *entry_v1(struct grant_table *gt, grant_ref_t ref)
{
    return (struct grant_entry_v1 *)gt->shared[ref / V1_PER_FRAME] +
           ref % V1_PER_FRAME;
}

static union grant_entry_v2 *entry_v2(struct grant_table *gt, grant_ref_t ref)
{
    return (union grant_entry_v2 *)gt->shared[ref / V2_PER_FRAME] +
           ref % V2_PER_FRAME;
}

static grant_status_t *status_of(struct grant_table *gt, grant_ref_t ref)
{
    return gt->status[ref / STATUS_PER_FRAME] + ref % STATUS_PER_FRAME;
}

/* Does header word hdr (flags | domid << 16) let `by` pin the entry? */
static bool usable(uint32_t hdr, domid_t by, bool readonly, bool map)
{
    uint16_t flags = hdr, dom = hdr >> 16;
    uint16_t mask = GTF_type_mask | (map ? GTF_sub_page : 0);

    return (flags & mask) == GTF_permit_access && dom == by &&
           (readonly || !(flags & GTF_readonly));
}

static uint16_t marks_for(bool readonly)
{
    return GTF_reading | (readonly ? 0 : GTF_writing);
}

static int claim_v1(struct grant_table *gt, grant_ref_t ref, domid_t by,
                    bool readonly, bool map, struct grant_part *part)
{
    struct grant_entry_v1 *e = entry_v1(gt, ref);
    uint32_t *word = (uint32_t *)e, old, want;

    old = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    do {
        if ( !usable(old, by, readonly, map) )
            return GNTST_general_error;
        want = old | marks_for(readonly);
    } while ( !__atomic_compare_exchange_n(word, &old, want, false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) );
    part->mfn = READ_ONCE(e->frame);        /* translated by the caller */
    part->start = 0;
    part->length = PAGE_SIZE;
    return GNTST_okay;
}

static int claim_v2(struct grant_table *gt, grant_ref_t ref, domid_t by,
                    bool readonly, bool map, const struct active_grant *act,
                    struct grant_part *part)
{
    union grant_entry_v2 *e = entry_v2(gt, ref);
    uint32_t *word = (uint32_t *)&e->hdr, hdr;

    if ( !usable(__atomic_load_n(word, __ATOMIC_SEQ_CST), by, readonly, map) )
        return GNTST_general_error;
    __atomic_fetch_or(status_of(gt, ref), marks_for(readonly),
                      __ATOMIC_SEQ_CST);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    hdr = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    if ( !usable(hdr, by, readonly, map) )
    {
        entry_unmark(gt, ref, act);         /* revoked meanwhile */
        return GNTST_general_error;
    }
    if ( (uint16_t)hdr & GTF_sub_page )
    {
        part->mfn = READ_ONCE(e->sub_page.frame);
        part->start = READ_ONCE(e->sub_page.page_off);
        part->length = READ_ONCE(e->sub_page.length);
    }
    else
    {
        part->mfn = READ_ONCE(e->full_page.frame);
        part->start = 0;
        part->length = PAGE_SIZE;
    }
    return GNTST_okay;
}

int entry_claim(struct grant_table *gt, grant_ref_t ref, domid_t by,
                bool readonly, bool map, const struct active_grant *act,
                struct grant_part *part)
{
    return gt->version == 2
           ? claim_v2(gt, ref, by, readonly, map, act, part)
           : claim_v1(gt, ref, by, readonly, map, part);
}

void entry_unmark(struct grant_table *gt, grant_ref_t ref,
                  const struct active_grant *act)
{
    uint16_t drop = (act->rw_pins ? 0 : GTF_writing) |
                    (act->rw_pins || act->ro_pins ? 0 : GTF_reading);
    uint16_t *where = gt->version == 2 ? status_of(gt, ref)
                                       : &entry_v1(gt, ref)->flags;

    if ( drop )
        __atomic_fetch_and(where, (uint16_t)~drop, __ATOMIC_SEQ_CST);
}

/* ---- status frames ---- */

int status_frames_grow(struct domain *d, struct grant_table *gt,
                       unsigned int nr_frames)
{
    while ( gt->nr_status_frames < status_frames_for(nr_frames) )
    {
        void *page = alloc_xenheap_page();

        if ( !page )
            return -ENOMEM;
        memset(page, 0, PAGE_SIZE);
        share_xen_page_with_guest(virt_to_page(page), d);
        gt->status[gt->nr_status_frames++] = page;
    }
    return 0;
}

/* Free every status frame, or none if any is still mapped (-EBUSY). */
static int status_frames_release(struct grant_table *gt)
{
    if ( !arch_grant_unshare_frames((void *const *)gt->status,
                                    gt->nr_status_frames) )
        return -EBUSY;
    for ( unsigned int i = 0; i < gt->nr_status_frames; i++ )
    {
        free_xenheap_page(gt->status[i]);
        gt->status[i] = NULL;
    }
    gt->nr_status_frames = 0;
    return 0;
}

void status_frames_destroy(struct grant_table *gt)
{
    for ( unsigned int i = 0; i < gt->nr_status_frames; i++ )
        free_shared_xen_page(virt_to_page(gt->status[i]));
    gt->nr_status_frames = 0;
}

/* ---- switching versions ---- */

static unsigned int nr_reserved(const struct grant_table *gt)
{
    return min((unsigned int)GNTTAB_NR_RESERVED_ENTRIES, gt_nr_entries(gt));
}

static bool pinned_beyond_reserved(struct grant_table *gt)
{
    for ( grant_ref_t ref = GNTTAB_NR_RESERVED_ENTRIES; ref < gt_nr_entries(gt);
          ref++ )
        if ( active_of(gt, ref)->ro_pins || active_of(gt, ref)->rw_pins )
            return true;
    return false;
}

/* v2 -> v1: can every reserved entry be written as a v1 one? */
static bool reserved_fit_v1(struct grant_table *gt)
{
    for ( grant_ref_t ref = 0; ref < nr_reserved(gt); ref++ )
    {
        const union grant_entry_v2 *e = entry_v2(gt, ref);

        switch ( e->hdr.flags & GTF_type_mask )
        {
        case GTF_permit_access:
            if ( e->full_page.frame >> 32 )
                return false;
            break;
        case GTF_transitive:
            return false;
        }
    }
    return true;
}

/* The reserved entries as v1 ones, their marks in the flags. */
static void save_reserved(struct grant_table *gt, struct grant_entry_v1 *keep)
{
    for ( grant_ref_t ref = 0; ref < nr_reserved(gt); ref++ )
    {
        const union grant_entry_v2 *e;

        if ( gt->version == 1 )
        {
            keep[ref] = *entry_v1(gt, ref);
            continue;
        }
        e = entry_v2(gt, ref);
        memset(&keep[ref], 0, sizeof(keep[ref]));
        if ( (e->hdr.flags & GTF_type_mask) != GTF_permit_access )
            continue;                       /* not representable: dropped */
        keep[ref].flags = e->hdr.flags | *status_of(gt, ref);
        keep[ref].domid = e->hdr.domid;
        keep[ref].frame = e->full_page.frame;
    }
}

static void restore_reserved(struct grant_table *gt,
                             const struct grant_entry_v1 *keep)
{
    for ( grant_ref_t ref = 0; ref < nr_reserved(gt); ref++ )
    {
        union grant_entry_v2 *e;

        if ( gt->version == 1 )
        {
            *entry_v1(gt, ref) = keep[ref];
            continue;
        }
        e = entry_v2(gt, ref);
        *status_of(gt, ref) = keep[ref].flags & MARKS;
        e->hdr.flags = keep[ref].flags & ~MARKS;
        e->hdr.domid = keep[ref].domid;
        e->full_page.frame = keep[ref].frame;
    }
}

static long switch_version(struct domain *d, struct grant_table *gt,
                           unsigned int want)
{
    struct grant_entry_v1 keep[GNTTAB_NR_RESERVED_ENTRIES];
    long rc;

    if ( pinned_beyond_reserved(gt) )
        return -EBUSY;
    if ( want == 1 && !reserved_fit_v1(gt) )
        return -ERANGE;
    save_reserved(gt, keep);
    rc = want == 2 ? status_frames_grow(d, gt, gt->nr_frames)
                   : status_frames_release(gt);
    if ( rc )
        return rc;
    for ( unsigned int f = 0; f < gt->nr_frames; f++ )
        memset(gt->shared[f], 0, PAGE_SIZE);
    gt->version = want;
    restore_reserved(gt, keep);
    return 0;
}

long gnttab_set_version(struct gnttab_set_version *op)
{
    struct domain *d = current->domain;
    struct grant_table *gt = d->grant_table;
    long rc = 0;

    spin_lock(&gt->lock);
    if ( op->version != 1 && op->version != 2 )
        rc = -EINVAL;
    else if ( op->version != gt->version )
        rc = switch_version(d, gt, op->version);
    op->version = gt->version;
    spin_unlock(&gt->lock);
    return rc;
}

long gnttab_get_status_frames(struct gnttab_get_status_frames *op)
{
    uint64_t *list = (uint64_t *)op->frame_list.p;
    struct grant_table *gt;
    struct domain *d;

    if ( !guest_range_ok(list, (unsigned long)op->nr_frames * sizeof(*list)) )
        return -EFAULT;
    if ( !(d = gnttab_target(op->dom, &op->status)) )
        return 0;
    gt = d->grant_table;
    op->status = GNTST_okay;
    spin_lock(&gt->lock);
    if ( op->nr_frames > (gt->version == 2 ? gt->nr_status_frames : 0) )
        op->status = GNTST_general_error;
    for ( unsigned int i = 0; op->status == GNTST_okay && i < op->nr_frames; i++ )
    {
        uint64_t mfn = __pa(gt->status[i]) >> PAGE_SHIFT;

        if ( copy_to_guest_ptr(list + i, &mfn, sizeof(mfn)) )
            op->status = GNTST_bad_virt_addr;
    }
    spin_unlock(&gt->lock);
    put_domain(d);
    return 0;
}

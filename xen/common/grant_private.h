/*
 * Grant tables: what grant_table.c (sizes, pins, maptrack, map/unmap,
 * copy, the hypercall) shares with grant_versions.c (the two entry
 * formats, the v2 status frames, switching versions).  Nothing else
 * includes this; the rest of the hypervisor uses xen/grant_table.h.
 *
 * gt->lock covers a table's size, version, status frames, active
 * records and in-use marks, and (as a grantee) its maptrack.  It may be
 * held while the arch hooks take their page-reference lock, never the
 * other way round, and two tables' locks are never held together.
 */
#ifndef COMMON_GRANT_PRIVATE_H
#define COMMON_GRANT_PRIVATE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/mm.h>
#include <public/grant_table.h>

struct domain;
struct grant_mapping;

#define V1_PER_FRAME     (PAGE_SIZE / sizeof(struct grant_entry_v1))  /* 512 */
#define V2_PER_FRAME     (PAGE_SIZE / sizeof(union grant_entry_v2))   /* 256 */
#define STATUS_PER_FRAME (PAGE_SIZE / sizeof(grant_status_t))        /* 2048 */

/* What an entry in use grants: set by its first pin, kept while pinned
 * (the granter must not change a pinned entry). */
struct grant_part {
    unsigned long mfn;
    unsigned int start, length;       /* the bytes granted (v2 sub_page) */
};

/* One per entry, whichever the version: its pins and what they hold. */
struct active_grant {
    unsigned int ro_pins, rw_pins;
    struct grant_part part;           /* while pinned */
};

struct grant_table {
    spinlock_t lock;
    unsigned int version;             /* 1 or 2 */
    unsigned int nr_frames, max_frames;
    void **shared;                    /* [max_frames] */
    /* [max_frames][V1_PER_FRAME]: indexed by ref alone, so that it
     * serves both versions (v2 uses the first half of each). */
    struct active_grant **active;
    /* v2: status frames covering every entry (an allocation failure may
     * leave some behind in v1; they are unused then). */
    grant_status_t **status;          /* [max_frames] */
    unsigned int nr_status_frames;
    struct grant_mapping *maptrack;
    unsigned int maptrack_size;
    unsigned int release_next;        /* a dying domain's: next record */
};

static inline unsigned int gt_nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * (gt->version == 2 ? V2_PER_FRAME : V1_PER_FRAME);
}

static inline unsigned int status_frames_for(unsigned int nr_frames)
{
    return DIV_ROUND_UP(nr_frames * V2_PER_FRAME, STATUS_PER_FRAME);
}

static inline struct active_grant *active_of(struct grant_table *gt,
                                             grant_ref_t ref)
{
    return &gt->active[ref / V1_PER_FRAME][ref % V1_PER_FRAME];
}

/* The domain a table op names, with a reference the caller puts: one's
 * own, or any for the privileged; else NULL and *status set. */
struct domain *gnttab_target(domid_t id, int16_t *status);

/* ---- grant_versions.c; gt->lock held for the first four ---- */

/*
 * Mark entry ref of gt in use for domain `by` (GTF_reading, and
 * GTF_writing unless readonly), in the current version's place, if the
 * entry allows it: GNTST_okay and what it grants in *part.  map: a
 * mapping, for which a sub_page grant does not do.  On failure nothing
 * is left marked that act's pins do not hold.
 */
int entry_claim(struct grant_table *gt, grant_ref_t ref, domid_t by,
                bool readonly, bool map, const struct active_grant *act,
                struct grant_part *part);
/* Clear the marks of entry ref that act's pins no longer hold. */
void entry_unmark(struct grant_table *gt, grant_ref_t ref,
                  const struct active_grant *act);
/* v2: status frames enough for nr_frames table frames, shared with d. */
int status_frames_grow(struct domain *d, struct grant_table *gt,
                       unsigned int nr_frames);
/* A dying domain's status frames (others' mappings keep theirs alive). */
void status_frames_destroy(struct grant_table *gt);

/* GNTTABOP_set_version for the caller; op->version is what is in effect
 * afterwards.  0 or -errno. */
long gnttab_set_version(struct gnttab_set_version *op);
/* GNTTABOP_get_status_frames; op->status set.  0, or -errno for an
 * unusable frame list. */
long gnttab_get_status_frames(struct gnttab_get_status_frames *op);

#endif /* COMMON_GRANT_PRIVATE_H */

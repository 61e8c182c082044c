/*
 * Grant tables, versions 1 and 2 (xen/common/grant_table.c and
 * grant_versions.c): how a domain lets another one map or copy its
 * pages, and the per-domain bookkeeping of both sides.
 *
 * Arch contract (x86: arch/x86/pv/grant_map.c, hvm/grant_map.c, picked by
 * arch/x86/guest.c).  The implementation
 * takes the page-table lock it needs (v's domain's) itself; callers may
 * hold grant-table locks, which come before it, but no lock that
 * disables interrupts (lock order: arch/x86/include/asm/pv/mm.h):
 *   int arch_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
 *                           unsigned int flags);
 *     Make an entry of v's page tables map mfn as the GNTMAP_* flags say
 *     (readonly, application_map, guest_avail bits).  Without
 *     GNTMAP_contains_pte, addr is the virtual address the not-present
 *     entry maps (guest space: canonical, not the hypervisor's range);
 *     with it, addr is the machine address of the entry itself, in a page
 *     of v's domain that is a validated L1 table, and whatever the entry
 *     held is replaced (its references given back), as on Xen.  The
 *     grant code holds the references the mapping needs; the entry itself
 *     takes none.  0, or a GNTST_* error.
 *   int arch_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
 *                             unsigned int flags);
 *     addr and flags as the map's.  Clear the entry only if it is exactly
 *     the one that map made (a grant entry of mfn with those flags), else
 *     GNTST_general_error; every CPU's stale translation is gone on
 *     return.  With GNTMAP_contains_pte only v's domain matters.
 *   int arch_get_grant_page(struct page_info *pg, struct domain *owner,
 *                           bool writable);
 *   void arch_put_grant_page(struct page_info *pg, bool writable);
bool arch_grant_unshare_frames(void *const *frames, unsigned int nr);
 *     Take / drop the references a mapping or copy of owner's page needs
 *     (a writable type for writing).  0 or a GNTST_* error.
 *   unsigned long arch_grant_frame_mfn(struct domain *d, uint64_t frame);
 *     The machine frame that frame number `frame` in d's own terms names
 *     (a grant entry's frame, a copy's gmfn): itself for a PV domain,
 *     through the p2m for a translated (HVM) one, where only d's RAM
 *     counts.  ~0UL when it names nothing; the caller then fails the
 *     operation (mfn_valid() is false for it).
 *   bool arch_grant_unshare_frames(void *const *frames, unsigned int nr);
 *     frames: hypervisor pages shared with a guest (v2 status frames).
 *     If nothing but the allocation holds any of them (no mapping, no
 *     grant of them), take them all back from their guest atomically
 *     with respect to new mappings, flush every CPU's stale translations
 *     and return true: the caller then frees them.  Else change nothing
 *     and return false.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/types.h>
#include <xen/mm.h>

struct domain;
struct vcpu;

/* Frames a domain's table may grow to unless the toolstack says. */
#define GNTTAB_DEFAULT_MAX_FRAMES 64

int grant_table_init(struct domain *d, unsigned int max_frames);
/* The toolstack's limit (createdomain), at most the default, which is
 * what the arrays are sized for. */
void grant_table_set_max(struct domain *d, unsigned int max_frames);
/*
 * A dying domain's mappings, at domain_kill(): called once no vCPU of
 * d runs any more (so it makes no new ones) and BEFORE its memory is
 * relinquished, while its page tables still exist.  Each host mapping's
 * entry is cleared where it still is exactly what the map made, and
 * every reference and pin a mapping held is dropped (in the granter too,
 * if that incarnation still lives).  Afterwards d holds no mapping.
 * preemptible: -ERESTART when the CPU has other work, the records done
 * so far remembered; call again until 0.  Safe to call again after 0
 * (it finds nothing).
 */
int grant_table_release_mappings(struct domain *d, bool preemptible);
/*
 * Free d's table structures, at the last put_domain().  d holds no
 * mapping by then (grant_table_release_mappings() ran, or d never ran);
 * its shared frames that others still map stay alive until unmapped.
 * Touches no page table.
 */
void grant_table_destroy(struct domain *d);

/*
 * XENMEM_acquire_resource's grant-table part (id: XENMEM_resource_grant_
 * table_id_shared or _status).  The most frames there can be (0: none of
 * that id), and the machine frames of frames [frame, frame + nr), the
 * table grown to hold them as GNTTABOP_setup_table would: -EINVAL beyond
 * the limit, for an unknown id, or status frames of a v1 table.
 */
unsigned int gnttab_resource_max_frames(const struct domain *d,
                                        unsigned int id);
int gnttab_acquire_frames(struct domain *d, unsigned int id,
                          unsigned int frame, unsigned int nr,
                          unsigned long *mfns);

long do_grant_table_op(unsigned long cmd, unsigned long uop,
                       unsigned long count, unsigned long a4, unsigned long a5);

int arch_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                        unsigned int flags);
int arch_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                          unsigned int flags);
int arch_get_grant_page(struct page_info *pg, struct domain *owner,
                        bool writable);
void arch_put_grant_page(struct page_info *pg, bool writable);
bool arch_grant_unshare_frames(void *const *frames, unsigned int nr);
unsigned long arch_grant_frame_mfn(struct domain *d, uint64_t frame);

#endif /* XEN_GRANT_TABLE_H */

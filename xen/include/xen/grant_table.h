/*
 * Grant tables, version 1 (xen/common/grant_table.c): how a domain lets
 * another one map or copy its pages, and the per-domain bookkeeping of
 * both sides.
 *
 * Arch contract (x86: arch/x86/pv/grant_map.c).  The implementation
 * takes the page-table lock it needs (v's domain's) itself; callers may
 * hold grant-table locks, which come before it, but no lock that
 * disables interrupts (lock order: arch/x86/include/asm/pv/mm.h):
 *   int arch_grant_host_map(struct vcpu *v, unsigned long va, mfn_t mfn,
 *                           bool readonly);
 *     Make the not-present entry mapping va in v's page tables map mfn
 *     (read-only if asked).  The grant code holds the references the
 *     mapping needs; the entry itself takes none.  0, or a GNTST_* error.
 *   int arch_grant_host_unmap(struct vcpu *v, unsigned long va, mfn_t mfn);
 *     Clear that entry if it still maps mfn as a grant mapping; every
 *     CPU's stale translation is gone on return.  0 or a GNTST_* error.
 *   int arch_get_grant_page(struct page_info *pg, struct domain *owner,
 *                           bool writable);
 *   void arch_put_grant_page(struct page_info *pg, bool writable);
 *     Take / drop the references a mapping or copy of owner's page needs
 *     (a writable type for writing).  0 or a GNTST_* error.
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
/* A dying domain: drop every mapping it holds of others' grants, then
 * its own table (others' mappings of its pages keep those pages alive). */
void grant_table_destroy(struct domain *d);

long do_grant_table_op(unsigned long cmd, unsigned long uop,
                       unsigned long count, unsigned long a4, unsigned long a5);

int arch_grant_host_map(struct vcpu *v, unsigned long va, mfn_t mfn,
                        bool readonly);
int arch_grant_host_unmap(struct vcpu *v, unsigned long va, mfn_t mfn);
int arch_get_grant_page(struct page_info *pg, struct domain *owner,
                        bool writable);
void arch_put_grant_page(struct page_info *pg, bool writable);

#endif /* XEN_GRANT_TABLE_H */

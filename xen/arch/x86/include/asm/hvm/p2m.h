/*
 * The p2m of an HVM domain: guest-physical frame -> machine frame, kept
 * in the nested page-table format the hardware walks (AMD NPT: ordinary
 * long-mode 4-level tables; Intel EPT: its own permission and memory-type
 * bits; the vendor says which, hvm_vendor->p2m_format).  Each leaf
 * carries a type in bits the hardware ignores, so that the same table
 * answers the hypervisor's own lookups.
 *
 * Locking: one spinlock per p2m; lookups and updates take it.  Table
 * pages are hypervisor-private and freed with the domain.  Leaves do not
 * hold page references: a RAM leaf names one of the domain's own pages,
 * which lives as long as the domain (the domain's memory is relinquished
 * only once no vCPU can run).
 */
#ifndef ASM_X86_HVM_P2M_H
#define ASM_X86_HVM_P2M_H

#include <xen/types.h>
#include <xen/mm.h>

enum p2m_type {
    p2m_invalid = 0,        /* not mapped: an access is a nested fault */
    p2m_ram_rw = 1,         /* the domain's own memory */
    p2m_mmio_direct = 2,    /* a machine MMIO range given to the domain */
    p2m_grant_map = 3,      /* another domain's page through a grant */
    p2m_foreign = 4,        /* another domain's page (privileged mapping) */
    p2m_grant_map_ro = 5,   /* as p2m_grant_map, read-only to the guest */
};

/* Guest frames above this are refused (4-level tables: 2^48 bytes). */
#define P2M_MAX_GFN ((1UL << (48 - PAGE_SHIFT)) - 1)

/* The nested page-table formats (hvm/p2m.c describes the encodings). */
enum p2m_format_id {
    P2M_FORMAT_NPT,         /* AMD nested paging: long-mode entries */
    P2M_FORMAT_EPT,         /* Intel extended page tables */
};

struct p2m;

/* An empty p2m in format fmt; NULL if out of memory (or fmt unknown). */
struct p2m *p2m_create(enum p2m_format_id fmt);
void p2m_destroy(struct p2m *p);
/* The root table's machine address (nested CR3, or EPTP without its
 * control bits). */
uint64_t p2m_root(const struct p2m *p);
/* Map gfn -> mfn with type t (p2m_invalid: unmap).  0, -EINVAL for a
 * gfn out of range, -ENOMEM.  Returns in *replaced whether a present
 * entry was overwritten (stale translations may then exist). */
int p2m_set_entry(struct p2m *p, unsigned long gfn, mfn_t mfn,
                  enum p2m_type t, bool *replaced);
/* Map gfn only if nothing is mapped there: 0, -EEXIST, or as above. */
int p2m_set_entry_if_free(struct p2m *p, unsigned long gfn, mfn_t mfn,
                          enum p2m_type t);
/* Map (mfn, t) at gfn in one step only if gfn maps old with type ot: 0,
 * or -ENOENT. */
int p2m_replace_entry_if(struct p2m *p, unsigned long gfn, mfn_t old,
                         enum p2m_type ot, mfn_t mfn, enum p2m_type t);
/* Unmap gfn only if it maps mfn with type t: 0, or -ENOENT. */
int p2m_clear_entry_if(struct p2m *p, unsigned long gfn, mfn_t mfn,
                       enum p2m_type t);
/* INVALID_MFN (type p2m_invalid) if gfn is not mapped. */
mfn_t p2m_lookup(struct p2m *p, unsigned long gfn, enum p2m_type *t);

#endif /* ASM_X86_HVM_P2M_H */

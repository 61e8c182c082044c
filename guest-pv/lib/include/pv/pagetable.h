/*
 * pagetable.h - reading the live page tables of a PV kernel.
 *
 * PV page tables hold machine frame numbers.  A table's own frame is
 * found through the M2P (machine_to_phys_mapping) and, as long as it
 * lies inside the boot mapping (va = PV_VIRT_BASE + pfn * 4096), it can
 * be read at that address: the hypervisor maps page-table pages there
 * read-only.  That covers the builder's tables and any a test makes out
 * of its own boot-mapped pages.
 */
#ifndef PV_PAGETABLE_H
#define PV_PAGETABLE_H

#include <pv/types.h>
#include <public/xen.h>

/* M2P lookup (may fault for an MFN beyond the table: see exinfo.h). */
static inline unsigned long mfn_to_pfn(unsigned long mfn)
{
    return ((const volatile unsigned long *)MACH2PHYS_VIRT_START)[mfn];
}

/* Virtual address of a machine frame inside the boot mapping, or 0. */
unsigned long mfn_to_va(unsigned long mfn);

/* The MFN of the current top-level table (CR3, emulated read). */
unsigned long pt_root_mfn(void);

struct pt_walk
{
    uint64_t entry[4];      /* entry[3] = L4e ... entry[0] = L1e */
    int leaf;               /* level of the last entry read: 3..0 */
    bool present;           /* the walk reached a present leaf */
};

/*
 * Walk the tables for va starting at the current CR3.  Stops at a
 * non-present entry, a superpage, or a table outside the boot mapping.
 * Returns w->present.
 */
bool pt_walk(unsigned long va, struct pt_walk *w);

/* Convenience: the leaf PTE mapping va, or 0 if not mapped. */
uint64_t pt_leaf(unsigned long va);

/* Machine address of the L1 entry for va, for mmu_update: va itself need
 * not be mapped, but its L1 table must exist (0 + offset otherwise). */
uint64_t pt_l1e_maddr(unsigned long va);

#endif /* PV_PAGETABLE_H */

/*
 * The machine-to-phys (M2P) table: for every machine frame, the guest
 * frame number its owner knows it by (or M2P_INVALID).  PV guests read it
 * at RO_MPT_VIRT_START, part of the ABI; the hypervisor writes it through
 * its own read-write mapping.
 */
#ifndef ASM_X86_M2P_H
#define ASM_X86_M2P_H

#include <xen/mm.h>

#define M2P_INVALID (~0UL)
#define RDWR_MPT_VIRT_START _AC(0xffff828000000000, UL)
#define RDWR_MPT_VIRT_END   _AC(0xffff82c000000000, UL)

#define m2p_rw ((unsigned long *)RDWR_MPT_VIRT_START)

/* Allocate and map the table for every RAM frame; at boot, after the heap. */
void m2p_init(void);

static inline void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn)
{
    m2p_rw[mfn] = pfn;
}

static inline unsigned long get_gpfn_from_mfn(unsigned long mfn)
{
    return mfn_valid(_mfn(mfn)) ? m2p_rw[mfn] : M2P_INVALID;
}

/* Entries in the table (max_page rounded up to whole pages of entries). */
extern unsigned long m2p_nr_entries;

#endif /* ASM_X86_M2P_H */

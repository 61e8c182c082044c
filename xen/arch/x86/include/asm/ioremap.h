/*
 * Mapping device registers (MMIO) uncached.
 *
 * The hypervisor has no separate I/O virtual area: a device's registers are
 * mapped at their direct-map address __va(pa), with 4 KiB uncacheable pages
 * (any 2 MiB superpage covering them is split).  The direct-map address of
 * a physical address is unique, so repeated or overlapping requests are
 * harmless.
 */
#ifndef ASM_X86_IOREMAP_H
#define ASM_X86_IOREMAP_H

#include <xen/lib.h>
#include <asm/mm-map.h>

/* Map [pa, pa + len) uncached; returns the virtual address of pa or NULL. */
static inline void *ioremap_uc(paddr_t pa, size_t len)
{
    paddr_t start = pa & PAGE_MASK;
    paddr_t end = ROUNDUP(pa + len, PAGE_SIZE);

    if ( !len || end <= start ||
         map_pages_to_xen((unsigned long)__va(start), _mfn(PFN_DOWN(start)),
                          PFN_DOWN(end - start), __PAGE_HYPERVISOR_UC) )
        return NULL;
    return __va(pa);
}

#endif /* ASM_X86_IOREMAP_H */

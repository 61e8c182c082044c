/*
 * Page-table entry formats and address conversions for 4-level paging.
 * __va()/__pa() translate between machine addresses and the direct map;
 * image symbols translate through XEN_VIRT_START instead.
 */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>

#define _PAGE_PRESENT   0x001UL
#define _PAGE_RW        0x002UL
#define _PAGE_USER      0x004UL
#define _PAGE_PWT       0x008UL
#define _PAGE_PCD       0x010UL
#define _PAGE_ACCESSED  0x020UL
#define _PAGE_DIRTY     0x040UL
#define _PAGE_PSE       0x080UL
#define _PAGE_PAT       0x080UL
#define _PAGE_GLOBAL    0x100UL
#define _PAGE_AVAIL     0xe00UL
#define _PAGE_NX        (1UL << 63)

#define PADDR_BITS      52
#define PADDR_MASK      ((1UL << PADDR_BITS) - 1)
#define PTE_ADDR_MASK   (PADDR_MASK & PAGE_MASK)

#define __PAGE_HYPERVISOR_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define __PAGE_HYPERVISOR_RX (_PAGE_PRESENT | _PAGE_ACCESSED)
#define __PAGE_HYPERVISOR    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                              _PAGE_DIRTY | _PAGE_NX)
#define __PAGE_HYPERVISOR_UC (__PAGE_HYPERVISOR | _PAGE_PCD | _PAGE_PWT)
/* Intermediate levels: permissions are decided at the leaf. */
#define __PAGE_TABLE         (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                              _PAGE_DIRTY | _PAGE_USER)

#ifndef __ASSEMBLY__

#include <xen/types.h>

typedef uint64_t pgentry_t;

#define l1_table_offset(va) (((va) >> L1_PAGETABLE_SHIFT) & 511)
#define l2_table_offset(va) (((va) >> L2_PAGETABLE_SHIFT) & 511)
#define l3_table_offset(va) (((va) >> L3_PAGETABLE_SHIFT) & 511)
#define l4_table_offset(va) (((va) >> L4_PAGETABLE_SHIFT) & 511)

#define __va(pa)   ((void *)((unsigned long)(pa) + DIRECTMAP_VIRT_START))
#define __pa(va)   ((paddr_t)(va) >= XEN_VIRT_START &&                   \
                    (paddr_t)(va) < XEN_VIRT_END                         \
                    ? (paddr_t)(va) - XEN_VIRT_START                     \
                    : (paddr_t)(va) - DIRECTMAP_VIRT_START)

#define PFN_DOWN(a)  ((a) >> PAGE_SHIFT)
#define PFN_UP(a)    (((a) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define pfn_to_paddr(p) ((paddr_t)(p) << PAGE_SHIFT)

static inline paddr_t pte_paddr(pgentry_t e)
{
    return e & PTE_ADDR_MASK;
}

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_PAGE_H */

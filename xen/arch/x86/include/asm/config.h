/*
 * The hypervisor's virtual memory layout and basic sizes.
 *
 * Everything the hypervisor maps lives in the range that Xen's x86_64 PV ABI
 * reserves for it, 0xffff800000000000-0xffff87ffffffffff (L4 slots 256-271);
 * the rest of the 48-bit space belongs to PV guests.  The addresses below
 * follow Xen's own layout so that guests see familiar values (the
 * read-only machine-to-phys table in particular is part of the ABI).
 *
 *  0xffff800000000000 - 0xffff803fffffffff  read-only M2P table (guest ABI)
 *  0xffff820000000000 - 0xffff82000080ffff  per-CPU GDT windows (PV GDTs)
 *  0xffff82d040000000 - 0xffff82d07fffffff  hypervisor image (1 GiB)
 *  0xffff82e000000000 - 0xffff82ffffffffff  frame table (128 GiB)
 *  0xffff830000000000 - 0xffff87ffffffffff  direct map of RAM (5 TiB)
 */
#ifndef ASM_X86_CONFIG_H
#define ASM_X86_CONFIG_H

#ifdef __ASSEMBLY__
#define _AC(x, s) x
#else
#define _AC(x, s) x##s
#endif

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))

#define L1_PAGETABLE_SHIFT  12
#define L2_PAGETABLE_SHIFT  21
#define L3_PAGETABLE_SHIFT  30
#define L4_PAGETABLE_SHIFT  39
#define PAGETABLE_ORDER     9
#define L1_PAGETABLE_ENTRIES 512

#define HYPERVISOR_AREA_START   _AC(0xffff800000000000, UL)
#define HYPERVISOR_AREA_END     _AC(0xffff880000000000, UL)

#define RO_MPT_VIRT_START       _AC(0xffff800000000000, UL)
#define RO_MPT_VIRT_END         _AC(0xffff804000000000, UL)

/* Per-CPU windows onto the running PV vCPU's GDT (arch/x86/desc.c): 128
 * KiB apart, so that a window's pages are never another's. */
#define GDT_WINDOW_START        _AC(0xffff820000000000, UL)
#define GDT_WINDOW(cpu)         (GDT_WINDOW_START + ((unsigned long)(cpu) << 17))
/* ... and behind each, 64 KiB (8192 descriptors) for the vCPU's LDT. */
#define LDT_WINDOW(cpu)         (GDT_WINDOW(cpu) + 0x10000)
#define LDT_WINDOW_PAGES        16

#define XEN_VIRT_START          _AC(0xffff82d040000000, UL)
#define XEN_VIRT_END            _AC(0xffff82d080000000, UL)

#define FRAMETABLE_VIRT_START   _AC(0xffff82e000000000, UL)
#define FRAMETABLE_SIZE         _AC(0x0000002000000000, UL)

#define DIRECTMAP_VIRT_START    _AC(0xffff830000000000, UL)
#define DIRECTMAP_VIRT_END      _AC(0xffff880000000000, UL)

/* The hypervisor image is loaded at this physical address and linked at
 * XEN_VIRT_START plus it, so that va - XEN_VIRT_START is its load address. */
#define XEN_LOAD_ADDR           _AC(0x200000, UL)

/* Per-CPU stack block: IST stacks in the low pages, the primary stack on top,
 * aligned to its size so the CPU's struct cpu_info can be found from %rsp. */
#define STACK_ORDER             4
#define STACK_SIZE              (PAGE_SIZE << STACK_ORDER)
#define IST_DF_PAGE             0
#define IST_NMI_PAGE            1
#define IST_MCE_PAGE            2
#define IST_DB_PAGE             3

#define NR_CPUS                 64

/* Hypervisor selectors: identical to Xen's so that the guest-visible flat
 * ring-3 selectors (FLAT_RING3_CS64 0xe033 ...) live in the same GDT page. */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)
#define __HYPERVISOR_CS         0xe008
#define __HYPERVISOR_DS         0xe010
#define __HYPERVISOR_CS32       0xe038
#define TSS_SELECTOR            0xe040
#define LDT_SELECTOR            0xe050
#define PER_CPU_SELECTOR        0xe060

#endif /* ASM_X86_CONFIG_H */

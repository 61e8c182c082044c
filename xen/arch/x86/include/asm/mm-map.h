/*
 * Mapping memory into the hypervisor's own address space (the idle page
 * tables that every CPU and every PV guest's hypervisor slots share).
 */
#ifndef ASM_X86_MM_MAP_H
#define ASM_X86_MM_MAP_H

#include <xen/mm.h>

/* The L4 table all hypervisor mappings hang off (boot_l4 in head.S). */
extern pgentry_t boot_l4[512];
#define idle_pg_table boot_l4

/*
 * Map nr 4 KiB frames from mfn at va with PTE flags.  Missing intermediate
 * tables are allocated: from the boot allocator until the heap is up, from
 * the heap afterwards.  Returns 0 or -ENOMEM.  Existing mappings are
 * replaced; a 2 MiB superpage in the way is split.
 */
int map_pages_to_xen(unsigned long va, mfn_t mfn, unsigned long nr,
                     unsigned long flags);
/* Map [pa, pa + len) with 2 MiB pages where possible (direct map). */
int map_directmap_range(paddr_t pa, paddr_t end);
/* Switch table allocation from the boot allocator to the heap. */
void mm_heap_is_ready(void);
/* Remove the boot-time identity map of low memory. */
void zap_low_mappings(void);
/* W^X (mm/protect.c): once every CPU is up, make text read-only, data,
 * heap and direct map non-executable, and unmap the rest of the boot
 * window.  check_xen_mappings(): NULL if that holds, else what does not. */
void protect_xen_mappings(void);
/* Unmap the guard page of a CPU's stack block (heap must be up). */
void stack_guard(unsigned int cpu, void *stack_base);
const char *check_xen_mappings(void);
/* The page-table entry mapping va at the lowest level, or NULL. */
pgentry_t *virt_to_pte(unsigned long va);

#endif /* ASM_X86_MM_MAP_H */

/*
 * The machine memory map, sanitised: sorted, without overlaps (where the
 * firmware's entries overlap, the more restrictive type wins), with RAM
 * trimmed to whole pages.
 */
#ifndef ASM_X86_E820_H
#define ASM_X86_E820_H

#include <xen/bootinfo.h>

struct e820map {
    unsigned int nr;
    struct boot_mem_range map[MAX_MEMMAP];
};

extern struct e820map e820;

/* Build e820 from the loader's ranges and print it. */
void e820_init(const struct boot_mem_range *ranges, unsigned int nr);
/* Total bytes of RAM, and one past the highest RAM byte. */
uint64_t e820_ram_total(void);
uint64_t e820_ram_end(void);
/* The whole pages of RAM in the map (physinfo's total_pages). */
unsigned long e820_ram_pages(void);
/* Does [start, end) lie entirely within RAM? */
bool e820_all_ram(uint64_t start, uint64_t end);

/* Give domain d its own pseudo-physical map (what XENMEM_memory_map
 * returns to it; a builder's, or the toolstack's set_memory_map), nr
 * entries of r.  0, -EINVAL (too many), -ENOMEM. */
struct domain;
int domain_set_e820(struct domain *d, const struct boot_mem_range *r,
                    unsigned int nr);

#endif /* ASM_X86_E820_H */

/*
 * The PCI Express memory-mapped configuration areas (ECAM) the ACPI MCFG
 * table describes, one per (segment, bus range), and the bookkeeping
 * around them that needs nothing of the hypervisor (arch/x86/mcfg_areas.c,
 * also built on the host by tests/unit/run-mcfg.sh).
 *
 * Everything here comes from firmware or from dom0 and is checked before
 * use: an area is kept only if its bus range is ordered, its base is
 * 1 MiB aligned, all of it lies below 2^paddr_bits, and it overlaps no
 * area kept before it (neither the same segment's buses nor the same
 * physical addresses).  Lookups never look past nr.
 */
#ifndef ASM_X86_MCFG_AREAS_H
#define ASM_X86_MCFG_AREAS_H

#include <xen/types.h>

#define MCFG_MAX_AREAS  16
#define MCFG_BUS_SHIFT  20          /* 1 MiB of configuration per bus */

struct mcfg_area {
    uint64_t base;                  /* bus 0's address, even if start_bus > 0 */
    uint16_t seg;
    uint8_t start_bus, end_bus;
    bool in_use;                    /* the hypervisor uses it (Xen's "enabled") */
};

struct mcfg_areas {
    unsigned int nr;
    struct mcfg_area a[MCFG_MAX_AREAS];
};

/* Physical addresses an area covers: [start, end). */
uint64_t mcfg_area_start(const struct mcfg_area *a);
uint64_t mcfg_area_end(const struct mcfg_area *a);

/* Keep one entry (not in use yet): 0, or why it is refused: -EINVAL
 * (inverted buses, unaligned base), -ERANGE (beyond paddr_bits),
 * -EEXIST (overlaps a kept area), -ENOSPC (table full). */
int mcfg_area_add(struct mcfg_areas *s, uint64_t base, unsigned int seg,
                  unsigned int start_bus, unsigned int end_bus,
                  unsigned int paddr_bits);

/* Forget area i (the others keep their order). */
void mcfg_area_drop(struct mcfg_areas *s, unsigned int i);

/* The ACPI MCFG table of len bytes (the caller has checked its header
 * and that len bytes are readable): each entry through mcfg_area_add.
 * refused(i, err) is told of each entry refused (may be NULL).  Returns
 * the number of entries the table holds. */
unsigned int mcfg_parse(struct mcfg_areas *s, const void *table, size_t len,
                        unsigned int paddr_bits,
                        void (*refused)(unsigned int i, int err,
                                        const struct mcfg_area *e));

/* The area holding (seg, bus), in use or not, or NULL. */
const struct mcfg_area *mcfg_find_bus(const struct mcfg_areas *s,
                                      unsigned int seg, unsigned int bus);

/* The area covering physical address pa (NULL: none); *seg, *bus and
 * *devfn say what pa addresses. */
const struct mcfg_area *mcfg_decode(const struct mcfg_areas *s, uint64_t pa,
                                    unsigned int *seg, unsigned int *bus,
                                    unsigned int *devfn);

/* Address of register reg of (bus, devfn) in a, whose range holds bus. */
uint64_t mcfg_conf_addr(const struct mcfg_area *a, unsigned int bus,
                        unsigned int devfn, unsigned int reg);

/* PHYSDEVOP_pci_mmcfg_reserved once the caller is known to be dom0, with
 * Xen 4.17's answers: a flag other than XEN_PCI_MMCFG_RESERVED -EINVAL;
 * no area with exactly this segment and bus range -ENODEV; that area at
 * another base -EIO; otherwise 0, and the area is in use if reported
 * reserved, out of use if not.  *idx is the area's index when it is 0. */
int mcfg_reserved(struct mcfg_areas *s, uint64_t addr, unsigned int seg,
                  unsigned int start_bus, unsigned int end_bus,
                  uint32_t flags, unsigned int *idx);

#endif /* ASM_X86_MCFG_AREAS_H */

/*
 * A PVH dom0's firmware view above 1 MiB: the host's non-RAM ranges in its
 * map, the host's ACPI tables mapped 1:1, and tables of its own
 * (hvm/dom0_acpi.c).
 */
#ifndef ASM_X86_HVM_DOM0_ACPI_H
#define ASM_X86_HVM_DOM0_ACPI_H

#include <xen/types.h>
#include <public/hvm/start_info.h>

struct domain;

/* dom0's memory map while it is built: e[0..nr), room for max. */
struct pvh_dom0_map {
    struct hvm_memmap_table_entry *e;
    unsigned int nr, max;
};

/* Adds the host's ranges and dom0's ACPI page to m (unsorted), maps the
 * host's tables and writes dom0's own into its last page of RAM, which
 * must lie at or above floor.  *rsdp: dom0's RSDP.  0 or -errno. */
int pvh_dom0_acpi(struct domain *d, struct pvh_dom0_map *m, uint64_t floor,
                  uint64_t *rsdp);

/* Whether dom0's p2m may map machine frame mfn directly: never host RAM
 * nor a device the hypervisor keeps (asm/mmio_guard.h). */
bool dom0_direct_ok(unsigned long mfn);

#endif /* ASM_X86_HVM_DOM0_ACPI_H */

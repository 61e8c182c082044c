/* SPDX-License-Identifier: MIT */
/*
 * What a PVH guest finds at start of day: %ebx holds the guest-physical
 * address of struct hvm_start_info.  Every address in these structures is
 * guest-physical; every structure is 8-byte aligned in memory.
 */
#ifndef PUBLIC_HVM_START_INFO_H
#define PUBLIC_HVM_START_INFO_H

/* "xEn3" with the top bit of the 'E' set. */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

#ifndef __ASSEMBLY__
#include <stdint.h>

struct hvm_start_info {
    uint32_t magic;             /* XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;           /* 0: up to rsdp_paddr; 1: adds the memmap */
    uint32_t flags;             /* SIF_* as in start_info */
    uint32_t nr_modules;        /* entries at modlist_paddr */
    uint64_t modlist_paddr;     /* struct hvm_modlist_entry[nr_modules] */
    uint64_t cmdline_paddr;     /* NUL-terminated command line, 0: none */
    uint64_t rsdp_paddr;        /* ACPI RSDP, 0: none */
    /* Version 1 and later: */
    uint64_t memmap_paddr;      /* struct hvm_memmap_table_entry[] */
    uint32_t memmap_entries;
    uint32_t reserved;          /* zero */
};

struct hvm_modlist_entry {
    uint64_t paddr;             /* the module's first byte */
    uint64_t size;              /* in bytes */
    uint64_t cmdline_paddr;     /* its own command line, 0: none */
    uint64_t reserved;
};

struct hvm_memmap_table_entry {
    uint64_t addr;              /* start of the range */
    uint64_t size;              /* its length in bytes */
    uint32_t type;              /* XEN_HVM_MEMMAP_TYPE_* (E820 numbering) */
    uint32_t reserved;
};
#endif /* !__ASSEMBLY__ */

#define XEN_HVM_MEMMAP_TYPE_RAM       1
#define XEN_HVM_MEMMAP_TYPE_RESERVED  2
#define XEN_HVM_MEMMAP_TYPE_ACPI      3
#define XEN_HVM_MEMMAP_TYPE_NVS       4
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE  5
#define XEN_HVM_MEMMAP_TYPE_DISABLED  6
#define XEN_HVM_MEMMAP_TYPE_PMEM      7

#endif /* PUBLIC_HVM_START_INFO_H */

/*
 * What the boot loader told us, in one loader-independent form.
 *
 * Each boot path (Multiboot1, Multiboot2, later EFI) fills a struct
 * boot_info and hands it to the common start of day, which never looks at
 * loader-specific structures.
 */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>

#define MAX_BOOT_MODULES  16
#define MAX_MEMMAP        128

/* Memory map entry types: the ACPI/E820 numbering. */
#define MEM_RAM           1
#define MEM_RESERVED      2
#define MEM_ACPI          3
#define MEM_NVS           4
#define MEM_UNUSABLE      5

struct boot_mem_range {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
};

struct boot_module {
    paddr_t start;
    size_t size;
    const char *cmdline;     /* never NULL; "" when the loader gave none */
};

struct boot_info {
    const char *loader;      /* loader's name, or "unknown" */
    const char *cmdline;     /* hypervisor command line, never NULL */
    unsigned int nr_modules;
    struct boot_module mods[MAX_BOOT_MODULES];
    unsigned int nr_mem;
    struct boot_mem_range mem[MAX_MEMMAP];
    paddr_t rsdp;            /* ACPI RSDP from the loader, 0: search for it */
    paddr_t efi_systab;      /* EFI system table, 0 when not booted by EFI */
    paddr_t info_start, info_end; /* the loader's own data, kept until parsed */
};

/* The common start of day, entered by every boot path. */
void start_xen(struct boot_info *bi) __attribute__((__noreturn__));

#endif /* XEN_BOOTINFO_H */

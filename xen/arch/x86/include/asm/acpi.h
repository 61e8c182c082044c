/*
 * ACPI: what the hypervisor learns from the firmware's tables.
 *
 * acpi_boot_init() finds the RSDP, walks the RSDT/XSDT, validates every
 * table (length, checksum) and records the valid ones; then it parses
 *   - the MADT into acpi_madt (CPUs, IO-APICs, interrupt overrides, NMIs),
 *   - the FADT into acpi_fadt (PM1 control blocks, \_S5 sleep type from
 *     the DSDT/SSDTs, reset register, PM timer, RTC century, flags),
 *   - the HPET table into acpi_hpet.
 * Tables that fail validation are reported and ignored; everything here is
 * then zero/absent, and callers fall back to legacy assumptions.
 */
#ifndef ASM_X86_ACPI_H
#define ASM_X86_ACPI_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <asm/mcfg_areas.h>

struct acpi_table_header {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    char creator_id[4];
    uint32_t creator_revision;
} __packed;

/* Generic Address Structure. */
struct acpi_gas {
    uint8_t space_id;
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t access_size;
    uint64_t address;
} __packed;

#define ACPI_SPACE_MEMORY      0
#define ACPI_SPACE_IO          1
#define ACPI_SPACE_PCI_CONFIG  2

#define MAX_IO_APICS           8
#define MAX_ACPI_ISOS          32
#define MAX_ACPI_LAPIC_NMIS    16
#define MAX_ACPI_NMI_SOURCES   8
#define ACPI_UID_ALL           0xffffffffu

/* MPS INTI flags (interrupt overrides, NMI entries). */
#define ACPI_INTI_POLARITY_MASK 0x3
#define  ACPI_INTI_ACTIVE_HIGH  0x1
#define  ACPI_INTI_ACTIVE_LOW   0x3
#define ACPI_INTI_TRIGGER_MASK  0xc
#define  ACPI_INTI_EDGE         0x4
#define  ACPI_INTI_LEVEL        0xc

struct acpi_madt_info {
    bool present;
    bool pcat_compat;          /* dual 8259s are present */
    paddr_t lapic_addr;
    unsigned int nr_cpus;      /* enabled processors (xAPIC and x2APIC) */
    struct { uint32_t apic_id, uid; } cpus[NR_CPUS];
    unsigned int nr_ioapics;
    struct { uint32_t id, gsi_base; paddr_t addr; } ioapics[MAX_IO_APICS];
    unsigned int nr_isos;      /* ISA IRQ -> GSI overrides */
    struct { uint8_t irq; uint16_t flags; uint32_t gsi; } isos[MAX_ACPI_ISOS];
    unsigned int nr_lapic_nmis; /* LINT pins wired to NMI */
    struct {
        uint32_t uid;          /* ACPI processor UID, or ACPI_UID_ALL */
        uint16_t flags;
        uint8_t lint;
    } lapic_nmis[MAX_ACPI_LAPIC_NMIS];
    unsigned int nr_nmi_sources; /* GSIs wired to NMI */
    struct { uint32_t gsi; uint16_t flags; } nmi_sources[MAX_ACPI_NMI_SOURCES];
};

/* FADT flags and IA-PC boot architecture flags used by the hypervisor. */
#define ACPI_FADT_TMR_VAL_EXT      (1u << 8)
#define ACPI_FADT_RESET_REG_SUP    (1u << 10)
#define ACPI_FADT_HW_REDUCED       (1u << 20)
#define ACPI_BOOT_ARCH_8042        (1u << 1)
#define ACPI_BOOT_ARCH_NO_CMOS_RTC (1u << 5)

struct acpi_fadt_info {
    bool present;
    uint8_t revision;
    uint32_t flags;
    uint16_t boot_arch;        /* valid from revision 2 */
    uint8_t century;           /* CMOS index of the century, 0: none */
    uint16_t sci_int;
    uint32_t smi_cmd;          /* port; with acpi_enable, enters ACPI mode */
    uint8_t acpi_enable;
    struct acpi_gas pm1a_cnt, pm1b_cnt, pm_tmr;
    bool pm_tmr_32bit;
    bool reset_valid;
    struct acpi_gas reset_reg;
    uint8_t reset_value;
    struct acpi_gas sleep_control;   /* hardware-reduced ACPI (5.0+) */
    bool s5_valid;             /* \_S5 found in the DSDT or an SSDT */
    uint8_t slp_typa, slp_typb;
};

struct acpi_hpet_info {
    paddr_t address;           /* 0: no (valid) HPET table */
    uint8_t number;
    uint16_t min_tick;
};

/* MCFG: memory-mapped PCI configuration areas (ECAM), as checked by
 * acpi/mcfg.c; arch/x86/pci_mmcfg.c owns them after boot. */
extern struct mcfg_areas acpi_mcfg;
extern struct acpi_madt_info acpi_madt;
extern struct acpi_fadt_info acpi_fadt;
extern struct acpi_hpet_info acpi_hpet;

void acpi_boot_init(const struct boot_info *bi);

/* The instance'th valid table with signature sig (4 chars), or NULL. */
const struct acpi_table_header *acpi_get_table(const char *sig,
                                               unsigned int instance);

/* The i'th valid table in discovery order (its address in *pa), or NULL
 * past the last. */
const struct acpi_table_header *acpi_table_nth(unsigned int i, paddr_t *pa);

/* A PVH dom0's tables (acpi/dom0.c): an RSDP at the start of buf (size
 * bytes, to be placed at guest-physical gpa), an XSDT listing the host's
 * tables dom0 may see and a MADT of nr_vcpus local APICs.  The bytes
 * used, or -ENOSPC. */
long acpi_build_dom0_tables(void *buf, size_t size, uint64_t gpa,
                            unsigned int nr_vcpus);
/* fn(ctx, pa, len) for every host table (and the FACS): what dom0 must
 * be able to read.  Stops at and returns fn's first non-zero answer. */
int acpi_for_each_host_table(int (*fn)(void *ctx, paddr_t pa, size_t len),
                             void *ctx);

/* ISA IRQ to GSI, with its INTI flags (0 when not overridden). */
uint32_t acpi_isa_irq_to_gsi(unsigned int irq, uint16_t *flags);

/* Access a register described by a GAS; 0, or -EINVAL if unusable. */
int acpi_gas_read(const struct acpi_gas *g, uint64_t *val);
int acpi_gas_write(const struct acpi_gas *g, uint64_t val);
static inline bool acpi_gas_present(const struct acpi_gas *g)
{
    return g->address != 0;
}

#endif /* ASM_X86_ACPI_H */

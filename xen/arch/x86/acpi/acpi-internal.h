/*
 * Firmware table layouts (ACPI 6.x) and helpers shared by the parsers in
 * this directory; nothing outside arch/x86/acpi/ includes this file.
 */
#ifndef ARCH_X86_ACPI_INTERNAL_H
#define ARCH_X86_ACPI_INTERNAL_H

#include <xen/lib.h>
#include <asm/acpi.h>

struct acpi_rsdp {
    char signature[8];          /* "RSD PTR " */
    uint8_t checksum;           /* over the first 20 bytes */
    char oem_id[6];
    uint8_t revision;           /* 0: ACPI 1.0; 2+: the fields below exist */
    uint32_t rsdt_address;
    uint32_t length;
    uint64_t xsdt_address;
    uint8_t ext_checksum;       /* over length bytes */
    uint8_t reserved[3];
} __packed;

#define ACPI_RSDP_V1_SIZE 20

struct acpi_madt {
    struct acpi_table_header h;
    uint32_t lapic_addr;
    uint32_t flags;             /* bit 0: PCAT_COMPAT */
} __packed;

struct acpi_subtable {
    uint8_t type, length;
} __packed;

enum {
    MADT_LAPIC = 0,
    MADT_IOAPIC = 1,
    MADT_ISO = 2,
    MADT_NMI_SOURCE = 3,
    MADT_LAPIC_NMI = 4,
    MADT_LAPIC_OVERRIDE = 5,
    MADT_X2APIC = 9,
    MADT_X2APIC_NMI = 10,
};

struct madt_lapic {
    struct acpi_subtable s;
    uint8_t uid, apic_id;
    uint32_t flags;             /* bit 0: enabled; bit 1: online capable */
} __packed;

struct madt_ioapic {
    struct acpi_subtable s;
    uint8_t id, reserved;
    uint32_t addr, gsi_base;
} __packed;

struct madt_iso {
    struct acpi_subtable s;
    uint8_t bus, source;
    uint32_t gsi;
    uint16_t flags;
} __packed;

struct madt_nmi_source {
    struct acpi_subtable s;
    uint16_t flags;
    uint32_t gsi;
} __packed;

struct madt_lapic_nmi {
    struct acpi_subtable s;
    uint8_t uid;                /* 0xff: all processors */
    uint16_t flags;
    uint8_t lint;
} __packed;

struct madt_lapic_override {
    struct acpi_subtable s;
    uint16_t reserved;
    uint64_t addr;
} __packed;

struct madt_x2apic {
    struct acpi_subtable s;
    uint16_t reserved;
    uint32_t x2apic_id, flags, uid;
} __packed;

struct madt_x2apic_nmi {
    struct acpi_subtable s;
    uint16_t flags;
    uint32_t uid;               /* 0xffffffff: all processors */
    uint8_t lint, reserved[3];
} __packed;

#define MADT_CPU_ENABLED 1u

/* The FADT up to the fields the hypervisor reads (ACPI 6.x offsets). */
struct acpi_fadt {
    struct acpi_table_header h;
    uint32_t firmware_ctrl;
    uint32_t dsdt;
    uint8_t reserved0, pm_profile;
    uint16_t sci_int;
    uint32_t smi_cmd;
    uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
    uint32_t pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk;
    uint32_t pm2_cnt_blk, pm_tmr_blk, gpe0_blk, gpe1_blk;
    uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;
    uint8_t gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
    uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
    uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
    uint16_t iapc_boot_arch;
    uint8_t reserved1;
    uint32_t flags;
    struct acpi_gas reset_reg;
    uint8_t reset_value;
    uint16_t arm_boot_arch;
    uint8_t minor_revision;
    uint64_t x_firmware_ctrl, x_dsdt;
    struct acpi_gas x_pm1a_evt_blk, x_pm1b_evt_blk;
    struct acpi_gas x_pm1a_cnt_blk, x_pm1b_cnt_blk;
    struct acpi_gas x_pm2_cnt_blk, x_pm_tmr_blk;
    struct acpi_gas x_gpe0_blk, x_gpe1_blk;
    struct acpi_gas sleep_control, sleep_status;
    uint64_t hypervisor_id;
} __packed;

/* Does a table of length len contain field f of struct type? */
#define ACPI_HAS_FIELD(len, type, f) \
    ((len) >= __builtin_offsetof(type, f) + sizeof(((type *)0)->f))

struct acpi_hpet_table {
    struct acpi_table_header h;
    uint32_t block_id;
    struct acpi_gas base;
    uint8_t number;
    uint16_t min_tick;
    uint8_t page_protection;
} __packed;

/* Sum of len bytes, mod 256: 0 for a valid ACPI checksum. */
uint8_t acpi_checksum(const void *p, size_t len);

/*
 * Map a validated table at pa: checks the header is readable, the length
 * sane and the checksum zero, reporting failures under name.  Returns the
 * table or NULL.
 */
const struct acpi_table_header *acpi_map_table(paddr_t pa, const char *name);

/* Make [pa, pa + len) readable and return its virtual address, or NULL. */
const void *acpi_map(paddr_t pa, size_t len);

/* Per-table parsers, called by acpi_boot_init(). */
void acpi_parse_madt(void);
void acpi_parse_fadt(void);
void acpi_parse_hpet(void);
void acpi_parse_mcfg(void);

/* Register a table found outside the RSDT/XSDT (the DSDT). */
void acpi_register_table(paddr_t pa, const struct acpi_table_header *t);

/* \_S5 sleep types from one AML table; false if not found or malformed. */
bool acpi_aml_find_s5(const struct acpi_table_header *t, uint8_t *typa,
                      uint8_t *typb);

#endif /* ARCH_X86_ACPI_INTERNAL_H */

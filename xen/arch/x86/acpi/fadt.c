/*
 * FADT (signature "FACP") parsing into acpi_fadt: the PM1 control blocks
 * and the \_S5 sleep type (for power-off), the reset register, the PM
 * timer, the RTC century index and the feature flags.  Fields beyond the
 * table's length are absent (older revisions are shorter); the extended
 * 64-bit GAS fields win over the legacy 32-bit port numbers when present.
 * The DSDT it points to is validated and listed like any other table.
 */
#include <xen/lib.h>
#include "acpi-internal.h"

struct acpi_fadt_info acpi_fadt;

BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, century) != 108);
BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, reset_reg) != 116);
BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, x_dsdt) != 140);
BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, sleep_control) != 244);
BUILD_BUG_ON(sizeof(struct acpi_fadt) != 276);

#define HAS(f) ACPI_HAS_FIELD(f_->h.length, struct acpi_fadt, f)

/* A legacy block given as port + length, as an I/O-space GAS. */
static struct acpi_gas io_gas(uint32_t port, unsigned int bytes)
{
    return (struct acpi_gas){ .space_id = ACPI_SPACE_IO,
                              .bit_width = bytes * 8, .address = port };
}

/* Prefer the extended GAS field (if the table has it and it is set). */
static struct acpi_gas pick_block(const struct acpi_gas *x, bool has_x,
                                  uint32_t port, unsigned int bytes)
{
    if ( has_x && x->address )
        return *x;
    return port ? io_gas(port, bytes) : (struct acpi_gas){ 0 };
}

static void parse_pm_blocks(const struct acpi_fadt *f_)
{
    unsigned int cnt_len = f_->pm1_cnt_len >= 2 ? 2 : 0;

    acpi_fadt.pm1a_cnt = pick_block(&f_->x_pm1a_cnt_blk, HAS(x_pm1a_cnt_blk),
                                    cnt_len ? f_->pm1a_cnt_blk : 0, 2);
    acpi_fadt.pm1b_cnt = pick_block(&f_->x_pm1b_cnt_blk, HAS(x_pm1b_cnt_blk),
                                    cnt_len ? f_->pm1b_cnt_blk : 0, 2);
    acpi_fadt.pm_tmr = pick_block(&f_->x_pm_tmr_blk, HAS(x_pm_tmr_blk),
                                  f_->pm_tmr_len == 4 ? f_->pm_tmr_blk : 0, 4);
    acpi_fadt.pm_tmr_32bit = f_->flags & ACPI_FADT_TMR_VAL_EXT;
    if ( HAS(sleep_control) )
        acpi_fadt.sleep_control = f_->sleep_control;
}

static void parse_misc(const struct acpi_fadt *f_)
{
    acpi_fadt.revision = f_->h.revision;
    acpi_fadt.flags = f_->flags;
    acpi_fadt.century = f_->century;
    acpi_fadt.sci_int = f_->sci_int;
    acpi_fadt.smi_cmd = f_->smi_cmd;
    acpi_fadt.acpi_enable = f_->acpi_enable;
    /* IAPC_BOOT_ARCH is defined from revision 2 on (reserved before). */
    if ( f_->h.revision >= 2 )
        acpi_fadt.boot_arch = f_->iapc_boot_arch;
    if ( HAS(reset_value) && (f_->flags & ACPI_FADT_RESET_REG_SUP) &&
         f_->reset_reg.address )
    {
        acpi_fadt.reset_valid = true;
        acpi_fadt.reset_reg = f_->reset_reg;
        acpi_fadt.reset_value = f_->reset_value;
    }
}

/* Validate and list the DSDT, then look for \_S5 in it and the SSDTs. */
static void find_s5(const struct acpi_fadt *f_)
{
    paddr_t pa = HAS(x_dsdt) && f_->x_dsdt ? f_->x_dsdt : f_->dsdt;
    const struct acpi_table_header *t = acpi_map_table(pa, "DSDT");

    if ( t && !memcmp(t->signature, "DSDT", 4) )
    {
        acpi_register_table(pa, t);
        acpi_fadt.s5_valid = acpi_aml_find_s5(t, &acpi_fadt.slp_typa,
                                              &acpi_fadt.slp_typb);
    }
    for ( unsigned int i = 0; !acpi_fadt.s5_valid &&
                              (t = acpi_get_table("SSDT", i)); i++ )
        acpi_fadt.s5_valid = acpi_aml_find_s5(t, &acpi_fadt.slp_typa,
                                              &acpi_fadt.slp_typb);
}

static const char *gas_str(const struct acpi_gas *g, char *buf, size_t len)
{
    static const char *const spaces[] = { "mem", "io", "pcicfg" };

    if ( !g->address )
        return "none";
    snprintf(buf, len, "%s %#lx", g->space_id < 3 ? spaces[g->space_id] : "?",
             (unsigned long)g->address);
    return buf;
}

static void print_fadt(void)
{
    char b1[32], b2[32], b3[32], b4[32];

    printk(XENLOG_INFO "ACPI: FADT PM1a_CNT %s, PM1b_CNT %s, PM timer %s (%u-bit), flags %#x\n",
           gas_str(&acpi_fadt.pm1a_cnt, b1, sizeof(b1)),
           gas_str(&acpi_fadt.pm1b_cnt, b2, sizeof(b2)),
           gas_str(&acpi_fadt.pm_tmr, b3, sizeof(b3)),
           acpi_fadt.pm_tmr_32bit ? 32 : 24, acpi_fadt.flags);
    printk(XENLOG_INFO "ACPI: reset register %s value %#x, century index %#x, boot arch %#x\n",
           acpi_fadt.reset_valid ? gas_str(&acpi_fadt.reset_reg, b4, sizeof(b4))
                                 : "none",
           acpi_fadt.reset_value, acpi_fadt.century, acpi_fadt.boot_arch);
    if ( acpi_fadt.s5_valid )
        printk(XENLOG_INFO "ACPI: \\_S5 SLP_TYPa %u SLP_TYPb %u\n",
               acpi_fadt.slp_typa, acpi_fadt.slp_typb);
    else
        printk(XENLOG_WARNING "ACPI: no usable \\_S5 object: ACPI power-off unavailable\n");
}

void acpi_parse_fadt(void)
{
    const struct acpi_table_header *t = acpi_get_table("FACP", 0);
    const struct acpi_fadt *f_ = (const void *)t;

    /* Everything up to the legacy PM blocks and flags must be present. */
    if ( !t || !ACPI_HAS_FIELD(t->length, struct acpi_fadt, flags) )
    {
        printk(XENLOG_WARNING "ACPI: no valid FADT\n");
        return;
    }
    acpi_fadt.present = true;
    parse_misc(f_);
    parse_pm_blocks(f_);
    find_s5(f_);
    print_fadt();
}

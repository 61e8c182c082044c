/*
 * HPET driver: maps the block the ACPI HPET table names, checks that its
 * capabilities are plausible (period 0 < p <= 100 ns per the spec, the
 * block not reading as all-ones), disables every comparator's interrupt
 * and legacy replacement routing, and starts the main counter.
 * hpet_read_counter() then gives a monotonic reference for calibration.
 */
#include <xen/lib.h>
#include <asm/acpi.h>
#include <asm/hpet.h>
#include <asm/io.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>

#define HPET_CAPS            0x000
#define  HPET_CAPS_64BIT     (1UL << 13)
#define  HPET_CAPS_NUM_TIM(c) ((unsigned int)(((c) >> 8) & 0x1f) + 1)
#define  HPET_CAPS_PERIOD(c) ((c) >> 32)
#define HPET_CFG             0x010
#define  HPET_CFG_ENABLE     (1u << 0)
#define  HPET_CFG_LEGACY     (1u << 1)
#define HPET_COUNTER         0x0f0
#define HPET_TN_CFG(n)       (0x100 + 0x20 * (n))
#define  HPET_TN_INT_ENB     (1u << 2)

#define HPET_MAX_PERIOD_FS   100000000u    /* 100 ns */

uint64_t hpet_counter_mask;
uint32_t hpet_period_fs;
static volatile uint8_t *hpet_regs;

uint64_t hpet_read_counter(void)
{
    if ( hpet_counter_mask == ~0UL )
        return readq(hpet_regs + HPET_COUNTER);
    return readl(hpet_regs + HPET_COUNTER);
}

static void quiesce_comparators(uint64_t caps)
{
    for ( unsigned int n = 0; n < HPET_CAPS_NUM_TIM(caps); n++ )
    {
        uint32_t cfg = readl(hpet_regs + HPET_TN_CFG(n));

        writel(cfg & ~HPET_TN_INT_ENB, hpet_regs + HPET_TN_CFG(n));
    }
}

bool hpet_init(void)
{
    uint64_t caps;
    uint32_t cfg;

    if ( !acpi_hpet.address )
        return false;
    hpet_regs = ioremap_uc(acpi_hpet.address, 1024);
    if ( !hpet_regs )
        return false;
    caps = readq(hpet_regs + HPET_CAPS);
    if ( caps == ~0UL || !HPET_CAPS_PERIOD(caps) ||
         HPET_CAPS_PERIOD(caps) > HPET_MAX_PERIOD_FS )
    {
        printk(XENLOG_WARNING "HPET: implausible capabilities %#lx, not used\n", caps);
        hpet_regs = NULL;
        return false;
    }
    hpet_period_fs = HPET_CAPS_PERIOD(caps);
    hpet_counter_mask = (caps & HPET_CAPS_64BIT) ? ~0UL : 0xffffffffUL;
    quiesce_comparators(caps);
    cfg = readl(hpet_regs + HPET_CFG) & ~HPET_CFG_LEGACY;
    writel(cfg | HPET_CFG_ENABLE, hpet_regs + HPET_CFG);
    /* Our clock reference: dom0 may read the counter, not stop it. */
    mmio_guard(acpi_hpet.address, 1024, MMIO_READ_ONLY);
    printk(XENLOG_INFO "HPET: %u-bit counter, %lu Hz, %u comparators\n",
           hpet_counter_mask == ~0UL ? 64 : 32,
           1000000000000000UL / hpet_period_fs, HPET_CAPS_NUM_TIM(caps));
    return true;
}

/*
 * The x86 ends of xen/shutdown.h: stopping the other CPUs, power-off and
 * restart.
 *
 * arch_stop_other_cpus(): an IPI on a dedicated vector makes every other
 *   CPU leave the online map and halt with interrupts off for good.
 * arch_power_off(): ACPI S5 only, the documented way: SLP_TYPa/b (from
 *   \_S5) with SLP_EN into PM1a/PM1b control, after switching the
 *   platform into ACPI mode if the firmware left it in legacy mode; then,
 *   for hardware-reduced platforms, the FADT sleep control register.
 *   Emulator-specific "power-off ports" are deliberately not used.
 * arch_restart(): the FADT reset register (when RESET_REG_SUP says it
 *   works), the 8042 keyboard controller's reset pulse, the PCI reset
 *   control port 0xCF9, and finally a triple fault.  "reboot=<m>[,<m>]"
 *   (a: ACPI, k: keyboard, p: 0xCF9, t: triple fault) picks methods to try
 *   first; the others follow in that default order.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>

#define PM1_SCI_EN        (1u << 0)
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_TYP_MASK  (7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN        (1u << 13)
#define SLEEP_CTL_TYP_SHIFT 2
#define SLEEP_CTL_EN      (1u << 5)

#define KBD_STATUS_PORT   0x64
#define  KBD_STAT_IBF     0x02        /* input buffer full */
#define KBD_CMD_RESET     0xfe
#define RST_CNT_PORT      0xcf9
#define  RST_CNT_SYS_RST  0x02
#define  RST_CNT_RST_CPU  0x04

/* ---- Stopping the other CPUs -------------------------------------------- */

static int stop_vector = -1;

static void __noreturn stop_this_cpu(struct cpu_user_regs *regs)
{
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    for ( ; ; )
    {
        local_irq_disable();
        halt();
    }
}

void stop_ipi_init(void)
{
    if ( stop_vector < 0 && (stop_vector = alloc_vector(stop_this_cpu)) < 0 )
        printk(XENLOG_WARNING "shutdown: no vector for the stop IPI\n");
}

void arch_stop_other_cpus(void)
{
    unsigned int me = cpu_online(smp_processor_id()) ? 1 : 0;

    if ( !apic_ready() || stop_vector < 0 || num_online_cpus() <= me )
        return;
    send_ipi_allbutself(stop_vector);
    for ( unsigned int ms = 0; ms < 1000 && num_online_cpus() > me; ms++ )
        mdelay(1);
    if ( num_online_cpus() > me )
        printk(XENLOG_WARNING "%u CPUs did not stop\n", num_online_cpus() - me);
}

/* ---- Power-off ---------------------------------------------------------- */

/* ACPI mode is entered by writing ACPI_ENABLE to SMI_CMD; wait for SCI_EN. */
static void enter_acpi_mode(void)
{
    uint64_t v;

    if ( acpi_gas_read(&acpi_fadt.pm1a_cnt, &v) || (v & PM1_SCI_EN) ||
         !acpi_fadt.smi_cmd || !acpi_fadt.acpi_enable ||
         acpi_fadt.smi_cmd > 0xffff )
        return;
    outb(acpi_fadt.acpi_enable, acpi_fadt.smi_cmd);
    for ( unsigned int ms = 0; ms < 1000; ms++ )
    {
        if ( !acpi_gas_read(&acpi_fadt.pm1a_cnt, &v) && (v & PM1_SCI_EN) )
            return;
        mdelay(1);
    }
    printk(XENLOG_WARNING "ACPI: platform did not enter ACPI mode; trying S5 anyway\n");
}

static uint64_t with_slp_typ(uint64_t cnt, unsigned int typ)
{
    return (cnt & ~(uint64_t)(PM1_SLP_TYP_MASK | PM1_SLP_EN)) |
           ((typ & 7) << PM1_SLP_TYP_SHIFT);
}

/* Write SLP_TYP, then SLP_TYP | SLP_EN, to PM1a (and PM1b if present). */
static void pm1_enter_s5(void)
{
    uint64_t a, b = 0;
    bool has_b = acpi_gas_present(&acpi_fadt.pm1b_cnt) &&
                 !acpi_gas_read(&acpi_fadt.pm1b_cnt, &b);

    if ( acpi_gas_read(&acpi_fadt.pm1a_cnt, &a) )
        return;
    printk(XENLOG_INFO "ACPI: entering S5 through PM1 control\n");
    a = with_slp_typ(a, acpi_fadt.slp_typa);
    b = with_slp_typ(b, acpi_fadt.slp_typb);
    wbinvd();                          /* caches are lost in S5 */
    acpi_gas_write(&acpi_fadt.pm1a_cnt, a);
    if ( has_b )
        acpi_gas_write(&acpi_fadt.pm1b_cnt, b);
    acpi_gas_write(&acpi_fadt.pm1a_cnt, a | PM1_SLP_EN);
    if ( has_b )
        acpi_gas_write(&acpi_fadt.pm1b_cnt, b | PM1_SLP_EN);
    mdelay(1000);
}

static void sleep_control_enter_s5(void)
{
    if ( !acpi_gas_present(&acpi_fadt.sleep_control) )
        return;
    printk(XENLOG_INFO "ACPI: entering S5 through the sleep control register\n");
    wbinvd();
    acpi_gas_write(&acpi_fadt.sleep_control,
                   ((acpi_fadt.slp_typa & 7) << SLEEP_CTL_TYP_SHIFT) | SLEEP_CTL_EN);
    mdelay(1000);
}

void arch_power_off(void)
{
    if ( !acpi_fadt.s5_valid )
    {
        printk(XENLOG_ERR "ACPI: no \\_S5 sleep type known: cannot power off\n");
        return;
    }
    if ( acpi_gas_present(&acpi_fadt.pm1a_cnt) )
    {
        enter_acpi_mode();
        pm1_enter_s5();
    }
    sleep_control_enter_s5();
}

/* ---- Restart ------------------------------------------------------------ */

static char reboot_order[8] = "akpt";

/* "reboot=k,a": those first, then the rest of the default order. */
static int parse_reboot(const char *s)
{
    char order[sizeof(reboot_order)] = "";
    size_t n = 0;

    for ( ; *s; s++ )
    {
        if ( *s == ',' || !strchr("akpt", *s) || strchr(order, *s) )
            continue;
        order[n++] = *s;
        while ( s[1] && s[1] != ',' )
            s++;                       /* "acpi", "kbd"...: first letter counts */
    }
    for ( const char *d = "akpt"; *d; d++ )
        if ( !strchr(order, *d) )
            order[n++] = *d;
    memcpy(reboot_order, order, sizeof(order));
    return 0;
}
custom_param("reboot", parse_reboot);

static void reset_acpi(void)
{
    if ( !acpi_fadt.reset_valid )
        return;
    printk(XENLOG_INFO "Restart: ACPI reset register\n");
    acpi_gas_write(&acpi_fadt.reset_reg, acpi_fadt.reset_value);
}

static void reset_kbd(void)
{
    printk(XENLOG_INFO "Restart: keyboard controller\n");
    for ( unsigned int i = 0; i < 10000 && (inb(KBD_STATUS_PORT) & KBD_STAT_IBF); i++ )
        udelay(10);
    outb(KBD_CMD_RESET, KBD_STATUS_PORT);
}

static void reset_cf9(void)
{
    printk(XENLOG_INFO "Restart: reset control port %#x\n", RST_CNT_PORT);
    outb(RST_CNT_SYS_RST, RST_CNT_PORT);
    udelay(50);
    outb(RST_CNT_SYS_RST | RST_CNT_RST_CPU, RST_CNT_PORT);
}

/* No IDT: the exception cannot be delivered, nor the double fault. */
static void __noreturn reset_triple_fault(void)
{
    static const struct desc_ptr no_idt = { 0, 0 };

    printk(XENLOG_INFO "Restart: triple fault\n");
    lidt(&no_idt);
    __builtin_trap();
}

void arch_restart(void)
{
    for ( const char *m = reboot_order; *m; m++ )
    {
        switch ( *m )
        {
        case 'a': reset_acpi(); break;
        case 'k': reset_kbd(); break;
        case 'p': reset_cf9(); break;
        case 't': reset_triple_fault();
        }
        mdelay(100);                   /* give the reset time to land */
    }
}

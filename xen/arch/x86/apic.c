/*
 * Local APIC driver: one per CPU, in xAPIC (MMIO) or x2APIC (MSR) mode.
 *
 * Offers (asm/apic.h): apic_bsp_init()/apic_ap_init() to enable the APIC
 * on each CPU with a known state (accept all priorities, spurious and error
 * vectors set, every LVT masked except the NMI wiring the MADT describes,
 * stale in-service interrupts acknowledged); register access; EOI; IPIs
 * with delivery-status waits; lapic_id().
 *
 * x2APIC mode is used when the CPU offers it (option "x2apic=0" declines
 * it) or when the firmware already enabled it, since leaving x2APIC mode
 * needs a trip through the disabled state.  All CPUs use the BSP's mode.
 * The timer LVT belongs to arch/x86/time.c.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/apicdef.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define CPUID1_ECX_X2APIC (1u << 21)
#define CPUID1_EDX_APIC   (1u << 9)
#define ICR_WAIT_US       100000

static bool opt_x2apic = true;
boolean_param("x2apic", opt_x2apic);

static volatile uint8_t *apic_mmio;   /* xAPIC registers, NULL in x2APIC mode */
static bool x2apic_mode;
static bool apic_enabled;

bool apic_ready(void)
{
    return apic_enabled;
}

bool apic_x2apic_mode(void)
{
    return x2apic_mode;
}

uint32_t apic_read(unsigned int reg)
{
    if ( x2apic_mode )
        return rdmsr(APIC_MSR_BASE + (reg >> 4));
    return readl(apic_mmio + reg);
}

void apic_write(unsigned int reg, uint32_t val)
{
    if ( x2apic_mode )
        wrmsr(APIC_MSR_BASE + (reg >> 4), val);
    else
        writel(val, apic_mmio + reg);
}

void lapic_eoi(void)
{
    if ( apic_enabled )
        apic_write(APIC_EOI, 0);
}

uint32_t lapic_id(void)
{
    if ( !apic_enabled )
    {
        struct cpuid_leaf r;

        cpuid(1, &r);
        return r.b >> 24;              /* the initial APIC ID */
    }
    if ( x2apic_mode )
        return apic_read(APIC_ID);
    return apic_read(APIC_ID) >> 24;
}

bool apic_irr_pending(uint8_t vector)
{
    return (apic_read(APIC_IRR + (vector / 32) * 0x10) >> (vector % 32)) & 1;
}

/* xAPIC only: wait until the last IPI has left the ICR. */
static bool icr_idle(void)
{
    for ( unsigned int us = 0; us < ICR_WAIT_US; us++ )
    {
        if ( !(apic_read(APIC_ICR) & APIC_ICR_BUSY) )
            return true;
        udelay(1);
    }
    return false;
}

bool apic_send_icr(uint32_t icr, uint32_t dest)
{
    unsigned long flags;
    bool ok = true;

    if ( !apic_enabled )
        return false;
    /* ICR2 and ICR must be written as a pair: no interrupt in between. */
    flags = local_irq_save();
    if ( x2apic_mode )
    {
        wrmsr_ordering_fence();
        wrmsr(APIC_MSR_BASE + (APIC_ICR >> 4), ((uint64_t)dest << 32) | icr);
    }
    else
    {
        ok = icr_idle();
        apic_write(APIC_ICR2, dest << 24);
        apic_write(APIC_ICR, icr);
        ok = icr_idle() && ok;
    }
    local_irq_restore(flags);
    if ( !ok )
        printk(XENLOG_WARNING "CPU%u: IPI %#x to APIC ID %u not accepted\n",
               smp_processor_id(), icr, dest);
    return ok;
}

void send_ipi(unsigned int cpu, uint8_t vector)
{
    if ( cpu < nr_cpu_ids )
        apic_send_icr(APIC_DM_FIXED | APIC_INT_ASSERT | vector,
                      x86_cpu_to_apicid[cpu]);
}

void send_ipi_allbutself(uint8_t vector)
{
    apic_send_icr(APIC_DEST_ALLBUT | APIC_DM_FIXED | APIC_INT_ASSERT | vector, 0);
}

static void apic_error_interrupt(struct cpu_user_regs *regs)
{
    uint32_t esr;

    apic_write(APIC_ESR, 0);           /* latch the errors into ESR */
    esr = apic_read(APIC_ESR);
    printk(XENLOG_WARNING "CPU%u: APIC error, ESR %#x\n", smp_processor_id(), esr);
}

/* This CPU's ACPI processor UID, for the MADT's per-CPU NMI entries. */
static uint32_t this_cpu_acpi_uid(void)
{
    uint32_t id = lapic_id();

    for ( unsigned int i = 0; i < acpi_madt.nr_cpus; i++ )
        if ( acpi_madt.cpus[i].apic_id == id )
            return acpi_madt.cpus[i].uid;
    return ACPI_UID_ALL - 1;           /* matches only the "all" entries */
}

/* LINT0/1: NMI where the MADT says so; everything else masked (the 8259
 * is not used, so LINT0's virtual-wire ExtINT is switched off too). */
static void setup_lint(bool bsp)
{
    uint32_t lint[2] = { APIC_LVT_MASKED, APIC_LVT_MASKED };
    uint32_t uid = this_cpu_acpi_uid();

    for ( unsigned int i = 0; i < acpi_madt.nr_lapic_nmis; i++ )
    {
        uint32_t v = APIC_LVT_DM_NMI;
        uint16_t f = acpi_madt.lapic_nmis[i].flags;

        if ( acpi_madt.lapic_nmis[i].uid != ACPI_UID_ALL &&
             acpi_madt.lapic_nmis[i].uid != uid )
            continue;
        if ( (f & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_ACTIVE_LOW )
            v |= APIC_LVT_ACTIVE_LOW;
        if ( (f & ACPI_INTI_TRIGGER_MASK) == ACPI_INTI_LEVEL )
            v |= APIC_LVT_LEVEL;
        lint[acpi_madt.lapic_nmis[i].lint] = v;
    }
    /* Without a MADT, the PC convention: LINT1 is NMI on the BSP. */
    if ( !acpi_madt.present && bsp )
        lint[1] = APIC_LVT_DM_NMI;
    apic_write(APIC_LVT_LINT0, lint[0]);
    apic_write(APIC_LVT_LINT1, lint[1]);
}

/* Acknowledge interrupts the firmware left in service (bounded). */
static void drain_isr(void)
{
    for ( unsigned int n = 0; n < 256; n++ )
    {
        bool busy = false;

        for ( unsigned int r = 0; r < 8; r++ )
            busy |= apic_read(APIC_ISR + r * 0x10) != 0;
        if ( !busy )
            return;
        apic_write(APIC_EOI, 0);
    }
}

static void mask_lvts(void)
{
    unsigned int maxlvt = APIC_LVR_MAXLVT(apic_read(APIC_LVR));

    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
    apic_write(APIC_LVT_ERROR, APIC_LVT_MASKED | ERROR_APIC_VECTOR);
    if ( maxlvt >= 4 )
        apic_write(APIC_LVT_PERF, APIC_LVT_MASKED);
    if ( maxlvt >= 5 )
        apic_write(APIC_LVT_THERMAL, APIC_LVT_MASKED);
    if ( maxlvt >= 6 )
        apic_write(APIC_LVT_CMCI, APIC_LVT_MASKED);
}

/* Put the APIC in the chosen mode: disabled -> xAPIC -> x2APIC only. */
static void enable_mode(void)
{
    uint64_t base = rdmsr(MSR_IA32_APICBASE);

    if ( !(base & APICBASE_ENABLE) )
    {
        base |= APICBASE_ENABLE;
        wrmsr(MSR_IA32_APICBASE, base);
    }
    if ( x2apic_mode && !(base & APICBASE_X2APIC) )
        wrmsr(MSR_IA32_APICBASE, base | APICBASE_X2APIC);
}

/* The per-CPU part, for the BSP and every AP alike. */
static void apic_cpu_init(bool bsp)
{
    enable_mode();
    apic_write(APIC_SVR, SPURIOUS_APIC_VECTOR | APIC_SVR_ENABLE);
    mask_lvts();
    apic_write(APIC_TPR, 0);
    drain_isr();
    setup_lint(bsp);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_LVT_ERROR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
}

static bool choose_mode(uint64_t base)
{
    if ( base & APICBASE_X2APIC )
        return true;                   /* firmware's choice; keep it */
    return opt_x2apic && (cpuid_ecx(1) & CPUID1_ECX_X2APIC);
}

void apic_bsp_init(void)
{
    uint64_t base = rdmsr(MSR_IA32_APICBASE);
    paddr_t pa = base & APICBASE_BASE_MASK;

    if ( !(cpuid_edx(1) & CPUID1_EDX_APIC) )
        panic("this CPU has no local APIC");
    x2apic_mode = choose_mode(base);
    if ( !x2apic_mode )
    {
        if ( acpi_madt.present && acpi_madt.lapic_addr != pa )
            printk(XENLOG_WARNING "APIC: MADT says base %#lx, MSR %#lx; using the MSR\n",
                   acpi_madt.lapic_addr, pa);
        apic_mmio = ioremap_uc(pa, PAGE_SIZE);
        if ( !apic_mmio )
            panic("cannot map the local APIC at %#lx", pa);
        /* Ours alone (also when relocated out of the MSI window). */
        mmio_guard(pa, PAGE_SIZE, MMIO_DENIED);
    }
    set_vector_handler(ERROR_APIC_VECTOR, apic_error_interrupt);
    apic_cpu_init(true);
    apic_enabled = true;
    printk(XENLOG_INFO "APIC: %s mode, BSP APIC ID %u, version %#x\n",
           x2apic_mode ? "x2APIC" : "xAPIC", lapic_id(),
           apic_read(APIC_LVR) & 0xff);
}

void apic_ap_init(void)
{
    apic_cpu_init(false);
}

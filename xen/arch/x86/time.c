/*
 * Time on x86: system time from the TSC, event timers from the local APIC.
 *
 *  - time_init() (BSP) calibrates the TSC against the HPET, or PIT channel
 *    2 without one, and sets cpu_khz.  System time starts at that moment:
 *    NOW() = (TSC - boot TSC) scaled to ns by a 32.32 fixed-point factor
 *    computed once, so the hot path is one multiply and a shift.
 *  - Each CPU's LAPIC timer is its one-shot event source: TSC-deadline
 *    mode when CPUID.1:ECX[24] offers it (option "tsc_deadline=0" declines
 *    it), else one-shot count mode with the APIC timer frequency
 *    calibrated against the TSC.  The BSP checks that the chosen mode
 *    really raises an interrupt and falls back to count mode if not.
 *  - arch_timer_program(), udelay()/mdelay(), and arch_wallclock_seconds()
 *    from the CMOS RTC (xen/time.h); arch_time_record(), the PV guests'
 *    clock parameters (xen/vcpu.h).
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/time.h>
#include <public/xen.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/apicdef.h>
#include <asm/barrier.h>
#include <asm/hpet.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/traps.h>

#define CPUID1_ECX_TSC_DEADLINE (1u << 24)
#define CALIBRATE_MS      50
#define PIT_HZ            1193182
/* Before calibration, assume a TSC faster than any real one: delays are
 * then never too short. */
#define UNCALIBRATED_KHZ  8000000UL

static bool opt_tsc_deadline = true;
boolean_param("tsc_deadline", opt_tsc_deadline);

unsigned long cpu_khz;
static uint64_t boot_tsc;
static uint64_t tsc_to_ns_mul;   /* ns = (tsc * mul) >> 32 */
static uint64_t ns_to_tsc_mul;   /* tsc = (ns * mul) >> 32 */
static uint64_t ns_to_apic_mul;  /* APIC ticks = (ns * mul) >> 32 */
static unsigned long apic_timer_khz;

enum timer_mode { TIMER_NONE, TIMER_DEADLINE, TIMER_ONESHOT };
static enum timer_mode timer_mode;

/* (v * mul) >> 32, saturating at 2^64 - 1. */
static uint64_t scale(uint64_t v, uint64_t mul)
{
    unsigned __int128 r = ((unsigned __int128)v * mul) >> 32;

    return (r >> 64) ? ~0UL : (uint64_t)r;
}

s_time_t NOW(void)
{
    int64_t d = rdtsc_ordered() - boot_tsc;

    /* Before time_init the factor is 0; a CPU whose TSC trails the BSP's
     * by a few cycles must not see time before 0. */
    return d > 0 ? (s_time_t)scale(d, tsc_to_ns_mul) : 0;
}

void udelay(unsigned long usecs)
{
    unsigned long khz = cpu_khz ?: UNCALIBRATED_KHZ;
    uint64_t start = rdtsc_ordered(), cycles = usecs * khz / 1000;

    while ( rdtsc_ordered() - start < cycles )
        cpu_relax();
}

void mdelay(unsigned long msecs)
{
    while ( msecs-- )
        udelay(1000);
}

/* ---- TSC calibration ---------------------------------------------------- */

/* kHz from TSC cycles over elapsed nanoseconds. */
static unsigned long khz_from(uint64_t cycles, uint64_t ns)
{
    return ns ? cycles * 1000000UL / ns : 0;
}

/*
 * A reference counter reading paired with the TSC at that moment: the TSC
 * is read on both sides and the narrowest of a few tries is kept, so that
 * a slow access (or, under emulation, a preempted vCPU thread) between
 * the two reads does not skew the pair.
 */
struct ref_sample {
    uint64_t ref, tsc;
};

static struct ref_sample sample_ref(uint64_t (*read)(void))
{
    struct ref_sample best = { 0, 0 };
    uint64_t best_width = ~0UL;

    for ( unsigned int i = 0; i < 5; i++ )
    {
        uint64_t t0 = rdtsc_ordered(), v = read(), t1 = rdtsc_ordered();

        if ( t1 - t0 < best_width )
        {
            best_width = t1 - t0;
            best = (struct ref_sample){ v, t0 + (t1 - t0) / 2 };
        }
    }
    return best;
}

static unsigned long calibrate_hpet(void)
{
    uint64_t ticks = (uint64_t)CALIBRATE_MS * 1000000000000UL / hpet_period_fs;
    struct ref_sample s0 = sample_ref(hpet_read_counter), s1;
    uint64_t limit = s0.tsc + (uint64_t)CALIBRATE_MS * UNCALIBRATED_KHZ * 20;

    while ( ((hpet_read_counter() - s0.ref) & hpet_counter_mask) < ticks )
        if ( rdtsc_ordered() > limit )
            return 0;                  /* counter stuck */
    s1 = sample_ref(hpet_read_counter);
    return khz_from(s1.tsc - s0.tsc,
                    ((s1.ref - s0.ref) & hpet_counter_mask) * hpet_period_fs / 1000000);
}

/*
 * PIT channel 2 in mode 0 counts down once from when the count's high
 * byte is written; its OUT pin shows in port 0x61 bit 5 on reaching zero.
 * The channel's gate is port 0x61 bit 0.  Each end is timed as the middle
 * of the TSC reads around the port access that marks it.
 */
static unsigned long calibrate_pit(void)
{
    unsigned int latch = PIT_HZ * CALIBRATE_MS / 1000;
    uint64_t t0, t1, ta, tb, limit;
    bool out;

    outb((inb(0x61) & ~0x02) | 0x01, 0x61);   /* gate on, speaker off */
    outb(0xb0, 0x43);                         /* ch2, lo/hi byte, mode 0 */
    outb(latch & 0xff, 0x42);
    ta = rdtsc_ordered();
    outb(latch >> 8, 0x42);
    tb = rdtsc_ordered();
    t0 = ta + (tb - ta) / 2;
    limit = t0 + (uint64_t)CALIBRATE_MS * UNCALIBRATED_KHZ * 20;
    do {
        ta = rdtsc_ordered();
        out = inb(0x61) & 0x20;
        tb = rdtsc_ordered();
        if ( tb > limit )
            return 0;                  /* no PIT */
    } while ( !out );
    t1 = ta + (tb - ta) / 2;
    return khz_from(t1 - t0, (uint64_t)latch * 1000000000UL / PIT_HZ);
}

static void calibrate_tsc(void)
{
    const char *src = "HPET";

    if ( !hpet_init() || !(cpu_khz = calibrate_hpet()) )
    {
        src = "PIT";
        cpu_khz = calibrate_pit();
    }
    if ( !cpu_khz )
    {
        src = "nothing: assumed";
        cpu_khz = 2000000;
    }
    tsc_to_ns_mul = (1000000UL << 32) / cpu_khz;
    ns_to_tsc_mul = ((uint64_t)cpu_khz << 32) / 1000000;
    printk(XENLOG_INFO "TSC: %lu kHz (calibrated against %s)\n", cpu_khz, src);
}

/* ---- LAPIC timer -------------------------------------------------------- */

static void lapic_timer_interrupt(struct cpu_user_regs *regs)
{
    timer_interrupt();
}

static uint64_t read_apic_timer(void)
{
    return apic_read(APIC_TMCCT);
}

/* Let the APIC timer count down from ~0 over 10 ms of TSC time. */
static unsigned long calibrate_apic_timer(void)
{
    struct ref_sample s0, s1;

    apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_ONESHOT |
                               LOCAL_TIMER_VECTOR);
    apic_write(APIC_TMICT, 0xffffffffu);
    s0 = sample_ref(read_apic_timer);
    udelay(10000);
    s1 = sample_ref(read_apic_timer);
    apic_write(APIC_TMICT, 0);
    return (s0.ref - s1.ref) * cpu_khz / (s1.tsc - s0.tsc);
}

/* Program this CPU's timer LVT for the current mode, timer stopped. */
static void lapic_timer_setup(void)
{
    if ( timer_mode == TIMER_DEADLINE )
    {
        apic_write(APIC_LVT_TIMER, APIC_TIMER_TSC_DEADLINE | LOCAL_TIMER_VECTOR);
        /* The MSR write must not pass the LVT write (SDM 11.5.4.1). */
        wrmsr_ordering_fence();
        wrmsr(MSR_IA32_TSC_DEADLINE, 0);
    }
    else if ( timer_mode == TIMER_NONE )
        apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    else
    {
        apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
        apic_write(APIC_LVT_TIMER, APIC_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
        apic_write(APIC_TMICT, 0);
    }
}

void arch_timer_program(s_time_t deadline)
{
    if ( timer_mode == TIMER_DEADLINE )
    {
        uint64_t tsc = 0;              /* 0 disarms */

        if ( deadline )
        {
            /* A deadline already past fires at once; boot_tsc > 0. */
            tsc = boot_tsc + scale(max(deadline, (s_time_t)0), ns_to_tsc_mul);
            if ( tsc < boot_tsc )
                tsc = ~0UL;            /* beyond the TSC's range */
        }
        wrmsr(MSR_IA32_TSC_DEADLINE, tsc);
    }
    else if ( timer_mode == TIMER_ONESHOT )
    {
        s_time_t now = NOW();
        /* Compared before subtracting: a negative deadline minus now
         * would overflow (into a far future). */
        uint64_t ticks = deadline > now ? scale(deadline - now, ns_to_apic_mul)
                                        : 1;

        /* Far deadlines fire early and are reprogrammed by the timer code. */
        apic_write(APIC_TMICT, deadline ? min(max(ticks, 1UL), 0xffffffffUL) : 0);
    }
}

/* Does the timer raise its vector?  Checked on the BSP with interrupts
 * off: the request shows in the IRR (it is delivered harmlessly later). */
static bool lapic_timer_fires(void)
{
    lapic_timer_setup();
    arch_timer_program(NOW() + MICROSECS(100));
    for ( unsigned int ms = 0; ms < 50; ms++ )
    {
        if ( apic_irr_pending(LOCAL_TIMER_VECTOR) )
            return true;
        udelay(1000);
    }
    arch_timer_program(0);
    return false;
}

static void use_oneshot(void)
{
    timer_mode = TIMER_ONESHOT;
    apic_timer_khz = calibrate_apic_timer();
    ns_to_apic_mul = ((uint64_t)apic_timer_khz << 32) / 1000000;
}

static void lapic_timer_init(void)
{
    set_vector_handler(LOCAL_TIMER_VECTOR, lapic_timer_interrupt);
    if ( opt_tsc_deadline && (cpuid_ecx(1) & CPUID1_ECX_TSC_DEADLINE) )
    {
        timer_mode = TIMER_DEADLINE;
        if ( lapic_timer_fires() )
        {
            printk(XENLOG_INFO "LAPIC timer: TSC-deadline\n");
            return;
        }
        printk(XENLOG_WARNING "TSC-deadline timer never fired; trying one-shot mode\n");
    }
    use_oneshot();
    if ( apic_timer_khz && lapic_timer_fires() )
    {
        printk(XENLOG_INFO "LAPIC timer: one-shot, %lu kHz\n", apic_timer_khz);
        return;
    }
    /* Leave it off: a wrong frequency could make it fire continuously. */
    timer_mode = TIMER_NONE;
    lapic_timer_setup();
    printk(XENLOG_ERR "The LAPIC timer does not work (one-shot, %lu kHz): no timer events\n",
           apic_timer_khz);
}

void time_init(void)
{
    calibrate_tsc();
    boot_tsc = rdtsc_ordered();
    lapic_timer_init();
}

void time_ap_init(void)
{
    lapic_timer_setup();
}

/*
 * A PV guest's clock parameters (pvclock): guests compute
 *   system_time + (((tsc - tsc_timestamp) << tsc_shift) * mul >> 32)
 * with a 32-bit mul, so NOW()'s factor is halved into range with a
 * positive shift when the TSC runs below 1 GHz.  No TSC_STABLE flag: TSC
 * synchronisation between CPUs is not verified.
 */
void arch_time_record(struct vcpu_time_info *t)
{
    uint64_t mul = tsc_to_ns_mul;
    int shift = 0;
    int64_t d;

    while ( mul >> 32 )
    {
        mul >>= 1;
        shift++;
    }
    t->tsc_timestamp = rdtsc_ordered();
    d = t->tsc_timestamp - boot_tsc;
    t->system_time = d > 0 ? scale(d, tsc_to_ns_mul) : 0;
    t->tsc_to_system_mul = mul;
    t->tsc_shift = shift;
    t->flags = 0;
}

/* ---- Wall clock (CMOS RTC) ---------------------------------------------- */

#define RTC_PORT_INDEX  0x70
#define RTC_PORT_DATA   0x71
#define RTC_SEC         0x00
#define RTC_MIN         0x02
#define RTC_HOUR        0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_REG_A       0x0a
#define  RTC_UIP        0x80          /* update in progress */
#define RTC_REG_B       0x0b
#define  RTC_24H        0x02
#define  RTC_BINARY     0x04
#define RTC_PM          0x80

struct rtc_time {
    unsigned int sec, min, hour, day, mon, year, century;
};

static unsigned int cmos_read(unsigned int idx)
{
    outb(idx, RTC_PORT_INDEX);
    return inb(RTC_PORT_DATA);
}

/* One snapshot, taken outside an update cycle (bounded wait for it). */
static void rtc_snapshot(struct rtc_time *t)
{
    for ( unsigned int us = 0; us < 10000 && (cmos_read(RTC_REG_A) & RTC_UIP); us++ )
        udelay(1);
    t->sec = cmos_read(RTC_SEC);
    t->min = cmos_read(RTC_MIN);
    t->hour = cmos_read(RTC_HOUR);
    t->day = cmos_read(RTC_DAY);
    t->mon = cmos_read(RTC_MONTH);
    t->year = cmos_read(RTC_YEAR);
    t->century = acpi_fadt.century && acpi_fadt.century < 128
                 ? cmos_read(acpi_fadt.century) : 0;
}

static unsigned int bcd(unsigned int v)
{
    return (v & 0x0f) + (v >> 4) * 10;
}

/* To binary, 24-hour time and a full year. */
static void rtc_normalise(struct rtc_time *t, unsigned int reg_b)
{
    bool pm = !(reg_b & RTC_24H) && (t->hour & RTC_PM);

    t->hour &= ~RTC_PM;
    if ( !(reg_b & RTC_BINARY) )
    {
        t->sec = bcd(t->sec);
        t->min = bcd(t->min);
        t->hour = bcd(t->hour);
        t->day = bcd(t->day);
        t->mon = bcd(t->mon);
        t->year = bcd(t->year);
        t->century = bcd(t->century);
    }
    if ( !(reg_b & RTC_24H) )
        t->hour = t->hour % 12 + (pm ? 12 : 0);
    if ( t->century < 19 || t->century > 99 )
        t->century = t->year < 70 ? 20 : 19;
    t->year += t->century * 100;
}

static bool is_leap(unsigned int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static uint64_t unix_seconds(const struct rtc_time *t)
{
    static const unsigned int mdays[12] = { 31, 28, 31, 30, 31, 30,
                                            31, 31, 30, 31, 30, 31 };
    uint64_t days = t->day - 1;

    for ( unsigned int y = 1970; y < t->year; y++ )
        days += is_leap(y) ? 366 : 365;
    for ( unsigned int m = 1; m < t->mon; m++ )
        days += mdays[m - 1] + (m == 2 && is_leap(t->year));
    return ((days * 24 + t->hour) * 60 + t->min) * 60 + t->sec;
}

static bool rtc_valid(const struct rtc_time *t)
{
    return t->sec < 60 && t->min < 60 && t->hour < 24 && t->day >= 1 &&
           t->day <= 31 && t->mon >= 1 && t->mon <= 12 && t->year >= 1970;
}

uint64_t arch_wallclock_seconds(void)
{
    struct rtc_time a, b;
    unsigned int tries = 0;

    if ( acpi_fadt.boot_arch & ACPI_BOOT_ARCH_NO_CMOS_RTC )
        return 0;
    /* Two identical snapshots in a row: no update tore the reading. */
    rtc_snapshot(&b);
    do {
        a = b;
        rtc_snapshot(&b);
    } while ( memcmp(&a, &b, sizeof(a)) && ++tries < 5 );
    rtc_normalise(&b, cmos_read(RTC_REG_B));
    if ( !rtc_valid(&b) )
    {
        printk(XENLOG_WARNING "RTC: implausible time %u-%u-%u %u:%u:%u\n",
               b.year, b.mon, b.day, b.hour, b.min, b.sec);
        return 0;
    }
    return unix_seconds(&b) - NOW() / NSEC_PER_SEC;
}

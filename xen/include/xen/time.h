/*
 * System time: nanoseconds since boot, the same on every CPU.
 *
 * Arch contract (x86: arch/x86/time.c):
 *   s_time_t NOW(void);
 *     Current system time; monotonic, and consistent across CPUs to within
 *     the TSC synchronisation the platform gives.
 *   void arch_timer_program(s_time_t deadline);
 *     Make this CPU's one-shot timer interrupt fire at (or soon after)
 *     deadline; 0 stops it.  The interrupt handler calls timer_interrupt().
 *   uint64_t arch_wallclock_seconds(void);
 *     Seconds since the Unix epoch at system time 0 (from the RTC).
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define NSEC_PER_SEC  1000000000LL
#define MILLISECS(ms) ((s_time_t)(ms) * 1000000LL)
#define MICROSECS(us) ((s_time_t)(us) * 1000LL)
#define SECONDS(s)    ((s_time_t)(s) * NSEC_PER_SEC)
#define STIME_MAX     ((s_time_t)INT64_MAX)
/* The longest interval a guest may ask for (a periodic timer's period):
 * added to any time in the next century it still fits s_time_t.  The
 * value is Xen's (2^62 - 1 ns). */
#define STIME_DELTA_MAX ((s_time_t)(INT64_MAX >> 1))

/*
 * A deadline from a guest (unsigned nanoseconds in the ABI) as the timer
 * code may take it.  System time is signed and starts at boot, so 0 and
 * every value from 2^63 up lie in the past: they become "now", which
 * fires at once as on Xen.  Whatever a guest passes, the timer code never
 * sees a time that is 0 (the hardware's "off") or negative.
 */
static inline s_time_t guest_deadline(uint64_t ns, s_time_t now)
{
    return (int64_t)ns > 0 ? (s_time_t)ns : now;
}

s_time_t NOW(void);
void arch_timer_program(s_time_t deadline);
uint64_t arch_wallclock_seconds(void);

/* CPU (TSC) frequency in kHz, measured at boot. */
extern unsigned long cpu_khz;

/* Called by the arch timer interrupt on the CPU whose timer fired. */
void timer_interrupt(void);

/* Busy-wait (no timers needed); for early boot and device delays. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif /* XEN_TIME_H */

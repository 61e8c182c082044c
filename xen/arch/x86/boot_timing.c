/*
 * Boot phase timing (interface in asm/boot_timing.h).  Phases are timed
 * in TSC cycles, which need no set-up; cycles become milliseconds through
 * cpu_khz once time_init() has calibrated the TSC.  Until then finished
 * phases wait in a short list.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>
#include <asm/boot_timing.h>
#include <asm/processor.h>

#define NR_HELD 8

static struct {
    char what[32];
    uint64_t cycles;
} held[NR_HELD];
static unsigned int nr_held;

uint64_t boot_phase_begin(void)
{
    return rdtsc();
}

static void print_phase(const char *what, uint64_t cycles)
{
    /* Microseconds: cycles * 1000 / kHz, as ms with three decimals. */
    uint64_t us = cycles * 1000 / cpu_khz;

    printk(XENLOG_DEBUG "Boot phase: %s: %lu.%03lu ms\n", what,
           (unsigned long)(us / 1000), (unsigned long)(us % 1000));
}

void boot_phase_end(const char *what, uint64_t begin)
{
    uint64_t cycles = rdtsc() - begin;

    if ( READ_ONCE(cpu_khz) )
    {
        boot_phase_flush();              /* earlier phases first */
        print_phase(what, cycles);
        return;
    }
    if ( nr_held == NR_HELD )
        return;                          /* a timing line is not worth more */
    strlcpy(held[nr_held].what, what, sizeof(held[nr_held].what));
    held[nr_held++].cycles = cycles;
}

void boot_phase_flush(void)
{
    for ( unsigned int i = 0; i < nr_held; i++ )
        print_phase(held[i].what, held[i].cycles);
    nr_held = 0;
}

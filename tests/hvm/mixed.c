/*
 * mixed.c - a PVH dom0 and a PV domU on one physical CPU: the scheduler
 * must switch between an HVM vCPU (run loop, VMCB) and a PV one (guest
 * frame, page tables) in both directions.  dom0 spins without ever
 * yielding for about three seconds of TSC time, so the domU can only
 * run if the timer interrupt ends dom0's guest run (an INTR exit) and
 * the scheduler preempts it; the domU (tests/pv/hello) must print its
 * own SUCCESS before dom0 finishes, or the runner fails the test.
 * Ours only (boot-time domUs).
 *
 * pvtest-smp: 1
 * pvtest-bochs-skip: dom0 spins 8e9 TSC cycles; Bochs counts one per instruction
 * pvtest-domU: name=pvpeer,mem=16M tests/pv/build/hello.elf
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "mixed: PVH dom0 preempted by a PV domU on one CPU";

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

void test_main(void)
{
    uint64_t start = tsc();
    unsigned long spins = 0;

    while ( tsc() - start < 8000000000ULL )
        spins++;
    xtest_info("spun %lu times; the domU ran meanwhile or the runner says so",
               spins);
}

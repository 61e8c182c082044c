/*
 * mixed.c - a PVH dom0 and a PV domU on one physical CPU: the scheduler
 * must switch between an HVM vCPU (run loop, VMCB) and a PV one (guest
 * frame, page tables) in both directions.  dom0 spins without ever
 * yielding for three seconds of system time, so the domU can only
 * run if the timer interrupt ends dom0's guest run (an INTR exit) and
 * the scheduler preempts it; the domU (tests/pv/hello) must print its
 * own SUCCESS before dom0 finishes, or the runner fails the test.
 * Ours only (boot-time domUs).
 *
 * pvtest-smp: 1
 * pvtest-domU: name=pvpeer,mem=16M tests/pv/build/hello.elf
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/time.h>

const char test_title[] = "mixed: PVH dom0 preempted by a PV domU on one CPU";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

/* shared_info at si_page, for pv_system_time(): the wait is system time,
 * not TSC cycles, so it is as long on any TSC rate (Bochs counts one
 * cycle per instruction). */
static void map_time(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;
}

void test_main(void)
{
    uint64_t end;
    unsigned long spins = 0;

    map_time();
    end = pv_system_time(0) + 3 * NS_PER_S;
    while ( pv_system_time(0) < end )
        spins++;
    xtest_info("spun %lu times; the domU ran meanwhile or the runner says so",
               spins);
}

/*
 * triple-fault.c - a PVH guest that triple-faults (an empty IDT, then an
 * exception) is crashed, and the hypervisor stays up.  The kernel prints
 * its "Test crash point" line first; the runner then waits for the crash
 * report (pvtest-crash) and fails the test on a result line or a panic.
 *
 * pvtest-crash: (Domain 0 crashed|Dom0 crashed|[Tt]riple fault)
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "triple-fault: a guest's triple fault crashes only it";

void test_main(void)
{
    struct { uint16_t limit; uint64_t base; } __packed empty = { 0, 0 };

    printf("Test crash point\n");
    __asm__ __volatile__ ("lidt %0; ud2" :: "m" (empty));
}

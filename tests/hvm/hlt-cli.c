/*
 * hlt-cli.c - HLT with interrupts off in a PVH guest.  On bare metal the
 * CPU would sleep for good; Xen takes it as the vCPU going down, and a
 * domain whose vCPUs are all down is powered off.  The kernel prints its
 * "Test crash point" line and halts with interrupts off: the runner then
 * waits for the hypervisor's report of the poweroff (pvtest-crash: any
 * line matching the pattern after that point), not a result line.
 *
 * pvtest-crash: (Domain 0 shut down: poweroff|Hardware Dom0 halted|All CPUs offline)
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "hlt-cli: HLT with interrupts off takes the vCPU down";

void test_main(void)
{
    printf("Test crash point\n");
    for ( ;; )
        __asm__ __volatile__ ("cli; hlt");
}

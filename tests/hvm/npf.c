/*
 * npf.c - a PVH guest reads guest-physical memory that is neither its RAM
 * nor anything else (768 MiB: above QEMU's 512 MiB and dom0's memory,
 * inside the 1 GiB the library maps).  The hypervisor must crash the
 * domain for it (a nested page fault nothing claims) and stay up: the
 * runner looks for the crash report after the kernel's "Test crash
 * point" line (pvtest-crash) and fails the test on a result line, on
 * "Panic", or if the report never comes.
 *
 * Xen 4.17 differs: it answers the read with all ones (an access no
 * device claims), which needs the faulting instruction emulated; ours
 * has no MMIO emulation yet and crashes the domain (docs/hvm.md).
 *
 * pvtest-crash: (Domain 0 crashed|Dom0 crashed)
 * pvtest-ours-only: Xen 4.17 reads unclaimed guest-physical memory as all ones
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "npf: access outside the guest's memory crashes it";

#define HOLE_GPA 0x30000000UL

void test_main(void)
{
    volatile uint32_t *p = pvh_phys(HOLE_GPA);
    uint32_t v;

    printf("npf: reading gpa %#lx\n", HOLE_GPA);
    printf("Test crash point\n");
    v = *p;
    /* Only if something answered the read. */
    xtest_fail("the read returned %#x instead of crashing the domain", v);
}

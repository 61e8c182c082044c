/*
 * vmce.c - the machine-check MSRs of a PVH guest.  CPUID shows MCE and
 * MCA, so Linux's machine-check code reads MCG_CAP and MCG_STATUS and
 * polls every bank, and panics on a #GP from them ("MCA architectural
 * violation": Linux's PVH domU died so before this).  Xen's vMCE is the
 * same for HVM as for PV (tests/pv/vmce.c): two banks, no MCG_CTL,
 * MCG_STATUS what was written, MCi_CTL all ones, the status registers 0
 * and writable with 0 only, banks past the count read 0.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "vmce: machine-check MSRs of a PVH guest";

#define MSR_MCG_CAP     0x179
#define MSR_MCG_STATUS  0x17a
#define MSR_MC0_CTL     0x400

void test_main(void)
{
    uint64_t v = ~0ULL;

    if ( check_exinfo(rdmsr_probe(MSR_MCG_CAP, &v), EXINFO_NONE,
                      "rdmsr MCG_CAP") )
        check_eq(v, 2, "MCG_CAP (two banks, nothing else)");
    if ( check_exinfo(rdmsr_probe(MSR_MCG_STATUS, &v), EXINFO_NONE,
                      "rdmsr MCG_STATUS") )
        check_eq(v, 0, "MCG_STATUS at start");
    if ( check_exinfo(rdmsr_probe(MSR_MC0_CTL + 4, &v), EXINFO_NONE,
                      "rdmsr MC1_CTL") )
        check_eq(v, ~0ULL, "MC1_CTL");
    check_exinfo(wrmsr_probe(MSR_MC0_CTL + 1, 0), EXINFO_NONE,
                 "MC0_STATUS written with 0");
    check_exinfo(wrmsr_probe(MSR_MC0_CTL + 1, 1), EXINFO(X86_EXC_GP, 0),
                 "MC0_STATUS written with 1");
    if ( check_exinfo(rdmsr_probe(MSR_MC0_CTL + 4 * 5 + 1, &v), EXINFO_NONE,
                      "rdmsr MC5_STATUS (past the banks)") )
        check_eq(v, 0, "MC5_STATUS");
}

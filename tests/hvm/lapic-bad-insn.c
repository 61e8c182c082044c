/*
 * lapic-bad-insn.c - an instruction the MMIO emulator does not know
 * (LOCK OR to the local APIC's TPR) crashes the domain, not the
 * hypervisor: the runner looks for the crash report after the kernel's
 * "Test crash point" line (pvtest-crash) and fails the test on a result
 * line, on "Panic", or if the report never comes.
 *
 * Xen 4.17 differs: its full x86 emulator performs the access; ours
 * emulates only the MOV, MOVZX and MOVSX forms (docs/hvm.md).
 *
 * pvtest-crash: (Domain 0 crashed|Dom0 crashed)
 * pvtest-ours-only: Xen 4.17 emulates every instruction form on the APIC page
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>

const char test_title[] = "lapic-bad-insn: an unknown APIC access crashes the guest";

void test_main(void)
{
    volatile uint32_t *apic = lapic_map();

    printf("lapic-bad-insn: lock orl to the TPR\n");
    printf("Test crash point\n");
    __asm__ __volatile__ ("lock orl $0x10, 0x80(%0)" :: "r" (apic) : "memory");
    xtest_fail("lock orl on the APIC page returned (TPR %#x)",
               lapic_read(apic, APIC_TPR));
}

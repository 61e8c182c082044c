/*
 * crs.c - control registers and virtualisation instructions from a PVH
 * guest, as a CPU without VMX or SMX would answer them.  Under VMX some CR0
 * and CR4 bits belong to the hypervisor (CR0.NE is fixed on underneath,
 * CR4.VMXE too) and CR8 would reach the host's local APIC; the guest must
 * see none of that:
 *  - CR0.NE reads back as the guest last wrote it, both ways, and paging
 *    stays on across the writes;
 *  - setting CR4.VMXE or CR4.SMXE is #GP (CPUID offers neither), CR4 is
 *    unchanged after (checked on Intel CPUs only: on AMD both bits are
 *    reserved and hardware refuses them itself, but QEMU's TCG lets an
 *    SVM guest set VMXE, and the next VMRUN then fails);
 *  - CR8 keeps what the guest writes (its own task priority);
 *  - VMXON, VMXOFF, VMPTRLD, VMCLEAR, VMREAD, VMWRITE, VMLAUNCH, VMRESUME,
 *    INVEPT and INVVPID are #UD (no nested virtualisation).
 * The same answers on SVM, on Xen 4.17 and on VMX under Bochs.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "crs: CR0.NE, CR4.VMXE/SMXE, CR8, VMX instructions";

#define CR0_NE      (1UL << 5)
#define CR0_PG      (1UL << 31)
#define CR4_VMXE    (1UL << 13)
#define CR4_SMXE    (1UL << 14)

static unsigned long cr0(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr0, %0" : "=r" (v));
    return v;
}

static unsigned long cr4(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr4, %0" : "=r" (v));
    return v;
}

static void cr0_ne(void)
{
    unsigned long orig = cr0();

    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (orig | CR0_NE) : "memory");
    check(cr0() & CR0_NE, "CR0.NE set reads back clear (cr0 %#lx)", cr0());
    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (orig & ~CR0_NE) : "memory");
    check(!(cr0() & CR0_NE), "CR0.NE cleared reads back set (cr0 %#lx)",
          cr0());
    check(cr0() & CR0_PG, "paging off after CR0 writes");
    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (orig) : "memory");
    check_eq(cr0(), orig, "CR0 restored");
}

static bool intel(void)
{
    struct cpuid_regs r;

    cpuid_native(0, 0, &r);
    return r.b == 0x756e6547 && r.d == 0x49656e69 && r.c == 0x6c65746e;
}

static void cr4_refused(void)
{
    unsigned long orig = cr4();

    if ( !intel() )
    {
        xtest_info("not an Intel CPU: CR4.VMXE/SMXE writes not tried");
        return;
    }
    check(!(orig & (CR4_VMXE | CR4_SMXE)), "CR4 shows VMXE/SMXE: %#lx", orig);
    check_exinfo(PROBE_FAULT("mov %[v], %%cr4", (), ([v] "r" (orig | CR4_VMXE))),
                 EXINFO(X86_EXC_GP, 0), "CR4.VMXE set");
    check_exinfo(PROBE_FAULT("mov %[v], %%cr4", (), ([v] "r" (orig | CR4_SMXE))),
                 EXINFO(X86_EXC_GP, 0), "CR4.SMXE set");
    check_eq(cr4(), orig, "CR4 after the refused writes");
    /* A write of the same value changes nothing and does not fault. */
    check_exinfo(PROBE_FAULT("mov %[v], %%cr4", (), ([v] "r" (orig))),
                 EXINFO_NONE, "CR4 rewritten");
}

static void cr8(void)
{
    unsigned long v;

    for ( unsigned long t = 0; t < 16; t += 5 )
    {
        __asm__ __volatile__ ("mov %0, %%cr8" :: "r" (t) : "memory");
        __asm__ __volatile__ ("mov %%cr8, %0" : "=r" (v));
        check_eq(v, t, "CR8 read back");
    }
    __asm__ __volatile__ ("mov %0, %%cr8" :: "r" (0UL) : "memory");
}

static void vmx_insns(void)
{
    static uint64_t region[2] __aligned(16);
    uint64_t pa = (uint64_t)region - PV_VIRT_BASE, v = 0;

    check_exinfo(PROBE_FAULT("vmxon %[m]", (), ([m] "m" (pa))),
                 EXINFO(X86_EXC_UD, 0), "vmxon");
    check_exinfo(PROBE_FAULT("vmxoff", (), ()), EXINFO(X86_EXC_UD, 0), "vmxoff");
    check_exinfo(PROBE_FAULT("vmptrld %[m]", (), ([m] "m" (pa))),
                 EXINFO(X86_EXC_UD, 0), "vmptrld");
    check_exinfo(PROBE_FAULT("vmclear %[m]", (), ([m] "m" (pa))),
                 EXINFO(X86_EXC_UD, 0), "vmclear");
    check_exinfo(PROBE_FAULT("vmread %[f], %[v]", ([v] "=r" (v)), ([f] "r" (0UL))),
                 EXINFO(X86_EXC_UD, 0), "vmread");
    check_exinfo(PROBE_FAULT("vmwrite %[v], %[f]", (), ([v] "r" (v), [f] "r" (0UL))),
                 EXINFO(X86_EXC_UD, 0), "vmwrite");
    check_exinfo(PROBE_FAULT("vmlaunch", (), ()), EXINFO(X86_EXC_UD, 0),
                 "vmlaunch");
    check_exinfo(PROBE_FAULT("vmresume", (), ()), EXINFO(X86_EXC_UD, 0),
                 "vmresume");
    check_exinfo(PROBE_FAULT("invept %[m], %[t]", (), ([m] "m" (region), [t] "r" (1UL))),
                 EXINFO(X86_EXC_UD, 0), "invept");
    check_exinfo(PROBE_FAULT("invvpid %[m], %[t]", (), ([m] "m" (region), [t] "r" (1UL))),
                 EXINFO(X86_EXC_UD, 0), "invvpid");
}

void test_main(void)
{
    cr0_ne();
    cr4_refused();
    cr8();
    vmx_insns();
}

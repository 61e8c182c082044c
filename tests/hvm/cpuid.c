/*
 * cpuid.c - the hypervisor's CPUID leaves as a PVH guest sees them:
 * the signature "XenVMMXenVMM" at 0x40000000 with the highest leaf in
 * eax, the version at +1 (the same as XENVER_version), the hypercall
 * page leaf at +2 (one page, MSR 0x40000000) and the HVM leaf at +4.
 * Also the native leaves the guest relies on: the hypervisor bit in leaf
 * 1 ecx, vCPU 0's initial APIC ID 0 in leaf 1 ebx (-smp 2: it may run on
 * either physical CPU), and long mode in 0x80000001.  And that SVM itself is hidden
 * from the guest (no nested virtualisation).
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/arch-x86/cpuid.h>

const char test_title[] = "cpuid: hypervisor leaves seen by a PVH guest";

void test_main(void)
{
    uint32_t base = pvh_cpuid_base;
    struct cpuid_regs r;
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);

    cpuid_native(base, 0, &r);
    xtest_info("%#x: eax %#x", base, r.a);
    check_eq(base, 0x40000000, "CPUID base");
    check(r.a >= base + 4 && r.a < base + 0x100,
          "highest leaf %#x", r.a);

    cpuid_native(base + 1, 0, &r);
    xtest_info("+1: eax %#x (xen_version %#lx)", r.a, ver);
    check_eq(r.a, (uint32_t)ver, "version leaf against XENVER_version");

    cpuid_native(base + 2, 0, &r);
    xtest_info("+2: eax %#x ebx %#x ecx %#x edx %#x", r.a, r.b, r.c, r.d);
    check_eq(r.a, 1, "hypercall pages");
    check_eq(r.b, 0x40000000, "hypercall page MSR");

    cpuid_native(1, 0, &r);
    check(r.c & (1u << 31), "leaf 1 ecx lacks the hypervisor bit");
    /* vCPU 0's initial APIC ID, whichever physical CPU it runs on. */
    check_eq(r.b >> 24, 0, "vCPU 0's initial APIC ID");
    cpuid_native(0x80000001, 0, &r);
    check(r.d & (1u << 29), "0x80000001 edx lacks long mode");
    check(!(r.c & (1u << 2)), "0x80000001 ecx shows SVM to the guest");

    /* The page the MSR write filled holds a stub per hypercall. */
    check(hypercall_page[0] != 0 && hypercall_page[32 * 17] != 0,
          "hypercall page not filled");
}

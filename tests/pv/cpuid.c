/*
 * cpuid.c - the CPUID view through the forced-emulation prefix.
 *
 * A PV kernel gets the hypervisor's CPUID policy by prefixing cpuid with
 * ud2 'x' 'e' 'n' (0f 0b 78 65 6e 0f a2).  Checked here:
 *   - the prefix is emulated: RIP moves past all 7 bytes, only
 *     rax/rbx/rcx/rdx change and their upper halves are cleared; ud2 'xen'
 *     followed by anything but a bare cpuid is a plain #UD;
 *   - the Xen leaves: "XenVMMXenVMM" at 0x40000000 with 0x40000005 as the
 *     highest leaf, the version in +1 (equal to XENVER_version), one
 *     hypercall page and MSR 0x40000000 in +2 with PRESERVE_AD, no HVM bits
 *     in +4, a machine address width in +5 wide enough for every frame the
 *     guest owns, and zeros beyond (also at 0x40000100);
 *   - the hypervisor bit is set and the features both Xen 4.17 and we hide
 *     from a PV guest are hidden: PSE, PGE, PSE36, VMX, MONITOR (and leaf
 *     5), SVM, 1 GiB pages, SMEP, SMAP, INVPCID, UMIP, PKU, LA57, PCID,
 *     x2APIC, TSC deadline (Xen shows FSGSBASE, which we hide: not checked);
 *   - vendor, family/model/stepping and brand match the real CPU.
 */
#include <pvtest.h>
#include <public/arch-x86/cpuid.h>

const char test_title[] = "cpuid: forced-emulation CPUID and the Xen leaves";

#define BIT(n) (1u << (n))

static void pv(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *r)
{
    char b[24];
    exinfo_t ex = probe_cpuid_pv(leaf, subleaf, r);

    if ( ex != EXINFO_NONE )
    {
        xtest_fail("forced cpuid %#x: %s", leaf, exinfo_str(ex, b, sizeof(b)));
        xtest_exit();
    }
}

static void dump(uint32_t leaf, uint32_t subleaf)
{
    struct cpuid_regs p, n;

    pv(leaf, subleaf, &p);
    cpuid_native(leaf, subleaf, &n);
    xtest_info("%08x.%u  pv %08x %08x %08x %08x  native %08x %08x %08x %08x",
               leaf, subleaf, p.a, p.b, p.c, p.d, n.a, n.b, n.c, n.d);
}

/*
 * The prefix with 64-bit values everywhere: RIP must land right after
 * the 7 bytes, the outputs must be zero-extended and other registers
 * untouched.
 */
static void test_prefix_mechanics(void)
{
    unsigned long a = 0xffffffff00000000UL, b = ~0UL, c = 0xffffffff00000000UL;
    unsigned long d = ~0UL, si = 0x5151515151515151UL, di = 0xd1d1d1d1d1d1d1d1UL;
    unsigned long r8v = 0x8888888888888888UL, after, landed;
    exinfo_t ex;

    ex = PROBE_FAULT(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x0f, 0xa2\n\t"
                     "lea 0(%%rip), %[landed]\n\t"
                     "lea 2f(%%rip), %[after]",
                     ("+a" (a), "+b" (b), "+c" (c), "+d" (d), "+S" (si),
                      "+D" (di), "+r" (r8v), [landed] "=r" (landed),
                      [after] "=r" (after)), ());
    check_exinfo(ex, EXINFO_NONE, "forced cpuid leaf 0");
    check(a >> 32 == 0 && b >> 32 == 0 && c >> 32 == 0 && d >> 32 == 0,
          "forced cpuid left upper halves set: %#lx %#lx %#lx %#lx",
          a, b, c, d);
    check(a != 0, "leaf 0 max leaf is 0");
    check_eq(si, 0x5151515151515151UL, "rsi after forced cpuid");
    check_eq(di, 0xd1d1d1d1d1d1d1d1UL, "rdi after forced cpuid");
    check_eq(r8v, 0x8888888888888888UL, "other register after forced cpuid");
    /* The two lea's ran, so execution resumed right after the 7 bytes. */
    check(landed && landed < after, "execution did not continue after the prefix");

    /* The signature must be followed by a bare cpuid. */
    check_exinfo(PROBE_FAULT(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x90", (), ()),
                 EXINFO(X86_EXC_UD, 0), "ud2 'xen' nop");
    check_exinfo(PROBE_FAULT(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x66, 0x0f, 0xa2",
                             (), (), "rax", "rbx", "rcx", "rdx"),
                 EXINFO(X86_EXC_UD, 0), "ud2 'xen' 66 cpuid");
    check_exinfo(PROBE_FAULT(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6f, 0x0f, 0xa2",
                             (), (), "rax", "rbx", "rcx", "rdx"),
                 EXINFO(X86_EXC_UD, 0), "ud2 'xeo' cpuid");
}

/* Largest MFN the guest owns, from its P2M. */
static unsigned long max_guest_mfn(void)
{
    unsigned long pfn, max = 0;

    for ( pfn = 0; pfn < start_info->nr_pages; pfn++ )
        if ( pfn_to_mfn(pfn) > max )
            max = pfn_to_mfn(pfn);
    return max;
}

static void test_xen_leaves(void)
{
    const uint32_t base = XEN_CPUID_FIRST_LEAF;
    struct cpuid_regs r;
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    unsigned int width;

    pv(base, 0, &r);
    check_eq(r.b, XEN_CPUID_SIGNATURE_EBX, "leaf 0x40000000 ebx (\"XenV\")");
    check_eq(r.c, XEN_CPUID_SIGNATURE_ECX, "leaf 0x40000000 ecx (\"MMXe\")");
    check_eq(r.d, XEN_CPUID_SIGNATURE_EDX, "leaf 0x40000000 edx (\"nVMM\")");
    check_eq(r.a, base + 5, "leaf 0x40000000 eax (highest Xen leaf)");

    pv(base + 1, 0, &r);
    check_eq(r.a, (uint32_t)ver, "leaf 0x40000001 eax vs XENVER_version");
    check_eq(r.a, (4u << 16) | 17, "leaf 0x40000001 eax (4.17)");

    pv(base + 2, 0, &r);
    check_eq(r.a, 1, "leaf 0x40000002 eax (hypercall pages)");
    check_eq(r.b, 0x40000000, "leaf 0x40000002 ebx (hypercall-page MSR)");
    check(r.c & XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD,
          "leaf 0x40000002 ecx %#x lacks MMU_PT_UPDATE_PRESERVE_AD", r.c);

    pv(base + 4, 0, &r);
    check_eq(r.a, 0, "leaf 0x40000004 eax (HVM-only bits, none for PV)");

    pv(base + 5, 0, &r);
    width = r.b & XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK;
    xtest_info("machine address width %u bits, highest own MFN %#lx", width,
               max_guest_mfn());
    check(width >= 20 && width <= 52, "leaf 0x40000005 ebx width %u", width);
    check((max_guest_mfn() << PAGE_SHIFT) >> width == 0,
          "an owned MFN %#lx does not fit in %u bits", max_guest_mfn(), width);

    pv(base + 6, 0, &r);
    check(!r.a && !r.b && !r.c && !r.d, "leaf 0x40000006 not zero");
    pv(base + 0x100, 0, &r);
    check(!r.a && !r.b && !r.c && !r.d, "leaf 0x40000100 not zero");
}

/* A bit that must read as clear in the PV view. */
static void hidden(uint32_t reg, unsigned int bit, const char *what)
{
    check(!(reg & BIT(bit)), "%s is visible", what);
}

static void test_hidden_features(void)
{
    struct cpuid_regs r, n;

    pv(1, 0, &r);
    check(r.c & BIT(31), "leaf 1 ecx %#x: hypervisor bit clear", r.c);
    hidden(r.d, 3, "PSE");
    hidden(r.d, 13, "PGE");
    hidden(r.d, 17, "PSE36");
    hidden(r.c, 3, "MONITOR");
    hidden(r.c, 5, "VMX");
    hidden(r.c, 17, "PCID");
    hidden(r.c, 21, "x2APIC");
    hidden(r.c, 24, "TSC deadline");
    /* The hardware domain sees the (x)APIC bit: Linux needs it to read
     * the MADT's IO-APIC entries (QEMU's CPUs all have an APIC). */
    if ( pv_is_initdomain() )
        check(r.d & BIT(9), "leaf 1 edx %#x: APIC hidden from dom0", r.d);

    pv(5, 0, &r);
    check(!r.a && !r.b && !r.c && !r.d, "leaf 5 (MONITOR) not zero");

    pv(7, 0, &r);
    hidden(r.b, 7, "SMEP");
    hidden(r.b, 10, "INVPCID");
    hidden(r.b, 20, "SMAP");
    hidden(r.c, 2, "UMIP");
    hidden(r.c, 3, "PKU");
    hidden(r.c, 16, "LA57");

    pv(0x80000001, 0, &r);
    cpuid_native(0x80000001, 0, &n);
    hidden(r.c, 2, "SVM");
    hidden(r.d, 26, "1 GiB pages");
    check(r.d & BIT(29), "0x80000001 edx %#x: long mode clear", r.d);
    check((r.d & BIT(20)) == (n.d & BIT(20)), "NX differs from the CPU");
}

static void test_host_identity(void)
{
    struct cpuid_regs p, n;
    uint32_t leaf;

    pv(0, 0, &p);
    cpuid_native(0, 0, &n);
    check(p.b == n.b && p.c == n.c && p.d == n.d, "vendor differs from the CPU");
    check(p.a >= 1 && p.a <= n.a, "max basic leaf %#x (CPU %#x)", p.a, n.a);

    pv(1, 0, &p);
    cpuid_native(1, 0, &n);
    check_eq(p.a, n.a, "leaf 1 eax (family/model/stepping)");

    for ( leaf = 0x80000002; leaf <= 0x80000004; leaf++ )
    {
        pv(leaf, 0, &p);
        cpuid_native(leaf, 0, &n);
        check(!memcmp(&p, &n, sizeof(p)), "brand leaf %#x differs", leaf);
    }
}

void test_main(void)
{
    static const uint32_t leaves[] = {
        0, 1, 5, 7, 0xd, 0x40000000, 0x40000001, 0x40000002, 0x40000003,
        0x40000004, 0x40000005, 0x80000000, 0x80000001, 0x80000007,
        0x80000008,
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(leaves); i++ )
        dump(leaves[i], 0);
    test_prefix_mechanics();
    test_xen_leaves();
    test_hidden_features();
    test_host_identity();
}

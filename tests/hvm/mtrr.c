/*
 * mtrr.c - the MTRR MSRs of a PVH guest, as Xen 4.17 emulates them for
 * HVM: CPUID leaf 1 shows MTRR; MTRRcap (0xfe) reads 0x508 (8 variable
 * ranges, fixed ranges, write-combining) and refuses writes;
 * MTRRdefType (0x2ff), a fixed-range MSR (0x250) and the last variable
 * base/mask pair (0x20e/0x20f) read back what was written, and #GP on a
 * reserved memory type or a reserved bit; 0x210 (a ninth pair) does not
 * exist.  On AMD, SYSCFG, TOP_MEM, TOP_MEM2 and the IORRs and
 * INT_PENDING_MSG as Xen shows them (amd_ranges()).  Linux's PVH domU read MTRRcap without a handler and ran with
 * PAT off when ours gave #GP.  Each register is put back as found.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "mtrr: MTRR MSRs of a PVH guest";

#define MSR_MTRR_CAP    0xfe
#define MSR_DEF_TYPE    0x2ff
#define MSR_FIX64K      0x250
#define MSR_BASE7       0x20e
#define MSR_MASK7       0x20f
#define GP              EXINFO(X86_EXC_GP, 0)

/* check_exinfo with the register and value named in the message. */
static bool ex_is(exinfo_t got, exinfo_t want, const char *op,
                  const char *name, uint64_t val)
{
    char bg[24], bw[24];

    return check(got == want, "%s %s %#lx: got %s, expected %s", op, name,
                 (unsigned long)val, exinfo_str(got, bg, sizeof(bg)),
                 exinfo_str(want, bw, sizeof(bw)));
}

/* Write good, read it back; each bad value is refused with #GP and
 * leaves good in place; then the register is restored. */
static void round_trip(const char *name, uint32_t msr, uint64_t good,
                       const uint64_t *bad, unsigned int nbad)
{
    uint64_t orig = 0, v = 0;

    if ( !ex_is(rdmsr_probe(msr, &orig), EXINFO_NONE, "rdmsr", name, 0) )
        return;
    if ( ex_is(wrmsr_probe(msr, good), EXINFO_NONE, "wrmsr", name, good) &&
         ex_is(rdmsr_probe(msr, &v), EXINFO_NONE, "rdmsr", name, 0) )
        check(v == good, "%s reads back %#lx, wrote %#lx", name,
              (unsigned long)v, (unsigned long)good);
    for ( unsigned int i = 0; i < nbad; i++ )
        ex_is(wrmsr_probe(msr, bad[i]), GP, "wrmsr", name, bad[i]);
    if ( ex_is(rdmsr_probe(msr, &v), EXINFO_NONE, "rdmsr", name, 0) )
        check(v == good, "%s after the refused writes: %#lx, not %#lx",
              name, (unsigned long)v, (unsigned long)good);
    ex_is(wrmsr_probe(msr, orig), EXINFO_NONE, "wrmsr (restore)", name, orig);
}

/* AMD's memory-range MSRs (QEMU's qemu64 is AuthenticAMD): SYSCFG,
 * TOP_MEM and TOP_MEM2 read 0 and ignore writes (even of
 * MtrrFixDramModEn, bit 19, which Linux would clear); the I/O range
 * registers read 0 and refuse writes; so does INT_PENDING_MSG. */
static void amd_ranges(void)
{
    static const uint32_t razwi[] = { 0xc0010010, 0xc001001a, 0xc001001d };
    uint64_t v;

    for ( unsigned int i = 0; i < 3; i++ )
    {
        v = ~0ULL;
        if ( ex_is(rdmsr_probe(razwi[i], &v), EXINFO_NONE, "rdmsr", "AMD",
                   razwi[i]) )
            check(v == 0, "MSR %#x reads %#lx, not 0", razwi[i],
                  (unsigned long)v);
        ex_is(wrmsr_probe(razwi[i], 0x80000), EXINFO_NONE, "wrmsr", "AMD",
              razwi[i]);
        if ( ex_is(rdmsr_probe(razwi[i], &v), EXINFO_NONE, "rdmsr", "AMD",
                   razwi[i]) )
            check(v == 0, "MSR %#x after a write reads %#lx, not 0",
                  razwi[i], (unsigned long)v);
    }
    for ( uint32_t msr = 0xc0010016; msr <= 0xc0010019; msr++ )
    {
        v = ~0ULL;
        if ( ex_is(rdmsr_probe(msr, &v), EXINFO_NONE, "rdmsr", "AMD IORR",
                   msr) )
            check(v == 0, "IORR %#x reads %#lx, not 0", msr,
                  (unsigned long)v);
        ex_is(wrmsr_probe(msr, 0), GP, "wrmsr", "AMD IORR", msr);
    }
    /* Not a range register, but read by the same kind of boot code
     * (Linux's C1E check): the interrupt-pending message MSR. */
    v = ~0ULL;
    if ( ex_is(rdmsr_probe(0xc0010055, &v), EXINFO_NONE, "rdmsr",
               "AMD INT_PENDING_MSG", 0xc0010055) )
        check(v == 0, "INT_PENDING_MSG reads %#lx, not 0", (unsigned long)v);
    ex_is(wrmsr_probe(0xc0010055, 0), GP, "wrmsr", "AMD INT_PENDING_MSG", 0);
}

void test_main(void)
{
    struct cpuid_regs r;
    uint64_t v = 0, top;

    cpuid_native(1, 0, &r);
    check(r.d & (1u << 12), "CPUID 1 edx shows MTRR (%#x)", r.d);
    cpuid_native(0, 0, &r);
    if ( r.b == 0x68747541 )
        amd_ranges();
    else
        xtest_info("not AMD: SYSCFG, TOP_MEM and the IORRs not checked");
    cpuid_native(0x80000008, 0, &r);
    top = 1ULL << (r.a & 0xff);     /* first bit past the address width */
    xtest_info("physical address bits %u", r.a & 0xff);

    if ( check_exinfo(rdmsr_probe(MSR_MTRR_CAP, &v), EXINFO_NONE,
                      "rdmsr MTRRcap") )
        check_eq(v, 0x508, "MTRRcap (8 ranges, fixed, WC)");
    check_exinfo(wrmsr_probe(MSR_MTRR_CAP, 0x508), GP, "wrmsr MTRRcap");
    check_exinfo(rdmsr_probe(0x210, &v), GP, "rdmsr 0x210 (no ninth pair)");

    {
        /* type 2, type 7, bit 12, bit 9 */
        static const uint64_t bad[] = { 0xc02, 0xc07, 0x1c06, 0xe06 };
        round_trip("MTRRdefType", MSR_DEF_TYPE, 0xc06, bad, 4);
    }
    {
        /* one byte of type 7; one of type 3 */
        static const uint64_t bad[] = { 0x0606060706060606ULL,
                                        0x0306060606060606ULL };
        round_trip("MTRRfix64K_00000", MSR_FIX64K, 0x0606060606060600ULL,
                   bad, 2);
    }
    {
        /* type 2; bit 8; the address width's first bit */
        uint64_t bad[] = { 0x80000002, 0x80000106, top | 0x80000006 };
        round_trip("MTRRphysBase7", MSR_BASE7, 0x80000006, bad, 3);
    }
    {
        /* 256 MiB, valid; then with bit 0, with bit 10, past the width */
        uint64_t mask = ((top - 1) & ~0xfffffffULL) | 0x800;
        uint64_t bad[] = { mask | 1, mask | 0x400, mask | top };
        round_trip("MTRRphysMask7", MSR_MASK7, mask, bad, 3);
    }
}

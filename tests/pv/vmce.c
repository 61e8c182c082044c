/*
 * vmce.c - the machine-check view of a PV guest, as Xen 4.17 gives it:
 * CPUID leaf 1 shows MCE and MCA, and the machine-check MSRs are virtual
 * with two quiet banks (MCG_CAP 2).  Linux's machine-check code (which
 * runs on Xen, and polls the banks) reads and writes exactly these.
 *
 * MCG_STATUS keeps what the vCPU wrote; MCG_CTL reads 0; banks 0-1:
 * MCi_CTL all ones, STATUS/ADDR/MISC 0 and only 0 may be written (#GP
 * otherwise); banks past the second and the MCi_CTL2 range read 0 and
 * ignore writes; MCG_CAP ignores writes; AMD's 0xc0000400 range raises
 * #GP.  Values measured on Xen 4.17 (qemu64, an AMD-vendor CPU).
 */
#include <pvtest.h>
#include <pv/exinfo.h>

const char test_title[] = "vmce: machine-check CPUID bits and MSRs of a PV guest";

#define GP0 EXINFO(X86_EXC_GP, 0)

#define MCG_CAP     0x179
#define MCG_STATUS  0x17a
#define MCG_CTL     0x17b
#define MC_CTL(i)   (0x400 + 4 * (i))
#define MC_STATUS(i) (0x401 + 4 * (i))
#define MC_ADDR(i)  (0x402 + 4 * (i))
#define MC_MISC(i)  (0x403 + 4 * (i))
#define MC_CTL2(i)  (0x280 + (i))

static uint64_t rd(uint32_t msr)
{
    uint64_t v = 0xdeadbeef;
    exinfo_t e = probe_rdmsr(msr, &v);

    check(e == EXINFO_NONE, "rdmsr %#x: exception %#x", msr, e);
    return v;
}

static void wr(uint32_t msr, uint64_t v, exinfo_t want)
{
    exinfo_t e = probe_wrmsr(msr, v);

    check(e == want, "wrmsr %#x <- %#lx: exception %#x, expected %#x", msr,
          (unsigned long)v, e, want);
}

void test_main(void)
{
    struct cpuid_regs r;

    cpuid_pv(1, 0, &r);
    check(r.d & (1u << 7), "leaf 1 edx %#x: no MCE", r.d);
    check(r.d & (1u << 14), "leaf 1 edx %#x: no MCA", r.d);

    check_eq(rd(MCG_CAP), 2, "MCG_CAP: two banks");
    wr(MCG_CAP, ~0ULL, EXINFO_NONE);
    check_eq(rd(MCG_CAP), 2, "MCG_CAP ignores writes");
    wr(MCG_STATUS, 5, EXINFO_NONE);
    check_eq(rd(MCG_STATUS), 5, "MCG_STATUS keeps what was written");
    wr(MCG_STATUS, 0, EXINFO_NONE);
    check_eq(rd(MCG_STATUS), 0, "MCG_STATUS cleared");
    check_eq(rd(MCG_CTL), 0, "MCG_CTL");
    wr(MCG_CTL, ~0ULL, EXINFO_NONE);

    for ( unsigned int i = 0; i < 2; i++ )
    {
        check_eq(rd(MC_CTL(i)), ~0ULL, "MCi_CTL of a guest bank");
        wr(MC_CTL(i), 0, EXINFO_NONE);
        check_eq(rd(MC_CTL(i)), ~0ULL, "MCi_CTL ignores writes");
        for ( uint32_t m = MC_STATUS(i); m <= MC_MISC(i); m++ )
        {
            check_eq(rd(m), 0, "MCi_STATUS/ADDR/MISC read 0");
            wr(m, 0, EXINFO_NONE);
            wr(m, 1, GP0);
        }
    }
    check_eq(rd(MC_CTL(2)), 0, "MCi_CTL past the guest's banks");
    wr(MC_STATUS(2), ~0ULL, EXINFO_NONE);
    check_eq(rd(MC_STATUS(2)), 0, "a bank past the guest's ignores writes");
    check_eq(rd(MC_STATUS(31)), 0, "bank 31");
    check_eq(rd(MC_CTL2(0)), 0, "MCi_CTL2");
    wr(MC_CTL2(0), ~0ULL, EXINFO_NONE);
    check(probe_rdmsr(0xc0000400, NULL) == GP0, "rdmsr 0xc0000400: no #GP");
}

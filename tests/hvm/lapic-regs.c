/*
 * lapic-regs.c - the emulated local APIC's registers as Xen 4.17 shows
 * them to a PVH guest: CPUID (APIC, x2APIC, no TSC-deadline), the APIC
 * base MSR (enabled, BSP, its refusals: reserved bits, moving the page,
 * x2APIC without enable, x2APIC back to xAPIC, disabled to x2APIC), every register's reset
 * value through the xAPIC page, which bits each keeps when written all
 * ones and all zeroes (LVT entries stay masked while the APIC is
 * software-disabled), the x2APIC MSRs (which exist, which are write-only,
 * #GP for reserved bits and read-only registers, the x2APIC ID and LDR),
 * and that disabling the APIC resets it.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>

const char test_title[] = "lapic-regs: local APIC reset values and masks";

static volatile uint32_t *apic;

static void cpuid1(uint32_t r[4])
{
    __asm__ __volatile__ ("cpuid" : "=a" (r[0]), "=b" (r[1]), "=c" (r[2]),
                          "=d" (r[3]) : "a" (1), "c" (0));
}

/* Reset values, by offset; every other offset below 0x400 reads 0. */
static const struct { unsigned int off; uint32_t val; } resets[] = {
    { APIC_LVR, 0x50014 }, { APIC_DFR, 0xffffffff }, { APIC_SVR, 0xff },
    { APIC_LVTT, 0x10000 }, { APIC_LVTTHMR, 0x10000 }, { APIC_LVTPC, 0x10000 },
    { APIC_LVT0, 0x10000 }, { APIC_LVT1, 0x10000 }, { APIC_LVTERR, 0x10000 },
};

static uint32_t reset_value(unsigned int off)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(resets); i++ )
        if ( resets[i].off == off )
            return resets[i].val;
    return 0;
}

static void reset_values(const char *when)
{
    char what[64];

    for ( unsigned int off = 0; off < 0x400; off += 0x10 )
    {
        snprintf(what, sizeof(what), "%s: register %#x", when, off);
        check_eq(lapic_read(apic, off), reset_value(off), what);
    }
}

/* Written all ones, then all zeroes (APIC software-disabled), then the
 * old value back: what reads back. */
static const struct { unsigned int off; uint32_t ones, zeroes; } masks[] = {
    { APIC_ID, 0xffffffff, 0 }, { APIC_LVR, 0x50014, 0x50014 },
    { APIC_TPR, 0xff, 0 }, { APIC_APR, 0, 0 }, { APIC_PPR, 0, 0 },
    { APIC_LDR, 0xff000000, 0 }, { APIC_DFR, 0xffffffff, 0x0fffffff },
    { APIC_ISR, 0, 0 }, { APIC_TMR, 0, 0 }, { APIC_IRR, 0, 0 },
    { APIC_ESR, 0, 0 }, { APIC_CMCI, 0, 0 }, { APIC_ICR2, 0xff000000, 0 },
    { APIC_LVTT, 0x710ff, 0x10000 }, { APIC_LVTTHMR, 0x117ff, 0x10000 },
    { APIC_LVTPC, 0x117ff, 0x10000 }, { APIC_LVT0, 0x1f7ff, 0x10000 },
    { APIC_LVT1, 0x1f7ff, 0x10000 }, { APIC_LVTERR, 0x110ff, 0x10000 },
    { APIC_TMCCT, 0, 0 }, { APIC_TDCR, 0xb, 0 },
};

static void write_masks(void)
{
    char what[64];

    for ( unsigned int i = 0; i < ARRAY_SIZE(masks); i++ )
    {
        unsigned int off = masks[i].off;
        uint32_t old = lapic_read(apic, off);

        lapic_write(apic, off, 0xffffffff);
        snprintf(what, sizeof(what), "register %#x written all ones", off);
        check_eq(lapic_read(apic, off), masks[i].ones, what);
        lapic_write(apic, off, 0);
        snprintf(what, sizeof(what), "register %#x written zero", off);
        check_eq(lapic_read(apic, off), masks[i].zeroes, what);
        lapic_write(apic, off, old);
    }
    /* SVR: bits 0-9 (no EOI-broadcast suppression); enabled, an LVT
     * entry may be unmasked. */
    lapic_write(apic, APIC_SVR, 0xffffffff);
    check_eq(lapic_read(apic, APIC_SVR), 0x3ff, "SVR written all ones");
    lapic_write(apic, APIC_LVT0, 0x700);
    check_eq(lapic_read(apic, APIC_LVT0), 0x700, "LVT0 unmasked, APIC on");
    lapic_write(apic, APIC_SVR, 0xff);
    check_eq(lapic_read(apic, APIC_LVT0), 0x10700,
             "LVT0 after the APIC was software-disabled");
    lapic_write(apic, APIC_LVT0, 0x10000);
    lapic_write(apic, APIC_TMICT, 0xffffffff);
    check_eq(lapic_read(apic, APIC_TMICT), 0xffffffff, "TMICT all ones");
    lapic_write(apic, APIC_TMICT, 0);
    check_eq(lapic_read(apic, APIC_TMCCT), 0, "TMCCT after TMICT 0");
}

static void base_msr(void)
{
    uint64_t v = 0;

    check_exinfo(probe_rdmsr(MSR_APIC_BASE, &v), EXINFO_NONE, "rdmsr APIC base");
    check_eq(v, APIC_BASE_ADDR | APIC_BASE_EN | APIC_BASE_BSP, "APIC base");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, v | (1UL << 40)),
                 EXINFO(X86_EXC_GP, 0), "APIC base reserved bit 40");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, v | (1UL << 9)),
                 EXINFO(X86_EXC_GP, 0), "APIC base reserved bit 9");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, 0xfed00000 | APIC_BASE_EN | APIC_BASE_BSP),
                 EXINFO(X86_EXC_GP, 0), "moving the APIC page");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EXTD),
                 EXINFO(X86_EXC_GP, 0), "x2APIC mode without enable");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN),
                 EXINFO_NONE, "clearing BSP");
    check_exinfo(probe_rdmsr(MSR_APIC_BASE, &v), EXINFO_NONE, "rdmsr APIC base");
    check_eq(v, APIC_BASE_ADDR | APIC_BASE_EN, "APIC base without BSP");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN | APIC_BASE_BSP),
                 EXINFO_NONE, "BSP back");
}

/* x2APIC MSRs 0x800-0x83f: readable ones (others #GP). */
static bool x2_readable(uint32_t msr)
{
    static const uint16_t ok[] = { 0x802, 0x803, 0x808, 0x80a, 0x80d, 0x80f,
                                   0x828, 0x82f, 0x830, 0x838, 0x839, 0x83e };

    if ( (msr >= 0x810 && msr <= 0x827) || (msr >= 0x832 && msr <= 0x837) )
        return true;
    for ( unsigned int i = 0; i < ARRAY_SIZE(ok); i++ )
        if ( ok[i] == msr )
            return true;
    return false;
}

/* Entering x2APIC mode keeps the registers (svr, tpr: what was set). */
static void x2apic(uint32_t svr, uint32_t tpr)
{
    uint64_t v = 0;
    char what[64];

    check_exinfo(probe_rdmsr(0x802, &v), EXINFO(X86_EXC_GP, 0),
                 "x2APIC ID in xAPIC mode");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN |
                             APIC_BASE_BSP | APIC_BASE_EXTD),
                 EXINFO_NONE, "x2APIC mode on");
    for ( uint32_t msr = 0x800; msr < 0x840; msr++ )
    {
        snprintf(what, sizeof(what), "rdmsr %#x", msr);
        check_exinfo(probe_rdmsr(msr, &v), x2_readable(msr) ? EXINFO_NONE :
                     EXINFO(X86_EXC_GP, 0), what);
    }
    probe_rdmsr(0x802, &v);
    check_eq(v, 0, "x2APIC ID of vCPU 0");
    probe_rdmsr(0x80d, &v);
    check_eq(v, 1, "x2APIC LDR of vCPU 0");
    probe_rdmsr(0x803, &v);
    check_eq(v, 0x50014, "x2APIC version");
    probe_rdmsr(0x80f, &v);
    check_eq(v, svr, "x2APIC SVR");
    probe_rdmsr(0x808, &v);
    check_eq(v, tpr, "x2APIC TPR");
    probe_rdmsr(0x832, &v);
    check_eq(v, 0x10000, "x2APIC LVTT");
    check(lapic_read(apic, APIC_LVR) == 0xffffffff,
          "the xAPIC page answers in x2APIC mode");

    /* Read-only registers, reserved bits, write-only ones. */
    static const struct { uint32_t msr; uint64_t val; bool gp; } w[] = {
        { 0x802, 5, true }, { 0x803, 5, true }, { 0x80d, 5, true },
        { 0x80b, 1, true }, { 0x80b, 0, false }, { 0x808, 0x1ff, true },
        { 0x808, 1UL << 32, true }, { 0x808, 0x20, false }, { 0x808, 0, false },
        { 0x828, 1, true }, { 0x828, 0, false }, { 0x83e, 0xff, true },
        { 0x83e, 0xb, false }, { 0x83e, 0, false }, { 0x839, 1, true },
        { 0x80f, 0xffff, true }, { 0x80f, 0x1ff, false }, { 0x80f, 0xff, false },
        { 0x832, 0xfffff, true }, { 0x832, 0x710ff, false },
        { 0x832, 0x10000, false }, { 0x83f, 0x100, true },
    };
    for ( unsigned int i = 0; i < ARRAY_SIZE(w); i++ )
    {
        snprintf(what, sizeof(what), "wrmsr %#x, %#lx", w[i].msr,
                 (unsigned long)w[i].val);
        check_exinfo(probe_wrmsr(w[i].msr, w[i].val),
                     w[i].gp ? EXINFO(X86_EXC_GP, 0) : EXINFO_NONE, what);
    }
    /* An ICR write to an APIC nobody has (ID 3) keeps all 64 bits. */
    check_exinfo(probe_wrmsr(0x830, (3UL << 32) | 0x4040), EXINFO_NONE,
                 "ICR to APIC ID 3");
    probe_rdmsr(0x830, &v);
    check_eq(v, (3UL << 32) | 0x4040, "ICR read back");

    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN |
                             APIC_BASE_BSP), EXINFO(X86_EXC_GP, 0),
                 "x2APIC straight back to xAPIC");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_BSP),
                 EXINFO_NONE, "disabling the APIC");
    check(lapic_read(apic, APIC_LVR) == 0xffffffff,
          "the xAPIC page answers with the APIC disabled");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN |
                             APIC_BASE_BSP | APIC_BASE_EXTD),
                 EXINFO(X86_EXC_GP, 0), "disabled straight to x2APIC");
    check_exinfo(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN |
                             APIC_BASE_BSP), EXINFO_NONE, "xAPIC again");
}

void test_main(void)
{
    uint32_t r[4];

    cpuid1(r);
    xtest_info("CPUID 1: ebx %#x ecx %#x edx %#x", r[1], r[2], r[3]);
    check(r[3] & (1u << 9), "CPUID: no APIC");
    check(r[2] & (1u << 21), "CPUID: no x2APIC");
    check(!(r[2] & (1u << 24)), "CPUID: TSC-deadline offered");
    check_eq(r[1] >> 24, 0, "CPUID initial APIC ID");
    apic = lapic_map();
    base_msr();
    reset_values("at boot");
    write_masks();
    x2apic(0xff, 0);
    reset_values("after disable and enable");
    lapic_write(apic, APIC_TPR, 0x20);
    lapic_write(apic, APIC_SVR, 0x1ff);
    x2apic(0x1ff, 0x20);
    reset_values("after x2APIC, disable, enable");
}

/*
 * fpu.c - HYPERVISOR_fpu_taskswitch and the guest's virtual CR0.TS.
 *
 * fpu_taskswitch(1) sets the virtual TS flag (seen by an emulated
 * `mov %cr0`): the next FPU/SSE instruction raises #NM, delivered to the
 * guest's vector 7.  Xen 4.17 clears the virtual TS as it delivers that
 * #NM, so the instruction, retried, runs.  fpu_taskswitch(0) and an
 * emulated `clts` clear TS: no #NM.  The SSE registers keep their values
 * across hypercalls and across the TS/#NM round trip.
 */
#include <pvtest.h>

const char test_title[] = "fpu: fpu_taskswitch, #NM and SSE state";

#define CR0_TS  0x8UL

struct xmm
{
    uint64_t lo, hi;
} __attribute__((aligned(16)));

static const struct xmm pat0 = { 0x0123456789abcdefUL, 0xfedcba9876543210UL };
static const struct xmm pat7 = { 0x7777777711111111UL, 0x2222222288888888UL };

static void load_xmm(void)
{
    __asm__ __volatile__ ("movdqa %0, %%xmm0\n\t movdqa %1, %%xmm7\n\t"
                          "movdqa %0, %%xmm15"
                          :: "m" (pat0), "m" (pat7) : "memory");
}

static bool xmm_kept(const char *when)
{
    struct xmm a, b, c;

    /* Never fault here, whatever an earlier failure left in TS. */
    HYPERVISOR_fpu_taskswitch(0);
    __asm__ __volatile__ ("movdqa %%xmm0, %0\n\t movdqa %%xmm7, %1\n\t"
                          "movdqa %%xmm15, %2"
                          : "=m" (a), "=m" (b), "=m" (c) :: "memory");
    return check(a.lo == pat0.lo && a.hi == pat0.hi && b.lo == pat7.lo &&
                 b.hi == pat7.hi && c.lo == pat0.lo && c.hi == pat0.hi,
                 "%s: xmm0 %#lx:%#lx xmm7 %#lx:%#lx xmm15 %#lx:%#lx", when,
                 a.hi, a.lo, b.hi, b.lo, c.hi, c.lo);
}

/* One SSE instruction that does not disturb the checked registers. */
static exinfo_t probe_sse(void)
{
    /* No clobber: the kernel is built without SSE. */
    return PROBE_FAULT("pxor %%xmm3, %%xmm3", (), ());
}

static exinfo_t probe_x87(void)
{
    return PROBE_FAULT("fnop", (), ());
}

static void test_sse_across_hypercalls(void)
{
    load_xmm();
    HYPERVISOR_xen_version(XENVER_version, NULL);
    HYPERVISOR_console_io(CONSOLEIO_write, 0, "");
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    xmm_kept("after xen_version/console_io/yield");
}

static void test_taskswitch(exinfo_t (*probe)(void), const char *what)
{
    exinfo_t ex;

    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
    check(read_cr0() & CR0_TS, "%s: CR0.TS clear after fpu_taskswitch(1)",
          what);
    ex = probe();
    check_exinfo(ex, EXINFO(X86_EXC_NM, 0), what);
    xtest_info("%s: CR0 after the #NM: %#lx", what, read_cr0());
    check(!(read_cr0() & CR0_TS), "%s: TS still set after #NM delivery",
          what);
    check_exinfo(probe(), EXINFO_NONE, "retry after #NM");

    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
    check_eq(HYPERVISOR_fpu_taskswitch(0), 0, "fpu_taskswitch(0)");
    check(!(read_cr0() & CR0_TS), "TS set after fpu_taskswitch(0)");
    check_exinfo(probe(), EXINFO_NONE, "after fpu_taskswitch(0)");
}

static void test_clts(void)
{
    exinfo_t ex;

    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
    ex = PROBE_FAULT("clts", (), ());
    check_exinfo(ex, EXINFO_NONE, "clts (emulated)");
    check(!(read_cr0() & CR0_TS), "TS set after clts");
    check_exinfo(probe_sse(), EXINFO_NONE, "SSE after clts");
    HYPERVISOR_fpu_taskswitch(0);
}

static void test_state_across_nm(void)
{
    HYPERVISOR_fpu_taskswitch(0);
    load_xmm();
    HYPERVISOR_fpu_taskswitch(1);
    check_exinfo(probe_sse(), EXINFO(X86_EXC_NM, 0), "#NM with state live");
    xmm_kept("after TS and #NM");
    HYPERVISOR_fpu_taskswitch(1);
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    HYPERVISOR_fpu_taskswitch(0);
    xmm_kept("after TS, yield, clear TS");
}

void test_main(void)
{
    test_sse_across_hypercalls();
    test_taskswitch(probe_sse, "SSE pxor");
    test_taskswitch(probe_x87, "x87 fnop");
    test_clts();
    test_state_across_nm();
    /* fpu_taskswitch takes any non-zero value as "set". */
    check_eq(HYPERVISOR_fpu_taskswitch(-1), 0, "fpu_taskswitch(-1)");
    check(read_cr0() & CR0_TS, "fpu_taskswitch(-1) did not set TS");
    HYPERVISOR_fpu_taskswitch(0);
}

/*
 * hypercall-garbage.c - garbage into every hypercall number.
 *
 * Each hypercall 0..63 (and a few far beyond) is called with arguments no
 * correct guest passes: an unknown sub-op (all ones) first, then
 * non-canonical and hypervisor-range pointers, huge counts.  Every call
 * must come back with a negative errno in [-4095, -1], never a crash; the
 * batch hypercalls also get a readable array with a huge count.  At the
 * end the hypervisor must still answer (console write, xen_version).
 *
 * Calls whose garbage would not be rejected but obeyed are left out or
 * undone, each with its reason: iret (it returns to wherever its frame
 * says), stack_switch and fpu_taskswitch (they accept any value: they are
 * undone), set_timer_op (any time is a valid deadline), set_callbacks
 * (Xen 4.17 accepts any address: a bad one only hurts the guest itself)
 * and kexec_op (Xen 4.17 answers 0 to unknown sub-ops).
 */
#include <pvtest.h>

const char test_title[] = "hypercall-garbage: every hypercall rejects garbage";

#define ONES     (~0UL)
/* Pointers no guest mapping can have.  Their low 32 bits are not zero,
 * so that where a hypercall takes a 32-bit count (Xen's handlers do) the
 * value stays absurd instead of truncating to a harmless 0. */
#define NONCANON 0x8000000000001000UL   /* non-canonical */
#define HV_PTR   0xffff830000001000UL   /* inside the hypervisor's range */

static unsigned int tried, bad;

static bool skipped(unsigned long nr)
{
    switch ( nr )
    {
    case __HYPERVISOR_iret:             /* would jump through its "frame" */
    case __HYPERVISOR_stack_switch:     /* accepts any stack: see undo() */
    case __HYPERVISOR_fpu_taskswitch:   /* accepts any value: see undo() */
    case __HYPERVISOR_set_timer_op:     /* any deadline is valid */
    case __HYPERVISOR_set_callbacks:    /* Xen takes any address */
    case __HYPERVISOR_kexec_op:         /* Xen: 0 for unknown sub-ops */
        return true;
    }
    return false;
}

static void expect_errno(unsigned long nr, const char *how, long rc)
{
    tried++;
    if ( rc < 0 && rc >= -4095 )
        return;
    bad++;
    xtest_fail("hypercall %lu with %s returned %ld, not an errno", nr, how, rc);
}

static void one_round(unsigned long nr)
{
    if ( skipped(nr) )
        return;
    expect_errno(nr, "ONES/non-canonical",
                 hypercall5(nr, ONES, NONCANON, NONCANON, ONES, ONES));
    expect_errno(nr, "ONES/hypervisor pointers",
                 hypercall5(nr, ONES, HV_PTR, HV_PTR, HV_PTR, ONES));
}

/* Batch hypercalls: a real (zeroed, hence invalid) array, huge counts. */
static void huge_counts(void)
{
    static uint64_t zeros[64];

    expect_errno(__HYPERVISOR_mmu_update, "zeroed requests, huge count",
                 hypercall4(__HYPERVISOR_mmu_update, zeros, 0x7fffffffUL,
                            NULL, DOMID_SELF));
    expect_errno(__HYPERVISOR_mmuext_op, "non-canonical ops, huge count",
                 hypercall4(__HYPERVISOR_mmuext_op, NONCANON, 0x7fffffffUL,
                            NULL, DOMID_SELF));
    expect_errno(__HYPERVISOR_multicall, "hypervisor-range batch",
                 hypercall2(__HYPERVISOR_multicall, HV_PTR, 0x10000UL));
    expect_errno(__HYPERVISOR_event_channel_op, "unknown sub-op",
                 hypercall2(__HYPERVISOR_event_channel_op, 0x1234, zeros));
    expect_errno(__HYPERVISOR_vcpu_op, "vCPU 0x7fffffff",
                 hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0x7fffffffUL,
                            NULL));
    expect_errno(__HYPERVISOR_console_io, "write from a hypervisor pointer",
                 hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, 16,
                            HV_PTR));
}

/* Put back what the calls that accept anything could have changed. */
static void undo(void)
{
    check_eq(hypercall1(__HYPERVISOR_fpu_taskswitch, 0), 0, "fpu_taskswitch(0)");
}

void test_main(void)
{
    static const char alive[] = "pvtest: hypervisor still answering\n";
    unsigned long nr;

    for ( nr = 0; nr < 64; nr++ )
        one_round(nr);
    for ( nr = 64; nr < 0x10000; nr = nr * 4 + 1 )
        one_round(nr);
    one_round(ONES);
    huge_counts();
    undo();

    check_eq(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(alive) - 1,
                                   (char *)alive), 0, "console write after it all");
    check(HYPERVISOR_xen_version(XENVER_version, NULL) > 0,
          "xen_version after it all");
    xtest_info("%u garbage calls, %u answered with something other than an errno",
               tried, bad);
}

/*
 * segbase.c - HYPERVISOR_set_segment_base, the 64-bit PV way to set the
 * FS and GS bases (wrfsbase/wrmsr being unavailable at CPL 3).
 *
 * SEGBASE_FS and SEGBASE_GS_KERNEL take effect at once and are observed
 * with %fs:/%gs: loads; SEGBASE_GS_USER sets the base user mode will see,
 * observed through the emulated rdmsr of MSR_SHADOW_GS_BASE (Xen 4.17
 * returns the saved user GS base there, and FS_BASE/GS_BASE read the live
 * bases).  SEGBASE_GS_USER_SEL with a NUL selector returns 0 and leaves
 * the user GS base 0 (the selector's base).  Any other selector gets RPL
 * 3 (Xen 4.17): the kernel stack selector with RPL 0 loads as 0xe02b,
 * 0xe020 as 0xe023, and the hypervisor's own ring-0 selectors cannot be
 * loaded at all (the NUL selector is loaded instead).  A non-canonical base gives -EINVAL,
 * as does an unknown `which`.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "segbase: set_segment_base FS/GS";

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102

static volatile uint64_t fs_word[2] = { 0x1111222233334444UL,
                                        0x5555666677778888UL };
static volatile uint64_t gs_word[2] = { 0x99990000aaaabbbbUL,
                                        0xccccddddeeeeffffUL };

static uint64_t fs_load(unsigned long off)
{
    uint64_t v;

    __asm__ __volatile__ ("mov %%fs:(%1), %0" : "=r" (v) : "r" (off)
                          : "memory");
    return v;
}

static uint64_t gs_load(unsigned long off)
{
    uint64_t v;

    __asm__ __volatile__ ("mov %%gs:(%1), %0" : "=r" (v) : "r" (off)
                          : "memory");
    return v;
}

static uint64_t msr(uint32_t idx)
{
    uint64_t v = 0;
    exinfo_t ex = probe_rdmsr(idx, &v);

    check(ex == EXINFO_NONE, "rdmsr %#x faulted", idx);
    return v;
}

static void test_fs(void)
{
    long rc = HYPERVISOR_set_segment_base(SEGBASE_FS,
                                          (unsigned long)fs_word);

    check_eq(rc, 0, "SEGBASE_FS");
    check_eq(fs_load(0), fs_word[0], "%fs:0 after SEGBASE_FS");
    check_eq(fs_load(8), fs_word[1], "%fs:8 after SEGBASE_FS");
    check_eq(msr(MSR_FS_BASE), (unsigned long)fs_word, "rdmsr FS_BASE");
    rc = HYPERVISOR_set_segment_base(SEGBASE_FS, (unsigned long)fs_word + 8);
    check_eq(rc, 0, "SEGBASE_FS again");
    check_eq(fs_load(0), fs_word[1], "%fs:0 after moving the base");
}

static void test_gs_kernel(void)
{
    long rc = HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL,
                                          (unsigned long)gs_word);

    check_eq(rc, 0, "SEGBASE_GS_KERNEL");
    check_eq(gs_load(0), gs_word[0], "%gs:0 after SEGBASE_GS_KERNEL");
    check_eq(gs_load(8), gs_word[1], "%gs:8 after SEGBASE_GS_KERNEL");
    check_eq(msr(MSR_GS_BASE), (unsigned long)gs_word, "rdmsr GS_BASE");
}

static void test_gs_user(void)
{
    unsigned long ubase = 0x00007f0012345000UL;
    long rc = HYPERVISOR_set_segment_base(SEGBASE_GS_USER, ubase);

    check_eq(rc, 0, "SEGBASE_GS_USER");
    check_eq(msr(MSR_SHADOW_GS_BASE), ubase, "rdmsr SHADOW_GS_BASE");
    /* The kernel's own GS base is untouched. */
    check_eq(gs_load(0), gs_word[0], "%gs:0 after SEGBASE_GS_USER");
    rc = HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
    check_eq(rc, 0, "SEGBASE_GS_USER_SEL(0)");
    /* Loading a NUL selector clears the base (Xen evens out AMD's NUL
     * segment behaviour), and the saved user base follows. */
    check_eq(msr(MSR_SHADOW_GS_BASE), 0,
             "SHADOW_GS_BASE after GS_USER_SEL(0)");
    check_eq(gs_load(0), gs_word[0], "%gs:0 after SEGBASE_GS_USER_SEL");
}

static uint16_t gs_sel(void)
{
    uint16_t sel;

    __asm__ volatile ( "mov %%gs, %0" : "=r" (sel) );
    return sel;
}

/* The user GS selector as the hypercall leaves it (the selector register
 * is shared by both GS bases, so kernel mode sees it too). */
static void test_user_sel_rpl(void)
{
    static const uint16_t ring0[] = { 0xe008, 0xe010, 0xe018, 0xe020 };

    check_eq(HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL,
                                         FLAT_KERNEL_SS & ~3), 0,
             "SEGBASE_GS_USER_SEL(kernel SS, RPL 0)");
    check_eq(gs_sel(), FLAT_KERNEL_SS | 3, "%gs after a selector with RPL 0");
    for ( unsigned int i = 0; i < ARRAY_SIZE(ring0); i++ )
    {
        uint16_t got;

        check_eq(HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, ring0[i]),
                 0, "SEGBASE_GS_USER_SEL(a hypervisor selector)");
        got = gs_sel();
        xtest_info("SEGBASE_GS_USER_SEL(%#x) loads %%gs = %#x", ring0[i], got);
        check((got & 3) == 3 || !(got & ~3),
              "%%gs = %#x after SEGBASE_GS_USER_SEL(%#x): RPL below 3", got,
              ring0[i]);
    }
    HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
}

static void test_errors(void)
{
    static const unsigned long bad[] = {
        0x0000800000000000UL, 0x8000000000000000UL, 0xffff7fffffffffffUL,
    };
    unsigned int i, which;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
        for ( which = SEGBASE_FS; which <= SEGBASE_GS_KERNEL; which++ )
            check_eq(HYPERVISOR_set_segment_base(which, bad[i]), -XEN_EINVAL,
                     "non-canonical base");
    /* Nothing changed. */
    check_eq(fs_load(0), fs_word[1], "%fs:0 after rejected calls");
    check_eq(gs_load(0), gs_word[0], "%gs:0 after rejected calls");
    check_eq(HYPERVISOR_set_segment_base(4, 0), -XEN_EINVAL, "which 4");
    check_eq(HYPERVISOR_set_segment_base(-1, 0), -XEN_EINVAL, "which -1");
}

void test_main(void)
{
    test_fs();
    test_gs_kernel();
    test_gs_user();
    test_user_sel_rpl();
    test_errors();
    HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
    HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, 0);
}

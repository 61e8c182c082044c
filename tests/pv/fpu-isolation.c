/*
 * fpu-isolation.c - each vCPU starts with a clean FPU and sees only its own.
 *
 * One physical CPU (pvtest-smp: 1), two vCPUs.  vCPU 0 fills XMM0-15,
 * the eight x87 registers, FCW and MXCSR with a secret, then brings up
 * vCPU 1 and blocks, so vCPU 1 runs next on the CPU vCPU 0 just left.
 * vCPU 1's first FPU instruction is an fxsave of what it was given: the
 * architectural default (FCW 0x37f, FSW 0, all tags empty, MXCSR 0x1f80)
 * and zero in every x87 and XMM register, as Xen gives a new vCPU.  Then
 * vCPU 1 writes its own values and vCPU 0, running again, must find its
 * secret intact and nothing of vCPU 1's.
 *
 * pvtest-smp: 1
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>

const char test_title[] = "fpu-isolation: a fresh vCPU's FPU is clean, each keeps its own";

struct fxsave_area {
    uint16_t fcw, fsw;
    uint8_t ftw, rsvd1;
    uint16_t fop;
    uint64_t fip, fdp;
    uint32_t mxcsr, mxcsr_mask;
    uint8_t st[8][16];
    uint8_t xmm[16][16];
    uint8_t rest[96];
} __attribute__((aligned(16)));

#define SECRET_FCW    0x027f            /* 53-bit precision */
#define SECRET_MXCSR  0xff80            /* FTZ, round to zero, masks */
#define V1_MXCSR      0x9f80            /* vCPU 1's own: FTZ only */

static uint8_t stack1[16384] __aligned(16);
static struct fxsave_area first_sight, v0_before, v0_after, v1_own;
static volatile bool v1_done;

static void fxsave(struct fxsave_area *a)
{
    __asm__ volatile ( "fxsave64 %0" : "=m" (*a) );
}

static void fxrstor(const struct fxsave_area *a)
{
    __asm__ volatile ( "fxrstor64 %0" :: "m" (*a) );
}

/* A register image full of a byte pattern: every x87 register holds a
 * value (tags all valid), every XMM register the pattern. */
static void make_image(struct fxsave_area *a, uint8_t seed, uint16_t fcw,
                       uint32_t mxcsr)
{
    memset(a, 0, sizeof(*a));
    a->fcw = fcw;
    a->ftw = 0xff;                      /* abridged: all eight valid */
    a->mxcsr = mxcsr;
    for ( unsigned int r = 0; r < 8; r++ )
        for ( unsigned int b = 0; b < 10; b++ )
            a->st[r][b] = seed + r * 16 + b;
    for ( unsigned int r = 0; r < 16; r++ )
        for ( unsigned int b = 0; b < 16; b++ )
            a->xmm[r][b] = seed ^ (r * 16 + b);
}

static bool all_zero(const uint8_t *p, unsigned long n)
{
    while ( n-- )
        if ( *p++ )
            return false;
    return true;
}

static void __noreturn second(unsigned int id)
{
    struct fxsave_area mine;

    fxsave(&first_sight);               /* the very first FPU access */
    make_image(&mine, 0x5a, 0x037f, V1_MXCSR);
    fxrstor(&mine);
    fxsave(&v1_own);
    v1_done = true;
    for ( ; ; )
        HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
}

static void check_fresh(const struct fxsave_area *a)
{
    unsigned int leaked = 0;

    check_eq(a->fcw, 0x37f, "a new vCPU's FCW");
    check_eq(a->fsw, 0, "a new vCPU's FSW");
    check_eq(a->ftw, 0, "a new vCPU's tag word (abridged: all empty)");
    check_eq(a->mxcsr, 0x1f80, "a new vCPU's MXCSR");
    for ( unsigned int r = 0; r < 8; r++ )
        if ( !all_zero(a->st[r], 10) )
        {
            xtest_info("st%u is not zero", r);
            leaked++;
        }
    for ( unsigned int r = 0; r < 16; r++ )
        if ( !all_zero(a->xmm[r], 16) )
        {
            xtest_info("xmm%u is not zero", r);
            leaked++;
        }
    check(!leaked, "%u registers of a new vCPU are not zero", leaked);
}

/* vCPU 0's state after vCPU 1 ran: what it loaded, nothing else. */
static void check_kept(void)
{
    check_eq(v0_after.fcw, SECRET_FCW, "vCPU 0's FCW after vCPU 1 ran");
    check_eq(v0_after.mxcsr, v0_before.mxcsr, "vCPU 0's MXCSR after vCPU 1 ran");
    check_eq(v0_after.ftw, v0_before.ftw, "vCPU 0's tags after vCPU 1 ran");
    check(!memcmp(v0_after.st, v0_before.st, sizeof(v0_before.st)),
          "vCPU 0's x87 registers changed while vCPU 1 ran");
    check(!memcmp(v0_after.xmm, v0_before.xmm, sizeof(v0_before.xmm)),
          "vCPU 0's XMM registers changed while vCPU 1 ran");
    check_eq(v1_own.mxcsr, V1_MXCSR, "vCPU 1's own MXCSR");
}

void test_main(void)
{
    struct fxsave_area secret;
    uint64_t limit;

    make_image(&secret, 0xa5, SECRET_FCW, SECRET_MXCSR);
    fxrstor(&secret);
    fxsave(&v0_before);
    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    limit = pv_system_time(0) + 5 * NS_PER_S;
    while ( !v1_done && pv_system_time(0) < limit )
        pv_sleep_until(pv_system_time(0) + NS_PER_MS);
    fxsave(&v0_after);
    if ( !check(v1_done, "vCPU 1 did not run") )
        return;
    check_fresh(&first_sight);
    check_kept();
}

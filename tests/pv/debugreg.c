/*
 * debugreg.c - HYPERVISOR_set_debugreg / HYPERVISOR_get_debugreg.
 *
 * DR0-3 take any guest address and read back unchanged; an address in
 * the hypervisor's range (or a non-canonical one) is refused with -EPERM
 * (Xen's access_ok()).  DR6 and DR7 refuse values with any of the upper
 * 32 bits set (-EINVAL); reserved low bits are not refused but adjusted
 * (DR6 reads back with its always-one bits set, DR7 with bit 10 set).
 * Register numbers beyond 7 give -ENODEV for both calls.  DR4/DR5 alias
 * DR6/DR7 while the guest's CR4.DE is clear.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "debugreg: set/get_debugreg";

#define HVADDR  0xffff830000000000UL

static void test_addresses(void)
{
    unsigned long vals[] = { 0x1000, (unsigned long)test_title,
                             0x00007ffffffff000UL, 0xffff880000000000UL };
    unsigned int reg, i;

    for ( reg = 0; reg < 4; reg++ )
        for ( i = 0; i < ARRAY_SIZE(vals); i++ )
        {
            long rc = HYPERVISOR_set_debugreg(reg, vals[i]);

            check(rc == 0, "set DR%u = %#lx: rc %ld", reg, vals[i], rc);
            check_eq(HYPERVISOR_get_debugreg(reg), (long)vals[i],
                     "DR0-3 read back");
        }
    for ( reg = 0; reg < 4; reg++ )
    {
        HYPERVISOR_set_debugreg(reg, 0x2000 + reg);
        check_eq(HYPERVISOR_set_debugreg(reg, HVADDR), -XEN_EPERM,
                 "DR0-3 = hypervisor address");
        check_eq(HYPERVISOR_set_debugreg(reg, 0x0000800000000000UL),
                 -XEN_EPERM, "DR0-3 = non-canonical address");
        check_eq(HYPERVISOR_get_debugreg(reg), 0x2000 + reg,
                 "DR0-3 unchanged after refusal");
    }
}

static void test_dr6(void)
{
    long rc = HYPERVISOR_set_debugreg(6, 0);

    check_eq(rc, 0, "DR6 = 0");
    xtest_info("DR6 after writing 0: %#lx", HYPERVISOR_get_debugreg(6));
    check_eq(HYPERVISOR_get_debugreg(6) & 0xf, 0, "DR6 B0-3 after 0");
    check_eq(HYPERVISOR_set_debugreg(6, 0x100000000UL), -XEN_EINVAL,
             "DR6 upper bits");
    check_eq(HYPERVISOR_set_debugreg(6, 0xffff0ff1UL), 0, "DR6 = B0");
    check_eq(HYPERVISOR_get_debugreg(6) & 0xf, 1, "DR6 B0 read back");
}

static void test_dr7(void)
{
    long rc;

    HYPERVISOR_set_debugreg(0, (unsigned long)test_title);
    /* L0, RW0 = 01 (write), LEN0 = 11 (8 bytes)... 4 bytes: LEN0 = 11. */
    rc = HYPERVISOR_set_debugreg(7, 0x000d0401UL);
    check_eq(rc, 0, "DR7 = L0 write watch");
    check_eq(HYPERVISOR_get_debugreg(7), 0x000d0401L, "DR7 read back");
    check_eq(HYPERVISOR_set_debugreg(7, 0x100000401UL), -XEN_EINVAL,
             "DR7 upper bits");
    check_eq(HYPERVISOR_get_debugreg(7), 0x000d0401L,
             "DR7 unchanged after refusal");
    /* Reserved low bits (11, 12, 14, 15) are dropped, bit 10 forced. */
    rc = HYPERVISOR_set_debugreg(7, 0xd800);
    xtest_info("DR7 = 0xd800: rc %ld, reads %#lx", rc,
               HYPERVISOR_get_debugreg(7));
    check_eq(rc, 0, "DR7 with reserved bits");
    check_eq(HYPERVISOR_get_debugreg(7), 0x400, "DR7 reserved bits adjusted");
    check_eq(HYPERVISOR_set_debugreg(7, 0), 0, "DR7 = 0");
}

static void test_numbers(void)
{
    static const unsigned int bad[] = { 8, 9, 15, 16, 0x7fffffff, ~0u };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        check_eq(HYPERVISOR_set_debugreg(bad[i], 0), -XEN_ENODEV,
                 "set_debugreg bad number");
        check_eq(HYPERVISOR_get_debugreg(bad[i]), -XEN_ENODEV,
                 "get_debugreg bad number");
    }
    /* CR4.DE clear: DR4/DR5 are DR6/DR7. */
    HYPERVISOR_set_debugreg(6, 0xffff0ff2UL);
    check_eq(HYPERVISOR_get_debugreg(4), HYPERVISOR_get_debugreg(6),
             "DR4 aliases DR6");
    check_eq(HYPERVISOR_get_debugreg(5), HYPERVISOR_get_debugreg(7),
             "DR5 aliases DR7");
}

/* An execution breakpoint set through the hypercalls must really fire. */
static volatile unsigned int db_hits;

static bool on_debug(struct pv_regs *regs)
{
    (void)regs;
    db_hits++;
    /* Disarm it, or returning to the instruction would fire it again. */
    HYPERVISOR_set_debugreg(7, 0x400);
    return true;
}

static __attribute__((__noinline__)) int breakpoint_target(int x)
{
    __asm__ volatile ( "" );
    return x + 1;
}

static void test_live_breakpoint(void)
{
    int (*volatile fn)(int) = breakpoint_target;

    trap_set_handler(X86_EXC_DB, on_debug);
    check_eq(HYPERVISOR_set_debugreg(0, (unsigned long)fn), 0, "DR0 = target");
    check_eq(HYPERVISOR_set_debugreg(6, 0), 0, "DR6 cleared");
    check_eq(HYPERVISOR_set_debugreg(7, 0x401), 0, "DR7: L0, execute");
    check_eq(fn(41), 42, "the watched function still runs");
    trap_set_handler(X86_EXC_DB, NULL);
    check_eq(db_hits, 1, "#DB from the execution breakpoint");
    check(HYPERVISOR_get_debugreg(6) & 1, "DR6.B0 after the breakpoint");
}

void test_main(void)
{
    test_addresses();
    test_dr6();
    test_dr7();
    test_numbers();
    test_live_breakpoint();
}

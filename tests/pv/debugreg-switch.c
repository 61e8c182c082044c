/*
 * debugreg-switch.c - each vCPU's debug registers are its own.
 *
 * One physical CPU (pvtest-smp: 1), two vCPUs taking turns on it.
 * vCPU 0 points DR0 at f0 with DR7 off and lets vCPU 1 run.  vCPU 1 (a
 * fresh vCPU: DR0 is 0) turns on breakpoint 0 for execution: calling f0
 * must not trap, since DR0 is vCPU 1's, not what vCPU 0 left in the
 * hardware.  vCPU 1 then aims its breakpoint at f1 and turns it off
 * again, hands the CPU back, and vCPU 0 turns its breakpoint on:
 * calling f1 must not trap, calling f0 must.  The DR6 vCPU 1 reads is
 * its own default, not vCPU 0's status.
 *
 * pvtest-smp: 1
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>

const char test_title[] = "debugreg-switch: DR0-3, DR6, DR7 stay with their vCPU";

#define DR7_L0_EXEC 0x401UL
#define DR7_OFF     0x400UL

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned int hits[2], turn;
static volatile unsigned int who;          /* whose #DB the handler counts */
static volatile long v1_dr0, v1_dr6;

static bool on_debug(struct pv_regs *regs)
{
    (void)regs;
    hits[who]++;
    /* Disarm, or the retried instruction would trap again. */
    HYPERVISOR_set_debugreg(7, DR7_OFF);
    return true;
}

static __attribute__((__noinline__)) int f0(int x)
{
    __asm__ volatile ( "" );
    return x + 1;
}

static __attribute__((__noinline__)) int f1(int x)
{
    __asm__ volatile ( "" );
    return x + 2;
}

static int (*volatile call0)(int) = f0;
static int (*volatile call1)(int) = f1;

/* Wait (blocked, so the other vCPU gets the one CPU) for turn t. */
static void wait_turn(unsigned int id, unsigned int t)
{
    uint64_t limit = pv_system_time(id) + 5 * NS_PER_S;

    while ( turn != t && pv_system_time(id) < limit )
        pv_sleep_until(pv_system_time(id) + NS_PER_MS);
}

static void __noreturn second(unsigned int id)
{
    who = 1;
    trap_set_handler(X86_EXC_DB, on_debug);
    v1_dr0 = HYPERVISOR_get_debugreg(0);
    v1_dr6 = HYPERVISOR_get_debugreg(6);
    HYPERVISOR_set_debugreg(7, DR7_L0_EXEC);
    call0(1);                               /* vCPU 0's address: no trap */
    HYPERVISOR_set_debugreg(7, DR7_OFF);
    HYPERVISOR_set_debugreg(0, (unsigned long)f1);
    turn = 1;
    for ( ; ; )
        HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
}

void test_main(void)
{
    trap_set_handler(X86_EXC_DB, on_debug);
    HYPERVISOR_set_debugreg(6, 0xffff0ff1UL);      /* B0: vCPU 0's status */
    check_rc_setup(HYPERVISOR_set_debugreg(0, (unsigned long)f0), "DR0 = f0");
    check_rc_setup(HYPERVISOR_set_debugreg(7, DR7_OFF), "DR7 off");
    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    wait_turn(0, 1);
    if ( !check(turn == 1, "vCPU 1 did not run") )
        return;
    who = 0;
    check_eq(v1_dr0, 0, "a new vCPU's DR0");
    check_eq(v1_dr6, 0xffff0ff0UL, "a new vCPU's DR6");
    check_eq(hits[1], 0, "#DB on vCPU 1 at an address only vCPU 0 watches");
    check_eq(HYPERVISOR_get_debugreg(0), (long)(unsigned long)f0,
             "vCPU 0's DR0 after vCPU 1 ran");
    check_rc_setup(HYPERVISOR_set_debugreg(7, DR7_L0_EXEC), "DR7 on");
    call1(1);                               /* vCPU 1's address: no trap */
    check_eq(hits[0], 0, "#DB on vCPU 0 at an address only vCPU 1 watches");
    call0(1);                               /* its own: traps */
    check_eq(hits[0], 1, "#DB on vCPU 0 at its own breakpoint");
    HYPERVISOR_set_debugreg(7, DR7_OFF);
    trap_set_handler(X86_EXC_DB, NULL);
}

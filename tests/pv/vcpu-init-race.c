/*
 * vcpu-init-race.c - two vCPUs initialise the same vCPU at once.
 *
 * A vCPU can be given its context only once: VCPUOP_initialise of a vCPU
 * that has one is -XEN_EEXIST, also when two callers race for it (the check
 * and the context load must be one step, or both succeed and the second
 * rewrites a vCPU the first may already have brought up).  dom0 has 96
 * vCPUs (those past 31 get a registered vcpu_info first); vCPUs 1 and 2
 * are the racers, and every other vCPU is a target once: both racers start on a signal and call VCPUOP_initialise with
 * the same context.  Exactly one may win, the other must get -XEN_EEXIST.
 * Afterwards the targets still refuse a new context, also once brought
 * up (they run a loop that takes them down again).
 *
 * pvtest-hv: dom0_max_vcpus=96
 * pvtest-timeout: 90
 */
#include <pvtest.h>
#include <public/errno.h>

#define NR_VCPUS   96
#define FIRST_TGT  3
#define LEGACY     32                        /* vcpu_info in shared_info */

const char test_title[] = "vcpu-init-race: one context per vCPU, also when raced";

static uint8_t stacks[NR_VCPUS][4096] __aligned(16);
static struct vcpu_info infos[NR_VCPUS - LEGACY] __aligned(4096);
static struct vcpu_guest_context ctxt[NR_VCPUS];
static volatile long result[3][NR_VCPUS];
static volatile unsigned int finished;      /* racers done with all */
static volatile unsigned int ran[NR_VCPUS];
static unsigned int arrived;                 /* 2 per target */

static void __noreturn target_entry(unsigned int id)
{
    ran[id] = 1;
    HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* A context that would run target_entry on its own stack (events off:
 * it installs no callbacks). */
static void make_context(unsigned int id)
{
    struct vcpu_guest_context *c = &ctxt[id];
    unsigned long top = (unsigned long)stacks[id] + sizeof(stacks[id]);

    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel;
    c->user_regs.rip = (unsigned long)target_entry;
    c->user_regs.rsp = top - 8;          /* as after a call */
    c->user_regs.rdi = id;               /* target_entry's argument */
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = top;
    c->ctrlreg[3] = va_to_mfn(start_info->pt_base) << 12;
}

/*
 * Wait for the other racer to arrive at call n.  If it takes long, it is
 * probably queued behind us on our CPU: a short sleep lets the scheduler
 * place it (or us, on waking) on the other CPU.
 */
static void meet(unsigned int id, unsigned int n)
{
    uint64_t patience = pv_system_time(id) + 200 * 1000;

    __atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
    while ( __atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < 2 * n )
    {
        __asm__ volatile ( "pause" );
        if ( pv_system_time(id) > patience )
        {
            pv_sleep_until(pv_system_time(id) + NS_PER_MS);
            patience = pv_system_time(id) + 200 * 1000;
        }
    }
}

/* Both racers go through the targets in step: they meet before each
 * call, so both call at about the same moment. */
static void __noreturn racer(unsigned int id)
{
    for ( unsigned int t = FIRST_TGT, n = 1; t < NR_VCPUS; t++, n++ )
    {
        meet(id, n);
        result[id][t] = HYPERVISOR_vcpu_op(VCPUOP_initialise, t, &ctxt[t]);
    }
    __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
    for ( ; ; )
        pv_sleep_until(pv_system_time(id) + NS_PER_S);
}

static void race_all(void)
{
    unsigned int both = 0, none = 0, odd = 0;
    uint64_t limit, t0;

    for ( unsigned int t = FIRST_TGT; t < NR_VCPUS; t++ )
        make_context(t);
    for ( unsigned int i = 1; i <= 2; i++ )
        if ( !check_rc_setup(pv_vcpu_start(i, racer, stacks[i],
                                           sizeof(stacks[i])),
                             "starting a racer vCPU") )
            xtest_exit();
    /* Sleep meanwhile, so that both racers have a CPU of their own. */
    t0 = pv_system_time(0);
    limit = t0 + 30 * NS_PER_S;
    while ( finished < 2 && pv_system_time(0) < limit )
        pv_sleep_until(pv_system_time(0) + 50 * NS_PER_MS);
    if ( finished < 2 )
    {
        xtest_error("the racers did not finish");
        return;
    }
    printf("the racers took %lu ms\n",
           (unsigned long)((pv_system_time(0) - t0) / NS_PER_MS));
    for ( unsigned int t = FIRST_TGT; t < NR_VCPUS; t++ )
    {
        long a = result[1][t], b = result[2][t];

        if ( !a && !b )
            both++;
        else if ( a && b )
            none++;
        else if ( (a ?: b) != -XEN_EEXIST )
            odd++;
        if ( (a && b) || (a ?: b) != -XEN_EEXIST )
            xtest_info("vCPU %u: racer results %ld and %ld", t, a, b);
    }
    printf("%u targets: %u won twice, %u won by none, %u odd losers\n",
           NR_VCPUS - FIRST_TGT, both, none, odd);
    check(!both, "%u vCPUs were initialised twice by racing callers", both);
    check(!none, "%u vCPUs were initialised by neither racer", none);
    check(!odd, "%u losers did not get -EEXIST", odd);
}

/* Initialised vCPUs, down or run once, refuse a new context. */
static void check_again(void)
{
    unsigned int t = FIRST_TGT;
    uint64_t limit;

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, t, &ctxt[t]), -XEN_EEXIST,
             "initialise of an initialised vCPU that is down");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &ctxt[t]), -XEN_EEXIST,
             "initialise of a running vCPU");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, t, NULL), 0, "VCPUOP_up");
    limit = pv_system_time(0) + 2 * NS_PER_S;
    while ( !ran[t] && pv_system_time(0) < limit )
        pv_sleep_until(pv_system_time(0) + NS_PER_MS);
    check(ran[t], "vCPU %u did not run after VCPUOP_up", t);
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, t, &ctxt[t]), -XEN_EEXIST,
             "initialise of a vCPU that has run");
}

static bool register_infos(void)
{
    for ( unsigned int id = LEGACY; id < NR_VCPUS; id++ )
    {
        struct vcpu_info *vi = &infos[id - LEGACY];
        struct vcpu_register_vcpu_info r = {
            .mfn = va_to_mfn((unsigned long)vi),
            .offset = (unsigned long)vi & 4095,
        };

        if ( !check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info,
                                                id, &r),
                             "VCPUOP_register_vcpu_info") )
            return false;
    }
    return true;
}

void test_main(void)
{
    if ( !register_infos() )
        return;
    race_all();
    check_again();
}

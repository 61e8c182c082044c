/*
 * debugreg.c - the debug registers of a PVH guest, with Xen 4.17's
 * outcomes: DR0-DR3 and DR7 keep what the guest wrote across many
 * yields and sleeps (the vCPU leaves its CPU and comes back); an
 * instruction breakpoint (DR0, DR7.L0, R/W 00) raises #DB before the
 * instruction with DR6.B0; a write watchpoint (R/W 01, LEN 8 or 2) raises
 * #DB after the write, not for a read or a write beside it; a single step
 * (EFLAGS.TF) raises #DB with DR6.BS right after the next instruction,
 * also when that instruction is one the hypervisor intercepts and
 * completes itself (CPUID, RDMSR, port I/O, a hypercall, HLT with
 * interrupts off, which then neither sleeps nor stops the vCPU): the trap must
 * then come from the hypervisor, after that instruction and not one later.
 * The hypervisor intercepts #DB and reflects it: DR6 must reach the guest.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "debugreg: DR0-7, breakpoints, watchpoints, single step";

#define DR6_B0      (1UL << 0)
#define DR6_BS      (1UL << 14)
#define DR6_STATUS  (0xfUL | (1UL << 13) | DR6_BS | (1UL << 15))
#define DR7_L0      (1UL << 0)
#define DR7_FIXED   0x400UL
#define DR7_RW_W    1UL                 /* R/W field: data writes */
#define DR7_LEN2    1UL
#define DR7_LEN8    2UL

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static volatile uint64_t watched[4] __aligned(8);
static volatile uint64_t parked[4] __aligned(8);   /* DR0-3 targets, never touched */

#define DEFINE_DR(n)                                                        \
    static unsigned long get_dr##n(void)                                    \
    {                                                                       \
        unsigned long v;                                                    \
        __asm__ __volatile__ ("mov %%dr" #n ", %0" : "=r" (v));             \
        return v;                                                           \
    }                                                                       \
    static void set_dr##n(unsigned long v)                                  \
    {                                                                       \
        __asm__ __volatile__ ("mov %0, %%dr" #n :: "r" (v) : "memory");     \
    }
DEFINE_DR(0)
DEFINE_DR(1)
DEFINE_DR(2)
DEFINE_DR(3)
DEFINE_DR(6)
DEFINE_DR(7)

/* R/W and LEN of breakpoint n, in DR7's bits 16 + 4n upwards. */
static unsigned long dr7_slot(unsigned int n, unsigned long rw, unsigned long len)
{
    return (1UL << (2 * n)) | ((rw | len << 2) << (16 + 4 * n));
}

static void setup(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;     /* for pv_sleep_until() */
}

/* The values written stay while the vCPU yields and sleeps. */
static void survive(void)
{
    unsigned long want[4], dr7 = DR7_FIXED;
    unsigned int bad = 0;

    for ( unsigned int n = 0; n < 4; n++ )
    {
        want[n] = (unsigned long)&parked[n];
        dr7 |= dr7_slot(n, DR7_RW_W, DR7_LEN8);
    }
    set_dr0(want[0]);
    set_dr1(want[1]);
    set_dr2(want[2]);
    set_dr3(want[3]);
    set_dr7(dr7);
    for ( unsigned int round = 0; round < 300 && bad < 5; round++ )
    {
        if ( round % 30 == 29 )
            pv_sleep_until(pv_system_time(0) + 2 * NS_PER_MS);
        else
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        if ( get_dr0() != want[0] || get_dr1() != want[1] ||
             get_dr2() != want[2] || get_dr3() != want[3] ||
             get_dr7() != dr7 )
        {
            bad++;
            check(false, "round %u: DR0-3 %#lx %#lx %#lx %#lx DR7 %#lx", round,
                  get_dr0(), get_dr1(), get_dr2(), get_dr3(), get_dr7());
        }
    }
    xtest_info("DR7 %#lx after 300 yields and sleeps", get_dr7());
    check_eq(parked[0] | parked[1] | parked[2] | parked[3], 0, "parked");
    set_dr7(DR7_FIXED);
    set_dr6(0xffff0ff0UL);
    /* Address registers take any value while disabled. */
    set_dr0(0x8000000000000000UL);
    check_eq(get_dr0(), 0x8000000000000000UL, "DR0 non-canonical, disabled");
    set_dr0(0);
}

/* A target whose first instruction reports a fault-type #DB (rip on
 * it): the exception table resumes at its ret. */
extern const char bp_target[];
__asm__ (".pushsection .text\n"
         "bp_target: nop\n"
         "bp_after: ret\n"
         EXTABLE_ENTRY(bp_target, bp_after)
         ".popsection");

static exinfo_t call_target(void)
{
    exinfo_clear();
    __asm__ __volatile__ ("call bp_target" ::: "memory", "cc");
    return exinfo_take();
}

static void instruction_breakpoint(void)
{
    check_exinfo(call_target(), EXINFO_NONE, "no breakpoint yet");
    pvh_last_dr6 = 0;
    set_dr0((unsigned long)bp_target);
    set_dr7(DR7_FIXED | DR7_L0);
    check_exinfo(call_target(), EXINFO(X86_EXC_DB, 0), "instruction breakpoint");
    check((pvh_last_dr6 & DR6_STATUS) == DR6_B0,
          "instruction breakpoint: DR6 %#lx, want B0 alone", pvh_last_dr6);
    /* Again: DR6 was cleared by the handler, B0 must be back. */
    pvh_last_dr6 = 0;
    check_exinfo(call_target(), EXINFO(X86_EXC_DB, 0), "breakpoint again");
    check((pvh_last_dr6 & DR6_STATUS) == DR6_B0,
          "breakpoint again: DR6 %#lx", pvh_last_dr6);
    set_dr7(DR7_FIXED);
    check_exinfo(call_target(), EXINFO_NONE, "breakpoint disabled");
    check_eq(get_dr6() & DR6_STATUS, 0, "DR6 after the handler cleared it");
}

/* A write that may raise a trap-type #DB (reported after it). */
static exinfo_t trap_write8(volatile void *p, uint8_t v)
{
    return PROBE_TRAP("movb %[v], (%[p])", (), ([p] "r" (p), [v] "q" (v)));
}

static exinfo_t trap_write64(volatile void *p, uint64_t v)
{
    return PROBE_TRAP("movq %[v], (%[p])", (), ([p] "r" (p), [v] "r" (v)));
}

static void watchpoint(void)
{
    uint64_t v = 0;

    pvh_last_dr6 = 0;
    set_dr0((unsigned long)&watched[1]);
    set_dr7(DR7_FIXED | dr7_slot(0, DR7_RW_W, DR7_LEN8));
    check_exinfo(trap_write64(&watched[1], 0x1234), EXINFO(X86_EXC_DB, 0),
                 "write to the watched word");
    check_eq(watched[1], 0x1234, "the write happened before the trap");
    check((pvh_last_dr6 & DR6_STATUS) == DR6_B0,
          "watchpoint: DR6 %#lx, want B0 alone", pvh_last_dr6);
    check_exinfo(probe_read64(&watched[1], &v), EXINFO_NONE,
                 "a read of the watched word");
    check_exinfo(trap_write64(&watched[0], 1), EXINFO_NONE,
                 "a write beside it (below)");
    check_exinfo(trap_write64(&watched[2], 1), EXINFO_NONE,
                 "a write beside it (above)");
    check_exinfo(trap_write8((uint8_t *)&watched[1] + 7, 1),
                 EXINFO(X86_EXC_DB, 0), "a byte write to its last byte");

    /* Two bytes: a write to the second hits, the third does not. */
    set_dr0((unsigned long)&watched[3]);
    set_dr7(DR7_FIXED | dr7_slot(0, DR7_RW_W, DR7_LEN2));
    check_exinfo(trap_write8((uint8_t *)&watched[3] + 1, 1),
                 EXINFO(X86_EXC_DB, 0), "LEN 2: write to byte 1");
    check_exinfo(trap_write8((uint8_t *)&watched[3] + 2, 1), EXINFO_NONE,
                 "LEN 2: write to byte 2");
    set_dr7(DR7_FIXED);
    check_exinfo(trap_write64(&watched[1], 2), EXINFO_NONE,
                 "watchpoint disabled");
}

/*
 * Single-step one instruction INSN.  The trap must be reported right
 * after it (label 2: *late 0); reported one instruction later (label 3,
 * after the nop) is *late 1.
 */
#define STEP_OVER(insn, late, outs, ...)                                    \
    ({                                                                      \
        exinfo_clear();                                                     \
        __asm__ __volatile__ ("movl $0, %[lt]\n\t"                          \
                              "pushf; orl $0x100, (%%rsp); popf\n"          \
                              "1: " insn "\n"                               \
                              "2: nop\n"                                    \
                              "3: nop\n\t"                                  \
                              "jmp 5f\n"                                    \
                              "4: movl $1, %[lt]\n"                         \
                              "5:\n\t"                                      \
                              EXTABLE_ENTRY(2b, 5b)                         \
                              EXTABLE_ENTRY(3b, 4b)                         \
                              : [lt] "+m" (*(late)), _PROBE_LIST outs       \
                              : __VA_ARGS__                                 \
                              : "memory", "cc");                            \
        exinfo_take();                                                      \
    })

static void check_step(const char *what, exinfo_t ex, unsigned int late)
{
    check_exinfo(ex, EXINFO(X86_EXC_DB, 0), what);
    check(!late, "%s: #DB came one instruction late", what);
    check((pvh_last_dr6 & DR6_STATUS) == DR6_BS, "%s: DR6 %#lx, want BS alone",
          what, pvh_last_dr6);
    pvh_last_dr6 = 0;
}

/* A hypercall issued inline with the vendor's instruction (the one the
 * hypercall page's stubs use), stepped: the #DB comes after it, with the
 * call's result in rax. */
static void step_hypercall(void)
{
    const uint8_t *stub = hypercall_page;
    unsigned long a = __HYPERVISOR_xen_version, want;
    unsigned int late = 0;
    exinfo_t ex;

    want = HYPERVISOR_xen_version(XENVER_version, NULL);
    if ( stub[7] == 0xd9 )
        ex = STEP_OVER(".byte 0x0f, 0x01, 0xd9", &late, ("+a" (a)),
                       "D" (XENVER_version), "S" (0));
    else
        ex = STEP_OVER(".byte 0x0f, 0x01, 0xc1", &late, ("+a" (a)),
                       "D" (XENVER_version), "S" (0));
    check_step("single step over a hypercall", ex, late);
    check_eq(a, want, "the stepped hypercall's result");
}

static void single_step(void)
{
    unsigned int late = 0;
    unsigned long a, b, c, d;
    exinfo_t ex;

    pvh_last_dr6 = 0;
    ex = STEP_OVER("nop", &late, ("=r" (b)), "i" (0));
    check_step("single step over a nop", ex, late);
    a = 0; c = 0;
    ex = STEP_OVER("cpuid", &late, ("+a" (a), "=b" (b), "+c" (c), "=d" (d)));
    check_step("single step over cpuid", ex, late);
    check(b != 0 && a != 0, "cpuid ran: leaf 0 %#lx %#lx", a, b);
    c = 0xc0000080;                     /* EFER */
    ex = STEP_OVER("rdmsr", &late, ("=a" (a), "=d" (d)), "c" (c));
    check_step("single step over rdmsr", ex, late);
    check(a & (1u << 10), "rdmsr ran: EFER %#lx", a);
    a = 0;
    ex = STEP_OVER("inb %%dx, %%al", &late, ("+a" (a)), "d" (0x2f8));
    check_step("single step over inb", ex, late);
    check_eq(a & 0xff, 0xff, "inb ran");
    step_hypercall();
    /* HLT with interrupts off would take the vCPU down (the domain with
     * it); stepped, the #DB is pending at once, so it neither sleeps nor
     * goes down: the trap comes right after it. */
    ex = STEP_OVER("hlt", &late, ("=r" (b)), "i" (0));
    check_step("single step over hlt with interrupts off", ex, late);
}

void test_main(void)
{
    setup();
    survive();
    instruction_breakpoint();
    watchpoint();
    single_step();
}

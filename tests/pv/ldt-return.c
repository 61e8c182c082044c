/*
 * ldt-return.c - a vCPU runs, is preempted and is resumed with LDT
 * selectors in %ss, %cs and %ds, and HYPERVISOR_iret returns to them.
 *
 * The hypervisor maps LDT pages lazily and unmaps them whenever another
 * vCPU runs on the CPU, so resuming a vCPU whose %ss or %cs names its LDT
 * makes the hypervisor's own iretq (or its segment loads at a context
 * switch) read an LDT page that is not mapped: that must map it, never
 * fault the hypervisor.  Two vCPUs share one CPU (-smp 1); vCPU 1 spins,
 * vCPU 0 spins with an LDT selector loaded until vCPU 1 has run several
 * times in between (so vCPU 0 was preempted and resumed), for %ss and
 * then for %cs; %ds from the LDT survives yields.  HYPERVISOR_iret to an
 * LDT stack or code selector works as the hardware's iret would.
 *
 * A data selector that can no longer be loaded when the vCPU is resumed
 * (its LDT entry made not present while it was loaded) is reported
 * through the failsafe callback with the selector in the ds slot, and
 * the vCPU resumes with a null %ds, as on Xen.
 *
 * pvtest-cpu: qemu64
 *   (no SMAP: QEMU TCG pops a far return's frame with ring-0 accesses, so
 *   under SMAP the guest's own lretq faults, on Xen 4.17 as on ours)
 * pvtest-smp: 1
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "ldt-return: LDT selectors across preemption and iret";

#define PFN_L       0x23
#define SEL_DATA    0x07              /* LDT entry 0, RPL 3 */
#define SEL_CODE    0x0f              /* LDT entry 1 */
#define SEL_GONE    0x17              /* LDT entry 2, made not present */
#define CODE64_DPL3 0x00affa000000ffffULL
#define DATA_DPL3   0x00cff2000000ffffULL
#define DESC_P      (1ULL << 47)
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)
#define SPIN_NS     5000000000ULL
#define SWITCHES    4

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned long ticks1;
static volatile bool stop;

#define read_sel(seg) ({ uint16_t s_;                                        \
                         __asm__ volatile ( "mov %%" seg ", %0" : "=r" (s_) ); \
                         s_; })

static void __noreturn second(unsigned int id)
{
    (void)id;
    while ( !stop )
        ticks1++;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

static long set_ldt(unsigned long va, unsigned int ents)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = va,
                            .arg2.nr_ents = ents };

    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/*
 * Spin without a hypercall (a syscall return would load the flat %ss)
 * until vCPU 1 has run SWITCHES separate times, i.e. this vCPU was
 * descheduled and resumed as often.  Returns how many it saw.
 */
static unsigned int spin_until_preempted(void)
{
    uint64_t end = pv_system_time(0) + SPIN_NS;
    unsigned long last = ticks1;
    unsigned int seen = 0;

    while ( seen < SWITCHES && pv_system_time(0) < end )
        if ( ticks1 != last )
        {
            last = ticks1;
            seen++;
        }
    return seen;
}

/* Yield until vCPU 1 has run `times` times in between; how many it did. */
static unsigned int yield_to_other(unsigned int times)
{
    uint64_t end = pv_system_time(0) + SPIN_NS;
    unsigned int seen = 0;

    while ( seen < times && pv_system_time(0) < end )
    {
        unsigned long last = ticks1;

        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        seen += ticks1 != last;
    }
    return seen;
}

static void test_preempt_ss(void)
{
    unsigned int seen;
    uint16_t ss;

    __asm__ volatile ( "mov %0, %%ss" :: "r" (SEL_DATA) : "memory" );
    seen = spin_until_preempted();
    ss = read_sel("ss");
    __asm__ volatile ( "mov %0, %%ss" :: "r" (FLAT_KERNEL_SS) : "memory" );
    check_eq(seen, SWITCHES, "times preempted with %ss from the LDT");
    check_eq(ss, SEL_DATA, "%ss after preemption");
}

/* Far return to sel:label (same privilege, so no stack switch). */
#define FAR_JUMP(sel) \
    __asm__ volatile ( "pushq %0\n\t"                                      \
                       "leaq 1f(%%rip), %%rax\n\t"                          \
                       "pushq %%rax\n\t"                                    \
                       "lretq\n"                                            \
                       "1:" :: "i" (sel) : "rax", "memory" )

static void test_preempt_cs(void)
{
    unsigned int seen;
    uint16_t cs;

    FAR_JUMP(SEL_CODE);
    seen = spin_until_preempted();
    cs = read_sel("cs");
    FAR_JUMP(FLAT_KERNEL_CS);
    check_eq(seen, SWITCHES, "times preempted with %cs from the LDT");
    check_eq(cs, SEL_CODE, "%cs after preemption");
}

static void test_yield_ds(void)
{
    uint16_t old = read_sel("ds"), ds;

    unsigned int seen;

    __asm__ volatile ( "mov %0, %%ds" :: "r" (SEL_DATA) : "memory" );
    seen = yield_to_other(SWITCHES);
    ds = read_sel("ds");
    __asm__ volatile ( "mov %0, %%ds" :: "r" (old) : "memory" );
    check_eq(seen, SWITCHES, "times vCPU 1 ran in between");
    check_eq(ds, SEL_DATA, "%ds from the LDT after yields");
}

/* HYPERVISOR_iret (from an int3 handler) to LDT selectors. */
static uint16_t iret_ss, iret_cs;
static unsigned int wrong_faults;

static bool to_ldt(struct pv_regs *regs)
{
    if ( iret_ss )
        regs->ss = iret_ss;
    if ( iret_cs )
        regs->cs = iret_cs;
    return true;
}

/* A refused return: note it and go back to the flat selectors. */
static bool refused(struct pv_regs *regs)
{
    if ( (regs->error_code & ~3UL) != (SEL_DATA & ~3) &&
         (regs->error_code & ~3UL) != (SEL_CODE & ~3) )
        return false;
    xtest_info("%s[%04lx] for iret to cs %#lx ss %#lx", trap_name(regs->vector),
               regs->error_code, regs->cs & 0xffff, regs->ss & 0xffff);
    wrong_faults++;
    regs->cs = FLAT_KERNEL_CS & ~3;
    regs->ss = FLAT_KERNEL_SS;
    return true;
}

static void test_iret(void)
{
    uint16_t ss, cs;

    trap_set_handler(X86_EXC_BP, to_ldt);
    trap_set_handler(X86_EXC_GP, refused);
    iret_ss = SEL_DATA;
    __asm__ volatile ( "int3" ::: "memory" );
    ss = read_sel("ss");
    __asm__ volatile ( "mov %0, %%ss" :: "r" (FLAT_KERNEL_SS) : "memory" );
    check_eq(ss, SEL_DATA, "%ss after iret to an LDT selector");

    iret_ss = 0;
    iret_cs = SEL_CODE & ~3;          /* RPL 0: a return to kernel mode */
    __asm__ volatile ( "int3" ::: "memory" );
    cs = read_sel("cs");
    FAR_JUMP(FLAT_KERNEL_CS);
    check_eq(cs, SEL_CODE, "%cs after iret to an LDT selector");
    iret_cs = 0;
    trap_set_handler(X86_EXC_BP, NULL);
    trap_set_handler(X86_EXC_GP, NULL);
    check_eq(wrong_faults, 0, "iret to LDT selectors refused");
}

/* The failsafe callback for a %ds that cannot be loaded on resumption. */
static unsigned int failsafes;
static uint64_t failsafe_ds;

static bool on_failsafe(struct pv_regs *regs)
{
    (void)regs;
    failsafes++;
    failsafe_ds = failsafe_segments[0];
    return true;
}

static void test_failsafe(uint64_t maddr)
{
    uint16_t old = read_sel("ds"), ds;

    trap_set_handler(PV_VEC_FAILSAFE, on_failsafe);
    __asm__ volatile ( "mov %0, %%ds" :: "r" (SEL_GONE) : "memory" );
    check_eq(HYPERVISOR_update_descriptor(maddr, DATA_DPL3 & ~DESC_P), 0,
             "update_descriptor: LDT entry not present");
    yield_to_other(1);
    ds = read_sel("ds");
    __asm__ volatile ( "mov %0, %%ds" :: "r" (old) : "memory" );
    trap_set_handler(PV_VEC_FAILSAFE, NULL);
    xtest_info("failsafe callbacks %u, ds slot %#lx, ds then %#x", failsafes,
               failsafe_ds, ds);
    check_eq(failsafes, 1, "failsafe callbacks for a lost %ds");
    check_eq(failsafe_ds & 0xffff, SEL_GONE, "the failsafe frame's ds");
    check_eq(ds, 0, "%ds after the failsafe callback");
}

void test_main(void)
{
    volatile uint64_t *l = (volatile uint64_t *)pfn_to_va(PFN_L);

    remap(PFN_L, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        l[i] = 0;
    l[0] = DATA_DPL3;
    l[1] = CODE64_DPL3;
    l[2] = DATA_DPL3;
    remap(PFN_L, PTE_RO);
    if ( !check_rc_setup(set_ldt(pfn_to_va(PFN_L), 512), "SET_LDT") ||
         !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;

    test_iret();
    test_preempt_ss();
    test_preempt_cs();
    test_yield_ds();
    test_failsafe((pfn_to_mfn(PFN_L) << PAGE_SHIFT) + 2 * 8);

    stop = true;
    check_rc_setup(set_ldt(0, 0), "SET_LDT to none");
    check_eq(remap(PFN_L, PTE_RW), 0, "the LDT page is writable again");
}

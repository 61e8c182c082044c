/*
 * retfault.c - a return to the guest that the CPU refuses is the guest's
 * fault, never the hypervisor's.
 *
 * Both vCPUs use one GDT frame.  vCPU 1 loads %ss from it and then keeps
 * trapping into the hypervisor (CPUID through the forced-emulation
 * prefix), so every round ends with the hypervisor's own iretq reloading
 * %ss from that descriptor.  vCPU 0 marks the descriptor not present with
 * update_descriptor while vCPU 1 runs.  The next return to vCPU 1 faults
 * inside the CPU's iretq: as on Xen 4.17 the fault must reach vCPU 1 as
 * the exception the CPU raised, with the selector as error code and the
 * context it was returning to (ss = the selector) as the interrupted
 * one.  vCPU 1's handler puts the flat selector in the frame and goes on.
 *
 * Without a fixup on that iretq the hypervisor takes a fatal ring-0
 * fault.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "retfault: a return the CPU refuses is the guest's fault";

#define PFN_G     0x20
#define SEL       0x13             /* entry 2, RPL 3 */
#define DATA_DPL3 0x00cff2000000ffffULL
#define PTE_RW    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO    (_PAGE_PRESENT | _PAGE_ACCESSED)
#define WAIT_NS   5000000000ULL

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned long rounds;
static volatile bool faulted, vcpu1_ready;
static volatile long vcpu1_gdt_rc = 1;
static struct pv_regs frame;
static volatile uint16_t ss_after;

/* vCPU 1's handler for whatever the failed return raises. */
static bool on_fault(struct pv_regs *regs)
{
    if ( (regs->ss & 0xffff) != SEL || faulted )
        return false;
    frame = *regs;
    regs->ss = FLAT_KERNEL_SS;
    __atomic_store_n(&faulted, true, __ATOMIC_RELEASE);
    return true;
}

static void __noreturn second(unsigned int id)
{
    xen_pfn_t mfn = pfn_to_mfn(PFN_G);
    struct cpuid_regs r;

    (void)id;
    vcpu1_gdt_rc = HYPERVISOR_set_gdt(&mfn, 512);
    if ( vcpu1_gdt_rc == 0 )
    {
        __asm__ volatile ( "mov %0, %%ss" :: "r" (SEL) : "memory" );
        vcpu1_ready = true;
        while ( !__atomic_load_n(&faulted, __ATOMIC_ACQUIRE) )
        {
            cpuid_pv(0, 0, &r);
            rounds++;
        }
        __asm__ volatile ( "mov %%ss, %0" : "=r" (ss_after) );
    }
    vcpu1_ready = true;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

static bool wait_for(volatile bool *flag)
{
    uint64_t end = pv_system_time(0) + WAIT_NS;

    while ( !*flag && pv_system_time(0) < end )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    return *flag;
}

void test_main(void)
{
    volatile uint64_t *g = (volatile uint64_t *)pfn_to_va(PFN_G);
    uint64_t maddr = (pfn_to_mfn(PFN_G) << PAGE_SHIFT) + 2 * 8;
    unsigned long before;

    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G),
                                 (pfn_to_mfn(PFN_G) << 12) | PTE_RW,
                                 UVMF_INVLPG);
    for ( unsigned int i = 0; i < 512; i++ )
        g[i] = 0;
    g[2] = DATA_DPL3;
    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G),
                                 (pfn_to_mfn(PFN_G) << 12) | PTE_RO,
                                 UVMF_INVLPG);
    trap_set_handler(X86_EXC_NP, on_fault);
    trap_set_handler(X86_EXC_SS, on_fault);
    trap_set_handler(X86_EXC_GP, on_fault);
    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    if ( !wait_for(&vcpu1_ready) || !check_rc_setup(vcpu1_gdt_rc, "vCPU 1 set_gdt") )
        return;
    before = rounds;
    while ( rounds < before + 20 )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);

    /* Pull the descriptor from under vCPU 1's %ss. */
    check_eq(HYPERVISOR_update_descriptor(maddr, DATA_DPL3 & ~(1ULL << 47)), 0,
             "update_descriptor: not present");
    if ( !check(wait_for(&faulted), "vCPU 1 got no fault (%lu rounds)", rounds) )
        return;
    xtest_info("vCPU 1: %s[%04lx] rip %#lx cs %#lx rsp %#lx ss %#lx",
               trap_name(frame.vector), frame.error_code, frame.rip,
               frame.cs & 0xffff, frame.rsp, frame.ss & 0xffff);
    check_eq(frame.vector, X86_EXC_NP, "vector of the failed return");
    check_eq(frame.error_code, SEL & ~3, "its error code (the selector)");
    check_eq(frame.ss & 0xffff, SEL, "the frame's ss");
    check_eq(frame.cs & 0xffff, FLAT_KERNEL_CS & ~3, "the frame's cs");
    /* vCPU 1 leaves its loop once it runs on the flat selector: waited
     * for in system time (a count of yields ran out under a loaded host
     * before vCPU 1's CPU got to run it). */
    for ( uint64_t end = pv_system_time(0) + WAIT_NS;
          !ss_after && pv_system_time(0) < end; )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check_eq(ss_after, FLAT_KERNEL_SS, "vCPU 1's ss after its handler");
    check_eq(HYPERVISOR_update_descriptor(maddr, DATA_DPL3), 0,
             "update_descriptor: present again");
}

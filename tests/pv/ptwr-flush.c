/*
 * ptwr-flush.c - writable-page-table faults on one vCPU while the other
 * forces TLB shootdowns.
 *
 * What Linux does all the time on an SMP guest: one vCPU changes page
 * types (unpinning and re-pinning an L1, which validates it and, since
 * the frame changes type, flushes every CPU's TLB) and flushes all TLBs
 * outright, while another vCPU stores to its own L1 entries with plain
 * instructions (the writable-page-table fault path).  The hypervisor must
 * never have one CPU wait for the other to answer a flush while that
 * other one spins with interrupts off for a lock the first holds: that
 * would hang or panic the machine.  Every call and every store must
 * succeed, and the entries written must end up as written.
 * pvtest-timeout: 90
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/errno.h>
#include <pv/mmops.h>

const char test_title[] = "ptwr-flush: page-table writes against TLB shootdowns";

#define ROUNDS   400
#define PFN_L1   0x51                   /* the L1 vCPU 0 pins and unpins */
#define PTE_RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO   (_PAGE_PRESENT | _PAGE_ACCESSED)
#define AD_BITS  (_PAGE_ACCESSED | _PAGE_DIRTY | 0x100UL)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned long pin_failures, flush_failures, writes;
static volatile bool go, stop, writer_done;
static volatile uint64_t *pte_a;        /* vCPU 1 rewrites this L1 entry */
static uint64_t orig_a, other_a;

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG);
}

/* The L1 that vCPU 0 pins: empty but for one read-only entry. */
static bool prepare_l1(void)
{
    uint64_t *l1 = (uint64_t *)pfn_to_va(PFN_L1);

    remap(PFN_L1, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        l1[i] = 0;
    l1[3] = (pfn_to_mfn(0x60) << PAGE_SHIFT) | PTE_RO | _PAGE_USER;
    return check_rc_setup(remap(PFN_L1, PTE_RO), "L1 read-only") &&
           check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_L1)),
                          "pinning the L1");
}

/* A scratch page in the padding after the boot stack, mapped by an L1 of
 * the boot tables: vCPU 1 flips its entry between read-only and writable. */
static bool find_scratch(void)
{
    unsigned long a = start_info->pt_base +
                      (start_info->nr_pt_frames + 17) * PAGE_SIZE;
    struct pt_walk w;
    unsigned long l1va;

    if ( !pt_walk(a, &w) || w.leaf != 0 )
        return false;
    l1va = mfn_to_va((w.entry[1] & 0x000ffffffffff000UL) >> PAGE_SHIFT);
    if ( !l1va )
        return false;
    pte_a = (volatile uint64_t *)l1va + ((a >> PAGE_SHIFT) & 511);
    orig_a = *pte_a;
    other_a = orig_a ^ _PAGE_RW;
    return true;
}

static void __noreturn writer(unsigned int id __attribute__((unused)))
{
    while ( !go )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    /* Each store faults (the L1 is mapped read-only) and is emulated. */
    while ( !stop )
    {
        *pte_a = other_a;
        *pte_a = orig_a;
        writes += 2;
    }
    writer_done = true;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

void test_main(void)
{
    unsigned long l1 = pfn_to_mfn(PFN_L1);
    uint64_t deadline;

    if ( !find_scratch() )
    {
        xtest_error("no scratch page with a boot-mapped L1");
        return;
    }
    if ( !prepare_l1() ||
         !check_rc_setup(pv_vcpu_start(1, writer, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    go = true;
    for ( unsigned int i = 0; i < ROUNDS; i++ )
    {
        pin_failures += mmuext(MMUEXT_UNPIN_TABLE, l1) != 0;
        pin_failures += mmuext(MMUEXT_PIN_L1_TABLE, l1) != 0;
        flush_failures += mmuext(MMUEXT_TLB_FLUSH_ALL, 0) != 0;
    }
    stop = true;
    deadline = pv_system_time(0) + 30 * NS_PER_S;
    while ( !writer_done && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(writer_done, "vCPU 1 did not stop writing");
    xtest_info("%lu page-table stores on vCPU 1 during %u pin cycles",
               writes, ROUNDS);
    check(writes > 0, "vCPU 1 never wrote its page table");
    check_eq(pin_failures, 0, "failed pins/unpins");
    check_eq(flush_failures, 0, "failed TLB_FLUSH_ALL");
    check_eq(*pte_a & ~AD_BITS, orig_a & ~AD_BITS, "the entry as last written");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, l1), 0, "last unpin");
    check_eq(remap(PFN_L1, PTE_RW), 0, "the L1 frame writable again");
}

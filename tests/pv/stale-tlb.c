/*
 * stale-tlb.c - a writable translation cached on another CPU must not
 * outlive the page's change into a page table.
 *
 * vCPU 1 writes to a page through a writable mapping (its CPU now caches
 * a writable translation), then spins in guest mode, so nothing flushes
 * that CPU's TLB by the way.  vCPU 0 makes the mapping read-only with a
 * local flush only (what a guest may do; the translation on vCPU 1's CPU
 * is now stale), and pins the page as an L1 table.  The pin changes the
 * page's type from writable: the hypervisor must flush every CPU that may
 * hold a writable translation, as Xen does.  vCPU 1 then stores a PTE
 * that validation would refuse (a writable mapping of the L1 itself) through
 * its old address: it must fault, and the L1 must stay empty.  Through a
 * stale translation the store would land in a validated page table,
 * which is a guest writing its own page tables unchecked.
 *
 * Several rounds, each starting from a fresh writable mapping, so a
 * flush filter that thinks an earlier round's flush covers this round's
 * stale translation fails here too.
 * pvtest-timeout: 90
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <pv/mmops.h>
#include <pv/exinfo.h>
#include <public/errno.h>

const char test_title[] = "stale-tlb: a page becoming a page table is flushed on every CPU";

#define ROUNDS   12
#define PFN_P    0x53                   /* the page that becomes an L1 */
#define SLOT     5                      /* the entry vCPU 1 aims at */
#define PTE_RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO   (_PAGE_PRESENT | _PAGE_ACCESSED)
/* Present and writable, naming the L1 itself: validation refuses it
 * (a page table is never writable), even for dom0, which may map I/O
 * frames beyond RAM. */
#define BAD_PTE(mfn) (((uint64_t)(mfn) << PAGE_SHIFT) | PTE_RW | _PAGE_USER)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned int round_no;  /* vCPU 0 starts round n */
static volatile unsigned int touched;   /* vCPU 1 cached round n's entry */
static volatile unsigned int fire;      /* vCPU 0: store now */
static volatile unsigned int stored;    /* vCPU 1: did, with result */
static volatile exinfo_t store_ex;

static long remap(unsigned long pfn, uint64_t flags, unsigned long how)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        how);
}

static void __noreturn prober(unsigned int id __attribute__((unused)))
{
    volatile uint64_t *p = (volatile uint64_t *)pfn_to_va(PFN_P);

    for ( unsigned int n = 1; n <= ROUNDS; n++ )
    {
        while ( round_no != n )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        p[SLOT] = 0;                    /* a writable translation, dirty */
        touched = n;
        while ( fire != n )             /* no hypercall: keep the TLB */
            cpu_relax();
        store_ex = probe_write64(&p[SLOT], BAD_PTE(pfn_to_mfn(PFN_P)));
        stored = n;
    }
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

static bool wait_for(volatile unsigned int *flag, unsigned int n)
{
    uint64_t deadline = pv_system_time(0) + 10 * NS_PER_S;

    while ( *flag != n )
    {
        if ( pv_system_time(0) > deadline )
            return false;
        cpu_relax();
    }
    return true;
}

static bool one_round(unsigned int n)
{
    unsigned long mfn = pfn_to_mfn(PFN_P);
    volatile uint64_t *p = (volatile uint64_t *)pfn_to_va(PFN_P);
    char buf[32];

    if ( !check_rc_setup(remap(PFN_P, PTE_RW, UVMF_INVLPG | UVMF_ALL),
                         "the page writable") )
        return false;
    for ( unsigned int i = 0; i < 512; i++ )
        p[i] = 0;
    round_no = n;
    if ( !check(wait_for(&touched, n), "vCPU 1 did not touch the page") )
        return false;
    /* Read-only, flushed here only: vCPU 1's CPU keeps its entry. */
    if ( !check_rc_setup(remap(PFN_P, PTE_RO, UVMF_INVLPG | UVMF_LOCAL),
                         "the page read-only (local flush)") ||
         !check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, mfn), "pinning it as L1") )
        return false;
    fire = n;
    if ( !check(wait_for(&stored, n), "vCPU 1 did not store") )
        return false;
    check(store_ex != EXINFO_NONE,
          "round %u: vCPU 1 wrote into the pinned L1 through a stale "
          "writable translation", n);
    check_eq(p[SLOT], 0, "the pinned L1's entry after vCPU 1's store");
    xtest_info("round %u: vCPU 1's store: %s", n,
               exinfo_str(store_ex, buf, sizeof(buf)));
    return check_rc_setup(mmuext(MMUEXT_UNPIN_TABLE, mfn), "unpinning");
}

void test_main(void)
{
    if ( !check_rc_setup(pv_vcpu_start(1, prober, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    for ( unsigned int n = 1; n <= ROUNDS; n++ )
        if ( !one_round(n) )
            break;
    check_eq(remap(PFN_P, PTE_RW, UVMF_INVLPG | UVMF_ALL), 0,
             "the page writable again");
}

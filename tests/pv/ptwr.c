/*
 * ptwr.c - writing page-table entries directly ("writable page tables").
 *
 * A PV kernel's L1 tables are mapped read-only, yet Linux stores to them
 * with plain instructions; the hypervisor traps each write, validates the
 * new entry like mmu_update would, and performs it.  Checked here, on an
 * L1 of the boot mapping: mov, xchg, lock cmpxchg (both outcomes),
 * lock and/or on one byte and lock btr/bts; an entry that would map a
 * page table writable is refused with the #PF the write raised, and the
 * entry stays as it was.  Upper-level tables are not writable this way
 * (startinfo checks that for the L4).
 */
#include <pvtest.h>
#include <pv/pagetable.h>

const char test_title[] = "ptwr: trapped and emulated writes to L1 entries";

/* Bits the hypervisor may change on its own: accessed/dirty (the CPU)
 * and global (Xen 4.17 sets it on user-accessible entries; ours clears
 * it) -- compare entries without them. */
#define AD_BITS (_PAGE_ACCESSED | _PAGE_DIRTY | 0x100UL)
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | \
                 _PAGE_DIRTY)

static volatile uint64_t *pte_a;     /* the L1 entry that maps page A */
static volatile uint64_t *va_a, *va_b;
static uint64_t orig_a;
static unsigned long mfn_b;

static void flush_local(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };

    HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/* Two scratch pages in the padding after the boot stack, and A's L1e. */
static bool find_scratch(void)
{
    unsigned long end = start_info->pt_base +
                        (start_info->nr_pt_frames + 1) * PAGE_SIZE;
    unsigned long a = end + 16 * PAGE_SIZE;
    struct pt_walk w;
    unsigned long l1va;

    if ( !pt_walk(a, &w) || w.leaf != 0 )
        return false;
    l1va = mfn_to_va((w.entry[1] & 0x000ffffffffff000UL) >> PAGE_SHIFT);
    if ( !l1va )
        return false;
    va_a = (volatile uint64_t *)a;
    va_b = (volatile uint64_t *)(a + PAGE_SIZE);
    pte_a = (volatile uint64_t *)l1va + ((a >> PAGE_SHIFT) & 511);
    orig_a = *pte_a;
    mfn_b = (pt_leaf(a + PAGE_SIZE) & 0x000ffffffffff000UL) >> PAGE_SHIFT;
    return true;
}

static void test_mov_and_xchg(void)
{
    uint64_t new = (mfn_b << PAGE_SHIFT) | PTE_RW, old;

    *va_b = 0x5a5a5a5a12345678UL;
    *pte_a = new;                          /* a plain mov */
    flush_local();
    check_eq(*va_a, 0x5a5a5a5a12345678UL, "A now shows B's frame");
    check_eq(*pte_a & ~AD_BITS, new & ~AD_BITS, "entry after mov");

    old = orig_a;
    __asm__ volatile ( "xchg %0, %1" : "+r" (old), "+m" (*pte_a) :: "memory" );
    flush_local();
    check_eq(old & ~AD_BITS, new & ~AD_BITS, "xchg returned the old entry");
    check_eq(*pte_a & ~AD_BITS, orig_a & ~AD_BITS, "entry after xchg");
}

static bool cmpxchg(volatile uint64_t *p, uint64_t *expect, uint64_t new)
{
    bool ok;

    __asm__ volatile ( "lock cmpxchg %3, %1; sete %0"
                       : "=q" (ok), "+m" (*p), "+a" (*expect)
                       : "r" (new) : "memory", "cc" );
    return ok;
}

static void test_cmpxchg(void)
{
    uint64_t cur = *pte_a, wrong = cur ^ 0x1000, want = cur;
    uint64_t new = (mfn_b << PAGE_SHIFT) | PTE_RW;

    check(!cmpxchg(pte_a, &wrong, new), "cmpxchg with a stale value succeeded");
    check_eq(wrong, cur, "cmpxchg failure loads the current entry");
    check(cmpxchg(pte_a, &want, new), "cmpxchg with the right value failed");
    flush_local();
    check_eq(*pte_a & ~AD_BITS, new & ~AD_BITS, "entry after cmpxchg");
    *pte_a = orig_a;
    flush_local();
}

static void test_bit_ops(void)
{
    volatile uint8_t *low = (volatile uint8_t *)pte_a;
    bool was_set;

    __asm__ volatile ( "lock andb %1, %0" : "+m" (*low)
                       : "i" ((uint8_t)~_PAGE_RW) : "memory" );
    flush_local();
    check_eq(*pte_a & _PAGE_RW, 0, "RW clear after lock and");
    check_exinfo(probe_write64(va_a, 1),
                 EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                 "write through the now read-only mapping");

    __asm__ volatile ( "lock orb %1, %0" : "+m" (*low)
                       : "i" ((uint8_t)_PAGE_RW) : "memory" );
    flush_local();
    check_eq(*pte_a & _PAGE_RW, _PAGE_RW, "RW set again after lock or");

    __asm__ volatile ( "lock btrq $%c2, %0; setc %1"
                       : "+m" (*pte_a), "=q" (was_set)
                       : "i" (1) : "memory", "cc" );
    flush_local();
    check(was_set, "btr reported the RW bit clear");
    check_eq(*pte_a & _PAGE_RW, 0, "RW clear after btr");
    __asm__ volatile ( "lock btsq $%c2, %0; setc %1"
                       : "+m" (*pte_a), "=q" (was_set)
                       : "i" (1) : "memory", "cc" );
    flush_local();
    check(!was_set, "bts reported the RW bit set");
    check_eq(*pte_a & _PAGE_RW, _PAGE_RW, "RW set after bts");
}

/* Mapping a page table writable must not be possible, and nothing moves. */
static void test_refused(void)
{
    unsigned long l1_mfn = (pt_leaf((unsigned long)pte_a) &
                            0x000ffffffffff000UL) >> PAGE_SHIFT;
    uint64_t bad = (l1_mfn << PAGE_SHIFT) | PTE_RW, before = *pte_a;

    check_exinfo(probe_write64(pte_a, bad),
                 EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                 "writable mapping of an L1 refused");
    check_eq(*pte_a & ~AD_BITS, before & ~AD_BITS,
             "entry unchanged after the refused write");
}

void test_main(void)
{
    if ( !find_scratch() )
    {
        xtest_error("no scratch page with a boot-mapped L1");
        return;
    }
    test_mov_and_xchg();
    test_cmpxchg();
    test_bit_ops();
    test_refused();
    *pte_a = orig_a;
    flush_local();
}

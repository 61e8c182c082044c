/*
 * type-race.c - pinning a page as an L1 on one vCPU while the other maps
 * it writable, at the same moment.
 *
 * A page is never a page table and writable at once.  Here both requests
 * race from the same start (the page unpinned, mapped nowhere writable):
 * vCPU 0 pins it as an L1 table, and vCPU 1 maps it writable, on even
 * rounds with mmu_update (an L1 entry of ours, same domain's page-table
 * lock as the pin) and on odd rounds through a grant of the page to
 * ourselves (the grant code takes the writable type from outside that
 * lock, as another domain's mapping would).  In every round at most one
 * may succeed; each is undone before the next round.  Afterwards the
 * page must pin and unpin once more and map writable again: no type or
 * reference may be left behind.
 * pvtest-timeout: 90
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <pv/mmops.h>

const char test_title[] = "type-race: pin as L1 against a writable mapping";

#define ROUNDS    300
#define PFN_P     0x56          /* the contested page */
#define PFN_M     0x57          /* where vCPU 1 maps it (mmu_update) */
#define PFN_G     0x58          /* where vCPU 1 maps it (grant) */
#define PFN_TABLE 0x59          /* our grant table frame */
#define REF_P     7
#define PTE_RW    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO    (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned int arrived[2];
static volatile bool pin_ok, map_ok;
static volatile unsigned long both, pins_won, maps_won, undo_failures;
static grant_handle_t handle;

static long remap(unsigned long pfn, unsigned long val)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn), val, UVMF_INVLPG);
}

/* Both vCPUs meet here before going on (n: the meeting's number). */
static void meet(unsigned int self, unsigned int n)
{
    arrived[self] = n;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for ( unsigned long spins = 0; arrived[!self] < n; spins++ )
    {
        __asm__ volatile ( "pause" );
        if ( spins % 4096 == 4095 )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
}

static bool map_writable(unsigned int round)
{
    if ( round % 2 == 0 )
    {
        struct mmu_update u = {
            .ptr = pt_l1e_maddr(pfn_to_va(PFN_M)),
            .val = (pfn_to_mfn(PFN_P) << PAGE_SHIFT) | PTE_RW,
        };

        return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF) == 0;
    }
    else
    {
        struct gnttab_map_grant_ref m = {
            .host_addr = pfn_to_va(PFN_G), .flags = GNTMAP_host_map,
            .ref = REF_P, .dom = 0,
        };

        if ( HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1) ||
             m.status != GNTST_okay )
            return false;
        handle = m.handle;
        return true;
    }
}

static bool unmap_writable(unsigned int round)
{
    if ( round % 2 == 0 )
        return remap(PFN_M, 0) == 0;
    else
    {
        struct gnttab_unmap_grant_ref u = {
            .host_addr = pfn_to_va(PFN_G), .handle = handle,
        };

        return !HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) &&
               u.status == GNTST_okay;
    }
}

static void __noreturn mapper(unsigned int id __attribute__((unused)))
{
    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        meet(1, 3 * r + 1);
        map_ok = map_writable(r);
        meet(1, 3 * r + 2);               /* vCPU 0 judges the round */
        if ( map_ok && !unmap_writable(r) )
            undo_failures++;
        meet(1, 3 * r + 3);
    }
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* Our grant table, and a grant of P to ourselves (dom0). */
static bool setup_grant(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    volatile struct grant_entry_v1 *table;
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table,
                                                   &st, 1), "setup_table") ||
         !check_eq(st.status, GNTST_okay, "setup_table status") ||
         !check_rc_setup(remap(PFN_TABLE, (frame << PAGE_SHIFT) | PTE_RW),
                         "mapping the grant table frame") )
        return false;
    table = (void *)pfn_to_va(PFN_TABLE);
    table[REF_P].domid = 0;
    table[REF_P].frame = pfn_to_mfn(PFN_P);
    __asm__ volatile ( "" ::: "memory" );
    table[REF_P].flags = GTF_permit_access;
    return true;
}

/* P: zeroed (a valid, empty L1) and mapped only read-only. */
static bool setup_page(void)
{
    memset((void *)pfn_to_va(PFN_P), 0, PAGE_SIZE);
    return check_rc_setup(remap(PFN_P, (pfn_to_mfn(PFN_P) << PAGE_SHIFT) |
                                       PTE_RO), "P read-only") &&
           check_rc_setup(remap(PFN_M, 0), "M empty") &&
           check_rc_setup(remap(PFN_G, 0), "G empty");
}

static void judge(unsigned int r, bool pinned)
{
    if ( pinned && map_ok )
    {
        if ( !both++ )
            xtest_fail("round %u: pinned as L1 and mapped writable (%s)", r,
                       r % 2 ? "grant" : "mmu_update");
    }
    else if ( pinned )
        pins_won++;
    else if ( map_ok )
        maps_won++;
}

void test_main(void)
{
    unsigned long p = pfn_to_mfn(PFN_P);

    if ( !setup_grant() || !setup_page() ||
         !check_rc_setup(pv_vcpu_start(1, mapper, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        bool pinned;

        meet(0, 3 * r + 1);
        /* Sweep the pin's start across the other vCPU's request. */
        for ( unsigned int i = 0; i < (r % 16) * 256; i++ )
            __asm__ volatile ( "pause" );
        pinned = mmuext(MMUEXT_PIN_L1_TABLE, p) == 0;
        meet(0, 3 * r + 2);
        judge(r, pinned);
        if ( pinned && mmuext(MMUEXT_UNPIN_TABLE, p) )
            undo_failures++;
        meet(0, 3 * r + 3);
    }
    xtest_info("%u rounds: the pin won %lu, the writable mapping %lu, "
               "both %lu", ROUNDS, pins_won, maps_won, both);
    check_eq(both, 0, "rounds where both succeeded");
    check_eq(pins_won + maps_won, ROUNDS, "rounds where one succeeded");
    check_eq(undo_failures, 0, "failed unpins/unmaps");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, p), 0, "a last pin");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, p), 0, "a last unpin");
    check_eq(remap(PFN_P, (p << PAGE_SHIFT) | PTE_RW), 0,
             "P writable again");
}

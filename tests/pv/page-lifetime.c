/*
 * page-lifetime.c - a page lives as long as anybody holds it, whoever
 * that is, and every page comes back once the last holder lets go (ours
 * only: the other party is a boot-time domU).
 *
 * Domain 1 fills two pages with a pattern and grants them to dom0: P,
 * which it will give back, and G, which it keeps.  dom0 maps both through
 * the grant table, maps P a second time as a foreign frame (mmu_update
 * naming domain 1), and says so.  Domain 1 then returns P with
 * decrease_reservation, leaves behind a pinned L1 table, another it gave
 * back while pinned, and a copy of its L4 in its CR3, and powers off.  dom0 destroys it: the destroy must
 * return, P and G must still read their patterns (not the allocator's
 * poison, not someone else's data), the frames the domain held itself
 * must come back to the heap at once, and P and G exactly when dom0's
 * last mapping of each goes.
 *
 * pvtest-domU: name=holder,mem=16M self
 * pvtest-timeout: 90
 */
#include "peer.h"
#include <pv/pagetable.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <pv/mmops.h>

const char test_title[] = "page-lifetime: pages outlive their domain while held";

#define PEER       1
#define MAP_RO     (GNTMAP_host_map | GNTMAP_readonly)
#define PFN_TABLE  0x30     /* domain 1: its grant table */
#define PFN_P      0x31     /* domain 1: granted, then given back */
#define PFN_G      0x32     /* domain 1: granted, kept */
#define PFN_PIN    0x40     /* domain 1: a pinned L1 */
#define PFN_PIN_GONE 0x41   /* domain 1: a pinned L1 it gives back */
#define PFN_L4     0x42     /* domain 1: the L4 copy it dies on */
#define PFN_MAP_P  0x33     /* dom0: P through the grant */
#define PFN_MAP_G  0x34     /* dom0: G through the grant */
#define PFN_FOR_P  0x35     /* dom0: P as a foreign frame */
#define REF_P      8
#define REF_G      9
#define PTE_RW     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO     (_PAGE_PRESENT | _PAGE_ACCESSED)
#define MFN_MASK   0x000ffffffffff000UL

static uint8_t pattern(unsigned int i, unsigned int seed)
{
    return (uint8_t)(i * 7 + seed);
}

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        flags ? (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags
                                              : 0,
                                        UVMF_INVLPG);
}

/* ---- domain 1: grants, gives back, dies holding tables ---- */

static void leave_tables_behind(void)
{
    uint64_t *l4 = (uint64_t *)pfn_to_va(PFN_L4);
    const uint64_t *boot = (const uint64_t *)start_info->pt_base;

    /* A pinned L1, still pinned at death, mapping 32 pages: were it
     * leaked, so would they be, more than the hypervisor's bookkeeping
     * pages can hide in the count dom0 checks. */
    memset((void *)pfn_to_va(PFN_PIN), 0, PAGE_SIZE);
    for ( unsigned int i = 0; i < 32; i++ )
        ((uint64_t *)pfn_to_va(PFN_PIN))[i] =
            (pfn_to_mfn(0x80 + i) << PAGE_SHIFT) | PTE_RO;
    check_rc_setup(remap(PFN_PIN, PTE_RO), "L1 read-only");
    check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_PIN)), "pin L1");
    /* Another, given back while pinned, then unmapped. */
    memset((void *)pfn_to_va(PFN_PIN_GONE), 0, PAGE_SIZE);
    for ( unsigned int i = 0; i < 32; i++ )
        ((uint64_t *)pfn_to_va(PFN_PIN_GONE))[i] =
            (pfn_to_mfn(0xa0 + i) << PAGE_SHIFT) | PTE_RO;
    check_rc_setup(remap(PFN_PIN_GONE, PTE_RO), "second L1 read-only");
    check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_PIN_GONE)),
                   "pin second L1");
    check_eq(give_back(pfn_to_mfn(PFN_PIN_GONE)), 1,
             "decrease_reservation of a pinned L1");
    check_rc_setup(remap(PFN_PIN_GONE, 0), "unmapping the second L1");
    /* Die on a copy of the boot L4, not mapped anywhere, only in CR3. */
    for ( unsigned int i = 0; i < 512; i++ )
        l4[i] = boot[i];
    check_rc_setup(remap(PFN_L4, 0), "unmapping the L4 copy");
    check_rc_setup(mmuext(MMUEXT_NEW_BASEPTR, pfn_to_mfn(PFN_L4)),
                   "switching to the L4 copy");
}

static void holder(void)
{
    evtchn_port_t port;
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    volatile struct grant_entry_v1 *t = (void *)pfn_to_va(PFN_TABLE);
    uint8_t *p = (void *)pfn_to_va(PFN_P), *g = (void *)pfn_to_va(PFN_G);
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE),
                                                      (frame << 12) | PTE_RW,
                                                      UVMF_INVLPG),
                         "mapping the grant table") )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
    {
        p[i] = pattern(i, 1);
        g[i] = pattern(i, 2);
    }
    t[REF_P].domid = t[REF_G].domid = 0;
    t[REF_P].frame = pfn_to_mfn(PFN_P);
    t[REF_G].frame = pfn_to_mfn(PFN_G);
    __asm__ volatile ( "" ::: "memory" );
    t[REF_P].flags = GTF_permit_access | GTF_readonly;
    t[REF_G].flags = GTF_permit_access | GTF_readonly;

    if ( !bind_to_dom0(&port) )
        return;
    send(port);                       /* granted */
    if ( !check(wait_event(port, 20 * NS_PER_S), "dom0 never mapped") )
        return;
    /* P goes back while dom0 holds it (and we still map it ourselves). */
    check_eq(give_back(pfn_to_mfn(PFN_P)), 1, "decrease_reservation of P");
    leave_tables_behind();
    /* Power off now: dom0 destroys us. */
}

/* ---- dom0: holds P and G across domain 1's death ---- */

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static unsigned int wrong_bytes(unsigned long pfn, unsigned int seed)
{
    const volatile uint8_t *b = (const void *)pfn_to_va(pfn);
    unsigned int wrong = 0;

    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        wrong += b[i] != pattern(i, seed);
    return wrong;
}

/* Map domain 1's frame mfn at pfn as a foreign frame (read-only). */
static long foreign_map(unsigned long pfn, unsigned long mfn)
{
    struct pt_walk w;
    struct mmu_update u;
    unsigned long va = pfn_to_va(pfn);

    pt_walk(va, &w);
    u.ptr = (w.entry[1] & MFN_MASK) + ((va >> 12) & 511) * 8;
    u.val = (mfn << PAGE_SHIFT) | PTE_RO;
    return HYPERVISOR_mmu_update(&u, 1, NULL, PEER);
}

static void keeper(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = PEER };
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = PEER };
    grant_handle_t hp, hg;
    evtchn_port_t dom_exc;
    uint64_t before, tot;
    unsigned long mfn_p;

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au), "alloc_unbound") ||
         !check_eq(au.port, 1, "dom0's first port") )
        return;
    dom_exc = bind_dom_exc();
    if ( !check(wait_event(au.port, 20 * NS_PER_S), "domain 1 never granted") )
        return;
    if ( !check_eq(peer_map(PEER, REF_P, PFN_MAP_P, MAP_RO, &hp), GNTST_okay,
                   "map of P") ||
         !check_eq(peer_map(PEER, REF_G, PFN_MAP_G, MAP_RO, &hg), GNTST_okay,
                   "map of G") )
        return;
    mfn_p = (pt_leaf(pfn_to_va(PFN_MAP_P)) & MFN_MASK) >> PAGE_SHIFT;
    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_FOR_P), 0, UVMF_INVLPG);
    if ( !check_eq(foreign_map(PFN_FOR_P, mfn_p), 0, "foreign mapping of P") )
        return;
    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    send(au.port);                             /* mapped */
    expect_shutdown(PEER, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);

    check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo(1)");
    tot = dc.u.getdomaininfo.tot_pages;
    before = free_pages();
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = PEER };
    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain(1)");
    xtest_info("domain 1 had %lu pages; %lu came free at its destroy",
               (unsigned long)tot, (unsigned long)(free_pages() - before));
    /* Everything but P and G is back: its pages, shared_info and the
     * grant frame at least (hypervisor bookkeeping may add more). */
    check(free_pages() >= before + tot - 2 + 2,
          "free pages after the destroy: %lu, before %lu, domain had %lu",
          (unsigned long)free_pages(), (unsigned long)before,
          (unsigned long)tot);

    check_eq(wrong_bytes(PFN_MAP_P, 1), 0, "bytes of P changed after its owner died");
    check_eq(wrong_bytes(PFN_FOR_P, 1), 0, "bytes of P (foreign) changed");
    check_eq(wrong_bytes(PFN_MAP_G, 2), 0, "bytes of G changed after its owner died");

    before = free_pages();
    check_eq(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_FOR_P), 0, UVMF_INVLPG), 0,
             "unmapping the foreign mapping of P");
    check_eq(free_pages(), before, "free pages while the grant still maps P");
    check_eq(peer_unmap(PFN_MAP_P, hp), GNTST_okay, "unmap of P");
    check_eq(free_pages(), before + 1, "free pages after the last hold on P");
    check_eq(peer_unmap(PFN_MAP_G, hg), GNTST_okay, "unmap of G");
    check_eq(free_pages(), before + 2, "free pages after the last hold on G");
}

void test_main(void)
{
    if ( pv_is_initdomain() )
        keeper();
    else
        holder();
}

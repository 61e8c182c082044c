/*
 * grant-grantee-dies.c - a domU dies while it maps dom0's grants (ours
 * only: Xen 4.17 cannot start a domU at boot on x86).
 *
 * dom0 grants page G writable (ref 8) and page R read-only (ref 9) to
 * domain 1 and, once domain 1 has bound dom0's port 1 and said so,
 * signals it.  (Binding raises the new port once; domain 1 drops that
 * event before it says it is ready, so that it cannot drop dom0's signal
 * with it: dom0 used to send as soon as the port looked bound, and lost
 * that race now and then.)  Domain 1 maps both
 * (GNTMAP_host_map, R read-only), writes a pattern into G through its
 * mapping, overwrites R's entry with an empty one (the handle stays
 * recorded, its entry is gone), signals back and powers off still
 * holding both handles.  It also maps G a second time the way Linux's
 * gntdev does (GNTMAP_contains_pte: the machine address of an L1 entry
 * of its own), after being refused one of dom0's L1 entries, whose
 * address dom0 left in R.
 * While it is shut down but not destroyed, the grants stay in use.  Then
 * dom0 destroys it: its mappings must be released while its page tables
 * still exist, every pin undone (the entries' GTF_reading/GTF_writing
 * clear), and G and R hold no reference of the dead domain any more (the
 * second mapping's writable one included): dom0
 * can stop granting them, turn G into a page table (no writable type is
 * left on it), and give both back, the free-page count growing by
 * exactly two.
 *
 * A release after the page tables are gone would walk from a base
 * pointer of 0, i.e. read machine frame 0 as the dead domain's L4.  dom0
 * may write frame 0 (an I/O frame below 1 MiB), so it plants there a chain
 * of its own pages leading to entries that look like domain 1's grant
 * entries: they must be left alone.  Domain 1 has a second vCPU that
 * never ran (no base pointer at all), and R's entry cannot be found in
 * vCPU 0's tables, so the release looks for it there too: a vCPU without
 * tables must not be walked either.
 *
 * pvtest-domU: name=grantee,mem=16M,vcpus=2 self
 * pvtest-timeout: 90
 */
#include "peer.h"
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <pv/mmops.h>

const char test_title[] = "grant-grantee-dies: a grantee dies mapping dom0's pages";

#define PEER       1
#define PFN_TABLE  0x30
#define PFN_G      0x31     /* dom0: granted writable */
#define PFN_R      0x32     /* dom0: granted read-only */
#define PFN_MAP_G  0x33     /* domain 1: where G is mapped */
#define PFN_MAP_R  0x34     /* domain 1: where R is mapped */
#define PFN_FRAME0 0x35     /* dom0: machine frame 0 mapped here */
#define PFN_FAKE3  0x36     /* dom0: a chain of look-alike tables */
#define PFN_FAKE2  0x37
#define PFN_FAKE1  0x38
#define PFN_MAP_G2 0x39     /* domain 1: G's mapping by PTE address */
#define PTE_GNTTAB (1UL << 62)  /* our hypervisor's grant-entry mark */
#define REF_G      8
#define REF_R      9
#define PTE_RW     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO     (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint8_t pattern(unsigned int i)
{
    return (uint8_t)(i * 29 + 3);
}

/* ---- domain 1: the grantee ---- */

static int16_t map(grant_ref_t ref, unsigned long pfn, uint32_t flags)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(pfn),
                                      .flags = flags, .ref = ref, .dom = 0 };

    HYPERVISOR_update_va_mapping(pfn_to_va(pfn), 0, UVMF_INVLPG);
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1),
                   "map_grant_ref");
    return m.status;
}

/* G by the machine address of an L1 entry: one of dom0's (refused, as
 * Xen refuses any frame not the caller's), then one of ours. */
static void map_by_pte(void)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = ((volatile uint64_t *)pfn_to_va(PFN_MAP_R))[1],
        .flags = GNTMAP_host_map | GNTMAP_contains_pte | GNTMAP_application_map,
        .ref = REF_G, .dom = 0,
    };

    xtest_info("dom0's L1 entry for G at %#lx", m.host_addr);
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1),
                   "map_grant_ref");
    check_eq(m.status, GNTST_general_error, "map into an L1 entry of dom0's");
    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_MAP_G2), 0, UVMF_INVLPG);
    m.host_addr = pt_l1e_maddr(pfn_to_va(PFN_MAP_G2));
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1),
                   "map_grant_ref");
    check_eq(m.status, GNTST_okay, "map into an L1 entry of ours");
    if ( m.status == GNTST_okay )
        check_eq(((volatile uint8_t *)pfn_to_va(PFN_MAP_G2))[5], pattern(5),
                 "G's byte 5 through the second mapping");
}

static void grantee(void)
{
    evtchn_port_t port;
    uint8_t *g = (void *)pfn_to_va(PFN_MAP_G);

    if ( !bind_to_dom0(&port) )
        return;
    send(port);                 /* ready: the bind's own event is gone */
    if ( !check(wait_event(port, 20 * NS_PER_S), "dom0 never granted") )
        return;
    if ( !check_eq(map(REF_G, PFN_MAP_G, GNTMAP_host_map), GNTST_okay,
                   "map of G") ||
         !check_eq(map(REF_R, PFN_MAP_R, GNTMAP_host_map | GNTMAP_readonly),
                   GNTST_okay, "read-only map of R") )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        g[i] = pattern(i);
    check_eq(*(volatile uint8_t *)pfn_to_va(PFN_MAP_R), 0x77, "R's first byte");
    map_by_pte();
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_MAP_R), 0,
                                                UVMF_INVLPG),
                   "overwriting R's grant entry");
    send(port);
    /* Power off now, both still mapped. */
}

/* ---- dom0: the granter ---- */

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static volatile struct grant_entry_v1 *setup_table(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE),
                                                      (frame << 12) | PTE_RW,
                                                      UVMF_INVLPG),
                         "mapping the grant table") )
        xtest_exit();
    return (void *)pfn_to_va(PFN_TABLE);
}

/* Give G and R back; the free-page count must grow by exactly two. */
static void give_back_both(void)
{
    xen_pfn_t frames[2] = { pfn_to_mfn(PFN_G), pfn_to_mfn(PFN_R) };
    struct xen_memory_reservation r = { .nr_extents = 2, .domid = DOMID_SELF };
    uint64_t before = free_pages();

    set_xen_guest_handle(r.extent_start, frames);
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G), 0,
                                                UVMF_INVLPG), "unmapping G");
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_R), 0,
                                                UVMF_INVLPG), "unmapping R");
    check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 2,
             "giving G and R back");
    check_eq(free_pages(), before + 2, "free pages after giving G and R back");
}

/* Make frame 0, read as an L4, lead to look-alikes of domain 1's grant
 * entries for G and R in PFN_FAKE1; false if frame 0 is not ours to map. */
static uint64_t frame0_saved;

static bool plant_fake_tables(void)
{
    volatile uint64_t *f0 = (void *)pfn_to_va(PFN_FRAME0);
    uint64_t *l3 = (void *)pfn_to_va(PFN_FAKE3), *l2 = (void *)pfn_to_va(PFN_FAKE2);
    uint64_t *l1 = (void *)pfn_to_va(PFN_FAKE1);
    unsigned long va = pfn_to_va(PFN_MAP_G);

    if ( HYPERVISOR_update_va_mapping(pfn_to_va(PFN_FRAME0), PTE_RW,
                                      UVMF_INVLPG) )
        return false;
    memset(l3, 0, PAGE_SIZE);
    memset(l2, 0, PAGE_SIZE);
    memset(l1, 0, PAGE_SIZE);
    l3[PT_INDEX(va, 30)] = (pfn_to_mfn(PFN_FAKE2) << 12) | _PAGE_PRESENT;
    l2[PT_INDEX(va, 21)] = (pfn_to_mfn(PFN_FAKE1) << 12) | _PAGE_PRESENT;
    l1[PT_INDEX(pfn_to_va(PFN_MAP_G), 12)] =
        (pfn_to_mfn(PFN_G) << 12) | PTE_GNTTAB | _PAGE_USER | PTE_RW;
    l1[PT_INDEX(pfn_to_va(PFN_MAP_R), 12)] =
        (pfn_to_mfn(PFN_R) << 12) | PTE_GNTTAB | _PAGE_USER | PTE_RO |
        _PAGE_DIRTY;
    frame0_saved = f0[PT_INDEX(va, 39)];
    f0[PT_INDEX(va, 39)] = (pfn_to_mfn(PFN_FAKE3) << 12) | _PAGE_PRESENT;
    return true;
}

static void check_fake_tables(void)
{
    volatile uint64_t *f0 = (void *)pfn_to_va(PFN_FRAME0);
    volatile uint64_t *l1 = (void *)pfn_to_va(PFN_FAKE1);

    f0[PT_INDEX(pfn_to_va(PFN_MAP_G), 39)] = frame0_saved;
    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_FRAME0), 0, UVMF_INVLPG);
    check(l1[PT_INDEX(pfn_to_va(PFN_MAP_G), 12)] & _PAGE_PRESENT,
          "the destroy cleared an entry reached through frame 0 (G's)");
    check(l1[PT_INDEX(pfn_to_va(PFN_MAP_R), 12)] & _PAGE_PRESENT,
          "the destroy cleared an entry reached through frame 0 (R's)");
}

static void granter(void)
{
    bool planted;
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = PEER };
    volatile struct grant_entry_v1 *t = setup_table();
    uint8_t *g = (void *)pfn_to_va(PFN_G);
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = PEER };
    evtchn_port_t dom_exc;
    unsigned int wrong = 0;
    long rc;

    memset(g, 0, PAGE_SIZE);
    memset((void *)pfn_to_va(PFN_R), 0x77, PAGE_SIZE);
    /* Where our own L1 entry for G is, for domain 1 to try. */
    ((uint64_t *)pfn_to_va(PFN_R))[1] = pt_l1e_maddr(pfn_to_va(PFN_G));
    t[REF_G].domid = t[REF_R].domid = PEER;
    t[REF_G].frame = pfn_to_mfn(PFN_G);
    t[REF_R].frame = pfn_to_mfn(PFN_R);
    __asm__ volatile ( "" ::: "memory" );
    t[REF_G].flags = GTF_permit_access;
    t[REF_R].flags = GTF_permit_access | GTF_readonly;

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au), "alloc_unbound") ||
         !check_eq(au.port, 1, "dom0's first port") )
        return;
    dom_exc = bind_dom_exc();
    /* Signal only once domain 1 has dropped the event its bind raised. */
    if ( !check(wait_event(au.port, 20 * NS_PER_S), "domain 1 never got ready") )
        return;
    send(au.port);
    if ( !check(wait_event(au.port, 20 * NS_PER_S), "domain 1 never mapped") )
        return;
    expect_shutdown(PEER, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);

    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        wrong += g[i] != pattern(i);
    check(!wrong, "%u bytes of G are not domain 1's pattern", wrong);
    /* Shut down is not dead: its mappings still hold the grants. */
    check_eq(t[REF_G].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "G's grant while the dead-to-be maps it");
    check_eq(t[REF_R].flags, GTF_permit_access | GTF_readonly | GTF_reading,
             "R's grant likewise");

    if ( !(planted = plant_fake_tables()) )
        xtest_info("machine frame 0 cannot be mapped: no look-alike tables");
    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain(1)");
    if ( planted )
        check_fake_tables();
    check_eq(t[REF_G].flags, GTF_permit_access, "G's grant after the destroy");
    check_eq(t[REF_R].flags, GTF_permit_access | GTF_readonly,
             "R's grant after the destroy");
    t[REF_G].flags = 0;
    t[REF_R].flags = 0;

    /* No writable type left on G: it can become an L1 table (it is all
     * zeroes once more) once our own mapping of it is read-only. */
    memset(g, 0, PAGE_SIZE);
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G),
                                                (pfn_to_mfn(PFN_G) << 12) | PTE_RO,
                                                UVMF_INVLPG), "G read-only");
    rc = mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_G));
    check_eq(rc, 0, "pinning G as an L1 table");
    if ( !rc )
        check_eq(mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_G)), 0, "unpinning G");
    give_back_both();
}

void test_main(void)
{
    if ( pv_is_initdomain() )
        granter();
    else
        grantee();
}

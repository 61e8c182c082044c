/*
 * grant-interdomain.c - grants between dom0 and a boot-time domU (ours
 * only: Xen 4.17 cannot start a domU at boot on x86).
 *
 * Domain 1 sets up its grant table, grants dom0 page P writable (ref 8)
 * and page Q read-only (ref 9), and signals dom0 over an interdomain event
 * channel (dom0's port 1).  dom0 maps P and reads domain 1's pattern,
 * writes through the mapping, copies out of P and into P with GNTTABOP_copy
 * (exactly the bytes asked for), is refused a writable map of Q, a grant
 * not offered, and a copy past the page end; it maps Q read-only and
 * signals back.  Domain 1 checks every byte dom0 changed and nothing else,
 * then powers off while dom0 still maps Q: Q must stay readable to dom0
 * until its unmap, and be freed by that unmap.
 *
 * The same, the way Linux's gntdev maps (GNTMAP_contains_pte: host_addr
 * is the machine address of an L1 entry): dom0 maps P into one of its
 * own L1 entries, reads and writes it, and is refused domain 1's L1
 * entry (domain 1 leaves its address in P); it also maps Q a second time
 * so, and after domain 1 is gone, unmapping that one frees nothing while
 * the last unmap still frees Q.
 *
 * pvtest-domU: name=granter,mem=16M self
 * pvtest-timeout: 90
 */
#include "peer.h"
#include <public/errno.h>
#include <public/grant_table.h>

const char test_title[] = "grant-interdomain: map and copy between dom0 and a domU";

#define PEER       1
#define PFN_TABLE  0x30
#define PFN_P      0x31
#define PFN_Q      0x32
#define PFN_MAP_P  0x33     /* dom0: where P is mapped */
#define PFN_MAP_Q  0x34     /* dom0: where Q is mapped */
#define PFN_COPY   0x35     /* dom0: copy target */
#define PFN_PTE_P  0x36     /* dom0: P mapped by PTE address */
#define PFN_PTE_Q  0x37     /* dom0: Q mapped by PTE address */
#define L1E_AT     2048     /* where in P domain 1 leaves an L1e address */
#define REF_P      8
#define REF_Q      9
#define REF_NONE   10
#define PTE_RW     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static uint8_t pattern(unsigned int i)
{
    return (uint8_t)(i * 13 + 5);
}

/* ---- domain 1: the granter ---- */

/* P's byte i once dom0 wrote 0xd0 at 0..7 and 0x8e at 8 (by PTE address),
 * l1e being what we left at L1E_AT; dom0 then copies 0..64 to 1000. */
static uint8_t written(unsigned int i, uint64_t l1e)
{
    if ( i < 8 )
        return 0xd0;
    if ( i == 8 )
        return 0x8e;
    if ( i >= L1E_AT && i < L1E_AT + 8 )
        return ((const uint8_t *)&l1e)[i - L1E_AT];
    return pattern(i);
}

static void granter(void)
{
    evtchn_port_t port;
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    volatile struct grant_entry_v1 *t = (void *)pfn_to_va(PFN_TABLE);
    uint8_t *p = (void *)pfn_to_va(PFN_P), *q = (void *)pfn_to_va(PFN_Q);
    xen_pfn_t frame = 0;
    unsigned int wrong = 0;
    uint64_t l1e;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE),
                                                      (frame << 12) | PTE_RW,
                                                      UVMF_INVLPG),
                         "mapping the grant table") )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        p[i] = q[i] = pattern(i);
    l1e = pt_l1e_maddr(pfn_to_va(PFN_P));
    memcpy(p + L1E_AT, &l1e, 8);
    t[REF_P].domid = t[REF_Q].domid = 0;
    t[REF_P].frame = pfn_to_mfn(PFN_P);
    t[REF_Q].frame = pfn_to_mfn(PFN_Q);
    __asm__ volatile ( "" ::: "memory" );
    t[REF_P].flags = GTF_permit_access;
    t[REF_Q].flags = GTF_permit_access | GTF_readonly;

    if ( !bind_to_dom0(&port) )
        return;
    send(port);                  /* ready */
    if ( !check(wait_event(port, 20 * NS_PER_S), "dom0 never answered") )
        return;
    /* dom0 wrote 0xd0 at 0..7 and 0x8e at 8 through its mappings, and
     * copied P[0..64) to P[1000..1064). */
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
    {
        uint8_t want = (i >= 1000 && i < 1064) ? written(i - 1000, l1e)
                                               : written(i, l1e);

        wrong += p[i] != want;
    }
    check(!wrong, "%u bytes of P are not what dom0 should have made them", wrong);
    check_eq(t[REF_P].flags, GTF_permit_access, "P's grant after dom0's unmap");
    check_eq(t[REF_Q].flags, GTF_permit_access | GTF_readonly | GTF_reading,
             "Q's grant while dom0 maps it");
    /* Power off now, with Q still mapped by dom0. */
}

/* ---- dom0: the grantee ---- */

static int16_t copy(bool out_of_p, uint16_t soff, uint16_t doff, uint16_t len)
{
    struct gnttab_copy c = { .len = len };

    if ( out_of_p )
    {
        c.source = (struct gnttab_copy_ptr){ .u.ref = REF_P, .domid = PEER,
                                            .offset = soff };
        c.dest = (struct gnttab_copy_ptr){ .u.gmfn = pfn_to_mfn(PFN_COPY),
                                          .domid = DOMID_SELF, .offset = doff };
        c.flags = GNTCOPY_source_gref;
    }
    else
    {
        c.source = (struct gnttab_copy_ptr){ .u.gmfn = pfn_to_mfn(PFN_COPY),
                                            .domid = DOMID_SELF, .offset = soff };
        c.dest = (struct gnttab_copy_ptr){ .u.ref = REF_P, .domid = PEER,
                                          .offset = doff };
        c.flags = GNTCOPY_dest_gref;
    }
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_copy, &c, 1), "grant copy");
    return c.status;
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static int16_t pte_map(grant_ref_t ref, uint64_t ma, uint32_t flags,
                       grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = ma, .ref = ref, .dom = PEER,
        .flags = flags | GNTMAP_host_map | GNTMAP_contains_pte,
    };

    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1),
                   "map_grant_ref");
    *h = m.handle;
    return m.status;
}

static int16_t pte_unmap(uint64_t ma, grant_handle_t h)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = ma, .handle = h };

    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1),
                   "unmap_grant_ref");
    return u.status;
}

/* Machine address of our L1 entry for pfn, emptied first. */
static uint64_t own_l1e(unsigned long pfn)
{
    HYPERVISOR_update_va_mapping(pfn_to_va(pfn), 0, UVMF_INVLPG);
    return pt_l1e_maddr(pfn_to_va(pfn));
}

/* P (mapped at mp too) by PTE address: refused domain 1's L1 entry,
 * then into ours: read, write byte 8, unmap. */
static void pte_map_p(const uint8_t *mp)
{
    volatile uint8_t *v = (void *)pfn_to_va(PFN_PTE_P);
    uint64_t theirs, ma = own_l1e(PFN_PTE_P);
    grant_handle_t h;

    memcpy(&theirs, mp + L1E_AT, 8);
    xtest_info("domain 1's L1 entry for P at %#lx", theirs);
    check_eq(pte_map(REF_P, theirs, GNTMAP_application_map, &h),
             GNTST_general_error, "map into domain 1's L1 entry");
    check_eq(pte_map(REF_P, theirs, GNTMAP_readonly, &h),
             GNTST_general_error, "read-only map into domain 1's L1 entry");
    if ( !check_eq(pte_map(REF_P, ma, GNTMAP_application_map, &h), GNTST_okay,
                   "map of P by PTE address") )
        return;
    check_eq(v[100], pattern(100), "P's byte 100 by PTE address");
    v[8] = 0x8e;
    check_eq(((volatile const uint8_t *)mp)[8], 0x8e,
             "a write by PTE address seen through the other");
    check_eq(pte_unmap(ma, h), GNTST_okay, "unmap of P by PTE address");
    check_eq(pt_leaf(pfn_to_va(PFN_PTE_P)), 0, "the entry after it");
}

static void grantee(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = PEER };
    uint8_t *mp = (void *)pfn_to_va(PFN_MAP_P), *mq = (void *)pfn_to_va(PFN_MAP_Q);
    uint8_t *c = (void *)pfn_to_va(PFN_COPY);
    grant_handle_t hp, hq, hq2, hx;
    evtchn_port_t dom_exc;
    unsigned int wrong = 0;
    uint64_t before;

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au), "alloc_unbound") ||
         !check_eq(au.port, 1, "dom0's first port") )
        return;
    dom_exc = bind_dom_exc();
    if ( !check(wait_event(au.port, 20 * NS_PER_S), "domain 1 never got ready") )
        return;

    if ( !check_eq(peer_map(PEER, REF_P, PFN_MAP_P, GNTMAP_host_map, &hp),
                   GNTST_okay, "map of P") )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        wrong += mp[i] != pattern(i) && (i < L1E_AT || i >= L1E_AT + 8);
    check(!wrong, "%u bytes of P read wrong through the mapping", wrong);
    memset(c, 0xee, PAGE_SIZE);
    check_eq(copy(true, 0, 100, 64), GNTST_okay, "copy out of P");
    wrong = 0;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        wrong += c[i] != (i >= 100 && i < 164 ? pattern(i - 100) : 0xee);
    check(!wrong, "%u bytes wrong after the copy out of P", wrong);
    pte_map_p(mp);
    memset(mp, 0xd0, 8);                  /* through the mapping */
    memcpy(c, mp, 64);                    /* P[0..64) as it is now */
    check_eq(copy(false, 0, 1000, 64), GNTST_okay, "copy into P");
    check_eq(copy(false, 0, 4090, 64), GNTST_bad_copy_arg, "copy past P's end");
    check_eq(peer_unmap(PFN_MAP_P, hp), GNTST_okay, "unmap of P");

    check_eq(peer_map(PEER, REF_Q, PFN_MAP_Q, GNTMAP_host_map, &hx),
             GNTST_general_error, "writable map of the read-only Q");
    check_eq(peer_map(PEER, REF_NONE, PFN_MAP_Q, GNTMAP_host_map, &hx),
             GNTST_general_error, "map of a grant not offered");
    if ( !check_eq(peer_map(PEER, REF_Q, PFN_MAP_Q,
                            GNTMAP_host_map | GNTMAP_readonly, &hq),
                   GNTST_okay, "read-only map of Q") )
        return;
    if ( !check_eq(pte_map(REF_Q, own_l1e(PFN_PTE_Q), GNTMAP_readonly, &hq2),
                   GNTST_okay, "read-only map of Q by PTE address") )
        return;
    send(au.port);                        /* done: domain 1 checks and dies */
    expect_shutdown(PEER, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);

    /* Its pages are still its (a domain that has shut down is not gone);
     * destroy it, then Q lives on only through our mapping. */
    {
        struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = PEER };

        check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain(1)");
    }
    wrong = 0;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        wrong += mq[i] != pattern(i);
    check(!wrong, "Q changed (%u bytes) after its owner died", wrong);
    check_eq(*(volatile uint8_t *)pfn_to_va(PFN_PTE_Q), pattern(0),
             "Q by PTE address after its owner died");
    before = free_pages();
    check_eq(pte_unmap(pt_l1e_maddr(pfn_to_va(PFN_PTE_Q)), hq2), GNTST_okay,
             "unmap of Q by PTE address after its owner died");
    check_eq(free_pages(), before, "free pages while Q is still mapped once");
    check_eq(peer_unmap(PFN_MAP_Q, hq), GNTST_okay, "unmap of Q after its owner died");
    check_eq(free_pages(), before + 1, "free pages after the last hold on Q went");
}

void test_main(void)
{
    if ( pv_is_initdomain() )
        grantee();
    else
        granter();
}

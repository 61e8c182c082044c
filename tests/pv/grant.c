/*
 * grant.c - grant tables, version 1, within one domain (a domain may map
 * and copy through its own grants, as on Xen).
 *
 * dom0 sets up its table (GNTTABOP_setup_table, mapping the frame it gets
 * back), grants pages to itself and checks: a host mapping of a grant
 * shows the granted page and marks the entry GTF_reading|GTF_writing
 * until the unmap; a read-only grant maps only read-only (a write faults)
 * and refuses a writable map; a grant not offered, a ref beyond the
 * table and a bad handle are refused with Xen's status codes; grant copy
 * moves exactly the bytes asked for, refuses a range past the page end
 * and a write through a read-only grant, and changes nothing then;
 * query_size and the version ops answer as on Xen.
 *
 * The table's end: the last ref of the table (nr_frames x 512 - 1) is an
 * entry like any other (not offered: general error), the next one is
 * GNTST_bad_gntref, for map and copy alike.  Copy by frame number (no
 * GNTCOPY_*_gref flag) is only for DOMID_SELF's own frames: a hypervisor
 * frame is GNTST_bad_page, naming a domain id (even one's own) is
 * GNTST_permission_denied (after a domain that does not exist,
 * GNTST_bad_domain), and the other side is left untouched.  Giving the
 * grant table's frame back (decrease_reservation) never frees it: the
 * free-page count stays, and the table keeps working.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <pv/pagetable.h>

const char test_title[] = "grant: v1 grant tables within one domain";

#define PFN_TABLE 0x30      /* where we map our grant table frame */
#define PFN_A     0x31      /* granted page */
#define PFN_B     0x32      /* a plain page (copy target) */
#define PFN_M     0x33      /* the va we map grants at */
#define PFN_R     0x34      /* read-only granted page */
#define REF_A     10
#define REF_R     11
#define REF_NONE  12
#define PTE_RW    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static volatile struct grant_entry_v1 *table;
static domid_t self;
static unsigned long table_mfn;
static unsigned int table_frames;

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return HYPERVISOR_grant_table_op(cmd, op, count);
}

static void grant(grant_ref_t ref, unsigned long pfn, uint16_t flags)
{
    table[ref].domid = self;
    table[ref].frame = pfn_to_mfn(pfn);
    __asm__ volatile ( "" ::: "memory" );   /* flags last, as the ABI says */
    table[ref].flags = flags;
}

static void setup(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0;

    check_rc_setup(gnttab(GNTTABOP_query_size, &q, 1), "query_size");
    xtest_info("query_size: %u of at most %u frames", q.nr_frames,
               q.max_nr_frames);
    check_eq(q.status, GNTST_okay, "query_size status");
    check(q.max_nr_frames >= 1 && q.nr_frames <= q.max_nr_frames,
          "query_size: %u of %u", q.nr_frames, q.max_nr_frames);
    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(gnttab(GNTTABOP_setup_table, &st, 1), "setup_table") ||
         !check_eq(st.status, GNTST_okay, "setup_table status") )
        xtest_exit();
    if ( !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE),
                                                      (frame << 12) | PTE_RW,
                                                      UVMF_INVLPG),
                         "mapping the grant table frame") )
        xtest_exit();
    table = (void *)pfn_to_va(PFN_TABLE);
    table_mfn = frame;
    table_frames = st.nr_frames;
    self = 0;               /* dom0: DOMID_SELF does not name a granter */
    /* The va we map grants at starts empty. */
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_M), 0,
                                                UVMF_INVLPG), "unmapping M");
}

static int16_t map(grant_ref_t ref, uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(PFN_M),
                                      .flags = flags, .ref = ref, .dom = self };

    check_rc_setup(gnttab(GNTTABOP_map_grant_ref, &m, 1), "map_grant_ref");
    *h = m.handle;
    return m.status;
}

static int16_t unmap(grant_handle_t h)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = pfn_to_va(PFN_M),
                                        .handle = h };

    check_rc_setup(gnttab(GNTTABOP_unmap_grant_ref, &u, 1), "unmap_grant_ref");
    return u.status;
}

static void check_map_rw(void)
{
    volatile uint64_t *a = (void *)pfn_to_va(PFN_A), *m = (void *)pfn_to_va(PFN_M);
    grant_handle_t h;
    uint64_t v = 0;

    *a = 0x1111;
    grant(REF_A, PFN_A, GTF_permit_access);
    if ( !check_eq(map(REF_A, GNTMAP_host_map, &h), GNTST_okay, "map of REF_A") )
        return;
    check_eq(table[REF_A].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "entry flags while mapped writable");
    check_exinfo(probe_read64(m, &v), EXINFO_NONE, "read through the mapping");
    check_eq(v, 0x1111, "the granted page through the mapping");
    *m = 0x2222;
    check_eq(*a, 0x2222, "a write through the mapping, seen in the page");
    check_eq(unmap(h), GNTST_okay, "unmap");
    check_eq(table[REF_A].flags, GTF_permit_access, "entry flags after unmap");
    check_exinfo(probe_read64(m, &v), EXINFO(X86_EXC_PF, 0), "read after unmap");
    check_eq(unmap(h), GNTST_bad_handle, "unmap of the same handle again");
    check_eq(unmap(0x7777), GNTST_bad_handle, "unmap of a handle never given");
}

static void check_map_ro(void)
{
    volatile uint64_t *r = (void *)pfn_to_va(PFN_R), *m = (void *)pfn_to_va(PFN_M);
    grant_handle_t h;
    uint64_t v = 0;

    *r = 0x3333;
    grant(REF_R, PFN_R, GTF_permit_access | GTF_readonly);
    check_eq(map(REF_R, GNTMAP_host_map, &h), GNTST_general_error,
             "writable map of a read-only grant");
    if ( !check_eq(map(REF_R, GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_okay,
                   "read-only map of a read-only grant") )
        return;
    check_eq(table[REF_R].flags, GTF_permit_access | GTF_readonly | GTF_reading,
             "entry flags while mapped read-only");
    check_exinfo(probe_read64(m, &v), EXINFO_NONE, "read through a r/o mapping");
    check_eq(v, 0x3333, "the read-only page");
    check_exinfo(probe_write64(m, 1), EXINFO(X86_EXC_PF, X86_PFEC_PRESENT |
                                            X86_PFEC_WRITE),
                 "write through a read-only mapping");
    check_eq(*r, 0x3333, "the read-only page after the refused write");
    check_eq(unmap(h), GNTST_okay, "unmap of the r/o mapping");
}

static void check_refusals(void)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(PFN_M),
                                      .flags = GNTMAP_host_map, .dom = self };

    table[REF_NONE].flags = 0;
    m.ref = REF_NONE;
    gnttab(GNTTABOP_map_grant_ref, &m, 1);
    check_eq(m.status, GNTST_general_error, "map of a grant not offered");
    m.ref = 1u << 30;
    gnttab(GNTTABOP_map_grant_ref, &m, 1);
    check_eq(m.status, GNTST_bad_gntref, "map of a ref beyond the table");
    m.ref = REF_A;
    m.dom = 0x7777;
    gnttab(GNTTABOP_map_grant_ref, &m, 1);
    check_eq(m.status, GNTST_bad_domain, "map from a domain that does not exist");
    m.dom = self;
    m.flags = 0;
    gnttab(GNTTABOP_map_grant_ref, &m, 1);
    check_eq(m.status, GNTST_bad_gntref, "map with neither host nor device flag");
}

static int16_t copy(uint16_t soff, uint16_t doff, uint16_t len, grant_ref_t dref,
                    bool dest_by_ref)
{
    struct gnttab_copy c = {
        .source = { .u.ref = REF_A, .domid = self, .offset = soff },
        .dest = { .domid = DOMID_SELF, .offset = doff },
        .len = len,
        .flags = GNTCOPY_source_gref,
    };

    if ( dest_by_ref )
    {
        c.dest.u.ref = dref;
        c.dest.domid = self;
        c.flags |= GNTCOPY_dest_gref;
    }
    else
        c.dest.u.gmfn = pfn_to_mfn(PFN_B);
    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    return c.status;
}

static void check_copy(void)
{
    uint8_t *a = (void *)pfn_to_va(PFN_A), *b = (void *)pfn_to_va(PFN_B);
    uint8_t *r = (void *)pfn_to_va(PFN_R);
    bool ok = true;

    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
    {
        a[i] = i * 7;
        b[i] = 0xee;
    }
    check_eq(copy(100, 200, 50, 0, false), GNTST_okay, "copy 50 bytes");
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        ok &= b[i] == (i >= 200 && i < 250 ? (uint8_t)((i - 100) * 7) : 0xee);
    check(ok, "copy moved other bytes than asked for");
    check_eq(copy(4090, 0, 10, 0, false), GNTST_bad_copy_arg,
             "copy from past the page end");
    check_eq(copy(0, 4095, 2, 0, false), GNTST_bad_copy_arg,
             "copy to past the page end");
    check_eq(b[0], 0xee, "destination after refused copies");
    check_eq(copy(0, 0, 8, REF_R, true), GNTST_general_error,
             "copy into a read-only grant");
    check_eq(*(volatile uint64_t *)r, 0x3333, "the read-only page after it");
    check_eq(table[REF_A].flags, GTF_permit_access, "REF_A's flags after copies");
}

/* One map of ref, its status. */
static int16_t map_status(grant_ref_t ref)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(PFN_M),
                                      .flags = GNTMAP_host_map, .ref = ref,
                                      .dom = self };

    check_rc_setup(gnttab(GNTTABOP_map_grant_ref, &m, 1), "map_grant_ref");
    if ( m.status == GNTST_okay )
        unmap(m.handle);
    return m.status;
}

/* A copy of 8 bytes from ref (a grant of ours) into page B, its status. */
static int16_t copy_from_ref(grant_ref_t ref)
{
    struct gnttab_copy c = {
        .source = { .u.ref = ref, .domid = self },
        .dest = { .u.gmfn = pfn_to_mfn(PFN_B), .domid = DOMID_SELF },
        .len = 8, .flags = GNTCOPY_source_gref,
    };

    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    return c.status;
}

/* The refs on either side of the table's end. */
static void check_table_end(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    grant_ref_t end;

    check_rc_setup(gnttab(GNTTABOP_query_size, &q, 1), "query_size");
    end = q.nr_frames * (PAGE_SIZE / sizeof(struct grant_entry_v1));
    xtest_info("table: %u frames, refs 0..%u", q.nr_frames, end - 1);
    if ( q.nr_frames == table_frames )
        table[end - 1].flags = 0;       /* the last entry is in our frame */
    check_eq(map_status(end - 1), GNTST_general_error,
             "map of the table's last ref (not offered)");
    check_eq(map_status(end), GNTST_bad_gntref,
             "map of the first ref past the table");
    check_eq(copy_from_ref(end - 1), GNTST_general_error,
             "copy from the table's last ref (not offered)");
    check_eq(copy_from_ref(end), GNTST_bad_gntref,
             "copy from the first ref past the table");
}

/* A present L4 entry in the hypervisor's slots names a frame of Xen's. */
static unsigned long xen_frame(void)
{
    const volatile uint64_t *l4 = (const volatile uint64_t *)
                                  mfn_to_va(pt_root_mfn());

    for ( unsigned int i = 256; i < 272; i++ )
        if ( l4[i] & _PAGE_PRESENT )
            return (l4[i] & PTE_ADDR_MASK) >> PAGE_SHIFT;
    return 0;
}

/* A copy by frame number: src_mfn -> dst_mfn, both named with domid. */
static int16_t copy_frames(unsigned long src_mfn, domid_t sdom,
                           unsigned long dst_mfn, domid_t ddom)
{
    struct gnttab_copy c = {
        .source = { .u.gmfn = src_mfn, .domid = sdom },
        .dest = { .u.gmfn = dst_mfn, .domid = ddom },
        .len = 64,
    };

    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy by frame");
    return c.status;
}

static bool all_bytes(const volatile uint8_t *p, uint8_t v)
{
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        if ( p[i] != v )
            return false;
    return true;
}

static void check_copy_by_frame(void)
{
    volatile uint8_t *a = (void *)pfn_to_va(PFN_A), *b = (void *)pfn_to_va(PFN_B);
    unsigned long xmfn = xen_frame(), amfn = pfn_to_mfn(PFN_A);
    unsigned long bmfn = pfn_to_mfn(PFN_B);

    memset((void *)a, 0x5a, PAGE_SIZE);
    memset((void *)b, 0xee, PAGE_SIZE);
    check_eq(copy_frames(amfn, DOMID_SELF, bmfn, DOMID_SELF), GNTST_okay,
             "copy between two of our own frames");
    check_eq(b[63], 0x5a, "the copy between our own frames");
    memset((void *)b, 0xee, PAGE_SIZE);
    if ( !check(xmfn != 0, "no hypervisor frame in the L4") )
        return;
    xtest_info("hypervisor frame %#lx", xmfn);
    check_eq(copy_frames(xmfn, DOMID_SELF, bmfn, DOMID_SELF), GNTST_bad_page,
             "copy from a hypervisor frame, no grant");
    check(all_bytes(b, 0xee), "destination changed by a refused copy");
    check_eq(copy_frames(amfn, DOMID_SELF, xmfn, DOMID_SELF), GNTST_bad_page,
             "copy into a hypervisor frame, no grant");
    /* Only DOMID_SELF may name frames, even our own id is refused. */
    check_eq(copy_frames(amfn, 0, bmfn, DOMID_SELF), GNTST_permission_denied,
             "copy by frame from domid 0 (ourselves)");
    check_eq(copy_frames(amfn, 0x7777, bmfn, DOMID_SELF), GNTST_bad_domain,
             "copy by frame from domain 0x7777");
    check_eq(copy_frames(amfn, DOMID_SELF, bmfn, 0), GNTST_permission_denied,
             "copy by frame into domid 0 (ourselves)");
    check(all_bytes(b, 0xee), "destination changed by a refused copy");
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

/*
 * The table's frame is the hypervisor's: giving it back must not free it
 * to the heap, not even once we unmap it.  (Our hypervisor refuses, 0
 * extents done; Xen 4.17 counts the extent but only disowns the page and
 * keeps it for the table.)  The table works on.  Runs last: on Xen the
 * frame cannot be mapped again.
 */
static void check_give_back_table(void)
{
    xen_pfn_t f = table_mfn;
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };
    uint64_t before = free_pages();
    grant_handle_t h;
    long rc;

    grant(REF_A, PFN_A, GTF_permit_access);
    set_xen_guest_handle(r.extent_start, &f);
    rc = HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r);
    xtest_info("decrease_reservation of the table's frame: %ld", rc);
    if ( !hv_is_xen() )
        check_eq(rc, 0, "decrease_reservation of the grant table's frame");
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE), 0,
                                                UVMF_INVLPG),
                   "unmapping the table frame");
    check_eq(free_pages(), before, "free pages after giving the table back");
    if ( check_eq(map(REF_A, GNTMAP_host_map, &h), GNTST_okay,
                  "a grant through the table after that") )
        check_eq(unmap(h), GNTST_okay, "its unmap");
}

static void check_versions(void)
{
    struct gnttab_set_version sv = { .version = 1 };
    struct gnttab_get_version gv = { .dom = DOMID_SELF };

    check_eq(gnttab(GNTTABOP_set_version, &sv, 1), 0, "set_version(1)");
    check_eq(sv.version, 1, "version in effect");
    check_eq(gnttab(GNTTABOP_get_version, &gv, 1), 0, "get_version");
    check_eq(gv.version, 1, "get_version's answer");
    check_eq(gnttab(99, NULL, 1), -XEN_ENOSYS, "an unknown grant op");
}

void test_main(void)
{
    setup();
    check_map_rw();
    check_map_ro();
    check_refusals();
    check_copy();
    check_table_end();
    check_copy_by_frame();
    check_versions();
    check_give_back_table();
}

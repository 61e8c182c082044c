/*
 * grant-v2.c - grant tables version 2 within one domain (dom0 granting to
 * itself, which Xen allows as well).
 *
 * Switching: set_version refuses an unknown version (-EINVAL, the version
 * in effect written back) and any switch while a grant beyond the 8
 * reserved entries is in use (-EBUSY); a reserved entry may stay mapped
 * across a switch, its in-use bits moving between the v1 flags and the v2
 * status array.  A switch clears every other entry.  Back to v1 is
 * refused while a reserved v2 entry cannot be written as v1 (a frame above
 * 32 bits: -ERANGE) and while the status frame is mapped (-EBUSY); after
 * it the status frame is gone (it can no longer be mapped) and
 * get_status_frames has none to give.
 *
 * Version 2 itself: 256 entries a frame (a ref past nr_frames x 256 is
 * GNTST_bad_gntref); get_status_frames gives the status frames (one per 8
 * table frames, more asked for is a general error); a full_page grant
 * maps and copies, its in-use bits appearing in the status array, not in
 * the flags; read-only grants stay read-only; a sub_page grant copies only
 * inside its window and never maps; a transitive grant never maps.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>

const char test_title[] = "grant-v2: grant tables version 2 within one domain";

#define PFN_TABLE   0x48    /* our grant table frame */
#define PFN_STATUS  0x49    /* our status frame */
#define PFN_A       0x4a    /* granted pages */
#define PFN_R       0x4b
#define PFN_B       0x4c    /* a plain page (copy target) */
#define PFN_M       0x4d    /* where grants get mapped */
#define PFN_M2      0x4e    /* where the reserved grant gets mapped */
#define PFN_TABLE9  0x4f    /* the ninth table frame */
#define REF_RSV     2       /* a reserved entry (below 8) */
#define REF_A       20
#define REF_R       21
#define REF_S       22      /* sub_page */
#define REF_T       23      /* transitive */
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)

static volatile struct grant_entry_v1 *v1;
static volatile union grant_entry_v2 *v2;
static volatile grant_status_t *status;
static unsigned long status_mfn;

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return HYPERVISOR_grant_table_op(cmd, op, count);
}

static long set_version(uint32_t want, uint32_t *now)
{
    struct gnttab_set_version sv = { .version = want };
    long rc = gnttab(GNTTABOP_set_version, &sv, 1);

    *now = sv.version;
    return rc;
}

static uint32_t get_version(void)
{
    struct gnttab_get_version gv = { .dom = DOMID_SELF };

    check_rc_setup(gnttab(GNTTABOP_get_version, &gv, 1), "get_version");
    return gv.version;
}

static int16_t status_frames(uint32_t nr, uint64_t *frames)
{
    struct gnttab_get_status_frames gs = { .nr_frames = nr, .dom = DOMID_SELF };

    set_xen_guest_handle(gs.frame_list, frames);
    check_rc_setup(gnttab(GNTTABOP_get_status_frames, &gs, 1),
                   "get_status_frames");
    return gs.status;
}

static int16_t setup_table(uint32_t nr, xen_pfn_t *frames)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = nr };

    set_xen_guest_handle(st.frame_list, frames);
    check_rc_setup(gnttab(GNTTABOP_setup_table, &st, 1), "setup_table");
    return st.status;
}

static int16_t map_at(unsigned long pfn, grant_ref_t ref, uint32_t flags,
                      grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = pfn_to_va(pfn),
                                      .flags = flags, .ref = ref, .dom = 0 };

    check_rc_setup(gnttab(GNTTABOP_map_grant_ref, &m, 1), "map_grant_ref");
    *h = m.handle;
    return m.status;
}

static int16_t unmap_at(unsigned long pfn, grant_handle_t h)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = pfn_to_va(pfn), .handle = h };

    check_rc_setup(gnttab(GNTTABOP_unmap_grant_ref, &u, 1), "unmap_grant_ref");
    return u.status;
}

/* Copy len bytes from ref (at soff) to PFN_B (at doff). */
static int16_t copy_from(grant_ref_t ref, uint16_t soff, uint16_t doff,
                         uint16_t len)
{
    struct gnttab_copy c = {
        .source = { .u.ref = ref, .domid = 0, .offset = soff },
        .dest = { .u.gmfn = pfn_to_mfn(PFN_B), .domid = DOMID_SELF,
                  .offset = doff },
        .len = len, .flags = GNTCOPY_source_gref,
    };

    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    return c.status;
}

static long remap(unsigned long pfn, unsigned long mfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        mfn ? (mfn << PAGE_SHIFT) | flags : 0,
                                        UVMF_INVLPG);
}

static void grant_v1(grant_ref_t ref, unsigned long pfn, uint16_t flags)
{
    v1[ref].domid = 0;
    v1[ref].frame = pfn_to_mfn(pfn);
    __asm__ volatile ( "" ::: "memory" );
    v1[ref].flags = flags;
}

static void grant_v2(grant_ref_t ref, unsigned long pfn, uint16_t flags)
{
    v2[ref].full_page.frame = pfn_to_mfn(pfn);
    v2[ref].hdr.domid = 0;
    __asm__ volatile ( "" ::: "memory" );
    v2[ref].hdr.flags = flags;
}

static void setup(void)
{
    xen_pfn_t frame = 0;

    if ( !check_eq(get_version(), 1, "the version a domain starts with") ||
         !check_eq(setup_table(1, &frame), GNTST_okay, "setup_table") ||
         !check_rc_setup(remap(PFN_TABLE, frame, PTE_RW), "mapping the table") )
        xtest_exit();
    v1 = (void *)pfn_to_va(PFN_TABLE);
    v2 = (void *)pfn_to_va(PFN_TABLE);
    remap(PFN_M, 0, 0);
    remap(PFN_M2, 0, 0);
    *(volatile uint64_t *)pfn_to_va(PFN_A) = 0xa1a1;
    *(volatile uint64_t *)pfn_to_va(PFN_R) = 0xb2b2;
}

/* ---- v1 -> v2 ---- */

static void check_to_v2(grant_handle_t *h_rsv)
{
    uint64_t frames[2] = { 0, 0 };
    grant_handle_t h;
    uint32_t now;
    long rc;

    check_eq(status_frames(0, frames), GNTST_okay, "v1: no status frames asked");
    check_eq(status_frames(1, frames), GNTST_general_error,
             "v1: a status frame asked for");
    check_eq(set_version(3, &now), -XEN_EINVAL, "set_version(3)");
    check_eq(now, 1, "the version written back after set_version(3)");

    /* A grant in use beyond the reserved ones blocks the switch. */
    grant_v1(REF_A, PFN_A, GTF_permit_access);
    if ( !check_eq(map_at(PFN_M, REF_A, GNTMAP_host_map, &h), GNTST_okay,
                   "v1 map of REF_A") )
        return;
    check_eq(set_version(2, &now), -XEN_EBUSY, "set_version(2), REF_A mapped");
    check_eq(now, 1, "the version after the refused switch");
    check_eq(unmap_at(PFN_M, h), GNTST_okay, "v1 unmap of REF_A");

    /* A reserved one does not: it stays mapped across the switch. */
    grant_v1(REF_RSV, PFN_R, GTF_permit_access);
    if ( !check_eq(map_at(PFN_M2, REF_RSV, GNTMAP_host_map, h_rsv), GNTST_okay,
                   "v1 map of the reserved entry") )
        return;
    rc = set_version(2, &now);
    xtest_info("set_version(2) with reserved entry %u mapped: rc %ld", REF_RSV, rc);
    if ( !check_eq(rc, 0, "set_version(2)") || !check_eq(now, 2, "version now") )
        xtest_exit();
    check_eq(get_version(), 2, "get_version after the switch");
    check_eq(set_version(2, &now), 0, "set_version(2) again");
    check_eq(v2[REF_RSV].hdr.flags, GTF_permit_access,
             "the reserved entry's v2 flags");
    check_eq(v2[REF_RSV].full_page.frame, pfn_to_mfn(PFN_R),
             "the reserved entry's v2 frame");
    check_eq(v2[REF_A].hdr.flags | v2[REF_A].full_page.frame |
             v1[REF_A].frame, 0, "REF_A's traces after the switch");
}

/* ---- version 2 at work ---- */

static void check_status_frames(void)
{
    uint64_t frames[2] = { 0, 0 };
    struct gnttab_query_size q = { .dom = DOMID_SELF };

    check_rc_setup(gnttab(GNTTABOP_query_size, &q, 1), "query_size");
    xtest_info("v2 query_size: %u of %u frames", q.nr_frames, q.max_nr_frames);
    check_eq(q.nr_frames, 1, "v2 frames in use");
    check_eq(status_frames(2, frames), GNTST_general_error,
             "two status frames for one table frame");
    if ( !check_eq(status_frames(1, frames), GNTST_okay, "get_status_frames") )
        xtest_exit();
    status_mfn = frames[0];
    if ( !check_rc_setup(remap(PFN_STATUS, status_mfn, PTE_RO),
                         "mapping the status frame") )
        xtest_exit();
    status = (void *)pfn_to_va(PFN_STATUS);
    check_eq(status[REF_RSV], GTF_reading | GTF_writing,
             "the mapped reserved entry's status");
}

static void check_full_page(void)
{
    volatile uint64_t *m = (void *)pfn_to_va(PFN_M);
    grant_handle_t h;
    uint64_t v = 0;

    grant_v2(REF_A, PFN_A, GTF_permit_access);
    grant_v2(REF_R, PFN_R, GTF_permit_access | GTF_readonly);
    if ( !check_eq(map_at(PFN_M, REF_A, GNTMAP_host_map, &h), GNTST_okay,
                   "v2 map of REF_A") )
        return;
    check_eq(status[REF_A], GTF_reading | GTF_writing, "REF_A's status, mapped");
    check_eq(v2[REF_A].hdr.flags, GTF_permit_access, "REF_A's flags, mapped");
    check_eq(*m, 0xa1a1, "REF_A through the mapping");
    *m = 0xa2a2;
    check_eq(*(volatile uint64_t *)pfn_to_va(PFN_A), 0xa2a2,
             "a write through the v2 mapping");
    check_eq(unmap_at(PFN_M, h), GNTST_okay, "v2 unmap of REF_A");
    check_eq(status[REF_A], 0, "REF_A's status after the unmap");

    check_eq(map_at(PFN_M, REF_R, GNTMAP_host_map, &h), GNTST_general_error,
             "v2 writable map of a read-only grant");
    check_eq(status[REF_R], 0, "REF_R's status after the refusal");
    if ( check_eq(map_at(PFN_M, REF_R, GNTMAP_host_map | GNTMAP_readonly, &h),
                  GNTST_okay, "v2 read-only map of REF_R") )
    {
        check_eq(status[REF_R], GTF_reading, "REF_R's status, mapped r/o");
        check_exinfo(probe_read64(m, &v), EXINFO_NONE, "read of REF_R");
        check_eq(v, 0xb2b2, "REF_R through the mapping");
        check_exinfo(probe_write64(m, 1), EXINFO(X86_EXC_PF, X86_PFEC_PRESENT |
                                                X86_PFEC_WRITE),
                     "write through the r/o v2 mapping");
        check_eq(unmap_at(PFN_M, h), GNTST_okay, "v2 unmap of REF_R");
    }
    check_eq(copy_from(REF_A, 0, 8, 8), GNTST_okay, "v2 copy out of REF_A");
    check_eq(((volatile uint64_t *)pfn_to_va(PFN_B))[1], 0xa2a2,
             "the bytes the v2 copy moved");
    check_eq(status[REF_A], 0, "REF_A's status after the copy");
}

static void check_sub_page_transitive(void)
{
    uint8_t *a = (void *)pfn_to_va(PFN_A), *b = (void *)pfn_to_va(PFN_B);
    grant_handle_t h;
    bool ok = true;

    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
    {
        a[i] = (uint8_t)(i * 5 + 1);
        b[i] = 0xee;
    }
    v2[REF_S].sub_page.frame = pfn_to_mfn(PFN_A);
    v2[REF_S].sub_page.page_off = 100;
    v2[REF_S].sub_page.length = 50;
    v2[REF_S].hdr.domid = 0;
    __asm__ volatile ( "" ::: "memory" );
    v2[REF_S].hdr.flags = GTF_permit_access | GTF_sub_page;

    check_eq(map_at(PFN_M, REF_S, GNTMAP_host_map, &h), GNTST_general_error,
             "map of a sub_page grant");
    check_eq(map_at(PFN_M, REF_S, GNTMAP_host_map | GNTMAP_readonly, &h),
             GNTST_general_error, "read-only map of a sub_page grant");
    check_eq(copy_from(REF_S, 100, 0, 50), GNTST_okay, "copy of the whole window");
    check_eq(copy_from(REF_S, 120, 200, 10), GNTST_okay, "copy inside the window");
    check_eq(copy_from(REF_S, 90, 300, 20), GNTST_general_error,
             "copy starting before the window");
    check_eq(copy_from(REF_S, 140, 300, 20), GNTST_general_error,
             "copy ending past the window");
    check_eq(copy_from(REF_S, 4090, 300, 10), GNTST_bad_copy_arg,
             "copy past the page end");
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        ok &= b[i] == (i < 50 ? (uint8_t)((i + 100) * 5 + 1) :
                       i >= 200 && i < 210 ? (uint8_t)((i - 80) * 5 + 1) : 0xee);
    check(ok, "the sub_page copies moved other bytes than asked for");
    check_eq(status[REF_S], 0, "the sub_page grant's status after the copies");

    v2[REF_T].transitive.trans_domid = 0;
    v2[REF_T].transitive.gref = REF_A;
    v2[REF_T].hdr.domid = 0;
    __asm__ volatile ( "" ::: "memory" );
    v2[REF_T].hdr.flags = GTF_transitive;
    check_eq(map_at(PFN_M, REF_T, GNTMAP_host_map, &h), GNTST_general_error,
             "map of a transitive grant");
    check_eq(status[REF_T], 0, "the transitive grant's status");
}

static void check_limits(void)
{
    uint64_t frames[2] = { 0, 0 };
    xen_pfn_t tframes[9];
    grant_handle_t h;
    struct gnttab_query_size q = { .dom = DOMID_SELF };

    check_eq(map_at(PFN_M, 256, GNTMAP_host_map, &h), GNTST_bad_gntref,
             "v2 map of ref 256 with one table frame");
    check_eq(copy_from(256, 0, 0, 8), GNTST_bad_gntref,
             "v2 copy from ref 256 with one table frame");
    /* Nine table frames want two status frames. */
    check_eq(setup_table(9, tframes), GNTST_okay, "setup_table(9) in v2");
    check_rc_setup(gnttab(GNTTABOP_query_size, &q, 1), "query_size");
    check_eq(q.nr_frames, 9, "frames after setup_table(9)");
    check_eq(status_frames(2, frames), GNTST_okay, "two status frames for nine");
    check_eq(frames[0], status_mfn, "the first status frame stays");
    check(frames[1] && frames[1] != frames[0], "a second status frame");
    if ( check_rc_setup(remap(PFN_TABLE9, tframes[8], PTE_RW),
                        "mapping the ninth table frame") )
    {
        volatile union grant_entry_v2 *last =
            (volatile union grant_entry_v2 *)pfn_to_va(PFN_TABLE9) + 255;

        last->full_page.frame = pfn_to_mfn(PFN_A);
        last->hdr.domid = 0;
        __asm__ volatile ( "" ::: "memory" );
        last->hdr.flags = GTF_permit_access;
        if ( check_eq(map_at(PFN_M, 9 * 256 - 1, GNTMAP_host_map, &h),
                      GNTST_okay, "v2 map of the last ref of nine frames") )
            unmap_at(PFN_M, h);
        last->hdr.flags = 0;
        remap(PFN_TABLE9, 0, 0);
    }
    check_eq(map_at(PFN_M, 9 * 256, GNTMAP_host_map, &h), GNTST_bad_gntref,
             "v2 map of ref 9 x 256");
}

/* ---- v2 -> v1 ---- */

static void check_to_v1(grant_handle_t h_rsv)
{
    uint64_t frames[1];
    grant_handle_t h;
    uint32_t now;
    long rc;

    if ( !check_eq(map_at(PFN_M, REF_A, GNTMAP_host_map, &h), GNTST_okay,
                   "v2 map of REF_A") )
        return;
    check_eq(set_version(1, &now), -XEN_EBUSY, "set_version(1), REF_A mapped");
    check_eq(now, 2, "the version after the refused switch");
    check_eq(unmap_at(PFN_M, h), GNTST_okay, "v2 unmap of REF_A");

    /* A reserved entry v1 cannot express. */
    v2[3].full_page.frame = 1UL << 32;
    v2[3].hdr.domid = 0;
    __asm__ volatile ( "" ::: "memory" );
    v2[3].hdr.flags = GTF_permit_access;
    check_eq(set_version(1, &now), -XEN_ERANGE,
             "set_version(1) with a reserved frame above 32 bits");
    check_eq(now, 2, "the version after it");
    v2[3].hdr.flags = 0;

    /* The status frame still mapped. */
    rc = set_version(1, &now);
    xtest_info("set_version(1) with the status frame mapped: rc %ld", rc);
    check_eq(rc, -XEN_EBUSY, "set_version(1) with the status frame mapped");
    check_eq(now, 2, "the version after it");
    check_eq(status[REF_RSV], GTF_reading | GTF_writing,
             "the reserved entry's status after the refusal");

    remap(PFN_STATUS, 0, 0);
    if ( !check_eq(set_version(1, &now), 0, "set_version(1)") )
        return;
    check_eq(now, 1, "version after switching back");
    check_eq(get_version(), 1, "get_version after switching back");
    check_eq(v1[REF_RSV].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "the mapped reserved entry as v1");
    check_eq(v1[REF_RSV].frame, pfn_to_mfn(PFN_R), "its v1 frame");
    check_eq(v1[REF_A].flags | v1[REF_A].frame | v1[2 * REF_A].flags, 0,
             "the v2 entries' traces after switching back");
    check_eq(status_frames(1, frames), GNTST_general_error,
             "a status frame in v1 again");
    rc = remap(PFN_STATUS, status_mfn, PTE_RO);
    xtest_info("mapping the old status frame after it: rc %ld", rc);
    check(rc < 0, "the old status frame can still be mapped");
    if ( !rc )
        remap(PFN_STATUS, 0, 0);
    check_eq(unmap_at(PFN_M2, h_rsv), GNTST_okay, "unmap of the reserved entry");
    check_eq(v1[REF_RSV].flags, GTF_permit_access,
             "the reserved entry after the unmap");
    v1[REF_RSV].flags = 0;
}

void test_main(void)
{
    grant_handle_t h_rsv = ~0U;

    setup();
    check_to_v2(&h_rsv);
    check_status_frames();
    check_full_page();
    check_sub_page_transitive();
    check_limits();
    check_to_v1(h_rsv);
}

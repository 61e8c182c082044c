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
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>

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
    check_versions();
}

/*
 * grant-isolation.c - grant mappings may only touch the guest's own part
 * of its address space.
 *
 * dom0 grants a page to itself and tries to map it (GNTMAP_host_map) at
 * addresses that are not the guest's: inside the hypervisor's L4 slots
 * (0xffff800000000000-0xffff87ffffffffff: the first, the per-CPU GDT/LDT
 * windows of our hypervisor, the last page) and at non-canonical
 * addresses, one of which aliases the LDT window in the L4 index bits.
 * Every one must be refused with GNTST_general_error, as Xen 4.17 does,
 * and the grant must not be left in use.  A good mapping must then not be
 * unmappable (or replaceable) by naming such an address: general_error,
 * and the mapping stays until the proper unmap.
 *
 * An unmap must also match the access of the entry it clears (XSA-224
 * class): dom0 maps its page F read-only at A and writable at B, each
 * address in an L1 table of its own (T2 and T1), with T1 also reachable
 * at C.  It then points B's L2 slot at T2, so that the address B, which
 * the writable handle was made for, now names the read-only entry, and
 * unmaps the writable handle at B.  That must be refused (general_error:
 * the entry there is not the one the handle made), else the read-only
 * entry goes, the writable type reference with it, while the writable
 * entry stays live at C: F could then be pinned as an L1 table and
 * written through C.  So F must still refuse to become an L1 afterwards.
 *
 * A copy names a frame by number only for DOMID_SELF: even one's own id
 * given as a number is GNTST_permission_denied on Xen, and so here.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <pv/mmops.h>

const char test_title[] = "grant-isolation: grant mappings stay in guest space";

#define PFN_TABLE 0x40      /* where we map our grant table frame */
#define PFN_F     0x41      /* the granted page */
#define PFN_M     0x42      /* a proper place to map it */
#define PFN_T1    0x43      /* an L1 table of ours (B's, then C's) */
#define PFN_T2    0x44      /* another one (A's) */
#define REF_F     12
#define SLOT_B    256       /* slots of the boot L2 we hook T1/T2 into */
#define SLOT_A    257
#define SLOT_C    258
#define PTE_RO    (_PAGE_PRESENT | _PAGE_ACCESSED)
#define L2E       (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PTE_RW    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static volatile struct grant_entry_v1 *table;

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return HYPERVISOR_grant_table_op(cmd, op, count);
}

static void setup(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(gnttab(GNTTABOP_setup_table, &st, 1), "setup_table") ||
         !check_eq(st.status, GNTST_okay, "setup_table status") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_TABLE),
                                                      (frame << 12) | PTE_RW,
                                                      UVMF_INVLPG),
                         "mapping the grant table frame") )
        xtest_exit();
    table = (void *)pfn_to_va(PFN_TABLE);
    table[REF_F].domid = 0;             /* dom0 grants to itself */
    table[REF_F].frame = pfn_to_mfn(PFN_F);
    __asm__ volatile ( "" ::: "memory" );
    table[REF_F].flags = GTF_permit_access;
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_M), 0,
                                                UVMF_INVLPG), "emptying M");
}

static int16_t map_at(uint64_t addr, uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = addr, .flags = flags,
                                      .ref = REF_F, .dom = 0 };

    check_rc_setup(gnttab(GNTTABOP_map_grant_ref, &m, 1), "map_grant_ref");
    *h = m.handle;
    return m.status;
}

static int16_t unmap_at(uint64_t addr, grant_handle_t h)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = addr, .handle = h };

    check_rc_setup(gnttab(GNTTABOP_unmap_grant_ref, &u, 1), "unmap_grant_ref");
    return u.status;
}

/* ---- host_addr outside guest space ---- */

static const struct {
    uint64_t addr;
    const char *what;
} outside[] = {
    { 0xffff800000000000UL, "the first hypervisor address" },
    { 0xffff820000010000UL, "our CPU 0's LDT window" },
    { 0xffff820000030000UL, "our CPU 1's LDT window" },
    { 0xffff820000000000UL, "our CPU 0's GDT window" },
    { 0xffff87fffffff000UL, "the last hypervisor page" },
    { 0x0000820000010000UL, "non-canonical, LDT window's L4 slot" },
    { 0x0000800000000000UL, "the first non-canonical address" },
    { 0x8000000000000000UL, "non-canonical, guest L4 slot 0" },
};

static void check_map_outside(void)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(outside); i++ )
    {
        grant_handle_t h = ~0U;
        int16_t st = map_at(outside[i].addr, GNTMAP_host_map, &h);

        xtest_info("map at %#lx (%s): status %d", outside[i].addr,
                   outside[i].what, st);
        check_eq(st, GNTST_general_error, outside[i].what);
        if ( st == GNTST_okay )
            unmap_at(outside[i].addr, h);      /* undo the damage */
    }
    check_eq(table[REF_F].flags, GTF_permit_access,
             "the grant after the refused maps");
}

/* ---- naming such an address for a good mapping ---- */

static void check_unmap_outside(void)
{
    struct gnttab_unmap_and_replace r;
    volatile uint64_t *m = (void *)pfn_to_va(PFN_M);
    grant_handle_t h;

    *(volatile uint64_t *)pfn_to_va(PFN_F) = 0x5151;
    if ( !check_eq(map_at(pfn_to_va(PFN_M), GNTMAP_host_map, &h), GNTST_okay,
                   "map at a proper address") )
        return;
    check_eq(unmap_at(0xffff820000010000UL, h), GNTST_general_error,
             "unmap naming the LDT window");
    check_eq(unmap_at(0x0000820000010000UL, h), GNTST_general_error,
             "unmap naming a non-canonical address");
    r = (struct gnttab_unmap_and_replace){ .host_addr = pfn_to_va(PFN_M),
                                           .new_addr = 0xffff820000010000UL,
                                           .handle = h };
    check_rc_setup(gnttab(GNTTABOP_unmap_and_replace, &r, 1),
                   "unmap_and_replace");
    check_eq(r.status, GNTST_general_error,
             "unmap_and_replace with new_addr in the hypervisor");
    r = (struct gnttab_unmap_and_replace){ .host_addr = 0xffff820000010000UL,
                                           .handle = h };
    check_rc_setup(gnttab(GNTTABOP_unmap_and_replace, &r, 1),
                   "unmap_and_replace");
    check_eq(r.status, GNTST_general_error,
             "unmap_and_replace with host_addr in the hypervisor");
    check_eq(*m, 0x5151, "the mapping after the refused unmaps");
    check_eq(table[REF_F].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "the grant while still mapped");
    check_eq(unmap_at(pfn_to_va(PFN_M), h), GNTST_okay, "the proper unmap");
    check_eq(table[REF_F].flags, GTF_permit_access, "the grant after it");
}

/* ---- unmap by an address whose entry is not the handle's ---- */

static unsigned long boot_l2;   /* MFN of the L2 holding the boot mapping */

static unsigned long slot_va(unsigned int slot)
{
    return PV_VIRT_BASE + ((unsigned long)slot << 21);
}

static long set_l2(unsigned int slot, unsigned long table_pfn)
{
    struct mmu_update u = {
        .ptr = (boot_l2 << PAGE_SHIFT) + slot * 8,
        .val = table_pfn ? (pfn_to_mfn(table_pfn) << PAGE_SHIFT) | L2E : 0,
    };
    struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);

    HYPERVISOR_mmuext_op(&flush, 1, NULL, DOMID_SELF);
    return rc;
}

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG);
}

static bool make_tables(void)
{
    struct pt_walk w;

    pt_walk(PV_VIRT_BASE, &w);
    boot_l2 = (w.entry[2] & PTE_ADDR_MASK) >> PAGE_SHIFT;
    memset((void *)pfn_to_va(PFN_T1), 0, PAGE_SIZE);
    memset((void *)pfn_to_va(PFN_T2), 0, PAGE_SIZE);
    /* F empty too: a valid L1, were it ever allowed to become one. */
    memset((void *)pfn_to_va(PFN_F), 0, PAGE_SIZE);
    return check_rc_setup(remap(PFN_T1, PTE_RO), "T1 read-only") &&
           check_rc_setup(remap(PFN_T2, PTE_RO), "T2 read-only") &&
           check_rc_setup(set_l2(SLOT_B, PFN_T1), "T1 at B's slot") &&
           check_rc_setup(set_l2(SLOT_C, PFN_T1), "T1 at C's slot") &&
           check_rc_setup(set_l2(SLOT_A, PFN_T2), "T2 at A's slot") &&
           /* Only the grants may hold F writable. */
           check_rc_setup(remap(PFN_F, PTE_RO), "F read-only");
}

static void check_unmap_other_access(void)
{
    unsigned long a = slot_va(SLOT_A), b = slot_va(SLOT_B), c = slot_va(SLOT_C);
    grant_handle_t h_ro, h_rw;
    long rc;

    if ( !make_tables() )
        return;
    if ( !check_eq(map_at(a, GNTMAP_host_map | GNTMAP_readonly, &h_ro),
                   GNTST_okay, "read-only map at A") ||
         !check_eq(map_at(b, GNTMAP_host_map, &h_rw), GNTST_okay,
                   "writable map at B") )
        return;
    *(volatile uint64_t *)c = 0;            /* C is the writable entry */
    check_rc_setup(set_l2(SLOT_B, PFN_T2), "B's slot to T2");
    check_eq(pt_leaf(b) & (PTE_ADDR_MASK | _PAGE_RW),
             pfn_to_mfn(PFN_F) << PAGE_SHIFT, "B now names the r/o entry");

    check_eq(unmap_at(b, h_rw), GNTST_general_error,
             "unmap of the writable handle at the read-only entry");
    check(pt_leaf(a) & _PAGE_PRESENT, "the read-only entry went");
    rc = mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_F));
    xtest_info("pinning F as an L1 with a writable grant entry live: rc %ld",
               rc);
    check(rc < 0, "F became an L1 table while writable at C");
    if ( rc == 0 )
    {
        *(volatile uint64_t *)c = 0;        /* ... and is writable: */
        mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_F));
    }

    /* Undo: B names its own entry again, then both unmap properly. */
    check_rc_setup(set_l2(SLOT_B, PFN_T1), "B's slot back to T1");
    check_eq(unmap_at(b, h_rw), GNTST_okay, "unmap of the writable handle at B");
    check_eq(unmap_at(a, h_ro), GNTST_okay, "unmap of the read-only one at A");
    check_eq(table[REF_F].flags, GTF_permit_access, "the grant after both");
    set_l2(SLOT_A, 0);
    set_l2(SLOT_B, 0);
    set_l2(SLOT_C, 0);
    check_eq(remap(PFN_F, PTE_RW), 0, "F writable again");
    check_eq(remap(PFN_T1, PTE_RW), 0, "T1 writable again");
    check_eq(remap(PFN_T2, PTE_RW), 0, "T2 writable again");
}

/* ---- copy by frame number ---- */

static void check_copy_by_frame(void)
{
    struct gnttab_copy c = {
        .source = { .u.gmfn = pfn_to_mfn(PFN_F), .domid = DOMID_SELF },
        .dest = { .u.gmfn = pfn_to_mfn(PFN_T1), .domid = 0 },
        .len = 8,
    };

    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    check_eq(c.status, GNTST_permission_denied,
             "copy to our own frame named by our numeric id");
    c.dest.domid = DOMID_SELF;
    c.source.domid = 0;
    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    check_eq(c.status, GNTST_permission_denied,
             "copy from our own frame named by our numeric id");
    c.source.domid = DOMID_SELF;
    check_rc_setup(gnttab(GNTTABOP_copy, &c, 1), "grant copy");
    check_eq(c.status, GNTST_okay, "the same copy with DOMID_SELF");
}

void test_main(void)
{
    setup();
    check_map_outside();
    check_unmap_outside();
    check_unmap_other_access();
    check_copy_by_frame();
}

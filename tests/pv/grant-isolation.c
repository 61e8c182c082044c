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
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>

const char test_title[] = "grant-isolation: grant mappings stay in guest space";

#define PFN_TABLE 0x40      /* where we map our grant table frame */
#define PFN_F     0x41      /* the granted page */
#define PFN_M     0x42      /* a proper place to map it */
#define REF_F     12
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

void test_main(void)
{
    setup();
    check_map_outside();
    check_unmap_outside();
}

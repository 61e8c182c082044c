/*
 * grant-pte.c - grant mappings written into an L1 entry the guest names
 * by machine address (GNTMAP_contains_pte), as Linux's gntdev maps a
 * granted page into a process of a PV dom0.
 *
 * dom0 grants its page F to itself (Xen 4.17 allows it), makes a fresh
 * L1 table T (hooked into a free slot of the boot L2, so that T's entry i
 * maps V + i pages) and maps F by the machine address of T's entries:
 *
 *  - host_map | contains_pte: the entry is F's frame, present, writable,
 *    user (the PV kernel runs in ring 3), NX as Xen sets it; V reads and
 *    writes F; the grant is in use; the unmap, naming the same machine
 *    address, clears the entry, leaves no stale translation (V faults
 *    right after having been read) and frees the grant;
 *  - readonly: the entry is not writable, a write faults;
 *  - application_map with guest_avail0 (what gntdev sends): user, and
 *    the avail bit lands in PTE bit 9 (Linux's "special" bit);
 *  - hostile machine addresses, each GNTST_general_error with the grant
 *    left unused: misaligned (XSA-227), beyond memory, the hypervisor's
 *    own tables (the frames the hypervisor's L4 slots name), our own L4
 *    and L2 (not L1s), a plain data page, T once it is no longer an L1;
 *  - the unmap must name the handle's entry, and that entry must still
 *    map the granted frame: another address, or (ours only: on a Xen
 *    release build rewriting a grant entry unbalances the frame's
 *    counts) the entry rewritten by the guest, is GNTST_general_error.
 *  - a map over an entry that is present: Xen replaces it, dropping the
 *    old entry's references (the old frame can then become a page table),
 *    rather than refusing; it leaves flushing the old translation to the
 *    guest.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <pv/mmops.h>

const char test_title[] = "grant-pte: grant mappings by PTE machine address";

#define PFN_TABLE 0x40      /* where we map our grant table frame */
#define PFN_F     0x41      /* the granted page */
#define PFN_T     0x42      /* our L1 table */
#define PFN_D     0x43      /* a plain data page */
#define PFN_E     0x44      /* another page of ours, mapped through T */
#define REF_F     12
#define SLOT      260       /* the boot L2's slot we hook T into */
#define PTE_RO    (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PTE_RW    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define L2E       (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PTE_AVAIL0 0x200UL  /* where GNTMAP_guest_avail0 goes */
#define PATTERN   0x6772616e742d7074UL

static volatile struct grant_entry_v1 *table;
static volatile uint64_t *t;            /* T, read-only */
static unsigned long boot_l2;           /* MFN of the boot mapping's L2 */

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return HYPERVISOR_grant_table_op(cmd, op, count);
}

static unsigned long va_of(unsigned int i)
{
    return PV_VIRT_BASE + ((unsigned long)SLOT << 21) + i * PAGE_SIZE;
}

/* Machine address of T's entry i. */
static uint64_t ma_of(unsigned int i)
{
    return (pfn_to_mfn(PFN_T) << PAGE_SHIFT) + i * 8;
}

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG);
}

static long set_l2(unsigned long table_pfn)
{
    struct mmu_update u = {
        .ptr = (boot_l2 << PAGE_SHIFT) + SLOT * 8,
        .val = table_pfn ? (pfn_to_mfn(table_pfn) << PAGE_SHIFT) | L2E : 0,
    };
    struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);

    HYPERVISOR_mmuext_op(&flush, 1, NULL, DOMID_SELF);
    return rc;
}

static void setup(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0;
    struct pt_walk w;

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
    *(volatile uint64_t *)pfn_to_va(PFN_F) = PATTERN;

    pt_walk(PV_VIRT_BASE, &w);
    boot_l2 = (w.entry[2] & PTE_ADDR_MASK) >> PAGE_SHIFT;
    memset((void *)pfn_to_va(PFN_T), 0, PAGE_SIZE);
    t = (volatile uint64_t *)pfn_to_va(PFN_T);
    if ( !check_rc_setup(remap(PFN_T, PTE_RO), "T read-only") ||
         !check_rc_setup(set_l2(PFN_T), "T hooked into the L2") )
        xtest_exit();
    check_eq(pt_l1e_maddr(va_of(3)), ma_of(3), "pt_l1e_maddr names T's entry");
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

#define HOST_PTE (GNTMAP_host_map | GNTMAP_contains_pte)

/* ---- the plain case ---- */

static void check_map_write_unmap(void)
{
    volatile uint64_t *v = (void *)va_of(0);
    uint64_t e, x;
    grant_handle_t h;

    if ( !check_eq(map_at(ma_of(0), HOST_PTE, &h), GNTST_okay,
                   "host_map | contains_pte at T[0]") )
        return;
    e = t[0];
    xtest_info("T[0] after the map: %#lx", e);
    check_eq(e & PTE_ADDR_MASK, pfn_to_mfn(PFN_F) << PAGE_SHIFT,
             "the entry maps F");
    check_eq(e & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_NX),
             _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_NX,
             "present, writable, user, NX");
    check_eq(pt_leaf(va_of(0)) & PTE_ADDR_MASK, pfn_to_mfn(PFN_F) << PAGE_SHIFT,
             "V's walk reaches F");
    check_eq(*v, PATTERN, "F's contents through V");
    *v = PATTERN + 1;
    check_eq(*(volatile uint64_t *)pfn_to_va(PFN_F), PATTERN + 1,
             "a write through V lands in F");
    check_eq(table[REF_F].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "the grant while mapped");

    check_eq(unmap_at(ma_of(1), h), GNTST_general_error,
             "unmap naming another entry");
    check_eq(unmap_at(ma_of(0), h), GNTST_okay, "unmap");
    check_eq(t[0], 0, "T[0] after the unmap");
    check_exinfo(probe_read64(v, &x), EXINFO(X86_EXC_PF, 0),
                 "read through V after the unmap (no stale translation)");
    check_eq(table[REF_F].flags, GTF_permit_access, "the grant after the unmap");
    check_eq(unmap_at(ma_of(0), h), GNTST_bad_handle, "a second unmap");
}

/* ---- read-only, application_map, avail bits ---- */

static void check_flavours(void)
{
    volatile uint64_t *v = (void *)va_of(1);
    grant_handle_t h;
    uint64_t e;

    if ( check_eq(map_at(ma_of(1), HOST_PTE | GNTMAP_readonly, &h), GNTST_okay,
                  "read-only map at T[1]") )
    {
        e = t[1];
        xtest_info("T[1] read-only: %#lx", e);
        check_eq(e & (PTE_ADDR_MASK | _PAGE_PRESENT | _PAGE_RW),
                 (pfn_to_mfn(PFN_F) << PAGE_SHIFT) | _PAGE_PRESENT,
                 "F, present, not writable");
        check_eq(*v, PATTERN + 1, "reading F through V");
        check_exinfo(probe_write64(v, 1),
                     EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                     "a write through the read-only mapping");
        check_eq(table[REF_F].flags, GTF_permit_access | GTF_reading,
                 "the grant while mapped read-only");
        check_eq(unmap_at(ma_of(1), h), GNTST_okay, "read-only unmap");
        check_eq(t[1], 0, "T[1] after it");
    }

    /* What Linux 6.1's gntdev sends for a process's mapping. */
    if ( check_eq(map_at(ma_of(2), HOST_PTE | GNTMAP_application_map |
                                   (1U << _GNTMAP_guest_avail0), &h),
                  GNTST_okay, "application_map + guest_avail0 at T[2]") )
    {
        e = t[2];
        xtest_info("T[2] application_map: %#lx", e);
        check_eq(e & (PTE_ADDR_MASK | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
                      PTE_AVAIL0),
                 (pfn_to_mfn(PFN_F) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW |
                 _PAGE_USER | PTE_AVAIL0, "F, writable, user, avail0 in bit 9");
        check_eq(*(volatile uint64_t *)va_of(2), PATTERN + 1, "reading it");
        check_eq(unmap_at(ma_of(2), h), GNTST_okay, "its unmap");
        check_eq(t[2], 0, "T[2] after it");
    }
    if ( check_eq(map_at(ma_of(3), HOST_PTE | GNTMAP_application_map |
                                   GNTMAP_readonly, &h),
                  GNTST_okay, "application_map read-only at T[3]") )
    {
        e = t[3];
        check_eq(e & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER),
                 _PAGE_PRESENT | _PAGE_USER, "user, not writable");
        check_eq(unmap_at(ma_of(3), h), GNTST_okay, "its unmap");
    }
    check_eq(table[REF_F].flags, GTF_permit_access, "the grant after these");
}

/* ---- hostile machine addresses ---- */

static void refused(uint64_t ma, const char *what)
{
    grant_handle_t h = ~0U;
    int16_t st = map_at(ma, HOST_PTE, &h);

    xtest_info("map at machine address %#lx (%s): status %d", ma, what, st);
    check_eq(st, GNTST_general_error, what);
    if ( st == GNTST_okay )
        unmap_at(ma, h);
}

static void check_hostile(void)
{
    const volatile uint64_t *pl4;
    struct pt_walk w;
    unsigned int n = 0;

    refused(ma_of(4) + 2, "misaligned by 2 (XSA-227)");
    refused(ma_of(4) + 4, "misaligned by 4");
    refused(ma_of(4) + 7, "misaligned by 7");
    refused(1UL << 51, "beyond memory");
    refused(0xfffffffffffff000UL, "the last machine address");
    refused((pfn_to_mfn(PFN_D) << PAGE_SHIFT) + 8, "a plain data page");
    refused((boot_l2 << PAGE_SHIFT) + 8 * 500, "our L2 (not an L1)");

    pt_walk(PV_VIRT_BASE, &w);
    pl4 = (const volatile uint64_t *)start_info->pt_base;
    refused((w.entry[3] & PTE_ADDR_MASK) + 8 * 500, "our L3");
    /* The frames the hypervisor's own L4 slots name: its tables. */
    for ( unsigned int s = 256; s < 272; s++ )
        if ( pl4[s] & _PAGE_PRESENT )
        {
            char what[64];

            snprintf(what, sizeof(what), "the table of hypervisor L4 slot %u", s);
            refused((pl4[s] & PTE_ADDR_MASK) + 8 * 7, what);
            n++;
        }
    xtest_info("%u hypervisor L4 slots tried", n);
    refused(0, "machine address 0");
    check_eq(table[REF_F].flags, GTF_permit_access,
             "the grant after the refused maps");
}

/* ---- the entry under the mapping changed ---- */

static void check_entry_changed(void)
{
    struct mmu_update u = { .ptr = ma_of(5),
                            .val = (pfn_to_mfn(PFN_E) << PAGE_SHIFT) | PTE_RW };
    grant_handle_t h;

    if ( hv_is_xen() )
        return;         /* rewriting a grant entry unbalances Xen's counts */
    if ( !check_eq(map_at(ma_of(5), HOST_PTE, &h), GNTST_okay, "map at T[5]") )
        return;
    check_rc_setup(HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF),
                   "T[5] rewritten to map E");
    check_eq(unmap_at(ma_of(5), h), GNTST_general_error,
             "unmap once the entry maps another frame");
    check_eq(t[5] & PTE_ADDR_MASK, pfn_to_mfn(PFN_E) << PAGE_SHIFT,
             "the guest's entry stays");
    u.val = 0;
    check_rc_setup(HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF), "T[5] cleared");
    check_eq(unmap_at(ma_of(5), h), GNTST_general_error,
             "unmap once the entry is empty");
    /* The handle keeps its references: a fresh map of the same entry and
     * one unmap give back exactly one mapping's. */
    check_eq(table[REF_F].flags, GTF_permit_access | GTF_reading | GTF_writing,
             "the grant still held by the orphaned handle");
}

/* ---- a map over a present entry ---- */

static void check_over_present(void)
{
    struct mmuext_op inv = { 0 };
    grant_handle_t h;
    int16_t st;

    check_rc_setup(HYPERVISOR_update_va_mapping(va_of(6),
                   (pfn_to_mfn(PFN_E) << PAGE_SHIFT) | PTE_RW, UVMF_INVLPG),
                   "E at T[6]");
    *(volatile uint64_t *)va_of(6) = 1;     /* a live translation */
    st = map_at(ma_of(6), HOST_PTE, &h);
    xtest_info("map over a present entry: status %d, T[6] %#lx", st, t[6]);
    check_eq(st, GNTST_okay, "map over a present entry (Xen replaces it)");
    if ( st != GNTST_okay )
        return;
    check_eq(t[6] & PTE_ADDR_MASK, pfn_to_mfn(PFN_F) << PAGE_SHIFT,
             "the entry now maps F");
    /* Xen does not flush the old translation here: the guest must. */
    inv.cmd = MMUEXT_INVLPG_LOCAL;
    inv.arg1.linear_addr = va_of(6);
    check_rc_setup(HYPERVISOR_mmuext_op(&inv, 1, NULL, DOMID_SELF), "invlpg");
    check_eq(*(volatile uint64_t *)va_of(6), PATTERN + 1,
             "V reads F, not the old page");
    check_eq(unmap_at(ma_of(6), h), GNTST_okay, "its unmap");
    /* E's old entry gave its references back: E can become a table. */
    memset((void *)pfn_to_va(PFN_E), 0, PAGE_SIZE);
    check_eq(remap(PFN_E, PTE_RO), 0, "E read-only");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_E)), 0,
             "E pinned as an L1 (no writable reference left over)");
    mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_E));
    remap(PFN_E, PTE_RW);
}

/* ---- T no longer an L1 ---- */

static void check_not_l1_any_more(void)
{
    check_rc_setup(set_l2(0), "T unhooked");
    refused(ma_of(7), "T once no longer an L1 table");
    check_eq(remap(PFN_T, PTE_RW), 0, "T writable again");
}

void test_main(void)
{
    setup();
    check_map_write_unmap();
    check_flavours();
    check_hostile();
    check_over_present();
    check_entry_changed();
    check_not_l1_any_more();
}

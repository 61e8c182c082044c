/*
 * mmu.c - page-table hypercalls, mostly the ones that must be refused.
 *
 * Positive: update_va_mapping remaps a data page read-only (a write then
 * raises #PF with P|W) and back read-write; an L1 built by the test is
 * pinned and unpinned.  Negative, each followed by re-reading what it
 * tried to change:
 *  - MMUEXT_PIN_L1..L4 of a read-only page full of invalid entries;
 *  - pinning an already pinned table, unpinning an unpinned one;
 *  - update_va_mapping giving a writable mapping of a pinned L1, of the
 *    boot L1s and of the L4;
 *  - a writable mapping of a hypervisor frame (an L3 named by one of the
 *    L4's Xen slots);
 *  - mmu_update of an L4 slot in the hypervisor's range (256-271);
 *  - MMU_MACHPHYS_UPDATE of a frame that is not the domain's;
 *  - PV superpages: an L2 or L3 entry with PSE, written by mmu_update
 *    into the live tables or found in a table being pinned (-EINVAL,
 *    though the frame it names would pass as a page table);
 * Xen 4.17 returns -EINVAL for bad pins, unpins and L4 slot writes and
 * -EBUSY for a writable mapping of a page-table or hypervisor frame (its
 * type cannot become "writable"); a read-only mapping of a Xen frame is
 * refused too.  mmu_update aimed at an ordinary writable page is NOT an
 * error: Xen writes the value.  MFN 1 (the first MiB belongs to dom_io and
 * is mappable by dom0) is only reported.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <pv/mmops.h>

const char test_title[] = "mmu: update_va_mapping, pinning, refused updates";

#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PFN_A       0x10        /* data page */
#define PFN_B       0x11        /* garbage "table" */
#define PFN_C       0x12        /* a real L1 */
#define PFN_D       0x13        /* scratch va for foreign mappings */
#define PFN_Z       0x14        /* zeroes: would pass as any table */
#define PFN_P       0x15        /* a table holding a PSE entry */
#define IGN_BITS    (_PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)

static unsigned long va(unsigned long pfn)
{
    return pfn_to_va(pfn);
}

static long remap(unsigned long pfn, unsigned long mfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(va(pfn), (mfn << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

static long mmu_update1(uint64_t ptr, uint64_t val)
{
    struct mmu_update u = { .ptr = ptr, .val = val };

    return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
}

static bool same_pte(uint64_t a, uint64_t b)
{
    return (a & ~IGN_BITS) == (b & ~IGN_BITS);
}

static void test_ro_rw(void)
{
    volatile uint64_t *p = (volatile uint64_t *)va(PFN_A);
    unsigned long mfn = pfn_to_mfn(PFN_A);
    uint64_t v = 0;

    *p = 0xabcdef0123456789UL;
    check_eq(remap(PFN_A, mfn, PTE_RO), 0, "remap A read-only");
    check_exinfo(probe_write64(p, 1), EXINFO(X86_EXC_PF, X86_PFEC_PRESENT |
                                             X86_PFEC_WRITE), "write to RO A");
    check_exinfo(probe_read64(p, &v), EXINFO_NONE, "read of RO A");
    check_eq(v, 0xabcdef0123456789UL, "RO A contents");
    check_eq(remap(PFN_A, mfn, PTE_RW), 0, "remap A read-write");
    check_exinfo(probe_write64(p, 2), EXINFO_NONE, "write to RW A");
    check_eq(*p, 2, "A after write");
}

static void test_pin_garbage(void)
{
    uint64_t *t = (uint64_t *)va(PFN_B);
    unsigned long mfn = pfn_to_mfn(PFN_B);
    uint64_t before;
    unsigned int lvl, i;

    for ( i = 0; i < PT_ENTRIES; i++ )
        t[i] = ~0UL;                 /* present, reserved bits everywhere */
    check_eq(remap(PFN_B, mfn, PTE_RO), 0, "remap B read-only");
    before = pt_leaf(va(PFN_B));
    for ( lvl = 0; lvl < 4; lvl++ )
    {
        long rc = mmuext(MMUEXT_PIN_L1_TABLE + lvl, mfn);

        xtest_info("pin garbage as L%u: rc %ld", lvl + 1, rc);
        check_eq(rc, -XEN_EINVAL, "pin of a garbage table");
    }
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn), -XEN_EINVAL,
             "unpin of a never pinned page");
    check(same_pte(pt_leaf(va(PFN_B)), before), "B's PTE changed");
    check_eq(remap(PFN_B, mfn, PTE_RW), 0, "B writable again (not a table)");
    t[0] = 0;
}

static void test_pin_l1(void)
{
    uint64_t *t = (uint64_t *)va(PFN_C);
    unsigned long mfn = pfn_to_mfn(PFN_C);
    uint64_t d_before = pt_leaf(va(PFN_D));

    memset(t, 0, PAGE_SIZE);
    t[5] = (pfn_to_mfn(PFN_A) << PAGE_SHIFT) | PTE_RO;
    if ( !check_rc_setup(remap(PFN_C, mfn, PTE_RO), "remap C read-only") )
        return;
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn), 0, "pin of a good L1");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn), -XEN_EINVAL, "second pin");
    check_eq(mmuext(MMUEXT_PIN_L2_TABLE, mfn), -XEN_EINVAL,
             "pin of a pinned L1 as L2");
    check_eq(remap(PFN_C, mfn, PTE_RW), -XEN_EBUSY,
             "pinned L1 made writable at its own va");
    check_eq(remap(PFN_D, mfn, PTE_RW), -XEN_EBUSY,
             "pinned L1 mapped writable elsewhere");
    check(same_pte(pt_leaf(va(PFN_D)), d_before), "D's PTE changed");
    check(!(pt_leaf(va(PFN_C)) & _PAGE_RW), "C became writable");
    check_eq(t[5] & PTE_ADDR_MASK, pfn_to_mfn(PFN_A) << PAGE_SHIFT,
             "pinned L1 entry");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn), 0, "unpin");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn), -XEN_EINVAL, "second unpin");
    check_eq(remap(PFN_C, mfn, PTE_RW), 0, "C writable after unpin");
}

static void test_live_tables(void)
{
    unsigned long root = pt_root_mfn();
    struct pt_walk w;
    unsigned long l1mfn;
    uint64_t d_before = pt_leaf(va(PFN_D));

    pt_walk(va(PFN_D), &w);
    l1mfn = (w.entry[1] & PTE_ADDR_MASK) >> PAGE_SHIFT;
    check_eq(remap(PFN_D, root, PTE_RW), -XEN_EBUSY, "L4 mapped writable");
    check_eq(remap(PFN_D, l1mfn, PTE_RW), -XEN_EBUSY,
             "boot L1 mapped writable");
    check_eq(remap(PFN_D, (w.entry[2] & PTE_ADDR_MASK) >> PAGE_SHIFT, PTE_RW),
             -XEN_EBUSY, "boot L2 mapped writable");
    check(same_pte(pt_leaf(va(PFN_D)), d_before), "D's PTE changed");
}

/* A present L4 entry in the hypervisor's slots: its frame is Xen's. */
static unsigned long xen_frame(unsigned int *slot)
{
    const volatile uint64_t *l4 = (const volatile uint64_t *)
                                  mfn_to_va(pt_root_mfn());
    unsigned int i;

    for ( i = 256; i < 272; i++ )
        if ( l4[i] & _PAGE_PRESENT )
        {
            *slot = i;
            return (l4[i] & PTE_ADDR_MASK) >> PAGE_SHIFT;
        }
    return 0;
}

static void test_foreign_frames(void)
{
    uint64_t d_before = pt_leaf(va(PFN_D));
    unsigned int slot = 0;
    unsigned long xmfn = xen_frame(&slot);
    long rc;

    if ( !xmfn )
    {
        xtest_fail("no present L4 entry in slots 256-271");
        return;
    }
    xtest_info("L4 slot %u names Xen frame %#lx", slot, xmfn);
    check_eq(remap(PFN_D, xmfn, PTE_RW), -XEN_EBUSY, "Xen frame writable");
    rc = remap(PFN_D, xmfn, PTE_RO);
    xtest_info("Xen frame read-only: rc %ld", rc);
    check(rc < 0, "Xen page table mapped read-only: rc %ld", rc);
    check(same_pte(pt_leaf(va(PFN_D)), d_before), "D's PTE changed");
    rc = remap(PFN_D, 1, PTE_RW);
    xtest_info("MFN 1 writable (dom_io, dom0 may): rc %ld", rc);
    remap(PFN_D, pfn_to_mfn(PFN_D), PTE_RW);
}

static void test_mmu_update(void)
{
    unsigned long root = pt_root_mfn();
    const volatile uint64_t *l4 = (const volatile uint64_t *)mfn_to_va(root);
    unsigned int slot;
    uint64_t saved[16], m2p = 0;
    unsigned int xslot = 0;
    unsigned long xmfn = xen_frame(&xslot);
    long rc;

    for ( slot = 256; slot < 272; slot++ )
        saved[slot - 256] = l4[slot];
    for ( slot = 256; slot < 272; slot += 5 )
    {
        rc = mmu_update1((root << PAGE_SHIFT) + slot * 8, 0);
        check_eq(rc, -XEN_EINVAL, "mmu_update clearing a Xen L4 slot");
    }
    rc = mmu_update1((root << PAGE_SHIFT) + 256 * 8, saved[0] | _PAGE_USER);
    check_eq(rc, -XEN_EINVAL, "mmu_update changing a Xen L4 slot");
    for ( slot = 256; slot < 272; slot++ )
        check_eq(l4[slot], saved[slot - 256], "Xen L4 slot after refusals");

    /* Not refused: a writable page is simply written (Xen 4.17). */
    rc = mmu_update1((pfn_to_mfn(PFN_A) << PAGE_SHIFT) + 8, 0x1234);
    check_eq(rc, 0, "mmu_update into a writable data page");
    check_eq(((volatile uint64_t *)va(PFN_A))[1], 0x1234,
             "data page written by mmu_update");

    if ( !xmfn )
        return;
    probe_read64((const volatile uint64_t *)MACH2PHYS_VIRT_START + xmfn,
                 &m2p);
    rc = mmu_update1((xmfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, PFN_A);
    xtest_info("MACHPHYS_UPDATE of Xen frame %#lx: rc %ld", xmfn, rc);
    check(rc < 0, "MACHPHYS_UPDATE of a Xen frame accepted");
    check_eq(mfn_to_pfn(xmfn), m2p, "M2P of the Xen frame after refusal");
}

/* Live L2 (level 2) or L3 (level 3) table of the kernel's mapping. */
static uint64_t live_table_maddr(unsigned int level)
{
    struct pt_walk w;

    pt_walk(va(PFN_A), &w);
    return w.entry[level] & PTE_ADDR_MASK;
}

static void test_superpages(void)
{
    uint64_t *p = (uint64_t *)va(PFN_P);
    uint64_t pse = (pfn_to_mfn(PFN_Z) << PAGE_SHIFT) | PTE_RO | _PAGE_PSE;
    /* Slots far past the boot mapping, empty in both tables. */
    uint64_t l2e = live_table_maddr(2) + 500 * 8, l3e = live_table_maddr(3) + 500 * 8;
    const volatile uint64_t *l2 = (const volatile uint64_t *)mfn_to_va(l2e >> PAGE_SHIFT);
    const volatile uint64_t *l3 = (const volatile uint64_t *)mfn_to_va(l3e >> PAGE_SHIFT);

    memset((void *)va(PFN_Z), 0, PAGE_SIZE);
    if ( !check_rc_setup(remap(PFN_Z, pfn_to_mfn(PFN_Z), PTE_RO), "Z read-only") ||
         !check(l2 && l3, "live L2/L3 not in the boot mapping") ||
         !check(!l2[500] && !l3[500], "L2/L3 slot 500 in use") )
        return;
    /* Without PSE the same entry is a good one: Z passes as an L1. */
    check_eq(mmu_update1(l2e, pse & ~_PAGE_PSE), 0, "L2 entry naming Z");
    check_eq(mmu_update1(l2e, 0), 0, "clearing it");
    check_eq(mmu_update1(l2e, pse), -XEN_EINVAL, "L2 entry with PSE");
    check_eq(l2[500], 0, "L2 slot after the refused PSE entry");
    check_eq(mmu_update1(l3e, pse), -XEN_EINVAL, "L3 entry with PSE");
    check_eq(l3[500], 0, "L3 slot after the refused PSE entry");

    memset(p, 0, PAGE_SIZE);
    p[7] = pse;
    if ( !check_rc_setup(remap(PFN_P, pfn_to_mfn(PFN_P), PTE_RO), "P read-only") )
        return;
    check_eq(mmuext(MMUEXT_PIN_L2_TABLE, pfn_to_mfn(PFN_P)), -XEN_EINVAL,
             "pinning an L2 with a PSE entry");
    check_eq(mmuext(MMUEXT_PIN_L3_TABLE, pfn_to_mfn(PFN_P)), -XEN_EINVAL,
             "pinning an L3 with a PSE entry");
    check_eq(remap(PFN_P, pfn_to_mfn(PFN_P), PTE_RW), 0,
             "P writable again (no table type left)");
    check_eq(remap(PFN_Z, pfn_to_mfn(PFN_Z), PTE_RW), 0,
             "Z writable again (no table type left)");
}

void test_main(void)
{
    test_ro_rw();
    test_pin_garbage();
    test_pin_l1();
    test_live_tables();
    test_foreign_frames();
    test_mmu_update();
    test_superpages();
}

/*
 * linear-pt.c - linear (recursive) page-table entries, as Xen permits
 * them to PV guests.
 *
 * An L4 entry may name an L4 table, read-only: the live L4 naming itself
 * gives the classic recursive map (the tables readable at fixed
 * addresses, never writable through it), and naming another pinned L4
 * works too.  Refused (-EINVAL, Xen 4.17's answers): a writable linear
 * entry; naming an L4 that has linear entries of its own, and giving a
 * linear entry to an L4 that is itself named linearly (one level only,
 * so teardown never recurses); naming an L4 that is not validated.  A
 * grant map or update_va_mapping whose "L1" would really be a higher
 * table, reached through the recursive slot, is refused.  Clearing the
 * entries and unpinning leaves the free-page count as it was.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <pv/mmops.h>

const char test_title[] = "linear-pt: recursive and linear L4 entries";

#define SLOT_SELF   400          /* the live L4 names itself here */
#define SLOT_OTHER  401          /* ... and the second L4 here */
#define PFN_L4B     0x20         /* a second L4, pinned */
#define PFN_L4C     0x21         /* a third L4, pinned */
#define PFN_X       0x22         /* scratch va */
#define PTE_RO      (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PTE_RW      (PTE_RO | _PAGE_RW | _PAGE_DIRTY)

static unsigned long slot_va(unsigned int slot)
{
    unsigned long va = (unsigned long)slot << 39;

    return slot >= 256 ? va | 0xffff000000000000UL : va;
}

/* The address at which the recursive slot shows table entry i of the L4
 * itself (the slot walked at all four levels). */
static unsigned long self_view(unsigned int i)
{
    return slot_va(SLOT_SELF) | ((unsigned long)SLOT_SELF << 30) |
           ((unsigned long)SLOT_SELF << 21) | ((unsigned long)SLOT_SELF << 12) |
           i * 8;
}

static long set_l4e(unsigned long l4mfn, unsigned int slot, uint64_t val)
{
    struct mmu_update u = { .ptr = (l4mfn << PAGE_SHIFT) + slot * 8,
                            .val = val };

    return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
}

static long remap(unsigned long pfn, uint64_t pte)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn), pte,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

/* Make pfn an empty, pinned L4 (mapped read-only, as a table must be). */
static bool make_l4(unsigned long pfn)
{
    memset((void *)pfn_to_va(pfn), 0, PAGE_SIZE);
    return check_rc_setup(remap(pfn, (pfn_to_mfn(pfn) << PAGE_SHIFT) |
                                     (PTE_RO & ~_PAGE_USER)),
                          "map the new L4 read-only") &&
           check_rc_setup(mmuext(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(pfn)),
                          "pin the new L4");
}

static void test_self(unsigned long root)
{
    uint64_t v = 0;

    check_eq(set_l4e(root, SLOT_SELF, (root << PAGE_SHIFT) | PTE_RW),
             -XEN_EINVAL, "a writable recursive entry");
    check_eq(set_l4e(root, SLOT_SELF, (root << PAGE_SHIFT) | PTE_RO), 0,
             "a read-only recursive entry");
    check_exinfo(probe_read64((void *)self_view(SLOT_SELF), &v), EXINFO_NONE,
                 "reading the L4 through itself");
    check_eq(v & ~0xfffUL & ((1UL << 52) - 1), root << PAGE_SHIFT,
             "the recursive entry seen through itself");
    check_exinfo(probe_read64((void *)self_view(511), &v), EXINFO_NONE,
                 "reading slot 511 through the recursive map");
    check(v & _PAGE_PRESENT, "the kernel's L4 entry is present (%#lx)",
          (unsigned long)v);
    check_exinfo(probe_write64((void *)self_view(SLOT_SELF), 0),
                 EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                 "writing the L4 through the recursive map");
}

/* update_va_mapping and a grant map of an address whose last-level
 * "L1" is really the L4 itself (through the recursive slot). */
static void test_not_an_l1(void)
{
    unsigned long va = self_view(0) & ~0xfffUL;
    struct gnttab_map_grant_ref m = {
        .host_addr = va, .flags = GNTMAP_host_map | GNTMAP_readonly,
        .ref = 0, .dom = 0,
    };
    long rc = HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG | UVMF_LOCAL);

    check(rc == -XEN_EINVAL || rc == -XEN_EPERM,
          "update_va_mapping through the recursive slot: %ld", rc);
    rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);
    check(rc == 0 && m.status != GNTST_okay,
          "grant map through the recursive slot: rc %ld status %d", rc,
          m.status);
}

static void test_other(unsigned long root)
{
    unsigned long b = pfn_to_mfn(PFN_L4B), c = pfn_to_mfn(PFN_L4C);

    check_eq(set_l4e(root, SLOT_OTHER, (b << PAGE_SHIFT) | PTE_RO), 0,
             "naming another pinned L4");
    /* b is now named linearly: it may not hold linear entries, but its
     * own recursive entry does not count. */
    check_eq(set_l4e(b, SLOT_OTHER, (c << PAGE_SHIFT) | PTE_RO), -XEN_EINVAL,
             "a linear entry in an L4 that is named linearly");
    check_eq(set_l4e(b, SLOT_SELF, (b << PAGE_SHIFT) | PTE_RO), 0,
             "its own recursive entry");
    /* root holds linear entries: nobody may name it linearly. */
    check_eq(set_l4e(c, SLOT_OTHER, (root << PAGE_SHIFT) | PTE_RO),
             -XEN_EINVAL, "naming an L4 that holds linear entries");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, c), 0, "unpin the third L4");
    check_eq(set_l4e(root, 402, (c << PAGE_SHIFT) | PTE_RO), -XEN_EINVAL,
             "naming an L4 that is no table any more");
    check_eq(set_l4e(b, SLOT_SELF, 0), 0, "clear b's recursive entry");
    check_eq(set_l4e(root, SLOT_OTHER, 0), 0, "clear the linear entry");
    /* With the entry gone both counts are back: b may hold a linear
     * entry now, and an L4 may name b again. */
    check_eq(mmuext(MMUEXT_PIN_L4_TABLE, c), 0, "pin the third L4 again");
    check_eq(set_l4e(b, SLOT_OTHER, (c << PAGE_SHIFT) | PTE_RO), 0,
             "b names c once nobody names b");
    check_eq(set_l4e(root, SLOT_OTHER, (b << PAGE_SHIFT) | PTE_RO),
             -XEN_EINVAL, "naming b now that it holds a linear entry");
    check_eq(set_l4e(b, SLOT_OTHER, 0), 0, "clear b's linear entry");
    check_eq(set_l4e(root, SLOT_OTHER, (b << PAGE_SHIFT) | PTE_RO), 0,
             "naming b again once it holds none");
    check_eq(set_l4e(root, SLOT_OTHER, 0), 0, "clear the linear entry again");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, c), 0, "unpin the third L4 again");
}

void test_main(void)
{
    unsigned long root = pt_root_mfn();
    uint64_t before;

    if ( !make_l4(PFN_L4B) || !make_l4(PFN_L4C) )
        return;
    test_self(root);
    test_not_an_l1();       /* Xen grows the maptrack here: count after */
    before = free_pages();
    test_other(root);
    check_eq(set_l4e(root, SLOT_SELF, 0), 0, "clear the recursive entry");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_L4B)), 0,
             "unpin the second L4");
    check_eq(remap(PFN_L4B, (pfn_to_mfn(PFN_L4B) << PAGE_SHIFT) | PTE_RW), 0,
             "the second L4 writable again");
    check_eq(remap(PFN_L4C, (pfn_to_mfn(PFN_L4C) << PAGE_SHIFT) | PTE_RW), 0,
             "the third L4 writable again");
    check_eq(free_pages(), before, "free pages at the end");
}

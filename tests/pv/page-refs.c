/*
 * page-refs.c - a page given back while the guest still uses it lives
 * until its last use goes, and no longer (both hypervisors).
 *
 * A pinned L1 table given back with decrease_reservation stays pinned
 * (Xen 4.17 no longer unpins there, since XSA-252): the guest may still
 * unpin it, and it is freed when the guest's own mapping of it goes, not
 * before.  An L4 in CR3 given back stays the base
 * pointer, intact, until MMUEXT_NEW_BASEPTR moves away from it, and is
 * freed then (not before the switch: the hypervisor would be running on a
 * freed table); likewise a user L4 given back while it is the user base
 * pointer, freed by NEW_USER_BASEPTR 0.
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/errno.h>
#include <public/memory.h>
#include <pv/mmops.h>

const char test_title[] = "page-refs: pages given back while in use";

#define PFN_L1     0x40     /* pinned, then given back */
#define PFN_L4     0x42     /* kernel L4 copy, given back while in CR3 */
#define PFN_UL4    0x43     /* user L4, given back while the user base */
#define PTE_RW     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO     (_PAGE_PRESENT | _PAGE_ACCESSED)

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        flags ? (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags
                                              : 0,
                                        UVMF_INVLPG);
}

/* The free-page count once it holds still (Xen may scrub behind it). */
static uint64_t free_pages(void)
{
    uint64_t deadline = pv_system_time(0) + 2 * NS_PER_S, last = ~0ULL;

    for ( ; ; )
    {
        struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
        uint64_t t = pv_system_time(0) + 20 * NS_PER_MS;

        if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
            xtest_exit();
        if ( (sc.u.physinfo.free_pages == last && !sc.u.physinfo.scrub_pages) ||
             pv_system_time(0) >= deadline )
            return sc.u.physinfo.free_pages;
        last = sc.u.physinfo.free_pages;
        pv_sleep_until(t);
    }
}

static void pinned_table(void)
{
    uint64_t *l1 = (uint64_t *)pfn_to_va(PFN_L1);
    unsigned long mfn = pfn_to_mfn(PFN_L1);
    uint64_t before;

    memset(l1, 0, PAGE_SIZE);
    l1[0] = (pfn_to_mfn(0x80) << PAGE_SHIFT) | PTE_RO;
    if ( !check_rc_setup(remap(PFN_L1, PTE_RO), "L1 read-only") ||
         !check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, mfn), "pin L1") )
        return;
    check_eq(give_back(mfn), 1, "decrease_reservation of a pinned L1");
    /* Still pinned (Xen stopped unpinning here with XSA-252): the guest
     * unpins it itself, and its mapping keeps it alive after that. */
    before = free_pages();
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn), 0,
             "unpin of a pinned L1 given back");
    check_eq(free_pages(), before, "free pages while the L1 is still mapped");
    check_eq(remap(PFN_L1, 0), 0, "unmapping the given-back L1");
    check_eq(free_pages(), before + 1, "free pages after its last mapping went");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn), -XEN_EINVAL,
             "unpin of a freed frame");
}

/* Give back an L4 while it is the (kernel or user) base pointer. */
static void base_pointer(bool user)
{
    unsigned long pfn = user ? PFN_UL4 : PFN_L4, mfn = pfn_to_mfn(pfn);
    unsigned long boot = va_to_mfn(start_info->pt_base);
    uint64_t *l4 = (uint64_t *)pfn_to_va(pfn);
    const uint64_t *src = (const uint64_t *)start_info->pt_base;
    unsigned int cmd = user ? MMUEXT_NEW_USER_BASEPTR : MMUEXT_NEW_BASEPTR;
    const char *what = user ? "user L4" : "kernel L4";
    uint64_t before;

    for ( unsigned int i = 0; i < 512; i++ )
        l4[i] = user ? 0 : src[i];
    if ( !check_rc_setup(remap(pfn, 0), "unmapping the L4") ||
         !check_rc_setup(mmuext(cmd, mfn), "switching to the L4") )
        return;
    check_eq(give_back(mfn), 1, "decrease_reservation of an L4 in use");
    /* Still the base: the kernel keeps running on it. */
    if ( !user )
        check_eq(pt_root_mfn(), mfn, "CR3 after giving its L4 back");
    before = free_pages();
    check_eq(mmuext(cmd, user ? 0 : boot), 0, "switching away");
    xtest_info("%s: %lu free pages before the switch, %lu after", what,
               (unsigned long)before, (unsigned long)free_pages());
    check_eq(free_pages(), before + 1, "free pages once the base moved away");
}

void test_main(void)
{
    pinned_table();
    base_pointer(false);
    base_pointer(true);
}

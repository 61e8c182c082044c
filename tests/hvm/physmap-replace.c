/*
 * physmap-replace.c - XENMEM_add_to_physmap over a frame that holds the
 * guest's own RAM: that RAM is given back, not kept.  Linux places its
 * shared_info page and grant frames over ordinary pages of its own (a
 * PVH domU's reserve_shared_info() picks a free low page); on Xen 4.17
 * the page that was there is freed and the domain's reservation drops by
 * one, where a hypervisor that only overwrote the p2m entry would keep a
 * page no frame number reaches until the domain dies.
 *
 * Checked with XENMEM_current_reservation around each placement:
 *  - shared_info over a RAM page: one page less;
 *  - the first grant frame over another RAM page: one page less;
 *  - shared_info placed again on the frame it already occupies: the same
 *    count (nothing of the guest's was there).
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/memory.h>

const char test_title[] = "physmap-replace: add_to_physmap over RAM gives the RAM back";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint8_t gt_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static unsigned long gpfn_of(const void *p)
{
    return ((unsigned long)p - PV_VIRT_BASE) >> PAGE_SHIFT;
}

static long reservation(void)
{
    domid_t self = DOMID_SELF;

    return HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
}

static long place(unsigned int space, unsigned long idx, const void *at)
{
    struct xen_add_to_physmap a = { .domid = DOMID_SELF, .space = space,
                                    .idx = idx, .gpfn = gpfn_of(at) };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a);
}

void test_main(void)
{
    long r0, r1, r2, r3;

    si_page[0] = gt_page[0] = 1;        /* both populated and touched */
    r0 = reservation();
    if ( !check(r0 > 0, "current_reservation: %ld", r0) )
        return;

    if ( !check_rc_setup(place(XENMAPSPACE_shared_info, 0, si_page),
                         "add_to_physmap(shared_info) over RAM") )
        return;
    r1 = reservation();
    check_eq(r1, r0 - 1, "pages after shared_info replaced a RAM page");

    if ( !check_rc_setup(place(XENMAPSPACE_grant_table, 0, gt_page),
                         "add_to_physmap(grant_table) over RAM") )
        return;
    r2 = reservation();
    check_eq(r2, r1 - 1, "pages after a grant frame replaced a RAM page");

    check_eq(place(XENMAPSPACE_shared_info, 0, si_page), 0,
             "shared_info placed again where it is");
    r3 = reservation();
    check_eq(r3, r2, "pages after placing shared_info on itself");

    xtest_info("reservation %ld -> %ld -> %ld -> %ld", r0, r1, r2, r3);
}

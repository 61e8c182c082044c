/*
 * balloon.c - giving memory back and taking it again (memory_op).
 *
 * Unmaps 16 pages of the boot mapping's padding, returns them with
 * XENMEM_decrease_reservation (current_reservation drops by 16; a second
 * attempt on the same frames does nothing), gets 16 new frames with
 * XENMEM_increase_reservation, maps them where the old ones were, and
 * checks they arrive scrubbed (no trace of what the old frames held)
 * and that the reservation is back where it started.  Also: frames we
 * do not own are refused, oversized extents are refused, and an
 * unreadable argument is -EFAULT.
 *
 * MMUEXT_COPY_PAGE holds its source only while it copies: a page that
 * was the source of a copy, once unmapped and given back, is free again
 * (the free-page count rises by exactly one).  The shared_info frame is
 * the hypervisor's: giving it back frees nothing and it keeps working
 * (ours answers 0 extents; Xen 4.17 counts it but only disowns it).
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/memory.h>
#include <public/errno.h>

const char test_title[] = "balloon: decrease/increase_reservation";

#define NR      16
#define MARKER  0xa5a5a5a5deadbeefUL
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | \
                 _PAGE_DIRTY)

static unsigned long base;                 /* first scratch page */
static xen_pfn_t frames[NR];

static long reservation(unsigned int cmd, xen_pfn_t *list, unsigned long n,
                        unsigned int order)
{
    struct xen_memory_reservation r = {
        .nr_extents = n, .extent_order = order, .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(cmd, &r);
}

static long current_pages(void)
{
    domid_t self = DOMID_SELF;

    return HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
}

static unsigned long va_of(unsigned int i)
{
    return base + i * PAGE_SIZE;
}

static void give_back(void)
{
    long before = current_pages(), rc;

    for ( unsigned int i = 0; i < NR; i++ )
    {
        *(volatile uint64_t *)va_of(i) = MARKER;
        frames[i] = (pt_leaf(va_of(i)) & 0x000ffffffffff000UL) >> PAGE_SHIFT;
        check_eq(HYPERVISOR_update_va_mapping(va_of(i), 0, UVMF_INVLPG), 0,
                 "unmapping a scratch page");
    }
    rc = reservation(XENMEM_decrease_reservation, frames, NR, 0);
    check_eq(rc, NR, "decrease_reservation of 16 unmapped pages");
    check_eq(current_pages(), before - NR, "current_reservation after it");
    rc = reservation(XENMEM_decrease_reservation, frames, NR, 0);
    check_eq(rc, 0, "giving the same frames back twice");
}

static void take_again(void)
{
    long before = current_pages(), rc;
    struct mmu_update u;

    rc = reservation(XENMEM_increase_reservation, frames, NR, 0);
    check_eq(rc, NR, "increase_reservation of 16 pages");
    check_eq(current_pages(), before + NR, "current_reservation after it");
    for ( unsigned int i = 0; i < NR && rc == NR; i++ )
    {
        volatile uint64_t *p = (volatile uint64_t *)va_of(i);

        u.ptr = ((uint64_t)frames[i] << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
        u.val = (va_of(i) - PV_VIRT_BASE) >> PAGE_SHIFT;
        check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF), 0,
                 "M2P update for a new frame");
        check_eq(HYPERVISOR_update_va_mapping(va_of(i),
                     ((uint64_t)frames[i] << PAGE_SHIFT) | PTE_RW, UVMF_INVLPG),
                 0, "mapping a new frame");
        p[PAGE_SIZE / 8 - 1] = i;
        check_eq(p[PAGE_SIZE / 8 - 1], i, "writing a new frame");
    }
}

static void refusals(void)
{
    xen_pfn_t not_ram = 0xfffffffUL, one = 0;
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };

    check_eq(reservation(XENMEM_decrease_reservation, &not_ram, 1, 0), 0,
             "giving back a frame that is not RAM");
    check_eq(reservation(XENMEM_increase_reservation, &one, 1, 20), 0,
             "an order-20 extent");
    r.domid = 0x7ee;
    set_xen_guest_handle(r.extent_start, &one);
    check_eq(HYPERVISOR_memory_op(XENMEM_increase_reservation, &r), 0,
             "a domain that does not exist");
    check_eq(HYPERVISOR_memory_op(XENMEM_increase_reservation, (void *)8), 0,
             "an unreadable argument");
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static unsigned long mfn_at(unsigned long va)
{
    return (pt_leaf(va) & 0x000ffffffffff000UL) >> PAGE_SHIFT;
}

/* Copy page X (scratch NR) to Y (scratch NR + 1), then give X back. */
static void copy_then_give_back(void)
{
    volatile uint64_t *x = (volatile uint64_t *)va_of(NR);
    volatile uint64_t *y = (volatile uint64_t *)va_of(NR + 1);
    struct mmuext_op op = { .cmd = MMUEXT_COPY_PAGE };
    xen_pfn_t xmfn = mfn_at(va_of(NR));
    uint64_t before;

    x[0] = MARKER;
    x[PAGE_SIZE / 8 - 1] = ~MARKER;
    y[0] = 0;
    op.arg1.mfn = mfn_at(va_of(NR + 1));
    op.arg2.src_mfn = xmfn;
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_COPY_PAGE");
    check_eq(y[0], MARKER, "the copy's first word");
    check_eq(y[PAGE_SIZE / 8 - 1], ~MARKER, "the copy's last word");
    check_eq(HYPERVISOR_update_va_mapping(va_of(NR), 0, UVMF_INVLPG), 0,
             "unmapping the copy's source");
    before = free_pages();
    check_eq(reservation(XENMEM_decrease_reservation, &xmfn, 1, 0), 1,
             "giving the copy's source back");
    check_eq(free_pages(), before + 1, "free pages after giving it back");
}

/* shared_info's frame cannot be given back; it stays live. */
static void give_back_shared_info(void)
{
    xen_pfn_t f = start_info->shared_info >> PAGE_SHIFT;
    uint64_t before = free_pages(), t0, t1;
    long rc = reservation(XENMEM_decrease_reservation, &f, 1, 0);

    xtest_info("decrease_reservation of shared_info's frame: %ld", rc);
    if ( !hv_is_xen() )
        check_eq(rc, 0, "decrease_reservation of shared_info's frame");
    check_eq(free_pages(), before, "free pages after it");
    t0 = pv_system_time(0);
    for ( unsigned int i = 0; i < 100 && (t1 = pv_system_time(0)) == t0; i++ )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(t1 > t0, "shared_info's clock stopped after giving it back");
}

void test_main(void)
{
    base = start_info->pt_base +
           (start_info->nr_pt_frames + 1 + 64) * PAGE_SIZE;
    give_back();
    take_again();
    refusals();
    copy_then_give_back();
    give_back_shared_info();
}

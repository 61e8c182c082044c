/*
 * exchange.c - XENMEM_exchange, as Linux's swiotlb uses it: four scattered
 * pages traded for one machine-contiguous 16 KiB extent below 4 GiB.
 *
 * The pages are unmapped first (a frame still mapped cannot be given
 * up: -EINVAL, nothing exchanged).  The answer carries the new extent's
 * first machine frame, aligned to its size and below 4 GiB; the M2P says
 * where it lives in our pseudo-physical space; it is ours (we can map it
 * and use it) and the old frames are not any more (a writable mapping
 * of one is -EBUSY, as of any frame nobody owns).  Mismatched sizes are
 * -EINVAL.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/memory.h>

const char test_title[] = "exchange: 4 pages for one contiguous extent";

#define PFN_X   0x40            /* 4 pages: 0x40..0x43 */
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static long unmap_pfn(unsigned long pfn)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn), 0, UVMF_INVLPG);
}

static long map_pfn(unsigned long pfn, unsigned long mfn)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (mfn << PAGE_SHIFT) | PTE_RW,
                                        UVMF_INVLPG);
}

static long exchange(xen_pfn_t *in, unsigned int nr_in, unsigned int order_in,
                     xen_pfn_t *out, unsigned int nr_out, unsigned int order_out,
                     unsigned long *done)
{
    struct xen_memory_exchange x = {
        .in = { .nr_extents = nr_in, .extent_order = order_in,
                .domid = DOMID_SELF },
        .out = { .nr_extents = nr_out, .extent_order = order_out,
                 .mem_flags = XENMEMF_address_bits(32), .domid = DOMID_SELF },
    };
    long rc;

    set_xen_guest_handle(x.in.extent_start, in);
    set_xen_guest_handle(x.out.extent_start, out);
    rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);
    *done = x.nr_exchanged;
    return rc;
}

void test_main(void)
{
    xen_pfn_t in[4], out[1] = { PFN_X }, old[4];
    unsigned long done = 99, mfn;
    volatile uint64_t *p;

    for ( unsigned int i = 0; i < 4; i++ )
        in[i] = old[i] = pfn_to_mfn(PFN_X + i);

    check_eq(exchange(in, 4, 0, out, 1, 2, &done), -XEN_EINVAL,
             "exchange of pages still mapped");
    check_eq(done, 0, "nr_exchanged after that");
    check_eq(exchange(in, 3, 0, out, 1, 2, &done), -XEN_EINVAL,
             "exchange of 3 pages for 4");

    for ( unsigned int i = 0; i < 4; i++ )
        check_rc_setup(unmap_pfn(PFN_X + i), "unmapping the pages");
    if ( !check_eq(exchange(in, 4, 0, out, 1, 2, &done), 0, "exchange") )
        return;
    check_eq(done, 4, "nr_exchanged");
    mfn = out[0];
    xtest_info("new extent at mfn %#lx", mfn);
    check_eq(mfn & 3, 0, "the extent is aligned to its size");
    check(mfn + 4 <= (1UL << 20), "the extent %#lx is not below 4 GiB", mfn);
    for ( unsigned int i = 0; i < 4; i++ )
    {
        check_eq(machine_to_phys_mapping[mfn + i], PFN_X + i, "M2P of the new frames");
        ((unsigned long *)start_info->mfn_list)[PFN_X + i] = mfn + i;
        check_rc_setup(map_pfn(PFN_X + i, mfn + i), "mapping a new frame");
    }
    p = (volatile uint64_t *)pfn_to_va(PFN_X);
    check_eq(*p, 0, "a new frame is zeroed");
    *p = 0x600d;
    check_eq(*p, 0x600d, "a new frame is usable");
    /* A free frame belongs to nobody: writable, that is -EBUSY on Xen. */
    check_eq(map_pfn(PFN_X + 4, old[0]), -XEN_EBUSY,
             "mapping a frame we gave up");
    map_pfn(PFN_X + 4, pfn_to_mfn(PFN_X + 4));
}

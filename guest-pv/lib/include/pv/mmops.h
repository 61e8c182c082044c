/*
 * mmops.h - one-line memory operations that many test kernels make on
 * their own frames.
 */
#ifndef PV_MMOPS_H
#define PV_MMOPS_H

#include <pv/hypercall.h>
#include <public/xen.h>
#include <public/memory.h>

/* One MMUEXT op whose argument is a frame (pins, unpins, base pointers,
 * clear/copy page). */
static inline long mmuext(unsigned int cmd, unsigned long mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/* Give one of our machine frames back (decrease_reservation): the
 * number of extents given, 1 or 0. */
static inline long give_back(unsigned long mfn)
{
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };
    xen_pfn_t f = mfn;

    set_xen_guest_handle(r.extent_start, &f);
    return HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r);
}

#endif /* PV_MMOPS_H */

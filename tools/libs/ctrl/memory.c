/* SPDX-License-Identifier: MIT */
/* XENMEM_populate_physmap on behalf of another domain. */
#include <errno.h>
#include <string.h>
#include <public/memory.h>
#include <xt/ctrl.h>

long xt_populate_physmap(struct xt_call *xc, domid_t domid,
                         unsigned long nr, unsigned int order,
                         xen_pfn_t *gpfns)
{
    size_t len = nr * sizeof(*gpfns);
    struct xen_memory_reservation *res;
    xen_pfn_t *list;
    long r;

    if (nr == 0)
        return 0;
    if (nr > SIZE_MAX / sizeof(*gpfns))
        return -EINVAL;
    res = xt_buf_alloc(xc, sizeof(*res));
    list = xt_buf_alloc(xc, len);
    if (!res || !list) {
        xt_buf_free(xc, res, sizeof(*res));
        xt_buf_free(xc, list, len);
        return -ENOMEM;
    }
    memcpy(list, gpfns, len);
    set_xen_guest_handle(res->extent_start, list);
    res->nr_extents = nr;
    res->extent_order = order;
    res->domid = domid;
    r = xt_hypercall(xc, __HYPERVISOR_memory_op, XENMEM_populate_physmap,
                     (uint64_t)(uintptr_t)res, 0, 0, 0);
    if (r > 0)
        memcpy(gpfns, list, (size_t)(r > (long)nr ? (long)nr : r) *
               sizeof(*gpfns));
    xt_buf_free(xc, res, sizeof(*res));
    xt_buf_free(xc, list, len);
    return r;
}

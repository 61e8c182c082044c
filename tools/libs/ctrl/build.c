/* SPDX-License-Identifier: MIT */
/*
 * The calls only a domain builder makes: let the hypervisor fill a new
 * domain's hypercall page, pin its top-level page table, and size its
 * grant table (returning the frames, which dom0 then maps foreign).
 */
#include <errno.h>
#include <string.h>
#include <public/grant_table.h>
#include <xt/ctrl.h>

int xt_domain_hypercall_init(struct xt_call *xc, domid_t domid,
                             xen_pfn_t gmfn)
{
    struct xen_domctl d;

    memset(&d, 0, sizeof(d));
    d.cmd = XEN_DOMCTL_hypercall_init;
    d.domain = domid;
    d.u.hypercall_init.gmfn = gmfn;
    return xt_domctl(xc, &d);
}

int xt_mmuext_pin(struct xt_call *xc, domid_t domid, unsigned int cmd,
                  xen_pfn_t mfn)
{
    struct mmuext_op *op = xt_buf_alloc(xc, sizeof(*op));
    long r;

    if (!op)
        return -ENOMEM;
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->arg1.mfn = mfn;
    /* The foreign domain is the last argument: the table is domid's. */
    r = xt_hypercall(xc, __HYPERVISOR_mmuext_op, (uint64_t)(uintptr_t)op,
                     1, 0, domid, 0);
    xt_buf_free(xc, op, sizeof(*op));
    return (int)r;
}

int xt_gnttab_setup_table(struct xt_call *xc, domid_t domid,
                          unsigned int nr, xen_pfn_t *frames)
{
    struct gnttab_setup_table *s;
    xen_pfn_t *f;
    size_t len = sizeof(*s) + nr * sizeof(*f);
    long r;

    if (nr == 0 || nr > 64)
        return -EINVAL;
    s = xt_buf_alloc(xc, len);
    if (!s)
        return -ENOMEM;
    memset(s, 0, len);
    f = (xen_pfn_t *)(s + 1);
    s->dom = domid;
    s->nr_frames = nr;
    set_xen_guest_handle(s->frame_list, f);
    r = xt_hypercall(xc, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
                     (uint64_t)(uintptr_t)s, 1, 0, 0);
    if (r == 0 && s->status != GNTST_okay)
        r = s->status == GNTST_bad_domain ? -ESRCH : -EINVAL;
    if (r == 0)
        memcpy(frames, f, nr * sizeof(*f));
    xt_buf_free(xc, s, len);
    return (int)r;
}

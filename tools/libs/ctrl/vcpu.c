/* SPDX-License-Identifier: MIT */
/* A vCPU's register state: XEN_DOMCTL_{set,get}vcpucontext. */
#include <errno.h>
#include <string.h>
#include <xt/ctrl.h>

static int vcpucontext(struct xt_call *xc, uint32_t cmd, domid_t domid,
                       uint32_t vcpu, vcpu_guest_context_t *ctx)
{
    vcpu_guest_context_t *safe = xt_buf_alloc(xc, sizeof(*safe));
    struct xen_domctl d;
    int r;

    if (!safe)
        return -ENOMEM;
    memcpy(safe, ctx, sizeof(*safe));
    memset(&d, 0, sizeof(d));
    d.cmd = cmd;
    d.domain = domid;
    d.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(d.u.vcpucontext.ctxt, safe);
    r = xt_domctl(xc, &d);
    if (r >= 0)
        memcpy(ctx, safe, sizeof(*safe));
    xt_buf_free(xc, safe, sizeof(*safe));
    return r;
}

int xt_vcpu_setcontext(struct xt_call *xc, domid_t domid, uint32_t vcpu,
                       const vcpu_guest_context_t *ctx)
{
    vcpu_guest_context_t copy = *ctx;

    return vcpucontext(xc, XEN_DOMCTL_setvcpucontext, domid, vcpu, &copy);
}

int xt_vcpu_getcontext(struct xt_call *xc, domid_t domid, uint32_t vcpu,
                       vcpu_guest_context_t *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    return vcpucontext(xc, XEN_DOMCTL_getvcpucontext, domid, vcpu, ctx);
}

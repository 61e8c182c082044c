/* SPDX-License-Identifier: MIT */
/* domctl, sysctl and xen_version through hypercall-safe copies. */
#include <errno.h>
#include <string.h>
#include <xt/ctrl.h>

/* Copies len bytes of arg into a safe buffer, makes the call with it as
 * the first argument, and copies the result back. */
static long call_with_copy(struct xt_call *xc, unsigned int op,
                           uint64_t first, void *arg, size_t len,
                           int arg_first)
{
    void *buf = NULL;
    long r;

    if (arg && len) {
        buf = xt_buf_alloc(xc, len);
        if (!buf)
            return -ENOMEM;
        memcpy(buf, arg, len);
    }
    if (arg_first)
        r = xt_hypercall(xc, op, (uint64_t)(uintptr_t)buf, 0, 0, 0, 0);
    else
        r = xt_hypercall(xc, op, first, (uint64_t)(uintptr_t)buf, 0, 0, 0);
    if (buf) {
        memcpy(arg, buf, len);
        xt_buf_free(xc, buf, len);
    }
    return r;
}

int xt_domctl(struct xt_call *xc, struct xen_domctl *d)
{
    d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return (int)call_with_copy(xc, __HYPERVISOR_domctl, 0, d, sizeof(*d), 1);
}

int xt_sysctl(struct xt_call *xc, struct xen_sysctl *s)
{
    s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return (int)call_with_copy(xc, __HYPERVISOR_sysctl, 0, s, sizeof(*s), 1);
}

long xt_xen_version(struct xt_call *xc, int cmd, void *arg, size_t len)
{
    return call_with_copy(xc, __HYPERVISOR_xen_version, (uint64_t)cmd,
                          arg, len, 0);
}

/* SPDX-License-Identifier: MIT */
/* Creating, sizing, pausing and destroying domains. */
#include <string.h>
#include <xt/ctrl.h>

static int simple_domctl(struct xt_call *xc, uint32_t cmd, domid_t domid)
{
    struct xen_domctl d;

    memset(&d, 0, sizeof(d));
    d.cmd = cmd;
    d.domain = domid;
    return xt_domctl(xc, &d);
}

int xt_domain_pause(struct xt_call *xc, domid_t domid)
{
    return simple_domctl(xc, XEN_DOMCTL_pausedomain, domid);
}

int xt_domain_unpause(struct xt_call *xc, domid_t domid)
{
    return simple_domctl(xc, XEN_DOMCTL_unpausedomain, domid);
}

int xt_domain_destroy(struct xt_call *xc, domid_t domid)
{
    return simple_domctl(xc, XEN_DOMCTL_destroydomain, domid);
}

int xt_domain_create(struct xt_call *xc, domid_t *domid,
                     const struct xen_domctl_createdomain *cfg)
{
    struct xen_domctl d;
    int r;

    memset(&d, 0, sizeof(d));
    d.cmd = XEN_DOMCTL_createdomain;
    d.domain = *domid;
    d.u.createdomain = *cfg;
    r = xt_domctl(xc, &d);
    if (r >= 0)
        *domid = d.domain;
    return r;
}

int xt_domain_max_vcpus(struct xt_call *xc, domid_t domid, uint32_t max)
{
    struct xen_domctl d;

    memset(&d, 0, sizeof(d));
    d.cmd = XEN_DOMCTL_max_vcpus;
    d.domain = domid;
    d.u.max_vcpus.max = max;
    return xt_domctl(xc, &d);
}

int xt_domain_max_mem(struct xt_call *xc, domid_t domid, uint64_t max_kb)
{
    struct xen_domctl d;

    memset(&d, 0, sizeof(d));
    d.cmd = XEN_DOMCTL_max_mem;
    d.domain = domid;
    d.u.max_mem.max_memkb = max_kb;
    return xt_domctl(xc, &d);
}

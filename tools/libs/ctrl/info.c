/* SPDX-License-Identifier: MIT */
/* Domain and machine information: getdomaininfo, physinfo, sched_id. */
#include <errno.h>
#include <string.h>
#include <xt/ctrl.h>

int xt_domain_getinfo(struct xt_call *xc, domid_t domid, xt_dominfo_t *out)
{
    struct xen_domctl d;
    int r;

    memset(&d, 0, sizeof(d));
    d.cmd = XEN_DOMCTL_getdomaininfo;
    d.domain = domid;
    r = xt_domctl(xc, &d);
    if (r < 0)
        return r;
    /* The hypercall answers with the next domain up if domid is gone. */
    if (d.u.getdomaininfo.domain != domid)
        return -ESRCH;
    *out = d.u.getdomaininfo;
    return 0;
}

int xt_domain_getinfolist(struct xt_call *xc, domid_t first,
                          unsigned int max, xt_dominfo_t *out)
{
    size_t len = (size_t)max * sizeof(*out);
    struct xen_sysctl s;
    xt_dominfo_t *buf;
    int r;

    if (max == 0)
        return 0;
    buf = xt_buf_alloc(xc, len);
    if (!buf)
        return -ENOMEM;
    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_getdomaininfolist;
    s.u.getdomaininfolist.first_domain = first;
    s.u.getdomaininfolist.max_domains = max;
    set_xen_guest_handle(s.u.getdomaininfolist.buffer, buf);
    r = xt_sysctl(xc, &s);
    if (r >= 0) {
        r = (int)s.u.getdomaininfolist.num_domains;
        if ((unsigned int)r > max)      /* never trust a count blindly */
            r = (int)max;
        memcpy(out, buf, (size_t)r * sizeof(*out));
    }
    xt_buf_free(xc, buf, len);
    return r;
}

int xt_physinfo(struct xt_call *xc, struct xen_sysctl_physinfo *out)
{
    struct xen_sysctl s;
    int r;

    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_physinfo;
    r = xt_sysctl(xc, &s);
    if (r >= 0)
        *out = s.u.physinfo;
    return r;
}

int xt_sched_id(struct xt_call *xc, uint32_t *sched_id)
{
    struct xen_sysctl s;
    int r;

    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_sched_id;
    r = xt_sysctl(xc, &s);
    if (r >= 0)
        *sched_id = s.u.sched_id.sched_id;
    return r;
}

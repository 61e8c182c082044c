/* SPDX-License-Identifier: MIT */
/*
 * Taking a domain down as libxl does: its xenstore nodes first (so no
 * backend reconnects to a dying domain), then destroydomain, then the
 * store connection is released (xenstored would also notice the death
 * through VIRQ_DOM_EXC; releasing an already released domain is only
 * ENOENT, which is fine).
 */
#include <errno.h>
#include "dom.h"
#include "xl.h"

int xl_dom_destroy(uint32_t domid)
{
    xt_dominfo_t info;
    int r;

    if (xt_domain_getinfo(xl_call(), (domid_t)domid, &info) < 0)
        return -ESRCH;
    xl_xs_remove(domid);
    r = xt_domain_destroy(xl_call(), (domid_t)domid);
    if (xl_store())
        xt_store_release(xl_store(), domid);
    return r;
}

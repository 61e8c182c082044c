/* SPDX-License-Identifier: MIT */
/* EVTCHNOP_alloc_unbound on behalf of another domain: how the builder
 * makes a new domain's store and console ports, open to a backend. */
#include <errno.h>
#include <string.h>
#include <public/event_channel.h>
#include <xt/ctrl.h>

int xt_evtchn_alloc_unbound(struct xt_call *xc, domid_t domid,
                            domid_t remote)
{
    struct evtchn_alloc_unbound *a = xt_buf_alloc(xc, sizeof(*a));
    long r;

    if (!a)
        return -ENOMEM;
    memset(a, 0, sizeof(*a));
    a->dom = domid;
    a->remote_dom = remote;
    r = xt_hypercall(xc, __HYPERVISOR_event_channel_op,
                     EVTCHNOP_alloc_unbound, (uint64_t)(uintptr_t)a, 0, 0, 0);
    if (r == 0)
        r = a->port;
    xt_buf_free(xc, a, sizeof(*a));
    return (int)r;
}

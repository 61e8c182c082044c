/* SPDX-License-Identifier: MIT */
/*
 * xt_evtchn: a loopback channel inside dom0 (an unbound port for domain
 * 0, bound from a second handle), one notify, its delivery and unmask.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <xt/evtchn.h>
#include "xtcheck.h"

static int wait_readable(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };

    return poll(&p, 1, 2000) == 1;
}

void check_evtchn(void)
{
    struct xt_evtchn *a = xt_evtchn_open(), *b = xt_evtchn_open();
    int pa = -1, pb = -1, got = -1;

    if (!report("evtchn open", a && b, "%s", strerror(errno)))
        goto out;
    pa = xt_evtchn_bind_unbound_port(a, 0);
    pb = pa < 0 ? pa : xt_evtchn_bind_interdomain(b, 0, (uint32_t)pa);
    if (!report("evtchn bind_unbound_port + bind_interdomain",
                pa > 0 && pb > 0, "ports %d %d", pa, pb))
        goto out;
    if (xt_evtchn_notify(b, (uint32_t)pb) == 0 && wait_readable(xt_evtchn_fd(a)))
        got = xt_evtchn_pending(a);
    report("evtchn notify reaches the other end", got == pa,
           "pending %d, wanted %d", got, pa);
    report("evtchn unmask", xt_evtchn_unmask(a, (uint32_t)pa) == 0, "failed");
    report("evtchn unbind", xt_evtchn_unbind(b, (uint32_t)pb) == 0 &&
           xt_evtchn_unbind(a, (uint32_t)pa) == 0 &&
           xt_evtchn_unbind(a, (uint32_t)pa) < 0, "unbind results wrong");
out:
    xt_evtchn_close(a);
    xt_evtchn_close(b);
}

/* SPDX-License-Identifier: MIT */
/*
 * domain_io in dom0, a thin adapter over the tool libraries:
 *   rings       xt_gnttab (the guest's reserved xenstore grant, which is
 *               what Xen 4.17's daemon maps), else xt_foreign of the frame
 *               INTRODUCE named
 *   events      xt_evtchn, non-blocking
 *   death       xt_domain_getinfo (xt_ctrl)
 *   dom0's ring xt_store_local_ring (the page and port dom0's own kernel
 *               made for a local daemon)
 * The device interfaces themselves live only in tools/libs.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <public/grant_table.h>
#include <xt/ctrl.h>
#include <xt/evtchn.h>
#include <xt/foreign.h>
#include <xt/gnttab.h>
#include <xt/store.h>
#include "domain_io.h"
#include "xenstored.h"

static struct xt_call *xc;
static struct xt_evtchn *xe;
static struct xt_gnttab *xg;        /* NULL: no gntdev, frames only */
static struct domain_io io;

/* The library calls answer -errno; the table's callers read errno. */
static int with_errno(int r)
{
    if (r >= 0)
        return r;
    errno = -r;
    return -1;
}

static void *lx_map_ring(unsigned int domid, uint64_t mfn)
{
    void *p = NULL;

    if (xg)
        p = xt_gnttab_map(xg, domid, GNTTAB_RESERVED_XENSTORE,
                          PROT_READ | PROT_WRITE);
    return p ? p : xt_foreign_map_one(xc, (domid_t)domid,
                                      PROT_READ | PROT_WRITE, mfn);
}

/* gntdev knows its own mappings: anything it refuses was foreign. */
static void lx_unmap_ring(void *page)
{
    if (!xg || xt_gnttab_unmap(xg, page) < 0)
        xt_foreign_unmap(page, 1);
}

static int lx_bind_interdomain(unsigned int domid, unsigned int remote)
{
    return with_errno(xt_evtchn_bind_interdomain(xe, domid, remote));
}

static int lx_bind_virq(unsigned int virq)
{
    return with_errno(xt_evtchn_bind_virq(xe, virq));
}

static void lx_unbind(int port)
{
    xt_evtchn_unbind(xe, (uint32_t)port);
}

static void lx_notify(int port)
{
    xt_evtchn_notify(xe, (uint32_t)port);
}

static int lx_pending(void)
{
    int port = xt_evtchn_pending(xe);

    if (port < 0 && port != -EAGAIN)
        xs_log(0, "evtchn: %s", strerror(-port));
    return port < 0 ? -1 : port;
}

static void lx_unmask(int port)
{
    if (xt_evtchn_unmask(xe, (uint32_t)port) < 0)
        xs_log(0, "evtchn: cannot unmask port %d", port);
}

static enum dom_state lx_domain_state(unsigned int domid)
{
    xt_dominfo_t info;
    int r = xt_domain_getinfo(xc, (domid_t)domid, &info);

    if (r == -ESRCH)
        return DOM_GONE;
    if (r < 0) {
        xs_log(0, "getdomaininfo dom%u: %s", domid, strerror(-r));
        return DOM_RUNNING;     /* unsure: never release on a guess */
    }
    if (info.flags & XEN_DOMINF_dying)
        return DOM_GONE;
    return info.flags & XEN_DOMINF_shutdown ? DOM_SHUTDOWN : DOM_RUNNING;
}

static int lx_dom0_store(void **page, unsigned int *port)
{
    uint32_t p;
    int r = xt_store_local_ring(page, &p);

    if (r < 0) {
        xs_log(1, "no ring of dom0's own kernel: %s", strerror(-r));
        return -1;
    }
    *port = p;
    return 0;
}

static void lx_unmap_dom0(void *page)
{
    xt_store_local_ring_unmap(page);
}

static int open_all(void)
{
    /* The daemon polls the descriptor and must never block reading it. */
    xe = xt_evtchn_open_nonblock();
    if (!xe)
        return -1;
    xc = xt_call_open();
    if (!xc)
        return -1;
    xg = xt_gnttab_open();      /* optional: foreign maps still work */
    return 0;
}

const struct domain_io *domain_io_linux(void)
{
    if (open_all() < 0) {
        xs_log(errno == ENOENT ? 1 : 0, "/dev/xen: %s; cannot serve domains",
               strerror(errno));
        xt_evtchn_close(xe);
        xt_call_close(xc);
        xe = NULL;
        xc = NULL;
        return NULL;
    }
    io = (struct domain_io){
        .name = "/dev/xen",
        .map_ring = lx_map_ring,
        .unmap_ring = lx_unmap_ring,
        .bind_interdomain = lx_bind_interdomain,
        .bind_virq = lx_bind_virq,
        .unbind = lx_unbind,
        .notify = lx_notify,
        .fd = xt_evtchn_fd(xe),
        .pending = lx_pending,
        .unmask = lx_unmask,
        .domain_state = lx_domain_state,
        .dom0_store = lx_dom0_store,
        .unmap_dom0_store = lx_unmap_dom0,
    };
    return &io;
}

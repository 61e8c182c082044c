/* SPDX-License-Identifier: MIT */
/*
 * The Linux dom0 backend, a thin adapter over the tool libraries: event
 * channels through xt_evtchn, the console grant through xt_gnttab,
 * foreign frames through xt_foreign, and xenstore through xt_store
 * (store_xt.c).  The device interfaces themselves live only in tools/libs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xt/call.h>
#include <xt/evtchn.h>
#include <xt/foreign.h>
#include <xt/gnttab.h>
#include <xt/store.h>
#include "backend_linux.h"
#include "console.h"

struct lx {
    struct cons_backend be;
    struct xt_store *xs;
    struct xt_evtchn *xe;
    struct xt_gnttab *xg;           /* NULL when gntdev is absent */
    struct xt_call *xc;             /* NULL when privcmd is absent */
};

/* ---- event channels ---- */

static int ev_bind(void *ctx, unsigned int domid, uint32_t remote)
{
    return xt_evtchn_bind_interdomain(((struct lx *)ctx)->xe, domid, remote);
}

static void ev_unbind(void *ctx, uint32_t port)
{
    xt_evtchn_unbind(((struct lx *)ctx)->xe, port);
}

static int ev_notify(void *ctx, uint32_t port)
{
    return xt_evtchn_notify(((struct lx *)ctx)->xe, port);
}

static int ev_unmask(void *ctx, uint32_t port)
{
    return xt_evtchn_unmask(((struct lx *)ctx)->xe, port);
}

static int ev_fd(void *ctx)
{
    return xt_evtchn_fd(((struct lx *)ctx)->xe);
}

/* The descriptor is non-blocking: -EAGAIN when nothing is pending. */
static int ev_pending(void *ctx)
{
    return xt_evtchn_pending(((struct lx *)ctx)->xe);
}

/* ---- mappings ---- */

static void *map_grant(void *ctx, unsigned int domid, uint32_t gref)
{
    struct lx *lx = ctx;

    if (!lx->xg) {
        errno = ENODEV;
        return NULL;
    }
    return xt_gnttab_map(lx->xg, domid, gref, PROT_READ | PROT_WRITE);
}

static void unmap_grant(void *ctx, void *page)
{
    xt_gnttab_unmap(((struct lx *)ctx)->xg, page);
}

static void *map_foreign(void *ctx, unsigned int domid, uint64_t gfn)
{
    struct lx *lx = ctx;

    if (!lx->xc || domid >= DOMID_FIRST_RESERVED) {
        errno = lx->xc ? EINVAL : ENODEV;
        return NULL;
    }
    return xt_foreign_map_one(lx->xc, (domid_t)domid,
                              PROT_READ | PROT_WRITE, gfn);
}

static void unmap_foreign(void *ctx, void *page)
{
    (void)ctx;
    xt_foreign_unmap(page, 1);
}

/* ---- the whole ---- */

static struct xt_store *open_store(const char *socket)
{
    struct xt_store *xs = socket ? xt_store_open_socket(socket)
                                 : xt_store_open();

    if (!xs)
        cons_msg(0, "cannot connect to xenstored%s%s: %s",
                 socket ? " at " : "", socket ? socket : "",
                 strerror(errno));
    return xs;
}

/* The evtchn device is required, and at least one way to map a page. */
static int open_devices(struct lx *lx)
{
    /* The daemon polls the descriptor and must never block reading it. */
    lx->xe = xt_evtchn_open_nonblock();
    if (!lx->xe) {
        cons_msg(0, "cannot open /dev/xen/evtchn: %s", strerror(errno));
        return -1;
    }
    lx->xg = xt_gnttab_open();
    lx->xc = xt_call_open();
    if (!lx->xg && !lx->xc) {
        cons_msg(0, "neither /dev/xen/gntdev nor /dev/xen/privcmd opens");
        return -1;
    }
    return 0;
}

struct cons_backend *linux_backend_open(const char *socket)
{
    struct lx *lx = calloc(1, sizeof(*lx));

    if (!lx)
        return NULL;
    lx->xs = open_store(socket);
    if (!lx->xs || open_devices(lx) < 0) {
        linux_backend_close(&lx->be);
        return NULL;
    }
    cons_store_xt(lx->xs, &lx->be);
    lx->be.evtchn = (struct cons_evtchn_ops){
        lx, ev_bind, ev_unbind, ev_notify, ev_unmask, ev_fd, ev_pending,
    };
    lx->be.map = (struct cons_map_ops){
        lx, map_grant, unmap_grant, map_foreign, unmap_foreign,
    };
    return &lx->be;
}

void linux_backend_close(struct cons_backend *be)
{
    struct lx *lx = (struct lx *)be;    /* be is lx's first member */

    xt_store_close(lx->xs);
    xt_evtchn_close(lx->xe);
    xt_gnttab_close(lx->xg);
    xt_call_close(lx->xc);
    free(lx);
}

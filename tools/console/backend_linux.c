/* SPDX-License-Identifier: MIT */
/*
 * The Linux dom0 backend: event channels through /dev/xen/evtchn, the
 * console grant through /dev/xen/gntdev, foreign frames through
 * /dev/xen/privcmd, and xenstore through xs_sock.c.  Not yet run in a
 * real dom0: the unit tests cover only the xenstore part.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "backend_linux.h"
#include "console.h"

#define PAGE 4096u

/*
 * Linux's evtchn, gntdev and privcmd uapi headers need types from
 * <xen/interface/xen.h>, which userspace does not get, so the ioctl
 * layouts we use are spelt here.
 */
struct evtchn_bind_interdomain { unsigned int remote_domain, remote_port; };
struct evtchn_port { unsigned int port; };
#define EVTCHN_BIND_INTERDOMAIN \
    _IOC(_IOC_NONE, 'E', 1, sizeof(struct evtchn_bind_interdomain))
#define EVTCHN_UNBIND _IOC(_IOC_NONE, 'E', 3, sizeof(struct evtchn_port))
#define EVTCHN_NOTIFY _IOC(_IOC_NONE, 'E', 4, sizeof(struct evtchn_port))

struct gntdev_map {
    uint32_t count, pad;
    uint64_t index;             /* out: the mmap offset */
    struct { uint32_t domid, ref; } refs[1];
};
struct gntdev_unmap {
    uint64_t index;
    uint32_t count, pad;
};
#define GNTDEV_MAP_GRANT_REF _IOC(_IOC_NONE, 'G', 0, sizeof(struct gntdev_map))
#define GNTDEV_UNMAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 1, sizeof(struct gntdev_unmap))

struct privcmd_batch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const unsigned long *arr;
    int *err;
};
#define PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_batch_v2))

struct grant_map {
    struct grant_map *next;
    void *addr;
    uint64_t index;             /* gntdev's offset for this grant */
};

struct lx {
    struct cons_backend be;
    struct xs_sock *xs;
    int evtchn, gntdev, privcmd;    /* -1 when absent */
    struct grant_map *grants;
};

/* ---- event channels ---- */

static int ev_bind(void *ctx, unsigned int domid, uint32_t remote)
{
    struct evtchn_bind_interdomain b = { domid, remote };
    int r = ioctl(((struct lx *)ctx)->evtchn, EVTCHN_BIND_INTERDOMAIN, &b);

    return r < 0 ? -errno : r;
}

static void ev_unbind(void *ctx, uint32_t port)
{
    struct evtchn_port p = { port };

    ioctl(((struct lx *)ctx)->evtchn, EVTCHN_UNBIND, &p);
}

static int ev_notify(void *ctx, uint32_t port)
{
    struct evtchn_port p = { port };

    return ioctl(((struct lx *)ctx)->evtchn, EVTCHN_NOTIFY, &p) ? -errno : 0;
}

/* The driver masks a port when it delivers it; writing it unmasks. */
static int ev_unmask(void *ctx, uint32_t port)
{
    ssize_t w = write(((struct lx *)ctx)->evtchn, &port, sizeof(port));

    return w == sizeof(port) ? 0 : -errno;
}

static int ev_fd(void *ctx)
{
    return ((struct lx *)ctx)->evtchn;
}

static int ev_pending(void *ctx)
{
    uint32_t port;
    ssize_t r = read(((struct lx *)ctx)->evtchn, &port, sizeof(port));

    if (r == sizeof(port))
        return port <= INT32_MAX ? (int)port : -EIO;
    return r < 0 && errno != EAGAIN ? -errno : -EAGAIN;
}

/* ---- mappings ---- */

static void *map_grant(void *ctx, unsigned int domid, uint32_t gref)
{
    struct lx *lx = ctx;
    struct gntdev_map m = { .count = 1 };
    struct gntdev_unmap u = { .count = 1 };
    struct grant_map *g;
    void *p;

    if (lx->gntdev < 0 || !(g = calloc(1, sizeof(*g)))) {
        errno = ENODEV;
        return NULL;
    }
    m.refs[0].domid = domid;
    m.refs[0].ref = gref;
    if (ioctl(lx->gntdev, GNTDEV_MAP_GRANT_REF, &m)) {
        free(g);
        return NULL;
    }
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, lx->gntdev,
             m.index);
    if (p == MAP_FAILED) {
        int e = errno;

        u.index = m.index;
        ioctl(lx->gntdev, GNTDEV_UNMAP_GRANT_REF, &u);
        free(g);
        errno = e;
        return NULL;
    }
    *g = (struct grant_map){ lx->grants, p, m.index };
    lx->grants = g;
    return p;
}

static void unmap_grant(void *ctx, void *page)
{
    struct lx *lx = ctx;
    struct gntdev_unmap u = { .count = 1 };
    struct grant_map **link, *g;

    for (link = &lx->grants; (g = *link); link = &g->next)
        if (g->addr == page) {
            munmap(page, PAGE);
            u.index = g->index;
            ioctl(lx->gntdev, GNTDEV_UNMAP_GRANT_REF, &u);
            *link = g->next;
            free(g);
            return;
        }
}

static void *map_foreign(void *ctx, unsigned int domid, uint64_t gfn)
{
    struct lx *lx = ctx;
    unsigned long frame = gfn;
    int err = 0;
    struct privcmd_batch_v2 b = { 1, domid, 0, &frame, &err };
    void *p;

    if (lx->privcmd < 0 || frame != gfn) {
        errno = ENODEV;
        return NULL;
    }
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, lx->privcmd, 0);
    if (p == MAP_FAILED)
        return NULL;
    b.addr = (uintptr_t)p;
    if (ioctl(lx->privcmd, PRIVCMD_MMAPBATCH_V2, &b) || err) {
        int e = err ? -err : errno;

        munmap(p, PAGE);
        errno = e;
        return NULL;
    }
    return p;
}

static void unmap_foreign(void *ctx, void *page)
{
    (void)ctx;
    munmap(page, PAGE);
}

/* ---- the whole ---- */

static int open_dev(const char *path)
{
    return open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
}

struct cons_backend *linux_backend_open(const char *socket)
{
    struct lx *lx = calloc(1, sizeof(*lx));

    if (!lx)
        return NULL;
    if (!socket)
        socket = getenv("XENSTORED_PATH");
    lx->xs = xs_sock_open(socket ? socket : XS_SOCKET_DEFAULT);
    if (!lx->xs) {
        cons_msg(0, "cannot connect to xenstored at %s: %s",
                 socket ? socket : XS_SOCKET_DEFAULT, strerror(errno));
        free(lx);
        return NULL;
    }
    lx->evtchn = open_dev("/dev/xen/evtchn");
    if (lx->evtchn < 0)
        cons_msg(0, "cannot open /dev/xen/evtchn: %s", strerror(errno));
    lx->gntdev = open_dev("/dev/xen/gntdev");
    lx->privcmd = open_dev("/dev/xen/privcmd");
    if (lx->gntdev < 0 && lx->privcmd < 0)
        cons_msg(0, "neither /dev/xen/gntdev nor /dev/xen/privcmd opens");
    if (lx->evtchn < 0 || (lx->gntdev < 0 && lx->privcmd < 0)) {
        linux_backend_close(&lx->be);
        return NULL;
    }
    xs_sock_ops(lx->xs, &lx->be);
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

    if (lx->xs)
        xs_sock_close(lx->xs);
    if (lx->evtchn >= 0)
        close(lx->evtchn);
    if (lx->gntdev >= 0)
        close(lx->gntdev);
    if (lx->privcmd >= 0)
        close(lx->privcmd);
    while (lx->grants) {
        struct grant_map *g = lx->grants;

        lx->grants = g->next;
        free(g);
    }
    free(lx);
}

/* SPDX-License-Identifier: MIT */
/*
 * domain_io over Linux's Xen devices in dom0:
 *   /dev/xen/evtchn          event channels (read: fired ports, write: unmask)
 *   /dev/xen/gntdev          a guest's ring through its reserved xenstore
 *                            grant (what Xen 4.17's daemon maps); failing
 *                            that, /dev/xen/privcmd MMAPBATCH_V2 of the frame
 *   /dev/xen/privcmd         XEN_DOMCTL_getdomaininfo for dying domains
 *   /dev/xen/xenbus_backend  dom0's own store page (mmap) and unbound port
 *                            (ioctl); /proc/xen/xsd_kva and xsd_port on
 *                            older kernels
 * The ioctl numbers and layouts are Linux's UAPI, written out here so the
 * daemon builds without kernel headers.  Untested in a real dom0 so far.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <public/xen.h>
#include <public/domctl.h>
#include <public/grant_table.h>
#include "domain_io.h"
#include "xenstored.h"

#define PAGE 4096

struct evtchn_virq { uint32_t virq; };
struct evtchn_interdomain { uint32_t remote_domain, remote_port; };
struct evtchn_port { uint32_t port; };
#define EVTCHN_BIND_VIRQ _IOC(_IOC_NONE, 'E', 0, sizeof(struct evtchn_virq))
#define EVTCHN_BIND_INTERDOMAIN \
    _IOC(_IOC_NONE, 'E', 1, sizeof(struct evtchn_interdomain))
#define EVTCHN_UNBIND _IOC(_IOC_NONE, 'E', 3, sizeof(struct evtchn_port))
#define EVTCHN_NOTIFY _IOC(_IOC_NONE, 'E', 4, sizeof(struct evtchn_port))

struct gntdev_map {
    uint32_t count, pad;
    uint64_t index;             /* out: the mmap offset */
    uint32_t domid, ref;
};
struct gntdev_unmap {
    uint64_t index;
    uint32_t count, pad;
};
#define GNTDEV_MAP _IOC(_IOC_NONE, 'G', 0, sizeof(struct gntdev_map))
#define GNTDEV_UNMAP _IOC(_IOC_NONE, 'G', 1, sizeof(struct gntdev_unmap))

struct privcmd_hypercall { uint64_t op, arg[5]; };
struct privcmd_mmapbatch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};
#define PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))

#define XENBUS_BACKEND_EVTCHN _IOC(_IOC_NONE, 'B', 0, 0)

static int evfd = -1, gntfd = -1, privfd = -1;
static struct domain_io io;
static struct xen_domctl *domctl;   /* locked: the hypervisor reads it */

/* Grant mappings need their gntdev index to be undone. */
static struct grant_map {
    void *page;
    uint64_t index;
} maps[DOMID_FIRST_RESERVED];
static unsigned int nmaps;

static void *map_grant(unsigned int domid)
{
    struct gntdev_map m = { .count = 1, .domid = domid,
                            .ref = GNTTAB_RESERVED_XENSTORE };
    struct gntdev_unmap u = { .count = 1 };
    void *p;

    if (gntfd < 0 || nmaps == DOMID_FIRST_RESERVED ||
        ioctl(gntfd, GNTDEV_MAP, &m))
        return NULL;
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gntfd, m.index);
    if (p == MAP_FAILED) {
        u.index = m.index;
        ioctl(gntfd, GNTDEV_UNMAP, &u);
        return NULL;
    }
    maps[nmaps].page = p;
    maps[nmaps++].index = m.index;
    return p;
}

static void *map_frame(unsigned int domid, uint64_t mfn)
{
    struct privcmd_mmapbatch_v2 b = { .num = 1, .dom = domid, .arr = &mfn };
    int err = 0;
    void *p;

    if (privfd < 0)
        return NULL;
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, privfd, 0);
    if (p == MAP_FAILED)
        return NULL;
    b.addr = (uintptr_t)p;
    b.err = &err;
    if (ioctl(privfd, PRIVCMD_MMAPBATCH_V2, &b) || err) {
        munmap(p, PAGE);
        errno = err ? -err : errno;
        return NULL;
    }
    return p;
}

static void *lx_map_ring(unsigned int domid, uint64_t mfn)
{
    void *p = map_grant(domid);

    return p ? p : map_frame(domid, mfn);
}

static void lx_unmap_ring(void *page)
{
    unsigned int i;

    munmap(page, PAGE);
    for (i = 0; i < nmaps; i++) {
        if (maps[i].page == page) {
            struct gntdev_unmap u = { .index = maps[i].index, .count = 1 };

            ioctl(gntfd, GNTDEV_UNMAP, &u);
            maps[i] = maps[--nmaps];
            return;
        }
    }
}

static int lx_bind_interdomain(unsigned int domid, unsigned int remote)
{
    struct evtchn_interdomain b = { domid, remote };

    return ioctl(evfd, EVTCHN_BIND_INTERDOMAIN, &b);
}

static int lx_bind_virq(unsigned int virq)
{
    struct evtchn_virq b = { virq };

    return ioctl(evfd, EVTCHN_BIND_VIRQ, &b);
}

static void lx_unbind(int port)
{
    struct evtchn_port p = { port };

    ioctl(evfd, EVTCHN_UNBIND, &p);
}

static void lx_notify(int port)
{
    struct evtchn_port p = { port };

    ioctl(evfd, EVTCHN_NOTIFY, &p);
}

/* The device hands out fired ports in batches; give them one at a time. */
static int lx_pending(void)
{
    static uint32_t buf[64];
    static unsigned int have, next;
    long n;

    if (next == have) {
        n = read(evfd, buf, sizeof(buf));
        if (n < (long)sizeof(buf[0]))
            return -1;
        have = n / sizeof(buf[0]);
        next = 0;
    }
    return buf[next++];
}

static void lx_unmask(int port)
{
    uint32_t p = port;

    if (write(evfd, &p, sizeof(p)) != sizeof(p))
        xs_log(0, "evtchn: cannot unmask port %d", port);
}

/* Xen answers with the next domain up when 'domid' is gone. */
static enum dom_state lx_domain_state(unsigned int domid)
{
    struct privcmd_hypercall h = { .op = __HYPERVISOR_domctl };

    memset(domctl, 0, sizeof(*domctl));
    domctl->cmd = XEN_DOMCTL_getdomaininfo;
    domctl->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    domctl->domain = domid;
    h.arg[0] = (uintptr_t)domctl;
    if (ioctl(privfd, PRIVCMD_HYPERCALL, &h) < 0) {
        if (errno == ESRCH)
            return DOM_GONE;
        xs_log(0, "getdomaininfo dom%u: %s", domid, strerror(errno));
        return DOM_RUNNING;     /* unsure: never release on a guess */
    }
    if (domctl->u.getdomaininfo.domain != domid ||
        (domctl->u.getdomaininfo.flags & XEN_DOMINF_dying))
        return DOM_GONE;
    if (domctl->u.getdomaininfo.flags & XEN_DOMINF_shutdown)
        return DOM_SHUTDOWN;
    return DOM_RUNNING;
}

static void *map_dev(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    void *p;

    if (fd < 0)
        return NULL;
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

/* The page and the unbound port Linux made when it found no xenstore. */
static int lx_dom0_store(void **page, unsigned int *port)
{
    int fd = open("/dev/xen/xenbus_backend", O_RDWR | O_CLOEXEC);
    int p = fd < 0 ? -1 : ioctl(fd, XENBUS_BACKEND_EVTCHN);
    FILE *f;

    if (fd >= 0)
        close(fd);
    if (p > 0) {
        *page = map_dev("/dev/xen/xenbus_backend");
    } else {
        f = fopen("/proc/xen/xsd_port", "r");
        if (!f || fscanf(f, "%d", &p) != 1)
            p = -1;
        if (f)
            fclose(f);
        *page = p > 0 ? map_dev("/proc/xen/xsd_kva") : NULL;
    }
    *port = p;
    return *page ? 0 : -1;
}

static void lx_unmap_dom0(void *page)
{
    munmap(page, PAGE);
}

const struct domain_io *domain_io_linux(void)
{
    evfd = open("/dev/xen/evtchn", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (evfd < 0)
        return NULL;
    gntfd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    privfd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    domctl = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (privfd < 0 || domctl == MAP_FAILED || mlock(domctl, PAGE)) {
        xs_log(0, "privcmd: %s; cannot serve domains", strerror(errno));
        close(evfd);
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
        .fd = evfd,
        .pending = lx_pending,
        .unmask = lx_unmask,
        .domain_state = lx_domain_state,
        .dom0_store = lx_dom0_store,
        .unmap_dom0_store = lx_unmap_dom0,
    };
    return &io;
}

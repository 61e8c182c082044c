/* SPDX-License-Identifier: MIT */
/*
 * A fake hypervisor for host tests (xenstored -X DIR).  The test plays
 * the guests from another process:
 *   DIR/ring-<mfn>      a 4096-byte file: the ring page INTRODUCE names
 *   DIR/dom0-ring       if present at start: dom0's own store page
 *   DIR/evtchn          the daemon's datagram socket; a guest kicks its
 *                       channel by sending { domid, its port }, and
 *                       { FAKE_VIRQ, virq } raises a VIRQ
 *   DIR/guest-<domid>   the guest's datagram socket, if it has one: the
 *                       daemon's notifications arrive as { domid, port }
 *   DIR/dead-<domid>    the domain is dying; DIR/shutdown-<domid>: shut down
 * Dom0's unbound store port is FAKE_DOM0_PORT.  Masking is not modelled:
 * every kick is reported, which a correct daemon must tolerate anyway.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "domain_io.h"

#define FAKE_VIRQ 0xffffffffu
#define FAKE_DOM0_PORT 1u
#define MAX_PORTS 256
#define PAGE 4096

struct kick {
    uint32_t domid, port;
};

static struct {
    bool used, virq;
    unsigned int domid, remote;
} ports[MAX_PORTS];             /* local port = index + 1 */

static char dir[80];           /* short: socket paths hold 108 bytes */
static struct domain_io io;

static void *map_file(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    void *p;

    if (fd < 0)
        return NULL;
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static void *fake_map_ring(unsigned int domid, uint64_t mfn)
{
    char path[256];

    (void)domid;
    snprintf(path, sizeof(path), "%s/ring-%llu", dir, (unsigned long long)mfn);
    return map_file(path);
}

static void fake_unmap(void *page)
{
    munmap(page, PAGE);
}

static int new_port(unsigned int domid, unsigned int remote, bool virq)
{
    int i;

    for (i = 0; i < MAX_PORTS; i++) {
        if (!ports[i].used) {
            ports[i].used = true;
            ports[i].virq = virq;
            ports[i].domid = domid;
            ports[i].remote = remote;
            return i + 1;
        }
    }
    errno = ENOSPC;
    return -1;
}

/* As in Xen, a remote port can be bound once: it is no longer unbound. */
static int fake_bind_interdomain(unsigned int domid, unsigned int remote)
{
    int i;

    for (i = 0; i < MAX_PORTS; i++) {
        if (ports[i].used && !ports[i].virq && ports[i].domid == domid &&
            ports[i].remote == remote) {
            errno = EBUSY;
            return -1;
        }
    }
    return new_port(domid, remote, false);
}

static int fake_bind_virq(unsigned int virq)
{
    return new_port(0, virq, true);
}

static void fake_unbind(int port)
{
    if (port > 0 && port <= MAX_PORTS)
        ports[port - 1].used = false;
}

static void fake_notify(int port)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct kick k;

    if (port <= 0 || port > MAX_PORTS || !ports[port - 1].used)
        return;
    k.domid = ports[port - 1].domid;
    k.port = ports[port - 1].remote;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/guest-%u", dir, k.domid);
    /* Nobody listening is fine: a real guest may ignore events too. */
    sendto(io.fd, &k, sizeof(k), MSG_DONTWAIT, (struct sockaddr *)&sa,
           sizeof(sa));
}

/* The local port a kick names, or 0 when it names nothing bound. */
static int kick_port(const struct kick *k)
{
    int i;

    for (i = 0; i < MAX_PORTS; i++) {
        if (!ports[i].used)
            continue;
        if (k->domid == FAKE_VIRQ ? ports[i].virq && ports[i].remote == k->port
                                  : !ports[i].virq &&
                                    ports[i].domid == k->domid &&
                                    ports[i].remote == k->port)
            return i + 1;
    }
    return 0;
}

static int fake_pending(void)
{
    struct kick k;
    long n;
    int port;

    for (;;) {
        n = recv(io.fd, &k, sizeof(k), MSG_DONTWAIT);
        if (n < 0)
            return -1;
        if (n == (long)sizeof(k) && (port = kick_port(&k)))
            return port;
        /* Malformed or unbound kicks are dropped, as Xen would. */
    }
}

static void fake_unmask(int port)
{
    (void)port;
}

static bool exists(const char *what, unsigned int domid)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s-%u", dir, what, domid);
    return access(path, F_OK) == 0;
}

static enum dom_state fake_domain_state(unsigned int domid)
{
    if (exists("dead", domid))
        return DOM_GONE;
    return exists("shutdown", domid) ? DOM_SHUTDOWN : DOM_RUNNING;
}

static int fake_dom0_store(void **page, unsigned int *port)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/dom0-ring", dir);
    *page = map_file(path);
    *port = FAKE_DOM0_PORT;
    return *page ? 0 : -1;
}

const struct domain_io *domain_io_fake(const char *d)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    if (strlen(d) >= sizeof(dir))
        return NULL;
    memcpy(dir, d, strlen(d) + 1);
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/evtchn", dir);
    unlink(sa.sun_path);
    io = (struct domain_io){
        .name = "fake",
        .map_ring = fake_map_ring,
        .unmap_ring = fake_unmap,
        .bind_interdomain = fake_bind_interdomain,
        .bind_virq = fake_bind_virq,
        .unbind = fake_unbind,
        .notify = fake_notify,
        .pending = fake_pending,
        .unmask = fake_unmask,
        .domain_state = fake_domain_state,
        .dom0_store = fake_dom0_store,
        .unmap_dom0_store = fake_unmap,
    };
    io.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (io.fd < 0 || bind(io.fd, (struct sockaddr *)&sa, sizeof(sa))) {
        if (io.fd >= 0)
            close(io.fd);
        return NULL;
    }
    return &io;
}

/* SPDX-License-Identifier: MIT */
/* Event channels through /dev/xen/evtchn. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <xt/evtchn.h>
#include "../linux-xen.h"

struct xt_evtchn {
    int fd;
};

static struct xt_evtchn *evtchn_open(int flags)
{
    struct xt_evtchn *xe = malloc(sizeof(*xe));

    if (!xe)
        return NULL;
    xe->fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC | flags);
    if (xe->fd < 0) {
        int e = errno;
        free(xe);
        errno = e;
        return NULL;
    }
    return xe;
}

struct xt_evtchn *xt_evtchn_open(void)
{
    return evtchn_open(0);
}

struct xt_evtchn *xt_evtchn_open_nonblock(void)
{
    return evtchn_open(O_NONBLOCK);
}

void xt_evtchn_close(struct xt_evtchn *xe)
{
    if (xe) {
        close(xe->fd);      /* the driver unbinds what is left */
        free(xe);
    }
}

int xt_evtchn_fd(const struct xt_evtchn *xe)
{
    return xe->fd;
}

static int evtchn_ioctl(struct xt_evtchn *xe, unsigned long cmd, void *arg)
{
    int r = ioctl(xe->fd, cmd, arg);

    return r < 0 ? -errno : r;
}

int xt_evtchn_bind_interdomain(struct xt_evtchn *xe, uint32_t domid,
                               uint32_t remote_port)
{
    struct lx_evtchn_bind_interdomain b = { domid, remote_port };

    return evtchn_ioctl(xe, LX_EVTCHN_BIND_INTERDOMAIN, &b);
}

int xt_evtchn_bind_unbound_port(struct xt_evtchn *xe, uint32_t domid)
{
    struct lx_evtchn_bind_unbound b = { domid };

    return evtchn_ioctl(xe, LX_EVTCHN_BIND_UNBOUND_PORT, &b);
}

int xt_evtchn_bind_virq(struct xt_evtchn *xe, uint32_t virq)
{
    struct lx_evtchn_bind_virq b = { virq };

    return evtchn_ioctl(xe, LX_EVTCHN_BIND_VIRQ, &b);
}

int xt_evtchn_unbind(struct xt_evtchn *xe, uint32_t port)
{
    struct lx_evtchn_port p = { port };

    return evtchn_ioctl(xe, LX_EVTCHN_UNBIND, &p);
}

int xt_evtchn_notify(struct xt_evtchn *xe, uint32_t port)
{
    struct lx_evtchn_port p = { port };

    return evtchn_ioctl(xe, LX_EVTCHN_NOTIFY, &p);
}

int xt_evtchn_pending(struct xt_evtchn *xe)
{
    uint32_t port;
    ssize_t n = read(xe->fd, &port, sizeof(port));

    if (n < 0)
        return -errno;
    if (n != sizeof(port))
        return -EIO;
    return (int)(port & 0x7fffffff);
}

int xt_evtchn_unmask(struct xt_evtchn *xe, uint32_t port)
{
    ssize_t n = write(xe->fd, &port, sizeof(port));

    if (n < 0)
        return -errno;
    return n == sizeof(port) ? 0 : -EIO;
}

/* SPDX-License-Identifier: MIT */
/*
 * The server side of dom0's own store ring (see xt/store.h): Linux's
 * xenbus_backend device hands the page and the port of the ring its
 * xenbus made for a local daemon; older kernels show them as
 * /proc/xen/xsd_kva (mmap) and /proc/xen/xsd_port (text).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "store-int.h"
#include "../linux-xen.h"

#define RING_PAGE 4096u     /* the ring is one Xen page, whatever ours is */

/* One page of path at offset 0, or NULL with errno. */
static void *map_page(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    void *p;
    int e;

    if (fd < 0)
        return NULL;
    p = mmap(NULL, RING_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    e = errno;
    close(fd);          /* the mapping keeps what it needs */
    errno = e;
    return p == MAP_FAILED ? NULL : p;
}

/* The port from xenbus_backend, or -errno. */
static int backend_port(void)
{
    int fd = open("/dev/xen/xenbus_backend", O_RDWR | O_CLOEXEC);
    int port;

    if (fd < 0)
        return -errno;
    port = ioctl(fd, LX_XENBUS_BACKEND_EVTCHN);
    port = port < 0 ? -errno : port;
    close(fd);
    return port == 0 ? -ENODEV : port;
}

/* The port from /proc/xen/xsd_port, or -errno. */
static int proc_port(void)
{
    FILE *f = fopen("/proc/xen/xsd_port", "re");
    int port = -ENODEV;

    if (!f)
        return -errno;
    if (fscanf(f, "%d", &port) != 1 || port <= 0)
        port = -ENODEV;
    fclose(f);
    return port;
}

int xt_store_local_ring(void **page, uint32_t *port)
{
    const char *mem = "/dev/xen/xenbus_backend";
    int p = backend_port();

    if (p < 0) {
        mem = "/proc/xen/xsd_kva";
        p = proc_port();
    }
    if (p < 0)
        return p;
    *page = map_page(mem);
    if (!*page)
        return -errno;
    *port = (uint32_t)p;
    return 0;
}

void xt_store_local_ring_unmap(void *page)
{
    if (page)
        munmap(page, RING_PAGE);
}

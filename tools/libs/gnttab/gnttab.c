/* SPDX-License-Identifier: MIT */
/*
 * Grant mappings through /dev/xen/gntdev: the ioctl reserves an offset
 * in the device for the grant, mmap() of that offset maps it.  Unmapping
 * needs the offset again; the driver tells it from the address.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xt/gnttab.h>
#include "../linux-xen.h"

struct xt_gnttab {
    int fd;
};

struct xt_gnttab *xt_gnttab_open(void)
{
    struct xt_gnttab *xg = malloc(sizeof(*xg));

    if (!xg)
        return NULL;
    xg->fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    if (xg->fd < 0) {
        int e = errno;
        free(xg);
        errno = e;
        return NULL;
    }
    return xg;
}

void xt_gnttab_close(struct xt_gnttab *xg)
{
    if (xg) {
        close(xg->fd);
        free(xg);
    }
}

void *xt_gnttab_map(struct xt_gnttab *xg, uint32_t domid, uint32_t ref,
                    int prot)
{
    struct lx_gntdev_map_grant_ref map = {
        .count = 1, .refs = { { domid, ref } },
    };
    struct lx_gntdev_unmap_grant_ref unmap = { .count = 1 };
    long page = sysconf(_SC_PAGESIZE);
    void *addr;
    int e;

    if (ioctl(xg->fd, LX_GNTDEV_MAP_GRANT_REF, &map) < 0)
        return NULL;
    addr = mmap(NULL, (size_t)page, prot, MAP_SHARED, xg->fd,
                (off_t)map.index);
    if (addr != MAP_FAILED)
        return addr;
    e = errno;
    unmap.index = map.index;
    ioctl(xg->fd, LX_GNTDEV_UNMAP_GRANT_REF, &unmap);
    errno = e;
    return NULL;
}

int xt_gnttab_unmap(struct xt_gnttab *xg, void *addr)
{
    struct lx_gntdev_offset_for_vaddr off = { .vaddr = (uint64_t)(uintptr_t)addr };
    struct lx_gntdev_unmap_grant_ref unmap = { .count = 1 };
    long page = sysconf(_SC_PAGESIZE);

    if (ioctl(xg->fd, LX_GNTDEV_GET_OFFSET_FOR_VADDR, &off) < 0)
        return -errno;
    if (munmap(addr, (size_t)page) < 0)
        return -errno;
    unmap.index = off.offset;
    return ioctl(xg->fd, LX_GNTDEV_UNMAP_GRANT_REF, &unmap) < 0 ? -errno : 0;
}

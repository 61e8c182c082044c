/* SPDX-License-Identifier: MIT */
/*
 * xt_gnttab: dom0 grants one of its pages to itself through gntalloc,
 * then maps that grant with xt_gnttab_map: what one side writes, the
 * other reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xt/gnttab.h>
#include "../libs/linux-xen.h"
#include "xtcheck.h"

static const char pattern[] = "granted-by-dom0";

void check_gnttab(void)
{
    struct lx_gntalloc_alloc_gref req = {
        .domid = 0, .flags = LX_GNTALLOC_FLAG_WRITABLE, .count = 1,
    };
    struct xt_gnttab *xg = xt_gnttab_open();
    int fd = open("/dev/xen/gntalloc", O_RDWR | O_CLOEXEC);
    char *mine = MAP_FAILED, *theirs = NULL;

    if (!report("gnttab open gntdev + gntalloc", xg && fd >= 0, "%s",
                strerror(errno)))
        goto out;
    if (!report("gntalloc grant a page to dom0",
                ioctl(fd, LX_GNTALLOC_ALLOC_GREF, &req) == 0, "%s",
                strerror(errno)))
        goto out;
    mine = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
                (off_t)req.index);
    if (!report("gntalloc mmap", mine != MAP_FAILED, "%s", strerror(errno)))
        goto out;
    memcpy(mine, pattern, sizeof(pattern));
    theirs = xt_gnttab_map(xg, 0, req.gref_ids[0], PROT_READ | PROT_WRITE);
    if (!report("gnttab map grant ref", theirs != NULL, "ref %u: %s",
                req.gref_ids[0], strerror(errno)))
        goto out;
    report("gnttab mapping shows the granted page",
           !memcmp(theirs, pattern, sizeof(pattern)), "contents differ");
    theirs[0] = 'G';
    report("gnttab writes reach the granting side", mine[0] == 'G',
           "contents differ");
    report("gnttab unmap", xt_gnttab_unmap(xg, theirs) == 0, "failed");
out:
    if (mine != MAP_FAILED)
        munmap(mine, 4096);
    if (fd >= 0)
        close(fd);
    xt_gnttab_close(xg);
}

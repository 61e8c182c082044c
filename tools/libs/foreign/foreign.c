/* SPDX-License-Identifier: MIT */
/*
 * Foreign mappings: reserve a range by mmap() of the privcmd device,
 * then ask the driver to fill it with the other domain's frames.
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xt/foreign.h>
#include "../linux-xen.h"

void *xt_foreign_map(struct xt_call *xc, domid_t domid, int prot,
                     const xen_pfn_t *gfns, int *err, size_t n)
{
    size_t len = n * (size_t)sysconf(_SC_PAGESIZE);
    struct lx_privcmd_mmapbatch_v2 batch;
    void *addr;
    size_t i;

    if (n == 0 || n > 0xffffffffUL) {
        errno = EINVAL;
        return NULL;
    }
    addr = mmap(NULL, len, prot, MAP_SHARED, xt_call_fd(xc), 0);
    if (addr == MAP_FAILED)
        return NULL;
    batch.num = (unsigned int)n;
    batch.dom = domid;
    batch.addr = (uint64_t)(uintptr_t)addr;
    batch.arr = gfns;
    batch.err = err;
    for (i = 0; i < n; i++)
        err[i] = 0;
    /* ENOENT means some frames failed (see err[]); the rest are mapped. */
    if (ioctl(xt_call_fd(xc), LX_PRIVCMD_MMAPBATCH_V2, &batch) < 0 &&
        errno != ENOENT) {
        int e = errno;

        munmap(addr, len);
        errno = e;
        return NULL;
    }
    return addr;
}

int xt_foreign_unmap(void *addr, size_t n)
{
    return munmap(addr, n * (size_t)sysconf(_SC_PAGESIZE));
}

void *xt_foreign_map_one(struct xt_call *xc, domid_t domid, int prot,
                         xen_pfn_t gfn)
{
    int err = 0;
    void *p = xt_foreign_map(xc, domid, prot, &gfn, &err, 1);

    if (p && err) {
        xt_foreign_unmap(p, 1);
        errno = -err;
        return NULL;
    }
    return p;
}

void *xt_foreign_map_resource(struct xt_call *xc, domid_t domid,
                              unsigned int type, unsigned int id,
                              unsigned int idx, size_t n, int prot)
{
    size_t len = n * (size_t)sysconf(_SC_PAGESIZE);
    struct lx_privcmd_mmap_resource r;
    void *addr;

    if (n == 0 || n > 0xffffffffUL) {
        errno = EINVAL;
        return NULL;
    }
    addr = mmap(NULL, len, prot, MAP_SHARED, xt_call_fd(xc), 0);
    if (addr == MAP_FAILED)
        return NULL;
    r.dom = domid;
    r.type = type;
    r.id = id;
    r.idx = idx;
    r.num = n;
    r.addr = (uint64_t)(uintptr_t)addr;
    if (ioctl(xt_call_fd(xc), LX_PRIVCMD_MMAP_RESOURCE, &r) < 0) {
        int e = errno;

        munmap(addr, len);
        errno = e;
        return NULL;
    }
    return addr;
}

/* SPDX-License-Identifier: MIT */
/*
 * Hypercall-safe buffers.  Memory mapped from /dev/xen/hypercall is
 * pinned by the driver and never moved; plain anonymous memory could be
 * swapped out or migrated while the hypervisor copies to it, so the
 * fallback locks it and keeps it out of fork()ed children.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "call-int.h"

static size_t round_pages(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);

    return (size + page - 1) & ~(page - 1);
}

static void *locked_anon(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED)
        return NULL;
    if (mlock(p, len) < 0) {
        munmap(p, len);
        return NULL;
    }
    madvise(p, len, MADV_DONTFORK);
    return p;
}

void *xt_buf_alloc(struct xt_call *xc, size_t size)
{
    size_t len = round_pages(size ? size : 1);
    void *p;

    if (xc->bufdev >= 0) {
        p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
                 xc->bufdev, 0);
        if (p != MAP_FAILED) {
            memset(p, 0, len);
            return p;
        }
    }
    p = locked_anon(len);
    if (p)
        memset(p, 0, len);
    return p;
}

void xt_buf_free(struct xt_call *xc, void *buf, size_t size)
{
    (void)xc;
    if (buf)
        munmap(buf, round_pages(size ? size : 1));
}

int xt_buf_is_hypercall_dev(const struct xt_call *xc)
{
    return xc->bufdev >= 0;
}

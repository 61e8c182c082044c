/* SPDX-License-Identifier: MIT */
/* Hypercalls through /dev/xen/privcmd. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "call-int.h"
#include "../linux-xen.h"

struct xt_call *xt_call_open(void)
{
    struct xt_call *xc = calloc(1, sizeof(*xc));

    if (!xc)
        return NULL;
    xc->privcmd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if (xc->privcmd < 0) {
        int e = errno;
        free(xc);
        errno = e;
        return NULL;
    }
    /* Optional: older kernels have no hypercall buffer device. */
    xc->bufdev = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
    return xc;
}

void xt_call_close(struct xt_call *xc)
{
    if (!xc)
        return;
    if (xc->bufdev >= 0)
        close(xc->bufdev);
    close(xc->privcmd);
    free(xc);
}

int xt_call_fd(const struct xt_call *xc)
{
    return xc->privcmd;
}

/* The driver returns the hypercall's value; a negative one becomes
 * ioctl() == -1 with errno holding its magnitude. */
long xt_hypercall(struct xt_call *xc, unsigned int op, uint64_t a0,
                  uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
    struct lx_privcmd_hypercall h = {
        .op = op, .arg = { a0, a1, a2, a3, a4 },
    };
    long r = ioctl(xc->privcmd, LX_PRIVCMD_HYPERCALL, &h);

    return r < 0 ? -errno : r;
}

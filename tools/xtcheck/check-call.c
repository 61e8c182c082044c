/* SPDX-License-Identifier: MIT */
/* xt_call: buffers from /dev/xen/hypercall, and a plain hypercall. */
#include <public/version.h>
#include <xt/ctrl.h>
#include "xtcheck.h"

void check_call(struct xt_call *xc)
{
    void *buf = xt_buf_alloc(xc, 10000);
    long ver = xt_xen_version(xc, XENVER_version, NULL, 0);

    report("hypercall buffers from /dev/xen/hypercall",
           buf && xt_buf_is_hypercall_dev(xc), "buf %p, device %d", buf,
           xt_buf_is_hypercall_dev(xc));
    xt_buf_free(xc, buf, 10000);
    report("xen_version hypercall", ver > 0, "returned %ld", ver);
}

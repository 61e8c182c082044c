/* SPDX-License-Identifier: MIT */
/* XEN_SYSCTL_readconsole: the hypervisor's console ring. */
#include <errno.h>
#include <string.h>
#include <xt/ctrl.h>

int xt_readconsole(struct xt_call *xc, char *buf, uint32_t *len,
                   uint32_t *index, int clear)
{
    uint32_t size = *len;
    struct xen_sysctl s;
    char *safe;
    int r;

    if (size == 0)
        return 0;
    safe = xt_buf_alloc(xc, size);
    if (!safe)
        return -ENOMEM;
    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_readconsole;
    s.u.readconsole.clear = !!clear;
    s.u.readconsole.incremental = index != NULL;
    s.u.readconsole.index = index ? *index : 0;
    set_xen_guest_handle(s.u.readconsole.buffer, safe);
    s.u.readconsole.count = size;
    r = xt_sysctl(xc, &s);
    if (r >= 0) {
        uint32_t got = s.u.readconsole.count;

        if (got > size)
            got = size;
        memcpy(buf, safe, got);
        *len = got;
        if (index)
            *index = s.u.readconsole.index;
    }
    xt_buf_free(xc, safe, size);
    return r;
}

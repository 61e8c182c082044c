/* SPDX-License-Identifier: MIT */
/*
 * What a PVH domain's builder asks of the hypervisor besides the PV
 * calls: HVM parameters (HVMOP_set/get_param for another domain), the
 * saved-state chain (XEN_DOMCTL_{get,set}hvmcontext) and the domain's
 * memory map (XENMEM_set_memory_map).
 */
#include <errno.h>
#include <string.h>
#include <public/memory.h>
#include <public/hvm/hvm_op.h>
#include <xt/ctrl.h>

static int hvm_param(struct xt_call *xc, unsigned int op, domid_t domid,
                     uint32_t index, uint64_t *value)
{
    struct xen_hvm_param *p = xt_buf_alloc(xc, sizeof(*p));
    long r;

    if (!p)
        return -ENOMEM;
    memset(p, 0, sizeof(*p));
    p->domid = domid;
    p->index = index;
    p->value = *value;
    r = xt_hypercall(xc, __HYPERVISOR_hvm_op, op, (uint64_t)(uintptr_t)p,
                     0, 0, 0);
    if (r >= 0)
        *value = p->value;
    xt_buf_free(xc, p, sizeof(*p));
    return (int)r;
}

int xt_hvm_param_set(struct xt_call *xc, domid_t domid, uint32_t index,
                     uint64_t value)
{
    return hvm_param(xc, HVMOP_set_param, domid, index, &value);
}

int xt_hvm_param_get(struct xt_call *xc, domid_t domid, uint32_t index,
                     uint64_t *value)
{
    *value = 0;
    return hvm_param(xc, HVMOP_get_param, domid, index, value);
}

static int hvmcontext(struct xt_call *xc, uint32_t cmd, domid_t domid,
                      void *buf, uint32_t *size)
{
    uint32_t room = buf ? *size : 0;
    void *safe = NULL;
    struct xen_domctl d;
    int r;

    if (buf && !(safe = xt_buf_alloc(xc, room ? room : 1)))
        return -ENOMEM;
    if (safe)
        memcpy(safe, buf, *size);
    memset(&d, 0, sizeof(d));
    d.cmd = cmd;
    d.domain = domid;
    d.u.hvmcontext.size = room;
    set_xen_guest_handle(d.u.hvmcontext.buffer, (uint8_t *)safe);
    r = xt_domctl(xc, &d);
    if (r >= 0 && cmd == XEN_DOMCTL_gethvmcontext) {
        if (safe)
            memcpy(buf, safe, d.u.hvmcontext.size < room
                              ? d.u.hvmcontext.size : room);
        *size = d.u.hvmcontext.size;
    }
    if (safe)
        xt_buf_free(xc, safe, room ? room : 1);
    return r;
}

int xt_domain_hvm_getcontext(struct xt_call *xc, domid_t domid, void *buf,
                             uint32_t *size)
{
    return hvmcontext(xc, XEN_DOMCTL_gethvmcontext, domid, buf, size);
}

int xt_domain_hvm_setcontext(struct xt_call *xc, domid_t domid,
                             const void *buf, uint32_t size)
{
    return hvmcontext(xc, XEN_DOMCTL_sethvmcontext, domid, (void *)buf,
                      &size);
}

int xt_domain_set_memory_map(struct xt_call *xc, domid_t domid,
                             const struct xt_e820 *map, unsigned int nr)
{
    size_t len = nr * sizeof(*map);
    struct xen_foreign_memory_map *f = xt_buf_alloc(xc, sizeof(*f));
    void *entries = xt_buf_alloc(xc, len ? len : 1);
    long r = -ENOMEM;

    if (f && entries) {
        memset(f, 0, sizeof(*f));
        memcpy(entries, map, len);
        f->domid = domid;
        f->map.nr_entries = nr;
        set_xen_guest_handle(f->map.buffer, entries);
        r = xt_hypercall(xc, __HYPERVISOR_memory_op, XENMEM_set_memory_map,
                         (uint64_t)(uintptr_t)f, 0, 0, 0);
    }
    xt_buf_free(xc, f, sizeof(*f));
    xt_buf_free(xc, entries, len ? len : 1);
    return (int)r;
}

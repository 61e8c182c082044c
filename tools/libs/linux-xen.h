/* SPDX-License-Identifier: MIT */
/*
 * The ioctl interface of Linux's Xen device drivers (/dev/xen/privcmd,
 * /dev/xen/hypercall, /dev/xen/evtchn, /dev/xen/gntdev, /dev/xen/gntalloc,
 * /dev/xen/xenbus_backend) as Linux 6.1 defines it in include/uapi/xen/.  This is Linux's ABI, not
 * Xen's, so it lives with the tool libraries and not in
 * guest-pv/include/public.  Private to tools/ (libs and their checks):
 * programs use the xt_* interfaces instead.
 */
#ifndef TOOLS_LIBS_LINUX_XEN_H
#define TOOLS_LIBS_LINUX_XEN_H

#include <stdint.h>
#include <sys/ioctl.h>

/* privcmd: every command is _IOC(_IOC_NONE, 'P', nr, size). */
struct lx_privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

/* Map frames of domain dom at addr (inside an mmap of privcmd); err[i]
 * gets 0 or a negative errno per frame. */
struct lx_privcmd_mmapbatch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

/* Map num frames of a hypervisor resource of domain dom (type, id, from
 * frame idx) at addr, inside an mmap of privcmd. */
struct lx_privcmd_mmap_resource {
    uint16_t dom;
    uint32_t type;
    uint32_t id;
    uint32_t idx;
    uint64_t num;
    uint64_t addr;
};

#define LX_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct lx_privcmd_hypercall))
#define LX_PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct lx_privcmd_mmapbatch_v2))
#define LX_PRIVCMD_MMAP_RESOURCE \
    _IOC(_IOC_NONE, 'P', 7, sizeof(struct lx_privcmd_mmap_resource))

/* evtchn: every command is _IOC(_IOC_NONE, 'E', nr, size).  The bind
 * commands return the new local port; read() yields pending ports as
 * 32-bit values, write() of ports unmasks them. */
struct lx_evtchn_bind_virq        { unsigned int virq; };
struct lx_evtchn_bind_interdomain { unsigned int remote_domain, remote_port; };
struct lx_evtchn_bind_unbound     { unsigned int remote_domain; };
struct lx_evtchn_port             { unsigned int port; };

#define LX_EVTCHN_BIND_VIRQ \
    _IOC(_IOC_NONE, 'E', 0, sizeof(struct lx_evtchn_bind_virq))
#define LX_EVTCHN_BIND_INTERDOMAIN \
    _IOC(_IOC_NONE, 'E', 1, sizeof(struct lx_evtchn_bind_interdomain))
#define LX_EVTCHN_BIND_UNBOUND_PORT \
    _IOC(_IOC_NONE, 'E', 2, sizeof(struct lx_evtchn_bind_unbound))
#define LX_EVTCHN_UNBIND \
    _IOC(_IOC_NONE, 'E', 3, sizeof(struct lx_evtchn_port))
#define LX_EVTCHN_NOTIFY \
    _IOC(_IOC_NONE, 'E', 4, sizeof(struct lx_evtchn_port))

/* gntdev: _IOC(_IOC_NONE, 'G', nr, size).  MAP_GRANT_REF reserves an
 * offset into the device; mmap() of that offset maps the grants. */
struct lx_gntdev_grant_ref {
    uint32_t domid;
    uint32_t ref;
};

struct lx_gntdev_map_grant_ref {
    uint32_t count;                 /* IN */
    uint32_t pad;
    uint64_t index;                 /* OUT: the mmap offset */
    struct lx_gntdev_grant_ref refs[1];   /* IN: count of them */
};

struct lx_gntdev_unmap_grant_ref {
    uint64_t index;
    uint32_t count;
    uint32_t pad;
};

/* Which offset (and how many pages) a mapping at vaddr came from. */
struct lx_gntdev_offset_for_vaddr {
    uint64_t vaddr;                 /* IN */
    uint64_t offset;                /* OUT */
    uint32_t count;                 /* OUT */
    uint32_t pad;
};

#define LX_GNTDEV_MAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 0, sizeof(struct lx_gntdev_map_grant_ref))
#define LX_GNTDEV_UNMAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 1, sizeof(struct lx_gntdev_unmap_grant_ref))
#define LX_GNTDEV_GET_OFFSET_FOR_VADDR \
    _IOC(_IOC_NONE, 'G', 2, sizeof(struct lx_gntdev_offset_for_vaddr))

/* gntalloc: grant our own pages to a domain ('G', 5 and 6).  Used by
 * tests to make a grant that gntdev can map back (loopback). */
struct lx_gntalloc_alloc_gref {
    uint16_t domid;                 /* IN: who may map */
    uint16_t flags;                 /* IN: LX_GNTALLOC_FLAG_WRITABLE */
    uint32_t count;                 /* IN: pages */
    uint64_t index;                 /* OUT: mmap offset of the pages */
    uint32_t gref_ids[1];           /* OUT: count of them */
};
#define LX_GNTALLOC_FLAG_WRITABLE 1

struct lx_gntalloc_dealloc_gref {
    uint64_t index;
    uint32_t count;
};

#define LX_GNTALLOC_ALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 5, sizeof(struct lx_gntalloc_alloc_gref))
#define LX_GNTALLOC_DEALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 6, sizeof(struct lx_gntalloc_dealloc_gref))

/* xenbus_backend: for a xenstore daemon in dom0.  When dom0's kernel
 * found no xenstore at boot it made a store page and an unbound port
 * itself; this ioctl returns that port (or -ENODEV), and mmap() of one
 * page at offset 0 maps the page.  Both need CAP_SYS_ADMIN. */
#define LX_XENBUS_BACKEND_EVTCHN _IOC(_IOC_NONE, 'B', 0, 0)

#endif

/* SPDX-License-Identifier: MIT */
/*
 * tools/libs/linux-xen.h against Linux's own uapi headers (linux-libc-dev
 * installs them as /usr/include/xen/): every ioctl number and structure
 * size must agree.  Compiling is the test.
 */
#include <stddef.h>
#include <linux/types.h>
typedef __u16 domid_t;
typedef __u64 xen_pfn_t;
typedef __u32 grant_ref_t;
typedef __u32 evtchn_port_t;
#include <xen/privcmd.h>
#include <xen/evtchn.h>
#include <xen/gntdev.h>
#include <xen/gntalloc.h>
#include "linux-xen.h"

#define SAME(a, b) _Static_assert((a) == (b), #a " != " #b)
SAME(LX_PRIVCMD_HYPERCALL, IOCTL_PRIVCMD_HYPERCALL);
SAME(LX_PRIVCMD_MMAPBATCH_V2, IOCTL_PRIVCMD_MMAPBATCH_V2);
SAME(LX_PRIVCMD_MMAP_RESOURCE, IOCTL_PRIVCMD_MMAP_RESOURCE);
SAME(sizeof(struct lx_privcmd_mmap_resource), sizeof(struct privcmd_mmap_resource));
SAME(offsetof(struct lx_privcmd_mmap_resource, num), offsetof(struct privcmd_mmap_resource, num));
SAME(offsetof(struct lx_privcmd_mmap_resource, addr), offsetof(struct privcmd_mmap_resource, addr));
SAME(sizeof(struct lx_privcmd_mmapbatch_v2), sizeof(struct privcmd_mmapbatch_v2));
SAME(offsetof(struct lx_privcmd_mmapbatch_v2, addr), offsetof(struct privcmd_mmapbatch_v2, addr));
SAME(offsetof(struct lx_privcmd_mmapbatch_v2, err), offsetof(struct privcmd_mmapbatch_v2, err));
SAME(LX_EVTCHN_BIND_VIRQ, IOCTL_EVTCHN_BIND_VIRQ);
SAME(LX_EVTCHN_BIND_INTERDOMAIN, IOCTL_EVTCHN_BIND_INTERDOMAIN);
SAME(LX_EVTCHN_BIND_UNBOUND_PORT, IOCTL_EVTCHN_BIND_UNBOUND_PORT);
SAME(LX_EVTCHN_UNBIND, IOCTL_EVTCHN_UNBIND);
SAME(LX_EVTCHN_NOTIFY, IOCTL_EVTCHN_NOTIFY);
SAME(LX_GNTDEV_MAP_GRANT_REF, IOCTL_GNTDEV_MAP_GRANT_REF);
SAME(LX_GNTDEV_UNMAP_GRANT_REF, IOCTL_GNTDEV_UNMAP_GRANT_REF);
SAME(LX_GNTDEV_GET_OFFSET_FOR_VADDR, IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR);
SAME(sizeof(struct lx_gntdev_map_grant_ref), sizeof(struct ioctl_gntdev_map_grant_ref));
SAME(offsetof(struct lx_gntdev_map_grant_ref, index), offsetof(struct ioctl_gntdev_map_grant_ref, index));
SAME(sizeof(struct lx_gntdev_unmap_grant_ref), sizeof(struct ioctl_gntdev_unmap_grant_ref));
SAME(sizeof(struct lx_gntdev_offset_for_vaddr), sizeof(struct ioctl_gntdev_get_offset_for_vaddr));
SAME(LX_GNTALLOC_ALLOC_GREF, IOCTL_GNTALLOC_ALLOC_GREF);
SAME(LX_GNTALLOC_DEALLOC_GREF, IOCTL_GNTALLOC_DEALLOC_GREF);
SAME(LX_GNTALLOC_FLAG_WRITABLE, GNTALLOC_FLAG_WRITABLE);
SAME(sizeof(struct lx_gntalloc_alloc_gref), sizeof(struct ioctl_gntalloc_alloc_gref));
SAME(offsetof(struct lx_gntalloc_alloc_gref, gref_ids), offsetof(struct ioctl_gntalloc_alloc_gref, gref_ids));
SAME(sizeof(struct lx_gntalloc_dealloc_gref), sizeof(struct ioctl_gntalloc_dealloc_gref));
/* linux-libc-dev leaves this header out; check it where it exists. */
#if __has_include(<xen/xenbus_dev.h>)
#include <xen/xenbus_dev.h>
SAME(LX_XENBUS_BACKEND_EVTCHN, IOCTL_XENBUS_BACKEND_EVTCHN);
#endif

int main(void)
{
    return 0;
}

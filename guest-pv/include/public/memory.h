/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_memory_op(cmd, arg): giving memory to / taking it from a
 * domain, exchanging frames, querying reservations and the memory map,
 * and placing special pages (shared_info, grant table, ...) in a guest's
 * physical address space.
 *
 * Commands that work on lists of extents return how many extents they
 * completed; fewer than requested means the rest failed.
 */

#ifndef PUBLIC_MEMORY_H
#define PUBLIC_MEMORY_H

#include "xen.h"
#include "physdev.h"

/*
 * arg: xen_memory_reservation.  Returns the number of extents processed.
 *  increase_reservation: allocate extents; OUT: their MFNs (PV).
 *  decrease_reservation: IN: GMFNs of extents to give back.
 *  populate_physmap:     IN: GPFNs to back with new memory; OUT (PV):
 *                        the MFNs placed there.
 */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap     6

/* xen_memory_reservation.mem_flags */
#define XENMEMF_address_bits(x)     (x)         /* max address width, 0 = any */
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8) /* NUMA node + 1 */
#define XENMEMF_get_node(x)         ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand  (1 << 16)   /* HVM: populate lazily */
#define XENMEMF_exact_node_request  (1 << 17)   /* node is a must, not a hint */
#define XENMEMF_exact_node(n)       (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode               (1 << 18)   /* node is a virtual node */

#ifndef __ASSEMBLY__

struct xen_memory_reservation
{
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* IN/OUT: frame list */
    xen_ulong_t nr_extents;     /* IN: number of extents */
    uint32_t extent_order;      /* IN: each extent is 2^order pages */
    uint32_t mem_flags;         /* IN: XENMEMF_* */
    domid_t domid;              /* IN: target (DOMID_SELF normally) */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/*
 * arg: xen_memory_exchange.  Trade the frames listed in 'in' for new
 * ones described by 'out' (e.g. to get memory below 4 GiB, or
 * contiguous).  Both sides must total the same number of pages.
 */
#define XENMEM_exchange             11
struct xen_memory_exchange
{
    struct xen_memory_reservation in;   /* IN: frames given up */
    struct xen_memory_reservation out;  /* IN: shape / OUT: new frames */
    xen_ulong_t nr_exchanged;   /* OUT: input extents done (even on error) */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/* arg unused: returns the highest machine frame number in use. */
#define XENMEM_maximum_ram_page     2

/*
 * arg: domid_t (pointer).  Return current / maximum page count, or the
 * highest GPFN in use, of that domain.
 */
struct xen_memory_domain
{
    domid_t domid;              /* IN */
};
#define XENMEM_current_reservation  3
#define XENMEM_maximum_reservation  4
#define XENMEM_maximum_gpfn         14

/*
 * arg: xen_machphys_mfn_list.  Return the MFNs of the 2 MiB chunks that
 * back the read-only M2P table, so a guest can map it elsewhere.
 */
#define XENMEM_machphys_mfn_list    5
struct xen_machphys_mfn_list
{
    uint32_t max_extents;       /* IN: room in extent_start */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* OUT: chunk MFNs */
    uint32_t nr_extents;        /* OUT: how many were written */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/* Same, for the 32-bit-guest view of the M2P. */
#define XENMEM_machphys_compat_mfn_list 25

/* arg: xen_machphys_mapping.  Where the M2P is visible to this guest. */
#define XENMEM_machphys_mapping     12
struct xen_machphys_mapping
{
    xen_ulong_t v_start, v_end; /* OUT: virtual range of the M2P */
    xen_ulong_t max_mfn;        /* OUT: highest MFN it covers */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* What XENMEM_add_to_physmap maps, by 'space'. */
#define XENMAPSPACE_shared_info     0   /* the shared-info page */
#define XENMAPSPACE_grant_table     1   /* grant-table frame idx */
#define XENMAPSPACE_gmfn            2   /* move an existing GMFN */
#define XENMAPSPACE_gmfn_range      3   /* move 'size' GMFNs */
#define XENMAPSPACE_gmfn_foreign    4   /* another domain's GMFN */
#define XENMAPSPACE_dev_mmio        5   /* device MMIO (ARM) */

/*
 * arg: xen_add_to_physmap.  Put a frame at 'gpfn' in a translated
 * guest's physical address space.
 */
#define XENMEM_add_to_physmap       7
struct xen_add_to_physmap
{
    domid_t domid;              /* IN: whose physmap */
    uint16_t size;              /* IN: frames, for XENMAPSPACE_gmfn_range */
    uint32_t space;             /* IN: XENMAPSPACE_* */
/* Set in idx (grant_table space) to map a v2 status frame instead. */
#define XENMAPIDX_grant_table_status 0x80000000
    xen_ulong_t idx;            /* IN: index within the space */
    xen_pfn_t gpfn;             /* IN: where to map it */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

/* arg: xen_add_to_physmap_batch.  Many add_to_physmap at once. */
#define XENMEM_add_to_physmap_batch 23
struct xen_add_to_physmap_batch
{
    domid_t domid;              /* IN */
    uint16_t space;             /* IN: XENMAPSPACE_* */
    uint16_t size;              /* IN: entries in the three arrays */
    union xen_add_to_physmap_batch_extra
    {
        domid_t foreign_domid;  /* IN: source, for gmfn_foreign */
        uint16_t res0;          /* must be 0 otherwise */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;  /* IN: indexes in the space */
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;   /* IN: destinations */
    XEN_GUEST_HANDLE(int) errs;          /* OUT: per-entry result */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

/* arg: xen_remove_from_physmap.  Unmap whatever is at 'gpfn'. */
#define XENMEM_remove_from_physmap  15
struct xen_remove_from_physmap
{
    domid_t domid;              /* IN */
    xen_pfn_t gpfn;             /* IN */
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * arg: xen_memory_map.  The buffer receives E820-style entries of
 * 20 bytes each (uint64 addr, uint64 size, uint32 type; packed).
 *  memory_map:         the caller's pseudo-physical map.
 *  machine_memory_map: the host map (privileged).
 *  set_memory_map:     toolstack sets a domain's map (xen_foreign_memory_map).
 */
#define XENMEM_memory_map           9
#define XENMEM_machine_memory_map   10
#define XENMEM_set_memory_map       13
struct xen_memory_map
{
    uint32_t nr_entries;        /* IN: room in buffer / OUT: entries filled */
    XEN_GUEST_HANDLE(void) buffer; /* OUT (IN for set): the entries */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

struct xen_foreign_memory_map
{
    domid_t domid;              /* IN */
    struct xen_memory_map map;  /* IN */
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* arg: xen_pod_target.  HVM populate-on-demand target (toolstack). */
#define XENMEM_set_pod_target       16
#define XENMEM_get_pod_target       17
struct xen_pod_target
{
    uint64_t target_pages;      /* IN (set) */
    uint64_t tot_pages;         /* OUT */
    uint64_t pod_cache_pages;   /* OUT */
    uint64_t pod_entries;       /* OUT */
    domid_t domid;              /* IN */
};
typedef struct xen_pod_target xen_pod_target_t;

/* Memory sharing / paging / access (toolstack); structs not provided. */
#define XENMEM_get_sharing_freed_pages  18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op                20
#define XENMEM_access_op                21
#define XENMEM_sharing_op               22

/*
 * arg: xen_memory_reservation with domid and nr_extents = total pages the
 * domain will need (extent_start null, order and flags 0).  Toolstack:
 * reserve host memory up front; 0 pages drops the claim.
 */
#define XENMEM_claim_pages          24

/* arg: xen_vnuma_topology_info.  Virtual NUMA layout of a domain. */
#define XENMEM_get_vnumainfo        26

struct xen_vmemrange
{
    uint64_t start, end;        /* guest-physical range [start, end) */
    uint32_t flags;
    uint32_t nid;               /* virtual node it belongs to */
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

struct xen_vnuma_topology_info
{
    domid_t domid;              /* IN */
    uint16_t pad;
    uint32_t nr_vnodes;         /* IN: room / OUT: actual */
    uint32_t nr_vcpus;          /* IN: room / OUT: actual */
    uint32_t nr_vmemranges;     /* IN: room / OUT: actual */
    union
    {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vdistance;                /* OUT: nr_vnodes^2 distances */
    union
    {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vcpu_to_vnode;            /* OUT: node of each vCPU */
    union
    {
        XEN_GUEST_HANDLE(xen_vmemrange_t) h;
        uint64_t pad;
    } vmemrange;                /* OUT: the ranges */
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

/*
 * arg: xen_reserved_device_memory_map.  Ranges the IOMMU/firmware keep
 * for devices (RMRRs); a guest with a passed-through device must avoid
 * them.
 */
#define XENMEM_reserved_device_memory_map 27
struct xen_reserved_device_memory
{
    xen_pfn_t start_pfn;
    xen_ulong_t nr_pages;
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_t);

struct xen_reserved_device_memory_map
{
#define XENMEM_RDM_ALL 1            /* every range, not just dev's */
    uint32_t flags;             /* IN: XENMEM_RDM_* */
    uint32_t nr_entries;        /* IN: room / OUT: entries (needed) */
    XEN_GUEST_HANDLE(xen_reserved_device_memory_t) buffer; /* OUT */
    union
    {
        physdev_pci_device_t pci;
    } dev;                      /* IN: the device asked about */
};
typedef struct xen_reserved_device_memory_map xen_reserved_device_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_map_t);

/*
 * arg: xen_mem_acquire_resource.  Map frames of a hypervisor-owned
 * resource of 'domid' (grant table, ioreq pages, ...) into the caller.
 * With a null frame_list, returns the resource size in nr_frames.
 */
#define XENMEM_acquire_resource     28
struct xen_mem_acquire_resource
{
    domid_t domid;              /* IN: owner of the resource */
    uint16_t type;              /* IN: XENMEM_resource_* */
#define XENMEM_resource_ioreq_server    0
#define XENMEM_resource_grant_table     1
#define XENMEM_resource_vmtrace_buf     2
    uint32_t id;                /* IN: which instance of the type */
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1
    uint32_t nr_frames;         /* IN: frames wanted / OUT: size query */
    uint32_t pad;               /* IN: must be 0 */
    uint64_t frame;             /* IN: first frame index in the resource */
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* IN: GFNs to map at (HVM)
                                               / OUT: MFNs (PV) */
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_MEMORY_H */

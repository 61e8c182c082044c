/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_sysctl(struct xen_sysctl *): the toolstack's view of the
 * whole machine.  Only a privileged domain may call it, with
 * XEN_SYSCTL_INTERFACE_VERSION (anything else: -EACCES).
 */

#ifndef PUBLIC_SYSCTL_H
#define PUBLIC_SYSCTL_H

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015   /* Xen 4.17 */

#define XEN_SYSCTL_readconsole          1
#define XEN_SYSCTL_tbuf_op              2
#define XEN_SYSCTL_physinfo             3
#define XEN_SYSCTL_sched_id             4
#define XEN_SYSCTL_perfc_op             5
#define XEN_SYSCTL_getdomaininfolist    6
#define XEN_SYSCTL_debug_keys           7
#define XEN_SYSCTL_getcpuinfo           8
#define XEN_SYSCTL_availheap            9
#define XEN_SYSCTL_cputopoinfo         16
#define XEN_SYSCTL_numainfo            17
#define XEN_SYSCTL_cpupool_op          18
#define XEN_SYSCTL_scheduler_op        19
#define XEN_SYSCTL_get_cpu_featureset  26
#define XEN_SYSCTL_get_cpu_policy      29

#ifndef __ASSEMBLY__

/* XEN_SYSCTL_readconsole: copy out the hypervisor's console ring. */
struct xen_sysctl_readconsole {
    uint8_t  clear;                 /* IN: empty the ring after reading */
    uint8_t  incremental;           /* IN: start at index, not the oldest */
    uint8_t  pad0, pad1;
    uint32_t index;                 /* IN/OUT: where the next read starts */
    XEN_GUEST_HANDLE_64(char) buffer;   /* IN */
    uint32_t count;                 /* IN: buffer size; OUT: bytes copied */
};

/* XEN_SYSCTL_physinfo. */
#define XEN_SYSCTL_PHYSCAP_hvm          (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv           (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio     (1U << 2)   /* device passthrough */
#define XEN_SYSCTL_PHYSCAP_hap          (1U << 3)
#define XEN_SYSCTL_PHYSCAP_shadow       (1U << 4)
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1U << 5)
#define XEN_SYSCTL_PHYSCAP_vmtrace      (1U << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu         (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1    (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2    (1U << 9)

struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;               /* online now */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;          /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_aligned_t total_pages;
    uint64_aligned_t free_pages;
    uint64_aligned_t scrub_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t max_mfn;
    uint32_t hw_cap[8];
};

/* XEN_SYSCTL_sched_id: which scheduler runs (XEN_SCHEDULER_*). */
struct xen_sysctl_sched_id {
    uint32_t sched_id;
};

/* XEN_SYSCTL_getdomaininfolist: up to max_domains records, ascending
 * from first_domain. */
struct xen_sysctl_getdomaininfolist {
    domid_t  first_domain;          /* IN */
    uint32_t max_domains;           /* IN */
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer;   /* IN */
    uint32_t num_domains;           /* OUT */
};

struct xen_sysctl {
    uint32_t cmd;                   /* XEN_SYSCTL_* */
    uint32_t interface_version;     /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole       readconsole;
        struct xen_sysctl_physinfo          physinfo;
        struct xen_sysctl_sched_id          sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t                             pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_SYSCTL_H */

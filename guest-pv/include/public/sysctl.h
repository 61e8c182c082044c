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

/* XEN_SYSCTL_physinfo. */
#define XEN_SYSCTL_PHYSCAP_hvm          (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv           (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio     (1U << 2)   /* IOMMU pass-through */
#define XEN_SYSCTL_PHYSCAP_hap          (1U << 3)
#define XEN_SYSCTL_PHYSCAP_shadow       (1U << 4)
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1U << 5)
#define XEN_SYSCTL_PHYSCAP_vmtrace      (1U << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu         (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1    (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2    (1U << 9)
#define XEN_SYSCTL_PHYSCAP_MAX          XEN_SYSCTL_PHYSCAP_gnttab_v2

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

/* XEN_SYSCTL_readconsole: bytes from the hypervisor's console ring.
 * Without incremental, reading starts at the oldest byte kept; with it,
 * at index (if that is still in the ring).  index comes back as where
 * the next incremental read should start, count as the bytes given.
 * clear drops what has been read from the ring. */
struct xen_sysctl_readconsole {
    uint8_t  clear;
    uint8_t  incremental;
    uint8_t  pad0, pad1;
    uint32_t index;                 /* IN/OUT */
    XEN_GUEST_HANDLE_64(char) buffer;
    uint32_t count;                 /* IN: buffer size; OUT: bytes */
};

/* XEN_SYSCTL_getcpuinfo: ns each CPU has spent idle. */
struct xen_sysctl_cpuinfo {
    uint64_aligned_t idletime;
};
typedef struct xen_sysctl_cpuinfo xen_sysctl_cpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cpuinfo_t);
struct xen_sysctl_getcpuinfo {
    uint32_t max_cpus;              /* IN: entries in info */
    XEN_GUEST_HANDLE_64(xen_sysctl_cpuinfo_t) info;
    uint32_t nr_cpus;               /* OUT: entries written */
};

/* XEN_SYSCTL_cputopoinfo: where each CPU id sits.  A null cputopo asks
 * only for the number of CPU ids (num_cpus); otherwise num_cpus entries
 * at most are written and num_cpus says how many. */
#define XEN_INVALID_CORE_ID     (~0U)
#define XEN_INVALID_SOCKET_ID   (~0U)
#define XEN_INVALID_NODE_ID     (~0U)
struct xen_sysctl_cputopo {
    uint32_t core;
    uint32_t socket;
    uint32_t node;
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cputopo_t);
struct xen_sysctl_cputopoinfo {
    uint32_t num_cpus;              /* IN/OUT */
    XEN_GUEST_HANDLE_64(xen_sysctl_cputopo_t) cputopo;
};

/* XEN_SYSCTL_numainfo: memory per node and the distance matrix
 * (distance[i * num_nodes + j], num_nodes as returned).  Both handles
 * null: only the number of nodes. */
#define XEN_INVALID_MEM_SZ      (~0U)
#define XEN_INVALID_NODE_DIST   (~0U)
struct xen_sysctl_meminfo {
    uint64_t memsize;               /* bytes */
    uint64_t memfree;
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_meminfo_t);
struct xen_sysctl_numainfo {
    uint32_t num_nodes;             /* IN/OUT */
    XEN_GUEST_HANDLE_64(xen_sysctl_meminfo_t) meminfo;
    XEN_GUEST_HANDLE_64(uint32) distance;
};

/* XEN_SYSCTL_cpupool_op: CPU pools.  This hypervisor has one pool, id 0,
 * holding every online CPU, scheduled by credit; Xen's INFO walks the
 * pools from cpupool_id up, FREEINFO gives the CPUs in no pool. */
#define XEN_SYSCTL_CPUPOOL_OP_CREATE      1   /* C */
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY     2   /* D */
#define XEN_SYSCTL_CPUPOOL_OP_INFO        3   /* I */
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU      4   /* A */
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU       5   /* R */
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN  6   /* M */
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO    7   /* F */
#define XEN_SYSCTL_CPUPOOL_PAR_ANY        0xFFFFFFFFU
struct xen_sysctl_cpupool_op {
    uint32_t op;                    /* XEN_SYSCTL_CPUPOOL_OP_* */
    uint32_t cpupool_id;            /* in: CDIARM, out: CI */
    uint32_t sched_id;              /* in: C, out: I */
    uint32_t domid;                 /* in: M */
    uint32_t cpu;                   /* in: AR */
    uint32_t n_dom;                 /* out: I */
    struct xenctl_bitmap cpumap;    /* out: IF */
};

/* XEN_SYSCTL_scheduler_op: a CPU pool's scheduler-wide parameters.
 * Only the credit scheduler's form is given here (credit2's and
 * ARINC 653's share the union in Xen; the handle sets its alignment). */
#define XEN_SYSCTL_SCHEDOP_putinfo 0
#define XEN_SYSCTL_SCHEDOP_getinfo 1
#define XEN_SYSCTL_SCHED_RATELIMIT_MAX 500000   /* us */
#define XEN_SYSCTL_SCHED_RATELIMIT_MIN 100      /* us; 0 means none */
#define XEN_SYSCTL_CSCHED_TSLICE_MAX 1000       /* ms */
#define XEN_SYSCTL_CSCHED_TSLICE_MIN 1          /* ms */
#define XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US (100 * 1000)
struct xen_sysctl_credit_schedule {
    uint32_t tslice_ms;             /* a vCPU's time slice */
    uint32_t ratelimit_us;          /* least run before preemption */
    uint32_t vcpu_migr_delay_us;    /* a vCPU stays cache-hot this long */
};
struct xen_sysctl_scheduler_op {
    uint32_t cpupool_id;
    uint32_t sched_id;              /* XEN_SCHEDULER_* (domctl.h) */
    uint32_t cmd;                   /* XEN_SYSCTL_SCHEDOP_* */
    union {
        struct xen_sysctl_credit_schedule sched_credit;
        uint64_aligned_t align;     /* Xen's arinc653 handle */
    } u;
};

/* XEN_SYSCTL_get_cpu_featureset: the feature words (Xen's featureset
 * order) of one policy.  A null features handle asks for the count;
 * fewer words than that: they are written, then -ENOBUFS. */
#define XEN_SYSCTL_cpu_featureset_raw      0
#define XEN_SYSCTL_cpu_featureset_host     1
#define XEN_SYSCTL_cpu_featureset_pv       2
#define XEN_SYSCTL_cpu_featureset_hvm      3
#define XEN_SYSCTL_cpu_featureset_pv_max   4
#define XEN_SYSCTL_cpu_featureset_hvm_max  5
struct xen_sysctl_cpu_featureset {
    uint32_t index;                 /* XEN_SYSCTL_cpu_featureset_* */
    uint32_t nr_features;           /* in: room, out: words written */
    XEN_GUEST_HANDLE_64(uint32) features;
};

/* XEN_SYSCTL_get_cpu_policy: one system policy as CPUID leaves and MSRs
 * (null handles ask for the maximum counts). */
#define XEN_SYSCTL_cpu_policy_raw          0
#define XEN_SYSCTL_cpu_policy_host         1
#define XEN_SYSCTL_cpu_policy_pv_max       2
#define XEN_SYSCTL_cpu_policy_hvm_max      3
#define XEN_SYSCTL_cpu_policy_pv_default   4
#define XEN_SYSCTL_cpu_policy_hvm_default  5
struct xen_sysctl_cpu_policy {
    uint32_t index;                 /* XEN_SYSCTL_cpu_policy_* */
    uint32_t nr_leaves;             /* in: room, out: leaves written */
    uint32_t nr_msrs;               /* in: room, out: MSRs written */
    uint32_t _rsvd;                 /* must be 0 */
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves;
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;
};

struct xen_sysctl {
    uint32_t cmd;                   /* XEN_SYSCTL_* */
    uint32_t interface_version;     /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_physinfo          physinfo;
        struct xen_sysctl_sched_id          sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        struct xen_sysctl_readconsole       readconsole;
        struct xen_sysctl_getcpuinfo        getcpuinfo;
        struct xen_sysctl_cputopoinfo       cputopoinfo;
        struct xen_sysctl_numainfo          numainfo;
        struct xen_sysctl_cpupool_op        cpupool_op;
        struct xen_sysctl_scheduler_op      scheduler_op;
        struct xen_sysctl_cpu_featureset    cpu_featureset;
        struct xen_sysctl_cpu_policy        cpu_policy;
        uint8_t                             pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_SYSCTL_H */

/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_domctl(struct xen_domctl *): the toolstack's control of one
 * domain.  Only a privileged domain may call it.  Every call carries
 * XEN_DOMCTL_INTERFACE_VERSION; a different value is refused (-EACCES),
 * because these layouts change between hypervisor releases.
 *
 * Only the operations this project implements are spelled out; the
 * others keep their numbers here so that nobody reuses one.
 */

#ifndef PUBLIC_DOMCTL_H
#define PUBLIC_DOMCTL_H

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015   /* Xen 4.17 */

#define XEN_DOMCTL_createdomain         1
#define XEN_DOMCTL_destroydomain        2
#define XEN_DOMCTL_pausedomain          3
#define XEN_DOMCTL_unpausedomain        4
#define XEN_DOMCTL_getdomaininfo        5
#define XEN_DOMCTL_setvcpuaffinity      9
#define XEN_DOMCTL_shadow_op           10
#define XEN_DOMCTL_max_mem             11
#define XEN_DOMCTL_setvcpucontext      12
#define XEN_DOMCTL_getvcpucontext      13
#define XEN_DOMCTL_getvcpuinfo         14
#define XEN_DOMCTL_max_vcpus           15
#define XEN_DOMCTL_scheduler_op        16
#define XEN_DOMCTL_setdomainhandle     17
#define XEN_DOMCTL_setdebugging        18
#define XEN_DOMCTL_irq_permission      19
#define XEN_DOMCTL_iomem_permission    20
#define XEN_DOMCTL_ioport_permission   21
#define XEN_DOMCTL_hypercall_init      22
#define XEN_DOMCTL_settimeoffset       24
#define XEN_DOMCTL_gettscinfo          59
#define XEN_DOMCTL_settscinfo          60
#define XEN_DOMCTL_getvcpuaffinity     25
#define XEN_DOMCTL_resumedomain        27
#define XEN_DOMCTL_sendtrigger         28
#define XEN_DOMCTL_subscribe           29
#define XEN_DOMCTL_gethvmcontext       33
#define XEN_DOMCTL_sethvmcontext       34
#define XEN_DOMCTL_set_address_size    35
#define XEN_DOMCTL_get_address_size    36
#define XEN_DOMCTL_set_target          46
#define XEN_DOMCTL_getpageframeinfo3   61
#define XEN_DOMCTL_set_virq_handler    66
#define XEN_DOMCTL_setnodeaffinity     68
#define XEN_DOMCTL_getnodeaffinity     69
/* 70 was set_max_evtchn; since Xen 4.10 createdomain's max_evtchn_port
 * does its job and the number answers -ENOSYS. */
#define XEN_DOMCTL_get_cpu_policy      82
#define XEN_DOMCTL_set_cpu_policy      83

#ifndef __ASSEMBLY__

/* XEN_DOMCTL_createdomain: a new, empty, paused domain.  domctl.domain
 * is the id wanted, or 0 (or any reserved id) for "pick one"; the id
 * given comes back there. */
#define XEN_DOMCTL_CDF_hvm          (1U << 0)
#define XEN_DOMCTL_CDF_hap          (1U << 1)
#define XEN_DOMCTL_CDF_s3_integrity (1U << 2)
#define XEN_DOMCTL_CDF_oos_off      (1U << 3)
#define XEN_DOMCTL_CDF_xs_domain    (1U << 4)
#define XEN_DOMCTL_CDF_iommu        (1U << 5)
#define XEN_DOMCTL_CDF_nested_virt  (1U << 6)
#define XEN_DOMCTL_CDF_vpmu         (1U << 7)
#define XEN_DOMCTL_IOMMU_no_sharept (1U << 0)
#define XEN_DOMCTL_GRANT_version_mask 0xf
#define XEN_DOMCTL_GRANT_version(v)   ((v) & XEN_DOMCTL_GRANT_version_mask)

struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t flags;                 /* XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;            /* XEN_DOMCTL_IOMMU_* */
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t  max_grant_frames;      /* < 0: the hypervisor's default */
    int32_t  max_maptrack_frames;   /* < 0: likewise */
    uint32_t grant_opts;            /* XEN_DOMCTL_GRANT_version(v) */
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};

/* XEN_DOMCTL_getdomaininfo: the state of domctl.domain, or if that does
 * not exist, of the next existing domain above it. */
#define XEN_DOMINF_dying        (1U << 0)
#define XEN_DOMINF_hvm_guest    (1U << 1)
#define XEN_DOMINF_shutdown     (1U << 2)   /* shut down; reason below */
#define XEN_DOMINF_paused       (1U << 3)   /* by the toolstack */
#define XEN_DOMINF_blocked      (1U << 4)   /* every vCPU waits for events */
#define XEN_DOMINF_running      (1U << 5)   /* some vCPU is on a CPU */
#define XEN_DOMINF_debugged     (1U << 6)
#define XEN_DOMINF_xs_domain    (1U << 7)
#define XEN_DOMINF_hap          (1U << 8)
#define XEN_DOMINF_shutdownmask  255        /* SHUTDOWN_* code ... */
#define XEN_DOMINF_shutdownshift 16         /* ... at this bit */
#define XEN_INVALID_MAX_VCPU_ID (~0U)

struct xen_domctl_getdomaininfo {
    domid_t  domain;                /* the domain found */
    uint16_t pad1;
    uint32_t flags;                 /* XEN_DOMINF_* */
    uint64_aligned_t tot_pages;
    uint64_aligned_t max_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t shr_pages;
    uint64_aligned_t paged_pages;
    uint64_aligned_t shared_info_frame;  /* its machine frame (PV) */
    uint64_aligned_t cpu_time;      /* ns run, all vCPUs together */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t  gpaddr_bits;
    uint8_t  pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* XEN_DOMCTL_max_mem: the most memory the domain may hold. */
struct xen_domctl_max_mem {
    uint64_aligned_t max_memkb;
};

/* XEN_DOMCTL_max_vcpus: create vCPUs 0..max-1 (those not there yet). */
struct xen_domctl_max_vcpus {
    uint32_t max;
};

/* XEN_DOMCTL_getvcpuinfo. */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;                  /* IN */
    uint8_t  online;                /* OUT: up (not VCPUOP_down) */
    uint8_t  blocked;               /* OUT: waiting for an event */
    uint8_t  running;               /* OUT: on a physical CPU now */
    uint64_aligned_t cpu_time;      /* OUT: ns run */
    uint32_t cpu;                   /* OUT: the physical CPU it is on */
};

/* XEN_DOMCTL_scheduler_op: a domain's scheduling parameters. */
#define XEN_SCHEDULER_CREDIT    5
#define XEN_SCHEDULER_CREDIT2   6
#define XEN_SCHEDULER_ARINC653  7
#define XEN_SCHEDULER_RTDS      8
#define XEN_SCHEDULER_NULL      9

#define XEN_DOMCTL_SCHEDOP_putinfo     0
#define XEN_DOMCTL_SCHEDOP_getinfo     1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo 2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo 3

struct xen_domctl_sched_credit {
    uint16_t weight;                /* putinfo: 0 leaves it unchanged */
    uint16_t cap;                   /* % of one CPU, 0: no cap */
};

struct xen_domctl_scheduler_op {
    uint32_t sched_id;              /* XEN_SCHEDULER_* */
    uint32_t cmd;                   /* XEN_DOMCTL_SCHEDOP_* */
    union {
        struct xen_domctl_sched_credit credit;
        uint8_t other[16];          /* the other schedulers' layouts */
    } u;
};

/* ---- Configuration, affinity and permission sub-ops ---------------- */

/* XEN_DOMCTL_setdomainhandle: the toolstack's 16-byte name (a UUID). */
struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle;
};

/* XEN_DOMCTL_settimeoffset: seconds added to the wallclock the domain
 * sees in shared_info. */
struct xen_domctl_settimeoffset {
    int64_aligned_t time_offset_seconds;
};

/* XEN_DOMCTL_{get,set}hvmcontext: an HVM domain's saved state, a chain
 * of records (public/hvm/save.h).  get with a null buffer answers the
 * size needed in size; otherwise size is the buffer's (in) and what was
 * written or read (out). */
struct xen_domctl_hvmcontext {
    uint32_t size;
    XEN_GUEST_HANDLE_64(uint8) buffer;
};

/* XEN_DOMCTL_{set,get}_address_size: 64 (or 32 for a compat PV guest). */
struct xen_domctl_address_size {
    uint32_t size;
};

/* XEN_DOMCTL_{set,get}nodeaffinity: NUMA nodes the domain's memory
 * should come from. */
struct xen_domctl_nodeaffinity {
    struct xenctl_bitmap nodemap;
};

/* XEN_DOMCTL_{set,get}vcpuaffinity: physical CPUs a vCPU may run on
 * (hard) and prefers (soft).  On set, the maps come back as what the
 * scheduler will use (intersected with the online CPUs); on get, as set. */
#define XEN_VCPUAFFINITY_HARD   (1U << 0)
#define XEN_VCPUAFFINITY_SOFT   (1U << 1)
#define XEN_VCPUAFFINITY_FORCE  (1U << 2)
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
    uint32_t flags;                 /* XEN_VCPUAFFINITY_* */
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

/* XEN_DOMCTL_irq_permission: let the domain use a physical IRQ (named
 * by the caller's pirq number). */
struct xen_domctl_irq_permission {
    uint32_t pirq;
    uint8_t  allow_access;
    uint8_t  pad[3];
};

/* XEN_DOMCTL_iomem_permission: machine frames the domain may map. */
struct xen_domctl_iomem_permission {
    uint64_aligned_t first_mfn;
    uint64_aligned_t nr_mfns;
    uint8_t  allow_access;
};

/* XEN_DOMCTL_ioport_permission: I/O ports the domain may use. */
struct xen_domctl_ioport_permission {
    uint32_t first_port;
    uint32_t nr_ports;
    uint8_t  allow_access;
};

/* XEN_DOMCTL_setvcpucontext / getvcpucontext: a 64-bit PV context. */
struct xen_domctl_vcpucontext {
    uint32_t vcpu;                          /* IN */
    XEN_GUEST_HANDLE_64(vcpu_guest_context_t) ctxt;   /* IN (set) / OUT (get) */
};

/* XEN_DOMCTL_hypercall_init: fill this frame with hypercall stubs. */
struct xen_domctl_hypercall_init {
    uint64_aligned_t gmfn;
};

/* XEN_DOMCTL_{get,set}tscinfo: how the domain's RDTSC behaves
 * (TSC_MODE_* of public/arch-x86/xen.h), the guest TSC rate, and the
 * count of sets (incarnation).  Not of the caller's own domain. */
struct xen_domctl_tsc_info {
    uint32_t tsc_mode;
    uint32_t gtsc_khz;
    uint32_t incarnation;
    uint32_t pad;
    uint64_aligned_t elapsed_nsec;
};

/* XEN_DOMCTL_{get,set}_cpu_policy: a domain's CPUID leaves and MSRs
 * (public/arch-x86/xen.h).  Set only before the domain first runs; on a
 * refusal err_* name what was objected to (~0: nothing in particular). */
struct xen_domctl_cpu_policy {
    uint32_t nr_leaves;             /* in: room or count, out: written */
    uint32_t nr_msrs;
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves;
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;
    uint32_t err_leaf, err_subleaf, err_msr;
};

struct xen_domctl {
    uint32_t cmd;                   /* XEN_DOMCTL_* */
    uint32_t interface_version;     /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t  domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain  createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_max_mem       max_mem;
        struct xen_domctl_max_vcpus     max_vcpus;
        struct xen_domctl_getvcpuinfo   getvcpuinfo;
        struct xen_domctl_scheduler_op  scheduler_op;
        struct xen_domctl_setdomainhandle setdomainhandle;
        struct xen_domctl_settimeoffset settimeoffset;
        struct xen_domctl_address_size  address_size;
        struct xen_domctl_nodeaffinity  nodeaffinity;
        struct xen_domctl_vcpuaffinity  vcpuaffinity;
        struct xen_domctl_irq_permission irq_permission;
        struct xen_domctl_iomem_permission iomem_permission;
        struct xen_domctl_ioport_permission ioport_permission;
        struct xen_domctl_vcpucontext   vcpucontext;
        struct xen_domctl_hypercall_init hypercall_init;
        struct xen_domctl_tsc_info      tsc_info;
        struct xen_domctl_cpu_policy    cpu_policy;
        struct xen_domctl_hvmcontext    hvmcontext;
        uint8_t                         pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_DOMCTL_H */

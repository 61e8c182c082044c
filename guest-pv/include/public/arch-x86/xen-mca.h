/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_mca(op) (__HYPERVISOR_arch_0 on x86): machine-check
 * architecture services for the hardware domain.  dom0 learns the
 * physical CPUs (XEN_MC_physcpuinfo) and fetches the error records the
 * hypervisor collected (XEN_MC_fetch) when VIRQ_MCA fires.  One struct
 * xen_mc carries every command.
 */

#ifndef PUBLIC_ARCH_X86_XEN_MCA_H
#define PUBLIC_ARCH_X86_XEN_MCA_H

#include "../xen.h"

#define __HYPERVISOR_mca                __HYPERVISOR_arch_0
#define VIRQ_MCA                        VIRQ_ARCH_0

/* Must be put in xen_mc.interface_version. */
#define XEN_MCA_INTERFACE_VERSION       0x01ecc003

/* xen_mc_fetch.flags: which records, and acknowledging them. */
#define XEN_MC_NONURGENT                0x0001
#define XEN_MC_URGENT                   0x0002
#define XEN_MC_ACK                      0x0004
/* xen_mc_fetch.flags on return. */
#define XEN_MC_OK                       0x0
#define XEN_MC_FETCHFAILED              0x1
#define XEN_MC_NODATA                   0x2

#ifndef __ASSEMBLY__

/* One MSR and its value. */
struct mcinfo_msr
{
    uint64_t reg;
    uint64_t value;
};
typedef struct mcinfo_msr xen_mcinfo_msr_t;

/* A buffer of error records (each starts with a type and a size). */
#define MCINFO_MAXSIZE                  768
struct mc_info
{
    uint32_t mi_nentries;
    uint32_t flags;
    uint64_t mi_data[(MCINFO_MAXSIZE - 1) / 8];
};
typedef struct mc_info mc_info_t;
DEFINE_XEN_GUEST_HANDLE(mc_info_t);

/* One physical CPU as XEN_MC_physcpuinfo describes it. */
#define MC_NCAPS                        7   /* CPUID feature words */
#define MC_MSR_ARRAYSIZE                8
struct mcinfo_logical_cpu
{
    uint32_t mc_cpunr;
    uint32_t mc_chipid;
    uint16_t mc_coreid;
    uint16_t mc_threadid;
    uint32_t mc_apicid;
    uint32_t mc_clusterid;
    uint32_t mc_ncores;
    uint32_t mc_ncores_active;
    uint32_t mc_nthreads;
    int32_t mc_cpuid_level;
    uint32_t mc_family;
    uint32_t mc_vendor;
    uint32_t mc_model;
    uint32_t mc_step;
    char mc_vendorid[16];
    char mc_brandid[64];
    uint32_t mc_cpu_caps[MC_NCAPS];
    uint32_t mc_cache_size;
    uint32_t mc_cache_alignment;
    int32_t mc_nmsrvals;
    xen_mcinfo_msr_t mc_msrvalues[MC_MSR_ARRAYSIZE];
};
typedef struct mcinfo_logical_cpu xen_mc_logical_cpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_logical_cpu_t);

/* Fetch (or acknowledge, XEN_MC_ACK with fetch_id) error records. */
#define XEN_MC_fetch                    1
struct xen_mc_fetch
{
    uint32_t flags;             /* IN: XEN_MC_*URGENT, ACK / OUT: XEN_MC_OK... */
    uint32_t _pad0;
    uint64_t fetch_id;          /* OUT: id to ack / IN: id acked */
    XEN_GUEST_HANDLE(mc_info_t) data;
};
typedef struct xen_mc_fetch xen_mc_fetch_t;

/* Tell a domain about an error (its frame was hit). */
#define XEN_MC_notifydomain             2
struct xen_mc_notifydomain
{
    uint16_t mc_domid;
    uint16_t mc_vcpuid;
    uint32_t flags;             /* IN / OUT */
};
typedef struct xen_mc_notifydomain xen_mc_notifydomain_t;

/* The physical CPUs: with a null handle only their count. */
#define XEN_MC_physcpuinfo              3
struct xen_mc_physcpuinfo
{
    uint32_t ncpus;             /* IN: room / OUT: CPUs (or room used) */
    uint32_t _pad0;
    XEN_GUEST_HANDLE(xen_mc_logical_cpu_t) info;
};
typedef struct xen_mc_physcpuinfo xen_mc_physcpuinfo_t;

/* Error injection (testing). */
#define XEN_MC_msrinject                4
#define MC_MSRINJ_MAXMSRS               8
struct xen_mc_msrinject
{
    uint32_t mcinj_cpunr;
    uint32_t mcinj_flags;
    uint32_t mcinj_count;
    domid_t mcinj_domid;
    uint16_t _pad0;
    xen_mcinfo_msr_t mcinj_msr[MC_MSRINJ_MAXMSRS];
};
typedef struct xen_mc_msrinject xen_mc_msrinject_t;

#define XEN_MC_mceinject                5
struct xen_mc_mceinject
{
    unsigned int mceinj_cpunr;
};
typedef struct xen_mc_mceinject xen_mc_mceinject_t;

/* The argument of HYPERVISOR_mca. */
struct xen_mc
{
    uint32_t cmd;               /* IN: XEN_MC_* */
    uint32_t interface_version; /* IN: XEN_MCA_INTERFACE_VERSION */
    union
    {
        xen_mc_fetch_t mc_fetch;
        xen_mc_notifydomain_t mc_notifydomain;
        xen_mc_physcpuinfo_t mc_physcpuinfo;
        xen_mc_msrinject_t mc_msrinject;
        xen_mc_mceinject_t mc_mceinject;
    } u;
};
typedef struct xen_mc xen_mc_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_ARCH_X86_XEN_MCA_H */

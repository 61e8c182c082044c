/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_xen_version(cmd, arg): version, build and capability
 * queries.  Unless stated otherwise, 'arg' points to an OUT buffer of the
 * type listed next to the command.
 */

#ifndef PUBLIC_VERSION_H
#define PUBLIC_VERSION_H

#include "xen.h"

/* arg is NULL; returns (major << 16) | minor. */
#define XENVER_version          0

/* Extra version text, e.g. ".0" or "-rc". */
#define XENVER_extraversion     1
#ifndef __ASSEMBLY__
typedef char xen_extraversion_t[16];
#endif
#define XEN_EXTRAVERSION_LEN    (sizeof(xen_extraversion_t))

/* Who built the hypervisor, with what, and when. */
#define XENVER_compile_info     2
#ifndef __ASSEMBLY__
struct xen_compile_info
{
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;
#endif

/* Space-separated guest types supported, e.g. "xen-3.0-x86_64". */
#define XENVER_capabilities     3
#ifndef __ASSEMBLY__
typedef char xen_capabilities_info_t[1024];
#endif
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

/* Source revision string. */
#define XENVER_changeset        4
#ifndef __ASSEMBLY__
typedef char xen_changeset_info_t[64];
#endif
#define XEN_CHANGESET_INFO_LEN  (sizeof(xen_changeset_info_t))

/* Start of the hypervisor hole in the guest's address space. */
#define XENVER_platform_parameters 5
#ifndef __ASSEMBLY__
struct xen_platform_parameters
{
    xen_ulong_t virt_start;     /* OUT: HYPERVISOR_VIRT_START */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
#endif

/* One 32-bit word of XENFEAT_* bits. */
#define XENVER_get_features     6
#ifndef __ASSEMBLY__
struct xen_feature_info
{
    uint32_t submap_idx;        /* IN: which 32-bit word (0 ..) */
    uint32_t submap;            /* OUT: the feature bits of that word */
};
typedef struct xen_feature_info xen_feature_info_t;
#endif

#include "features.h"

/* arg is NULL; returns the page size in bytes. */
#define XENVER_pagesize         7

/* Toolstack-assigned domain handle (xen_domain_handle_t). */
#define XENVER_guest_handle     8

/* Hypervisor command line (privileged). */
#define XENVER_commandline      9
#ifndef __ASSEMBLY__
typedef char xen_commandline_t[1024];
#endif

/*
 * Build id of the hypervisor binary.  IN: len = size of buf; returns the
 * number of bytes written (or -XEN_ENOBUFS if too small).
 */
#define XENVER_build_id         10
#ifndef __ASSEMBLY__
struct xen_build_id
{
    uint32_t len;                       /* IN: buffer size */
    unsigned char buf[XEN_FLEX_ARRAY_DIM]; /* OUT: raw id bytes */
};
typedef struct xen_build_id xen_build_id_t;
#endif

#endif /* PUBLIC_VERSION_H */

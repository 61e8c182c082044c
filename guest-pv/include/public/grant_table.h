/* SPDX-License-Identifier: MIT */
/*
 * Grant tables: how a domain lets another domain map or copy its pages,
 * and HYPERVISOR_grant_table_op(cmd, args, count) to use such grants.
 *
 * The granting domain writes an entry in its grant table (a shared
 * array of grant entries, indexed by grant_ref_t) naming the peer
 * domain and the frame.  The peer then maps, copies or (for transfer
 * grants) receives the page using the reference.
 */

#ifndef PUBLIC_GRANT_TABLE_H
#define PUBLIC_GRANT_TABLE_H

#include "xen.h"

#ifndef __ASSEMBLY__

/* Index into a domain's grant table. */
typedef uint32_t grant_ref_t;

/* Version 1 grant entry (8 bytes). */
struct grant_entry_v1
{
    uint16_t flags;     /* GTF_* : type, permissions, and in-use bits */
    domid_t domid;      /* domain allowed to use the grant */
    uint32_t frame;     /* frame granted (or, for transfers, received) */
};
typedef struct grant_entry_v1 grant_entry_v1_t;

#endif /* !__ASSEMBLY__ */

/* The first entries are reserved for the toolstack's use. */
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GNTTAB_RESERVED_CONSOLE     0   /* console ring page, for backend */
#define GNTTAB_RESERVED_XENSTORE    1   /* xenstore ring page */

/*
 * Entry type (flags bits 0-1):
 *  GTF_invalid:         unused entry.
 *  GTF_permit_access:   domid may map/copy 'frame'.
 *  GTF_accept_transfer: domid may hand us a page; 'frame' gets its MFN.
 *  GTF_transitive:      (v2) re-grant of another domain's grant.
 */
#define GTF_invalid             (0U << 0)
#define GTF_permit_access       (1U << 0)
#define GTF_accept_transfer     (2U << 0)
#define GTF_transitive          (3U << 0)
#define GTF_type_mask           (3U << 0)

/* Flags for permit_access entries (GTF_reading/writing set by hypervisor). */
#define _GTF_readonly           (2)
#define GTF_readonly            (1U << _GTF_readonly)   /* map read-only */
#define _GTF_reading            (3)
#define GTF_reading             (1U << _GTF_reading)    /* peer has it mapped */
#define _GTF_writing            (4)
#define GTF_writing             (1U << _GTF_writing)    /* ... writable */
#define _GTF_PWT                (5)
#define GTF_PWT                 (1U << _GTF_PWT)        /* cache attributes */
#define _GTF_PCD                (6)
#define GTF_PCD                 (1U << _GTF_PCD)
#define _GTF_PAT                (7)
#define GTF_PAT                 (1U << _GTF_PAT)
#define _GTF_sub_page           (8)
#define GTF_sub_page            (1U << _GTF_sub_page)   /* v2: sub_page form */

/* Flags for accept_transfer entries, set by the hypervisor. */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed  (1U << _GTF_transfer_committed) /* in progress */
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed  (1U << _GTF_transfer_completed) /* frame valid */

#ifndef __ASSEMBLY__

/*
 * Version 2 grant entries (16 bytes).  The in-use bits move to a
 * separate status array (grant_status_t per entry) so the granter never
 * races with the hypervisor on the same word.
 */
struct grant_entry_header
{
    uint16_t flags;     /* GTF_* */
    domid_t domid;      /* grantee */
};
typedef struct grant_entry_header grant_entry_header_t;

union grant_entry_v2
{
    grant_entry_header_t hdr;

    /* Whole frame (GTF_permit_access or GTF_accept_transfer). */
    struct
    {
        grant_entry_header_t hdr;
        uint32_t pad0;
        uint64_t frame;
    } full_page;

    /* Part of a frame (GTF_sub_page): copy-only, [page_off, +length). */
    struct
    {
        grant_entry_header_t hdr;
        uint16_t page_off;
        uint16_t length;
        uint64_t frame;
    } sub_page;

    /* GTF_transitive: forward grant 'gref' of domain 'trans_domid'. */
    struct
    {
        grant_entry_header_t hdr;
        domid_t trans_domid;
        uint16_t pad0;
        grant_ref_t gref;
    } transitive;

    uint32_t __spacer[4];   /* fixes the size at 16 bytes */
};
typedef union grant_entry_v2 grant_entry_v2_t;

/* Per-entry v2 status: GTF_reading / GTF_writing. */
typedef uint16_t grant_status_t;

#endif /* !__ASSEMBLY__ */

/* Sub-commands; 'args' points to an array of 'count' structs of the type. */
#define GNTTABOP_map_grant_ref          0
#define GNTTABOP_unmap_grant_ref        1
#define GNTTABOP_setup_table            2
#define GNTTABOP_dump_table             3
#define GNTTABOP_transfer               4
#define GNTTABOP_copy                   5
#define GNTTABOP_query_size             6
#define GNTTABOP_unmap_and_replace      7
#define GNTTABOP_set_version            8
#define GNTTABOP_get_status_frames      9
#define GNTTABOP_get_version            10
#define GNTTABOP_swap_grant_ref         11
#define GNTTABOP_cache_flush            12

#ifndef __ASSEMBLY__

/* Opaque id of one established mapping, used to unmap it. */
typedef uint32_t grant_handle_t;

/*
 * Map a granted frame.  With GNTMAP_host_map, host_addr is a virtual
 * address (or, with GNTMAP_contains_pte, the machine address of the PTE
 * to write); with GNTMAP_device_map the bus address is returned.
 */
struct gnttab_map_grant_ref
{
    uint64_t host_addr;         /* IN */
    uint32_t flags;             /* IN: GNTMAP_* */
    grant_ref_t ref;            /* IN: grant in the granter's table */
    domid_t dom;                /* IN: granting domain */
    int16_t status;             /* OUT: GNTST_* */
    grant_handle_t handle;      /* OUT: for unmapping */
    uint64_t dev_bus_addr;      /* OUT: if GNTMAP_device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* Undo a map_grant_ref; addresses must match the original mapping. */
struct gnttab_unmap_grant_ref
{
    uint64_t host_addr;         /* IN: 0 if no host mapping */
    uint64_t dev_bus_addr;      /* IN: 0 if no device mapping */
    grant_handle_t handle;      /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * Size a domain's grant table to nr_frames frames and return their
 * MFNs (PV guests then map them read/write).
 */
struct gnttab_setup_table
{
    domid_t dom;                /* IN */
    uint32_t nr_frames;         /* IN */
    int16_t status;             /* OUT: GNTST_* */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* OUT: nr_frames frames */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* Print a grant table on the hypervisor console (debug). */
struct gnttab_dump_table
{
    domid_t dom;                /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* Give away one of our pages to a domain that offered accept_transfer. */
struct gnttab_transfer
{
    xen_pfn_t mfn;              /* IN: our frame */
    domid_t domid;              /* IN: recipient */
    grant_ref_t ref;            /* IN: recipient's accept_transfer grant */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/*
 * Hypervisor-side memcpy between frames named either by grant reference
 * or by our own GMFN.  Neither side may cross a page boundary.
 */
#define _GNTCOPY_source_gref    (0)
#define GNTCOPY_source_gref     (1 << _GNTCOPY_source_gref) /* source.u.ref */
#define _GNTCOPY_dest_gref      (1)
#define GNTCOPY_dest_gref       (1 << _GNTCOPY_dest_gref)   /* dest.u.ref */

struct gnttab_copy
{
    struct gnttab_copy_ptr
    {
        union
        {
            grant_ref_t ref;    /* grant of 'domid' */
            xen_pfn_t gmfn;     /* our own frame */
        } u;
        domid_t domid;          /* owner of the frame */
        uint16_t offset;        /* byte offset in the frame */
    } source, dest;             /* IN */
    uint16_t len;               /* IN: bytes to copy */
    uint16_t flags;             /* IN: GNTCOPY_* */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/* Current and maximum grant-table size of a domain, in frames. */
struct gnttab_query_size
{
    domid_t dom;                /* IN */
    uint32_t nr_frames;         /* OUT */
    uint32_t max_nr_frames;     /* OUT */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/*
 * Replace a grant mapping at host_addr with the PTE currently at
 * new_addr, and clear new_addr.
 */
struct gnttab_unmap_and_replace
{
    uint64_t host_addr;         /* IN */
    uint64_t new_addr;          /* IN */
    grant_handle_t handle;      /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

/* Choose grant-table format 1 or 2 (only while no grants are active). */
struct gnttab_set_version
{
    uint32_t version;           /* IN: wanted / OUT: in effect */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* v2: frames of the status array (for mapping). */
struct gnttab_get_status_frames
{
    uint32_t nr_frames;         /* IN: room in frame_list */
    domid_t dom;                /* IN */
    int16_t status;             /* OUT: GNTST_* */
    XEN_GUEST_HANDLE(uint64_t) frame_list; /* OUT */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

/* Grant-table format a domain uses. */
struct gnttab_get_version
{
    domid_t dom;                /* IN */
    uint16_t pad;
    uint32_t version;           /* OUT: 1 or 2 */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* Atomically exchange two of our (inactive) grant entries. */
struct gnttab_swap_grant_ref
{
    grant_ref_t ref_a;          /* IN */
    grant_ref_t ref_b;          /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* Clean/invalidate caches for part of a granted page (non-coherent IO). */
struct gnttab_cache_flush
{
    union
    {
        uint64_t dev_bus_addr;  /* our own address */
        grant_ref_t ref;        /* with GNTTAB_CACHE_SOURCE_GREF */
    } a;                        /* IN */
    uint16_t offset;            /* IN: start within the page */
    uint16_t length;            /* IN: bytes */
#define GNTTAB_CACHE_CLEAN          (1u << 0)
#define GNTTAB_CACHE_INVAL          (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF    (1u << 31)
    uint32_t op;                /* IN: GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);

#endif /* !__ASSEMBLY__ */

/* gnttab_map_grant_ref.flags */
#define _GNTMAP_device_map      (0)
#define GNTMAP_device_map       (1 << _GNTMAP_device_map)   /* for DMA */
#define _GNTMAP_host_map        (1)
#define GNTMAP_host_map         (1 << _GNTMAP_host_map)     /* for the CPU */
#define _GNTMAP_readonly        (2)
#define GNTMAP_readonly         (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map (3)
#define GNTMAP_application_map  (1 << _GNTMAP_application_map) /* user-accessible */
#define _GNTMAP_contains_pte    (4)
#define GNTMAP_contains_pte     (1 << _GNTMAP_contains_pte) /* host_addr is a PTE */
/* Bits 16-31 are copied into the PTE's software-available bits. */
#define _GNTMAP_guest_avail0    (16)
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Per-operation status codes (the 'status' fields above). */
#define GNTST_okay              (0)
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_virt_addr     (-5)
#define GNTST_bad_dev_addr      (-6)
#define GNTST_no_device_space   (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10)
#define GNTST_address_too_big   (-11)
#define GNTST_eagain            (-12)
#define GNTST_no_space          (-13)

/* Initialiser for a string table indexed by -GNTST_*. */
#define GNTTABOP_error_msgs {                       \
    "success",                                      \
    "unspecified failure",                          \
    "no such domain",                               \
    "grant reference out of range or unusable",     \
    "unknown mapping handle",                       \
    "unusable virtual address",                     \
    "unusable device address",                      \
    "IOMMU has no room for the mapping",            \
    "grant does not allow this access",             \
    "page not usable",                              \
    "copy would cross a page boundary",             \
    "page address needs too many bits",             \
    "temporarily unavailable, retry",               \
    "no space left",                                \
}

#endif /* PUBLIC_GRANT_TABLE_H */

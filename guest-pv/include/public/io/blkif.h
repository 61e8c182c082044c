/* SPDX-License-Identifier: MIT */
/*
 * PV block device (blkfront/blkback) ring protocol.
 *
 * The front end sends I/O requests naming granted pages (segments) and a
 * starting sector; the back end answers each with a response carrying the
 * same id.  Sectors are always 512 bytes here, whatever the disk's real
 * sector size.  Features (indirect descriptors, discard, flush, ...) are
 * negotiated in xenstore.
 */

#ifndef PUBLIC_IO_BLKIF_H
#define PUBLIC_IO_BLKIF_H

#include "ring.h"
#include "../grant_table.h"

#ifndef blkif_vdev_t
#define blkif_vdev_t    uint16_t    /* virtual device handle */
#endif
#define blkif_sector_t  uint64_t    /* 512-byte sector number */

/* Operations. */
#define BLKIF_OP_READ               0
#define BLKIF_OP_WRITE              1
#define BLKIF_OP_WRITE_BARRIER      2   /* write, ordered after all before */
#define BLKIF_OP_FLUSH_DISKCACHE    3   /* make earlier writes durable */
#define BLKIF_OP_RESERVED_1         4   /* used by a vendor, do not reuse */
#define BLKIF_OP_DISCARD            5   /* blkif_request_discard */
#define BLKIF_OP_INDIRECT           6   /* blkif_request_indirect */

/* Segments carried directly in a request. */
#define BLKIF_MAX_SEGMENTS_PER_REQUEST          11
/* Pages of segment descriptors an indirect request may reference. */
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST    8

/* One data page of a request: sectors first_sect..last_sect (0-7) of it. */
struct blkif_request_segment
{
    grant_ref_t gref;
    uint8_t first_sect, last_sect;
};

/* Read / write / barrier / flush request. */
struct blkif_request
{
    uint8_t operation;          /* BLKIF_OP_* */
    uint8_t nr_segments;        /* segments used in seg[] */
    blkif_vdev_t handle;        /* only for backend multiplexing; 0 */
    uint64_t id;                /* opaque, echoed in the response */
    blkif_sector_t sector_number; /* start sector on the disk */
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
typedef struct blkif_request blkif_request_t;

/* Discard (trim) request; shares the slot with blkif_request. */
struct blkif_request_discard
{
    uint8_t operation;          /* BLKIF_OP_DISCARD */
    uint8_t flag;               /* BLKIF_DISCARD_* */
#define BLKIF_DISCARD_SECURE (1 << 0) /* data must be unrecoverable */
    blkif_vdev_t handle;
    uint64_t id;
    blkif_sector_t sector_number;
    uint64_t nr_sectors;
};
typedef struct blkif_request_discard blkif_request_discard_t;

/*
 * Indirect request: the segment descriptors live in granted pages
 * (indirect_grefs), allowing many more segments per request.
 */
struct blkif_request_indirect
{
    uint8_t operation;          /* BLKIF_OP_INDIRECT */
    uint8_t indirect_op;        /* the real operation (READ/WRITE) */
    uint16_t nr_segments;       /* total segments */
    uint64_t id;
    blkif_sector_t sector_number;
    blkif_vdev_t handle;
    grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};
typedef struct blkif_request_indirect blkif_request_indirect_t;

struct blkif_response
{
    uint64_t id;                /* from the request */
    uint8_t operation;          /* from the request */
    int16_t status;             /* BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;

#define BLKIF_RSP_EOPNOTSUPP    -2  /* operation not supported */
#define BLKIF_RSP_ERROR         -1  /* I/O error */
#define BLKIF_RSP_OKAY          0

DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);

/* Values of the "info" xenstore key of a virtual disk. */
#define VDISK_CDROM             0x1
#define VDISK_REMOVABLE         0x2
#define VDISK_READONLY          0x4

#endif /* PUBLIC_IO_BLKIF_H */

/* SPDX-License-Identifier: MIT */
/*
 * PV network device (netfront/netback) ring protocol.
 *
 * Each queue has a transmit ring (guest -> backend packets) and a receive
 * ring (backend -> guest packets); packet data lives in granted pages.
 * An optional control ring configures hashing and grant mappings.
 * Feature negotiation happens in xenstore (feature-*, request-* keys).
 *
 * A packet spans one or more slots: the first request carries the total
 * size, every slot carries its own fragment, NETTXF_more_data /
 * NETRXF_more_data link the slots, and NET*F_extra_info means the next
 * slot holds a netif_extra_info instead of data.
 */

#ifndef PUBLIC_IO_NETIF_H
#define PUBLIC_IO_NETIF_H

#include "ring.h"
#include "../grant_table.h"

/* A backend must accept packets spanning at least this many slots. */
#define XEN_NETIF_NR_SLOTS_MIN 18

/* ---- Control ring ---- */

/* Hash types (bit numbers; also in netif_extra_info.u.hash.type). */
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4      0
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4       (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP  1
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP   (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6      2
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6       (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP  3
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP   (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP)

/* Hash algorithms. */
#define XEN_NETIF_CTRL_HASH_ALGORITHM_NONE      0
#define XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ  1

struct xen_netif_ctrl_request
{
    uint16_t id;                /* echoed in the response */
    uint16_t type;              /* XEN_NETIF_CTRL_TYPE_* */
#define XEN_NETIF_CTRL_TYPE_INVALID                 0
#define XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS          1
#define XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS          2
#define XEN_NETIF_CTRL_TYPE_SET_HASH_KEY            3
#define XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE   4
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE   5
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING        6
#define XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM      7
#define XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE   8
#define XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING        9
#define XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING        10
    uint32_t data[3];           /* type-specific arguments */
};

struct xen_netif_ctrl_response
{
    uint16_t id;                /* from the request */
    uint16_t type;              /* from the request */
    uint32_t status;            /* XEN_NETIF_CTRL_STATUS_* */
#define XEN_NETIF_CTRL_STATUS_SUCCESS           0
#define XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED     1
#define XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER 2
#define XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW   3
    uint32_t data;              /* type-specific result */
};

/* Entry of the page passed with ADD/DEL_GREF_MAPPING. */
struct xen_netif_gref
{
    grant_ref_t ref;            /* IN */
    uint16_t flags;             /* IN: XEN_NETIF_CTRLF_GREF_* */
#define _XEN_NETIF_CTRLF_GREF_readonly  0
#define XEN_NETIF_CTRLF_GREF_readonly   (1U << _XEN_NETIF_CTRLF_GREF_readonly)
    uint16_t status;            /* OUT: XEN_NETIF_CTRL_STATUS_* */
};

DEFINE_RING_TYPES(xen_netif_ctrl,
                  struct xen_netif_ctrl_request,
                  struct xen_netif_ctrl_response);

/* ---- Transmit ring ---- */

/* netif_tx_request.flags */
#define _NETTXF_csum_blank      (0)
#define NETTXF_csum_blank       (1U << _NETTXF_csum_blank)     /* L4 csum to fill */
#define _NETTXF_data_validated  (1)
#define NETTXF_data_validated   (1U << _NETTXF_data_validated) /* csum known good */
#define _NETTXF_more_data       (2)
#define NETTXF_more_data        (1U << _NETTXF_more_data)      /* more slots follow */
#define _NETTXF_extra_info      (3)
#define NETTXF_extra_info       (1U << _NETTXF_extra_info)     /* extra_info slot next */

#define XEN_NETIF_MAX_TX_SIZE   0xFFFF  /* largest packet */

struct netif_tx_request
{
    grant_ref_t gref;           /* page holding this fragment */
    uint16_t offset;            /* fragment start within the page */
    uint16_t flags;             /* NETTXF_* */
    uint16_t id;                /* echoed in the response */
    uint16_t size;              /* first slot: packet size; else fragment size */
};
typedef struct netif_tx_request netif_tx_request_t;

/* netif_extra_info.type */
#define XEN_NETIF_EXTRA_TYPE_NONE       (0)
#define XEN_NETIF_EXTRA_TYPE_GSO        (1)     /* u.gso */
#define XEN_NETIF_EXTRA_TYPE_MCAST_ADD  (2)     /* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_MCAST_DEL  (3)     /* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_HASH       (4)     /* u.hash */
#define XEN_NETIF_EXTRA_TYPE_MAX        (5)

/* netif_extra_info.flags */
#define _XEN_NETIF_EXTRA_FLAG_MORE      (0)
#define XEN_NETIF_EXTRA_FLAG_MORE       (1U << _XEN_NETIF_EXTRA_FLAG_MORE) /* another extra follows */

/* u.gso.type */
#define XEN_NETIF_GSO_TYPE_NONE         (0)
#define XEN_NETIF_GSO_TYPE_TCPV4        (1)
#define XEN_NETIF_GSO_TYPE_TCPV6        (2)

/* Extra information slot; occupies a whole ring slot. */
struct netif_extra_info
{
    uint8_t type;               /* XEN_NETIF_EXTRA_TYPE_* */
    uint8_t flags;              /* XEN_NETIF_EXTRA_FLAG_* */
    union
    {
        struct
        {
            uint16_t size;      /* MSS */
            uint8_t type;       /* XEN_NETIF_GSO_TYPE_* */
            uint8_t pad;
            uint16_t features;  /* none defined; 0 */
        } gso;
        struct
        {
            uint8_t addr[6];    /* multicast MAC address */
        } mcast;
        struct
        {
            uint8_t type;       /* _XEN_NETIF_CTRL_HASH_TYPE_* number */
            uint8_t algorithm;  /* XEN_NETIF_CTRL_HASH_ALGORITHM_* */
            uint8_t value[4];   /* the hash, little endian */
        } hash;
        uint16_t pad[3];
    } u;
};
typedef struct netif_extra_info netif_extra_info_t;

struct netif_tx_response
{
    uint16_t id;                /* from the request */
    int16_t status;             /* NETIF_RSP_* */
};
typedef struct netif_tx_response netif_tx_response_t;

/* ---- Receive ring ---- */

/* Guest posts empty buffers. */
struct netif_rx_request
{
    uint16_t id;                /* echoed in the response */
    uint16_t pad;
    grant_ref_t gref;           /* page the backend may fill */
};
typedef struct netif_rx_request netif_rx_request_t;

/* netif_rx_response.flags */
#define _NETRXF_data_validated  (0)
#define NETRXF_data_validated   (1U << _NETRXF_data_validated)
#define _NETRXF_csum_blank      (1)
#define NETRXF_csum_blank       (1U << _NETRXF_csum_blank)
#define _NETRXF_more_data       (2)
#define NETRXF_more_data        (1U << _NETRXF_more_data)
#define _NETRXF_extra_info      (3)
#define NETRXF_extra_info       (1U << _NETRXF_extra_info)
#define _NETRXF_gso_prefix      (4)
#define NETRXF_gso_prefix       (1U << _NETRXF_gso_prefix) /* GSO info slot first */

struct netif_rx_response
{
    uint16_t id;                /* from the request */
    uint16_t offset;            /* data start in the page */
    uint16_t flags;             /* NETRXF_* */
    int16_t status;             /* < 0: NETIF_RSP_*; >= 0: bytes received */
};
typedef struct netif_rx_response netif_rx_response_t;

DEFINE_RING_TYPES(netif_tx, struct netif_tx_request, struct netif_tx_response);
DEFINE_RING_TYPES(netif_rx, struct netif_rx_request, struct netif_rx_response);

/* Response status values. */
#define NETIF_RSP_DROPPED   -2  /* packet dropped */
#define NETIF_RSP_ERROR     -1  /* malformed request */
#define NETIF_RSP_OKAY      0
#define NETIF_RSP_NULL      1   /* slot used for extra info, no data */

#endif /* PUBLIC_IO_NETIF_H */

/* SPDX-License-Identifier: MIT */
/*
 * XenStore wire protocol: message header and types exchanged with the
 * xenstore daemon (over the shared ring page below, or a socket), and the
 * layout of the per-domain ring page (start_info.store_mfn).
 *
 * A message is a struct xsd_sockmsg header followed by 'len' payload
 * bytes, typically NUL-separated strings.  Replies reuse the request's
 * type and req_id, or come back as XS_ERROR with an error name such as
 * "ENOENT" as payload.  Watch firings arrive as XS_WATCH_EVENT.
 */

#ifndef PUBLIC_IO_XS_WIRE_H
#define PUBLIC_IO_XS_WIRE_H

#include <stdint.h>
#include "../errno.h"

enum xsd_sockmsg_type
{
    XS_CONTROL,                 /* 0: daemon control (was XS_DEBUG) */
#define XS_DEBUG XS_CONTROL
    XS_DIRECTORY,               /* 1: list children of a node */
    XS_READ,                    /* 2: read a node's value */
    XS_GET_PERMS,               /* 3 */
    XS_WATCH,                   /* 4: path + token */
    XS_UNWATCH,                 /* 5 */
    XS_TRANSACTION_START,       /* 6: reply is the transaction id */
    XS_TRANSACTION_END,         /* 7: "T" commit / "F" abort */
    XS_INTRODUCE,               /* 8: domid, mfn, port (privileged) */
    XS_RELEASE,                 /* 9 */
    XS_GET_DOMAIN_PATH,         /* 10: "/local/domain/<id>" */
    XS_WRITE,                   /* 11: path NUL value */
    XS_MKDIR,                   /* 12 */
    XS_RM,                      /* 13 */
    XS_SET_PERMS,               /* 14 */
    XS_WATCH_EVENT,             /* 15: path NUL token (unsolicited) */
    XS_ERROR,                   /* 16: payload = error name */
    XS_IS_DOMAIN_INTRODUCED,    /* 17 */
    XS_RESUME,                  /* 18 */
    XS_SET_TARGET,              /* 19 */
    /* 20 was XS_RESTRICT, no longer used */
    XS_RESET_WATCHES = XS_SET_TARGET + 2, /* 21 */
    XS_DIRECTORY_PART,          /* 22: directory listing in pieces */

    XS_TYPE_COUNT,              /* number of defined types */

    XS_INVALID = 0xffff         /* never a valid type */
};

/* Old XS_WRITE flavours (payload prefix); unused by current daemons. */
#define XS_WRITE_NONE           "NONE"
#define XS_WRITE_CREATE         "CREATE"
#define XS_WRITE_CREATE_EXCL    "CREATE|EXCL"

/*
 * Error names that may appear in an XS_ERROR payload, with the errno
 * value each stands for (Xen/Linux numbering).
 */
struct xsd_errors
{
    int errnum;
    const char *errstring;
};

#define XSD_ERROR_LIST(X)                                               \
    X(EINVAL) X(EACCES) X(EEXIST) X(EISDIR) X(ENOENT) X(ENOMEM)         \
    X(ENOSPC) X(EIO) X(ENOTEMPTY) X(ENOSYS) X(EROFS) X(EBUSY)           \
    X(EAGAIN) X(EISCONN) X(E2BIG) X(EPERM)

#define XSD_ERROR(x) { XEN_##x, #x },
#if defined(__GNUC__)
__attribute__((unused))
#endif
static const struct xsd_errors xsd_errors[] = { XSD_ERROR_LIST(XSD_ERROR) };
#undef XSD_ERROR

/* Header in front of every message. */
struct xsd_sockmsg
{
    uint32_t type;              /* enum xsd_sockmsg_type */
    uint32_t req_id;            /* chosen by the client, echoed back */
    uint32_t tx_id;             /* transaction id, 0 = none */
    uint32_t len;               /* payload bytes that follow */
};

/* Field order in an XS_WATCH_EVENT payload. */
enum xs_watch_type
{
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

/*
 * Shared ring page between a domain and the xenstore daemon: requests go
 * out through 'req', replies and watch events come back through 'rsp'.
 * Same byte-ring rules as the console.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface
{
    char req[XENSTORE_RING_SIZE];   /* guest -> daemon */
    char rsp[XENSTORE_RING_SIZE];   /* daemon -> guest */
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;       /* daemon: XENSTORE_SERVER_FEATURE_* */
    uint32_t connection;            /* XENSTORE_CONNECTED / _RECONNECT */
    uint32_t error;                 /* daemon: XENSTORE_ERROR_* */
};

/* Protocol limits. */
#define XENSTORE_PAYLOAD_MAX    4096    /* bytes after the header */
#define XENSTORE_ABS_PATH_MAX   3072
#define XENSTORE_REL_PATH_MAX   2048

/* server_features bits */
#define XENSTORE_SERVER_FEATURE_RECONNECTION 1  /* 'connection' is honoured */
#define XENSTORE_SERVER_FEATURE_ERROR        2  /* 'error' is reported */

/* connection values: guest sets RECONNECT, daemon resets to CONNECTED. */
#define XENSTORE_CONNECTED      0
#define XENSTORE_RECONNECT      1

/* error values */
#define XENSTORE_ERROR_NONE     0
#define XENSTORE_ERROR_COMM     1   /* unspecified communication problem */
#define XENSTORE_ERROR_RINGIDX  2   /* bad ring indices */
#define XENSTORE_ERROR_PROTO    3   /* protocol violation */

#endif /* PUBLIC_IO_XS_WIRE_H */

/* SPDX-License-Identifier: MIT */
/*
 * Everything the console daemon needs from the OS and the hypervisor, as
 * four groups of function pointers.  Each group carries its own context so
 * that it can be wired to one library handle (xt_store, xt_evtchn,
 * xt_gnttab + xt_foreign, xt_ctrl) or to the fakes of the unit tests.
 *
 * Conventions: functions returning int give 0 (or a value >= 0) on
 * success and a negative errno on failure; functions returning pointers
 * give NULL and set errno.  Nothing here may block for long except the
 * store calls, which wait for the daemon's reply.
 */
#ifndef CONSOLE_BACKEND_H
#define CONSOLE_BACKEND_H

#include <stdint.h>

/* The xenstore connection. */
struct cons_store_ops {
    void *ctx;
    /* Value of 'path', NUL-terminated, malloc'd; *len (may be NULL) gets
     * its length without the NUL. */
    char *(*read)(void *ctx, const char *path, unsigned int *len);
    int (*write)(void *ctx, const char *path, const char *value);
    int (*rm)(void *ctx, const char *path);
    /* Children of 'path' as one malloc'd block of *n NUL-terminated names. */
    char *(*directory)(void *ctx, const char *path, unsigned int *n);
    int (*watch)(void *ctx, const char *path, const char *token);
    int (*unwatch)(void *ctx, const char *path, const char *token);
    /* Readable when a watch event may be waiting. */
    int (*fd)(void *ctx);
    /* Take one queued watch event without blocking: 1 and *path (one
     * malloc'd block that also holds *token; free(*path) only), 0 when
     * none is waiting, negative errno when the connection is lost. */
    int (*next_watch)(void *ctx, char **path, char **token);
};

/* /dev/xen/evtchn: interdomain channels to the guests. */
struct cons_evtchn_ops {
    void *ctx;
    /* Local port bound to (domid, remote_port), or negative errno. */
    int (*bind)(void *ctx, unsigned int domid, uint32_t remote_port);
    void (*unbind)(void *ctx, uint32_t local_port);
    int (*notify)(void *ctx, uint32_t local_port);
    /* A delivered port stays masked until this is called. */
    int (*unmask)(void *ctx, uint32_t local_port);
    /* Readable when a port may be pending. */
    int (*fd)(void *ctx);
    /* Next pending local port without blocking, -EAGAIN when none. */
    int (*pending)(void *ctx);
};

/* Mapping one guest page (the console ring) into the daemon. */
struct cons_map_ops {
    void *ctx;
    /* The page the guest granted with 'gref' (GNTTAB_RESERVED_CONSOLE). */
    void *(*map_grant)(void *ctx, unsigned int domid, uint32_t gref);
    void (*unmap_grant)(void *ctx, void *page);
    /* The guest frame 'gfn' by foreign (privileged) mapping. */
    void *(*map_foreign)(void *ctx, unsigned int domid, uint64_t gfn);
    void (*unmap_foreign)(void *ctx, void *page);
};

/* Whether the hypervisor still runs a domain. */
struct cons_domain_ops {
    void *ctx;
    /* 1 alive, 0 gone or dying, negative errno when unknown. */
    int (*alive)(void *ctx, unsigned int domid);
};

struct cons_backend {
    struct cons_store_ops store;
    struct cons_evtchn_ops evtchn;
    struct cons_map_ops map;
    struct cons_domain_ops domain;
};

#endif /* CONSOLE_BACKEND_H */

/* SPDX-License-Identifier: MIT */
/*
 * xt/store.h: a xenstore client.  It talks to xenstored over its Unix
 * socket (/run/xenstored/socket, then /var/run/xenstored/socket) or,
 * when no daemon runs in this domain, through /dev/xen/xenbus.
 * $XENSTORED_PATH, when set, names the only place to try: a socket, or
 * a character device such as /dev/xen/xenbus (as Xen's own library
 * reads it), which sends the requests through this domain's kernel.
 *
 * Calls that return int give 0 (or a count) on success and -errno on
 * failure; calls that return a pointer give malloc()ed memory the caller
 * frees with one free(), or NULL with errno set.  tx is a transaction id
 * from xt_store_transaction_start(), or XT_TX_NONE.
 */
#ifndef XT_STORE_H
#define XT_STORE_H

#include <stdint.h>

#define XT_TX_NONE 0u
#define XT_STORE_SOCKET "/run/xenstored/socket"

struct xt_store;

struct xt_store_perm {
    uint32_t domid;
    char perm;          /* 'n' none, 'r' read, 'w' write, 'b' both */
};

struct xt_store *xt_store_open(void);
/* Connects to the socket at path only (tests, other daemons). */
struct xt_store *xt_store_open_socket(const char *path);
void xt_store_close(struct xt_store *xs);

/* The value, NUL-terminated for convenience; *len (if given) excludes
 * the NUL. */
char *xt_store_read(struct xt_store *xs, uint32_t tx, const char *path,
                    unsigned int *len);
int xt_store_write(struct xt_store *xs, uint32_t tx, const char *path,
                   const void *value, unsigned int len);
int xt_store_mkdir(struct xt_store *xs, uint32_t tx, const char *path);
int xt_store_rm(struct xt_store *xs, uint32_t tx, const char *path);
/* The child names: an array of *num strings in one allocation. */
char **xt_store_directory(struct xt_store *xs, uint32_t tx,
                          const char *path, unsigned int *num);

struct xt_store_perm *xt_store_get_perms(struct xt_store *xs, uint32_t tx,
                                         const char *path,
                                         unsigned int *num);
int xt_store_set_perms(struct xt_store *xs, uint32_t tx, const char *path,
                       const struct xt_store_perm *perms, unsigned int num);

int xt_store_transaction_start(struct xt_store *xs, uint32_t *tx);
/* abort != 0 discards; -EAGAIN means a conflict: start over. */
int xt_store_transaction_end(struct xt_store *xs, uint32_t tx, int abort);

/*
 * Watches.  xt_store_watch_fd() becomes readable while an event waits;
 * xt_store_read_watch() returns the next one (blocking if none), with
 * *path and *token pointing into one allocation (free(*path)).
 */
int xt_store_watch(struct xt_store *xs, const char *path, const char *token);
int xt_store_unwatch(struct xt_store *xs, const char *path,
                     const char *token);
int xt_store_watch_fd(const struct xt_store *xs);
int xt_store_read_watch(struct xt_store *xs, char **path, char **token);

/*
 * Domains (privileged callers only).  introduce tells xenstored about a
 * built domain: the frame of its store ring and the unbound port it will
 * bind; release drops it and its watches.  domain_path gives the
 * domain's home ("/local/domain/N"), malloc()ed.
 */
int xt_store_introduce(struct xt_store *xs, uint32_t domid, uint64_t mfn,
                       uint32_t port);
int xt_store_release(struct xt_store *xs, uint32_t domid);
char *xt_store_domain_path(struct xt_store *xs, uint32_t domid);
/* 1 if xenstored serves domid (dom0 always), 0 if not, or -errno. */
int xt_store_is_introduced(struct xt_store *xs, uint32_t domid);

/*
 * For a xenstore daemon running in dom0 (not a client call).  When dom0's
 * kernel finds no xenstore at boot, it makes the store ring page and an
 * unbound event channel itself and waits for a daemon in its userspace
 * to serve them.  xt_store_local_ring() maps that page and gives the
 * kernel's port (for an interdomain bind to dom0): from
 * /dev/xen/xenbus_backend, else /proc/xen/xsd_kva and xsd_port (older
 * kernels).  0, or -errno (-ENODEV: no such ring in this domain).
 */
int xt_store_local_ring(void **page, uint32_t *port);
void xt_store_local_ring_unmap(void *page);

#endif

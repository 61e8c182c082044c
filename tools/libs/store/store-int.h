/* SPDX-License-Identifier: MIT */
#ifndef XT_STORE_INT_H
#define XT_STORE_INT_H

#include <stddef.h>
#include <public/io/xs_wire.h>
#include <xt/store.h>

/* A watch event read while waiting for a reply, kept for later. */
struct store_event {
    struct store_event *next;
    uint32_t len;
    char body[];            /* path NUL token NUL */
};

struct xt_store {
    int fd;                 /* socket or /dev/xen/xenbus */
    int wake[2];            /* a byte in here while events are queued */
    int poll_fd;            /* epoll over fd and wake[0] */
    uint32_t next_req;
    struct store_event *head, *tail;
};

/* Sends one request and waits for its reply; the reply payload (NUL
 * added) goes to *reply unless reply is NULL.  Returns its length or
 * -errno (XS_ERROR turned into the errno it names). */
int store_request(struct xt_store *xs, uint32_t type, uint32_t tx,
                  const void *p1, size_t l1, const void *p2, size_t l2,
                  char **reply);
/* Reads one whole message; 0 or -errno. */
int store_recv(struct xt_store *xs, struct xsd_sockmsg *hdr, char **body);
void store_queue_event(struct xt_store *xs, char *body, uint32_t len);
int store_errno(const char *name);
/* NUL-separated strings -> a NULL-ended array, in one allocation. */
char **store_split(const char *buf, size_t len, unsigned int *num);

#endif

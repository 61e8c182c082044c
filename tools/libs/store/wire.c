/* SPDX-License-Identifier: MIT */
/*
 * The wire protocol: a header and a payload each way.  Replies come in
 * request order, but watch events may arrive in between; those are
 * queued for xt_store_read_watch().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "store-int.h"

static const struct { const char *name; int err; } errnames[] = {
    { "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
    { "EISDIR", EISDIR }, { "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "ENOTEMPTY", ENOTEMPTY },
    { "ENOSYS", ENOSYS }, { "EROFS", EROFS }, { "EBUSY", EBUSY },
    { "EAGAIN", EAGAIN }, { "EISCONN", EISCONN }, { "E2BIG", E2BIG },
    { "EPERM", EPERM },
};

/* Unknown names are the daemon's problem, reported as EINVAL. */
int store_errno(const char *name)
{
    unsigned int i;

    for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
        if (!strcmp(name, errnames[i].name))
            return errnames[i].err;
    return EINVAL;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;

    while (len) {
        ssize_t n = read(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0 ? -ECONNRESET : -errno;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int store_recv(struct xt_store *xs, struct xsd_sockmsg *hdr, char **body)
{
    int r = read_all(xs->fd, hdr, sizeof(*hdr));

    if (r < 0)
        return r;
    /* The daemon is trusted less than blindly: cap what we allocate. */
    if (hdr->len > XENSTORE_PAYLOAD_MAX)
        return -EIO;
    *body = malloc(hdr->len + 1);
    if (!*body)
        return -ENOMEM;
    r = read_all(xs->fd, *body, hdr->len);
    if (r < 0) {
        free(*body);
        return r;
    }
    (*body)[hdr->len] = '\0';
    return 0;
}

void store_queue_event(struct xt_store *xs, char *body, uint32_t len)
{
    struct store_event *e = malloc(sizeof(*e) + len + 1);

    if (!e)
        return;         /* dropped: the caller's watch will look stale */
    e->next = NULL;
    e->len = len;
    memcpy(e->body, body, len + 1);
    if (xs->tail)
        xs->tail->next = e;
    else
        xs->head = e;
    xs->tail = e;
    if (write(xs->wake[1], "", 1) < 0) {
        /* Already a byte there (pipe full is impossible at one byte). */
    }
}

static int send_request(struct xt_store *xs, struct xsd_sockmsg *hdr,
                        const void *p1, size_t l1, const void *p2, size_t l2)
{
    struct iovec iov[3] = {
        { hdr, sizeof(*hdr) }, { (void *)p1, l1 }, { (void *)p2, l2 },
    };
    size_t total = sizeof(*hdr) + l1 + l2;
    ssize_t n;

    /* /dev/xen/xenbus wants a message in one write; so does simplicity. */
    do
        n = writev(xs->fd, iov, 3);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    return (size_t)n == total ? 0 : -EIO;
}

int store_request(struct xt_store *xs, uint32_t type, uint32_t tx,
                  const void *p1, size_t l1, const void *p2, size_t l2,
                  char **reply)
{
    struct xsd_sockmsg hdr = {
        .type = type, .req_id = xs->next_req++, .tx_id = tx,
        .len = (uint32_t)(l1 + l2),
    };
    char *body;
    int r;

    if (l1 + l2 > XENSTORE_PAYLOAD_MAX)
        return -E2BIG;
    r = send_request(xs, &hdr, p1, l1, p2, l2);
    if (r < 0)
        return r;
    for (;;) {
        r = store_recv(xs, &hdr, &body);
        if (r < 0)
            return r;
        if (hdr.type != XS_WATCH_EVENT)
            break;
        store_queue_event(xs, body, hdr.len);
        free(body);
    }
    if (hdr.type == XS_ERROR) {
        r = -store_errno(body);
        free(body);
        return r;
    }
    if (reply)
        *reply = body;
    else
        free(body);
    return (int)hdr.len;
}

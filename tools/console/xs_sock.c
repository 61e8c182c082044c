/* SPDX-License-Identifier: MIT */
/*
 * A small synchronous xenstore client over the daemon's Unix socket
 * (public/io/xs_wire.h).  Each request waits for its reply; watch events
 * that arrive meanwhile are queued for next_watch().  A connection that
 * breaks or speaks nonsense is dead: every later call fails with EPIPE
 * and the console daemon exits, to be restarted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>
#include <public/io/xs_wire.h>
#include "backend_linux.h"

struct msg {
    struct msg *next;
    struct xsd_sockmsg h;
    char body[];                /* h.len bytes and a NUL */
};

struct xs_sock {
    int fd;
    bool dead;
    uint32_t req_id;
    struct msg *events, **tail;
};

static const struct { const char *name; int err; } errnames[] = {
    { "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
    { "EISDIR", EISDIR }, { "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "ENOTEMPTY", ENOTEMPTY },
    { "ENOSYS", ENOSYS }, { "EROFS", EROFS }, { "EBUSY", EBUSY },
    { "EAGAIN", EAGAIN }, { "EISCONN", EISCONN }, { "E2BIG", E2BIG },
    { "EPERM", EPERM },
};

static int error_of(const struct msg *m)
{
    size_t i;

    for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
        if (!strcmp(m->body, errnames[i].name))
            return -errnames[i].err;
    return -EIO;
}

static int io_full(struct xs_sock *xs, void *p, size_t n, bool out)
{
    while (n) {
        ssize_t r = out ? write(xs->fd, p, n) : read(xs->fd, p, n);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            xs->dead = true;
            return -EPIPE;
        }
        p = (char *)p + r;
        n -= r;
    }
    return 0;
}

static struct msg *read_msg(struct xs_sock *xs)
{
    struct xsd_sockmsg h;
    struct msg *m;

    if (io_full(xs, &h, sizeof(h), false))
        return NULL;
    if (h.len > XENSTORE_PAYLOAD_MAX || !(m = malloc(sizeof(*m) + h.len + 1))) {
        xs->dead = true;
        return NULL;
    }
    m->next = NULL;
    m->h = h;
    if (io_full(xs, m->body, h.len, false)) {
        free(m);
        return NULL;
    }
    m->body[h.len] = '\0';
    return m;
}

static void queue_event(struct xs_sock *xs, struct msg *m)
{
    *xs->tail = m;
    xs->tail = &m->next;
}

/* Send 'type' with the strings in parts (each with its NUL, except the
 * last when last_nul is false) and wait for the reply. */
static int request(struct xs_sock *xs, uint32_t type, const char *const *parts,
                   unsigned int nparts, bool last_nul, struct msg **reply)
{
    struct xsd_sockmsg h = { .type = type, .req_id = ++xs->req_id };
    struct iovec iov[4];
    unsigned int i;
    struct msg *m;

    if (xs->dead)
        return -EPIPE;
    iov[0] = (struct iovec){ &h, sizeof(h) };
    for (i = 0; i < nparts; i++) {
        size_t l = strlen(parts[i]) + (i + 1 < nparts || last_nul);

        iov[i + 1] = (struct iovec){ (void *)parts[i], l };
        h.len += l;
    }
    if (h.len > XENSTORE_PAYLOAD_MAX)
        return -E2BIG;
    if (writev(xs->fd, iov, nparts + 1) != (ssize_t)(sizeof(h) + h.len)) {
        xs->dead = true;                /* a short write breaks framing */
        return -EPIPE;
    }
    while ((m = read_msg(xs))) {
        if (m->h.type == XS_WATCH_EVENT) {
            queue_event(xs, m);
        } else if (m->h.req_id != h.req_id) {
            free(m);                    /* a reply we gave up on */
        } else if (m->h.type == XS_ERROR) {
            int err = error_of(m);

            free(m);
            return err;
        } else {
            *reply = m;
            return 0;
        }
    }
    return -EPIPE;
}

static int simple(struct xs_sock *xs, uint32_t type, const char *const *parts,
                  unsigned int n, bool last_nul)
{
    struct msg *m;
    int err = request(xs, type, parts, n, last_nul, &m);

    if (!err)
        free(m);
    return err;
}

/* The reply's body moved to the front of its own block, as a string. */
static char *body_of(struct msg *m, unsigned int *len)
{
    size_t n = m->h.len;

    memmove(m, m->body, n + 1);
    if (len)
        *len = n;
    return (char *)m;
}

static char *xs_read(void *ctx, const char *path, unsigned int *len)
{
    const char *parts[] = { path };
    struct msg *m;
    int err = request(ctx, XS_READ, parts, 1, true, &m);

    if (err) {
        errno = -err;
        return NULL;
    }
    return body_of(m, len);
}

static int xs_write(void *ctx, const char *path, const char *value)
{
    const char *parts[] = { path, value };

    return simple(ctx, XS_WRITE, parts, 2, false);
}

static int xs_rm(void *ctx, const char *path)
{
    const char *parts[] = { path };

    return simple(ctx, XS_RM, parts, 1, true);
}

static char *xs_directory(void *ctx, const char *path, unsigned int *n)
{
    const char *parts[] = { path };
    unsigned int len, i;
    struct msg *m;
    char *names;
    int err = request(ctx, XS_DIRECTORY, parts, 1, true, &m);

    if (err) {
        errno = -err;
        return NULL;
    }
    names = body_of(m, &len);
    /* Every name ends in a NUL; a missing final one is added. */
    for (*n = 0, i = 0; i < len; i++)
        *n += names[i] == '\0';
    if (len && names[len - 1])
        (*n)++;
    return names;
}

static int xs_watch(void *ctx, const char *path, const char *token)
{
    const char *parts[] = { path, token };

    return simple(ctx, XS_WATCH, parts, 2, true);
}

static int xs_unwatch(void *ctx, const char *path, const char *token)
{
    const char *parts[] = { path, token };

    return simple(ctx, XS_UNWATCH, parts, 2, true);
}

static int xs_fd(void *ctx)
{
    return ((struct xs_sock *)ctx)->fd;
}

/* An event is "path NUL token NUL"; anything else is dropped. */
static bool split_event(struct msg *m, char **path, char **token)
{
    size_t plen = strnlen(m->body, m->h.len);

    if (plen + 1 >= m->h.len)
        return false;
    body_of(m, NULL);
    *path = (char *)m;
    *token = *path + plen + 1;
    return true;
}

static int xs_next_watch(void *ctx, char **path, char **token)
{
    struct xs_sock *xs = ctx;
    struct pollfd pf = { xs->fd, POLLIN, 0 };
    struct msg *m;

    for (;;) {
        if ((m = xs->events)) {
            xs->events = m->next;
            if (!xs->events)
                xs->tail = &xs->events;
        } else if (xs->dead) {
            return -EPIPE;
        } else if (poll(&pf, 1, 0) != 1) {
            return 0;
        } else if (!(m = read_msg(xs))) {
            return -EPIPE;
        } else if (m->h.type != XS_WATCH_EVENT) {
            free(m);
            continue;
        }
        if (split_event(m, path, token))
            return 1;
        free(m);
    }
}

static int xs_alive(void *ctx, unsigned int domid)
{
    char id[16];
    const char *parts[] = { id };
    struct msg *m;
    int err, alive;

    snprintf(id, sizeof(id), "%u", domid);
    err = request(ctx, XS_IS_DOMAIN_INTRODUCED, parts, 1, true, &m);
    if (err)
        return err;
    alive = m->body[0] == 'T';
    free(m);
    return alive;
}

struct xs_sock *xs_sock_open(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct xs_sock *xs;
    int fd;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(sa.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return NULL;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
        !(xs = calloc(1, sizeof(*xs)))) {
        int e = errno;

        close(fd);
        errno = e;
        return NULL;
    }
    xs->fd = fd;
    xs->tail = &xs->events;
    return xs;
}

void xs_sock_close(struct xs_sock *xs)
{
    while (xs->events) {
        struct msg *m = xs->events;

        xs->events = m->next;
        free(m);
    }
    close(xs->fd);
    free(xs);
}

void xs_sock_ops(struct xs_sock *xs, struct cons_backend *be)
{
    be->store = (struct cons_store_ops){
        xs, xs_read, xs_write, xs_rm, xs_directory, xs_watch, xs_unwatch,
        xs_fd, xs_next_watch,
    };
    be->domain = (struct cons_domain_ops){ xs, xs_alive };
}

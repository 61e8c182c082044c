/* SPDX-License-Identifier: MIT */
/*
 * Connections: framing of requests and replies over a byte transport.
 * A header whose length exceeds XENSTORE_PAYLOAD_MAX cannot be skipped
 * safely, so the connection is dropped; everything else malformed gets
 * an XS_ERROR reply.  Once a connection has 'outstanding' replies queued
 * it is not read until the client drains them, which bounds its memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xenstored.h"

/* Past this many queued messages, watch events are dropped (logged). */
#define EVENT_BACKLOG_MAX 1024

struct conn *conns;

static long sock_read(struct conn *c, void *buf, size_t len)
{
    return read(c->fd, buf, len);
}

static long sock_write(struct conn *c, const void *buf, size_t len)
{
    return write(c->fd, buf, len);
}

static void sock_close(struct conn *c)
{
    close(c->fd);
}

const struct transport socket_transport = {
    .name = "socket",
    .read = sock_read,
    .write = sock_write,
    .close = sock_close,
};

/* Socket clients are dom0's tools, hence privileged by default. */
struct conn *conn_new(const struct transport *tp, int fd)
{
    struct conn *c = xs_alloc(sizeof(*c));

    c->tp = tp;
    c->fd = fd;
    c->domid = DOM0;
    c->privileged = true;
    c->next = conns;
    conns = c;
    return c;
}

void conn_send(struct conn *c, uint32_t type, uint32_t req_id,
               uint32_t tx_id, const void *data, size_t len)
{
    struct xsd_sockmsg h = { type, req_id, tx_id, (uint32_t)len };
    struct outmsg *m;

    if (c->dead)
        return;
    if (type == XS_WATCH_EVENT && c->out_count >= EVENT_BACKLOG_MAX) {
        xs_log(1, "dom%u: event backlog full, event dropped", c->domid);
        return;
    }
    m = xs_alloc(sizeof(*m) + sizeof(h) + len);
    memcpy(m->data, &h, sizeof(h));
    if (len)
        memcpy(m->data + sizeof(h), data, len);
    m->len = sizeof(h) + len;
    if (c->out_tail)
        c->out_tail->next = m;
    else
        c->out_head = m;
    c->out_tail = m;
    c->out_count++;
}

void conn_send_error(struct conn *c, const struct xsd_sockmsg *req, int err)
{
    unsigned int i;

    for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
        if (xsd_errors[i].errnum == err)
            break;
    if (i == sizeof(xsd_errors) / sizeof(xsd_errors[0]))
        i = 0;      /* anything unnamed is reported as EINVAL */
    conn_send(c, XS_ERROR, req->req_id, req->tx_id, xsd_errors[i].errstring,
              strlen(xsd_errors[i].errstring) + 1);
}

bool conn_wants_input(const struct conn *c)
{
    return !c->dead && c->out_count < quota.outstanding;
}

/* Fill 'want' bytes at 'buf' from '*have' on; 1 when complete. */
static int fill(struct conn *c, void *buf, unsigned int *have,
                unsigned int want)
{
    long n;

    while (*have < want) {
        n = c->tp->read(c, (char *)buf + *have, want - *have);
        if (n > 0) {
            *have += n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return 0;
        c->dead = true;     /* end of stream or a real error */
        return 0;
    }
    return 1;
}

/* Read and handle as many whole requests as are available. */
void conn_input(struct conn *c)
{
    while (conn_wants_input(c)) {
        if (!fill(c, &c->hdr, &c->hdr_have, sizeof(c->hdr)))
            return;
        if (c->hdr.len > XENSTORE_PAYLOAD_MAX) {
            xs_log(1, "dom%u: payload length %u too big, dropping",
                   c->domid, c->hdr.len);
            conn_output(c);     /* best effort: earlier replies go out */
            c->dead = true;
            return;
        }
        if (!fill(c, c->body, &c->body_have, c->hdr.len))
            return;
        c->body[c->hdr.len] = '\0';
        c->hdr_have = c->body_have = 0;
        request_dispatch(c, &c->hdr, c->body);
    }
}

void conn_output(struct conn *c)
{
    while (c->out_head && !c->dead) {
        struct outmsg *m = c->out_head;
        long n = c->tp->write(c, m->data + m->off, m->len - m->off);

        if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                c->dead = true;
            return;
        }
        m->off += n;
        if (m->off < m->len)
            return;
        c->out_head = m->next;
        if (!c->out_head)
            c->out_tail = NULL;
        c->out_count--;
        free(m);
    }
}

static void conn_free(struct conn *c)
{
    watch_free_all(c);
    tx_free_all(c);
    while (c->out_head) {
        struct outmsg *m = c->out_head;

        c->out_head = m->next;
        free(m);
    }
    c->tp->close(c);
    free(c);
}

void conn_reap(void)
{
    struct conn **link = &conns;

    while (*link) {
        struct conn *c = *link;

        if (c->dead) {
            *link = c->next;
            xs_log(2, "dom%u: connection closed", c->domid);
            conn_free(c);
        } else {
            link = &c->next;
        }
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * Connections: framing of requests and replies over a byte transport.
 * A header whose length exceeds XENSTORE_PAYLOAD_MAX cannot be skipped
 * safely, so the connection is dropped; everything else malformed gets
 * an XS_ERROR reply.  An unprivileged domain with 'outstanding' replies
 * queued (over all its connections) is not read until its client drains
 * them; any connection stops being read at OUT_HARD_MAX queued messages.
 * So memory per client stays bounded and one client cannot starve others.
 * A ring connection that breaks the protocol is not closed (the guest
 * cannot reopen it) but ignored until its domain is re-introduced or
 * goes, with the reason in the ring's 'error' field, as Xen does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xenstored.h"

/* Past this many queued messages, watch events are dropped (logged). */
#define EVENT_BACKLOG_MAX 1024
/* Even a privileged client is not read past this many queued messages. */
#define OUT_HARD_MAX 1024

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
    c->target = -1;
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
        if (!c->dropping)   /* once per episode: a guest cannot flood the log */
            xs_log(1, "dom%u: event backlog full, events dropped", c->domid);
        c->dropping = true;
        return;
    }
    c->dropping = false;
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
    if (type != XS_WATCH_EVENT)
        c->out_replies++;
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

/* Replies queued for 'domid' over all its connections. */
unsigned int domain_outstanding(unsigned int domid)
{
    const struct conn *c;
    unsigned int n = 0;

    for (c = conns; c; c = c->next)
        if (c->domid == domid && !c->privileged && !c->dead)
            n += c->out_replies;
    return n;
}

bool conn_wants_input(const struct conn *c)
{
    if (c->dead || c->out_count >= OUT_HARD_MAX)
        return false;
    return c->privileged || domain_outstanding(c->domid) < quota.outstanding;
}

/* A transport error: a ring's indexes were impossible. */
static void broken(struct conn *c)
{
    c->ring_error = XENSTORE_ERROR_RINGIDX;
    c->dead = true;
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
        broken(c);          /* end of stream or a real error */
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
            c->ring_error = XENSTORE_ERROR_PROTO;
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
                broken(c);
            return;
        }
        m->off += n;
        if (m->off < m->len)
            return;
        c->out_head = m->next;
        if (!c->out_head)
            c->out_tail = NULL;
        c->out_count--;
        if (((struct xsd_sockmsg *)m->data)->type != XS_WATCH_EVENT)
            c->out_replies--;
        free(m);
    }
}

/* Forget the session: watches, transactions, queued and partial data. */
static void conn_clear(struct conn *c)
{
    watch_free_all(c);
    tx_free_all(c);
    while (c->out_head) {
        struct outmsg *m = c->out_head;

        c->out_head = m->next;
        free(m);
    }
    c->out_tail = NULL;
    c->out_count = c->out_replies = 0;
    c->hdr_have = c->body_have = 0;
}

/* A new INTRODUCE of a ring's domain starts its session over. */
void conn_restart(struct conn *c)
{
    conn_clear(c);
    c->dead = c->ignored = false;
    c->ring_error = XENSTORE_ERROR_NONE;
    if (c->dom)
        ring_set_error(c->dom, XENSTORE_ERROR_NONE);
}

static void conn_free(struct conn *c)
{
    conn_clear(c);
    c->tp->close(c);
    free(c);
}

static void conn_ignore(struct conn *c)
{
    xs_log(1, "dom%u: ring broken (error %u), ignored until released",
           c->domid, c->ring_error);
    conn_clear(c);
    c->ignored = true;
    ring_set_error(c->dom, c->ring_error ? c->ring_error
                                         : XENSTORE_ERROR_COMM);
    ring_kick(c->dom);
}

void conn_reap(void)
{
    struct conn **link = &conns;

    while (*link) {
        struct conn *c = *link;

        if (c->dead && c->dom && !c->released) {
            if (!c->ignored)
                conn_ignore(c);
            link = &c->next;
        } else if (c->dead) {
            *link = c->next;
            xs_log(2, "dom%u: connection closed", c->domid);
            conn_free(c);
        } else {
            link = &c->next;
        }
    }
}

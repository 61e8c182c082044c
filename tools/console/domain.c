/* SPDX-License-Identifier: MIT */
/*
 * One guest's console.  The toolstack (or the guest itself: the
 * frontend directory is writable by the guest) puts ring-ref and port
 * under /local/domain/N/console; we map the ring, bind the port, give the
 * guest a pty whose name goes to console/tty, and copy bytes between them,
 * appending all output to the guest's log file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <public/grant_table.h>
#include "console.h"

#define PORT_MAX   ((1u << 17) - 1)     /* FIFO ABI limit */
#define PTY_REOPENS 8                   /* then the guest runs pty-less */

static char *read_node(struct cons_ctx *c, unsigned int domid,
                       const char *leaf)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/%s", domid, leaf);
    return c->be->store.read(c->be->store.ctx, path, NULL);
}

/* Plain decimal, no sign, no spaces, at most 'max'. */
static bool parse_dec(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

static void open_log(struct cons_ctx *c, struct dom *d)
{
    char *name;

    if (!c->opt.log_dir)
        return;
    name = read_node(c, d->domid, "name");
    d->log_fd = cons_log_open(c->opt.log_dir, name, d->domid);
    free(name);
}

struct dom *dom_new(struct cons_ctx *c, unsigned int domid)
{
    struct dom *d = calloc(1, sizeof(*d));
    char path[64];
    int err;

    if (!d)
        return NULL;
    d->domid = domid;
    d->local_port = -1;
    d->pty.master = d->pty.slave = -1;
    d->log_fd = -1;
    outbuf_init(&d->out, c->opt.buffer_max);
    snprintf(d->token, sizeof(d->token), "dom%u", domid);
    snprintf(path, sizeof(path), "/local/domain/%u/console", domid);
    err = c->be->store.watch(c->be->store.ctx, path, d->token);
    if (err) {
        cons_msg(0, "dom%u: cannot watch %s: %s", domid, path,
                 strerror(-err));
        free(d);
        return NULL;
    }
    open_log(c, d);
    return d;
}

static void disconnect(struct cons_ctx *c, struct dom *d)
{
    if (d->local_port >= 0)
        c->be->evtchn.unbind(c->be->evtchn.ctx, d->local_port);
    d->local_port = -1;
    if (d->page) {
        if (d->by_grant)
            c->be->map.unmap_grant(c->be->map.ctx, d->page);
        else
            c->be->map.unmap_foreign(c->be->map.ctx, d->page);
    }
    d->page = NULL;
    d->ring.intf = NULL;
}

static void write_tty(struct cons_ctx *c, struct dom *d)
{
    char path[64];
    int err;

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", d->domid);
    err = c->be->store.write(c->be->store.ctx, path, d->pty.path);
    if (err)
        cons_msg(0, "dom%u: cannot write %s: %s", d->domid, path,
                 strerror(-err));
    d->tty_written = !err;
}

static void remove_tty(struct cons_ctx *c, struct dom *d)
{
    char path[64];

    if (!d->tty_written)
        return;
    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", d->domid);
    c->be->store.rm(c->be->store.ctx, path);  /* may be gone already */
    d->tty_written = false;
}

static void open_pty(struct cons_ctx *c, struct dom *d)
{
    int err = pty_open(&d->pty);

    if (err) {
        cons_msg(0, "dom%u: no pty: %s", d->domid, strerror(-err));
        return;
    }
    write_tty(c, d);
    cons_msg(1, "dom%u: console on %s", d->domid, d->pty.path);
}

/* The grant the toolstack reserved for us first, as Xen's daemon does;
 * a foreign mapping of the frame when the guest has no such grant. */
static void *map_ring(struct cons_ctx *c, struct dom *d, uint64_t ref)
{
    struct cons_map_ops *m = &c->be->map;
    void *p = m->map_grant(m->ctx, d->domid, GNTTAB_RESERVED_CONSOLE);

    d->by_grant = p != NULL;
    if (!p)
        p = m->map_foreign(m->ctx, d->domid, ref);
    return p;
}

static int connect(struct cons_ctx *c, struct dom *d, uint64_t ref,
                   uint32_t port)
{
    int local;

    d->page = map_ring(c, d, ref);
    if (!d->page)
        return -errno;
    local = c->be->evtchn.bind(c->be->evtchn.ctx, d->domid, port);
    if (local < 0) {
        disconnect(c, d);
        return local;
    }
    d->local_port = local;
    d->ring_ref = ref;
    d->remote_port = port;
    ring_attach(&d->ring, d->page, d->domid);
    if (d->pty.master < 0)
        open_pty(c, d);
    return 0;
}

void dom_refresh(struct cons_ctx *c, struct dom *d)
{
    char *ref_s = read_node(c, d->domid, "console/ring-ref");
    char *port_s = read_node(c, d->domid, "console/port");
    char b1[24], b2[24];
    uint64_t ref, port;
    int err;

    if (!ref_s || !port_s)          /* not set up yet, or going away */
        goto out;
    if (!parse_dec(ref_s, UINT64_MAX >> 12, &ref) ||
        !parse_dec(port_s, PORT_MAX, &port)) {
        cons_msg(1, "dom%u: ignoring console ring-ref \"%s\" port \"%s\"",
                 d->domid, cons_printable(ref_s, b1, sizeof(b1)),
                 cons_printable(port_s, b2, sizeof(b2)));
        goto out;
    }
    if (d->page && ref == d->ring_ref && port == d->remote_port)
        goto out;
    disconnect(c, d);
    err = connect(c, d, ref, port);
    if (err)
        cons_msg(0, "dom%u: cannot connect ring %llu port %llu: %s",
                 d->domid, (unsigned long long)ref,
                 (unsigned long long)port, strerror(-err));
    else
        dom_event(c, d);            /* output written before we came */
out:
    free(ref_s);
    free(port_s);
}

static void log_write(struct dom *d, const char *p, size_t n)
{
    while (d->log_fd >= 0 && n) {
        ssize_t w = write(d->log_fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            cons_msg(0, "dom%u: log write failed (%s); log closed",
                     d->domid, w ? strerror(errno) : "no progress");
            close(d->log_fd);
            d->log_fd = -1;
            return;
        }
        p += w;
        n -= w;
    }
}

static void notify(struct cons_ctx *c, struct dom *d)
{
    c->be->evtchn.notify(c->be->evtchn.ctx, d->local_port);
}

static void pty_trouble(struct cons_ctx *c, struct dom *d, const char *why)
{
    cons_msg(1, "dom%u: pty %s: %s; opening another", d->domid,
             d->pty.path, why);
    remove_tty(c, d);
    pty_close(&d->pty);
    if (++d->pty_reopens > PTY_REOPENS) {
        cons_msg(0, "dom%u: pty keeps failing; console logged only",
                 d->domid);
        return;
    }
    open_pty(c, d);
}

static void flush_pty(struct cons_ctx *c, struct dom *d)
{
    int err;

    if (d->pty.master < 0) {
        outbuf_free(&d->out);       /* nobody will ever read it */
        return;
    }
    err = outbuf_flush(&d->out, d->pty.master);
    if (err)
        pty_trouble(c, d, strerror(-err));
}

/* Unmask first: a kick after this point will be delivered again. */
void dom_event(struct cons_ctx *c, struct dom *d)
{
    char buf[sizeof(((struct xencons_interface *)0)->out)];
    size_t n;

    if (!d->page)
        return;
    c->be->evtchn.unmask(c->be->evtchn.ctx, d->local_port);
    n = ring_take_output(&d->ring, buf);
    /* Taken (or skipped) output frees space the guest may wait for. */
    if (n || d->ring.resyncs != d->resyncs_seen)
        notify(c, d);
    d->resyncs_seen = d->ring.resyncs;
    if (!n)
        return;
    log_write(d, buf, n);
    outbuf_put(&d->out, buf, n);
    flush_pty(c, d);
}

short dom_pty_events(struct dom *d)
{
    short ev = 0;

    if (d->pty.master < 0)
        return 0;
    if (d->page && ring_input_space(&d->ring))
        ev |= POLLIN;
    if (d->out.len)
        ev |= POLLOUT;
    return ev;
}

static void pty_input(struct cons_ctx *c, struct dom *d)
{
    char buf[sizeof(((struct xencons_interface *)0)->in)];
    size_t space = d->page ? ring_input_space(&d->ring) : 0;
    ssize_t n;

    if (!space)
        return;
    n = read(d->pty.master, buf, space < sizeof(buf) ? space : sizeof(buf));
    if (n > 0) {
        ring_put_input(&d->ring, buf, n);
        notify(c, d);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        pty_trouble(c, d, n ? strerror(errno) : "end of file");
    }
}

void dom_pty_ready(struct cons_ctx *c, struct dom *d, short revents)
{
    /* A hangup with nothing left to read would be reported on every
     * poll: replace the pty rather than spin.  (Our own slave descriptor
     * means clients leaving never cause one.) */
    if ((revents & (POLLERR | POLLNVAL)) ||
        ((revents & POLLHUP) && !(revents & POLLIN))) {
        pty_trouble(c, d, revents & POLLHUP ? "hangup" : "error");
        return;
    }
    if (revents & POLLOUT)
        flush_pty(c, d);
    if (d->pty.master >= 0 && (revents & POLLIN))
        pty_input(c, d);
}

void dom_reopen_log(struct cons_ctx *c, struct dom *d)
{
    if (d->log_fd >= 0)
        close(d->log_fd);
    d->log_fd = -1;
    open_log(c, d);
}

void dom_free(struct cons_ctx *c, struct dom *d)
{
    char buf[sizeof(((struct xencons_interface *)0)->out)];
    char path[64];
    size_t n;

    /* A dying guest's last words are still in the ring: log them. */
    if (d->page && (n = ring_take_output(&d->ring, buf)))
        log_write(d, buf, n);
    disconnect(c, d);
    remove_tty(c, d);
    pty_close(&d->pty);
    snprintf(path, sizeof(path), "/local/domain/%u/console", d->domid);
    c->be->store.unwatch(c->be->store.ctx, path, d->token);
    if (d->log_fd >= 0)
        close(d->log_fd);
    outbuf_free(&d->out);
    cons_msg(1, "dom%u: console closed", d->domid);
    free(d);
}

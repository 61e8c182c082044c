/* SPDX-License-Identifier: MIT */
/*
 * The domain table and the loop.  Domains are found through the special
 * watches: @introduceDomain makes us list /local/domain for newcomers,
 * @releaseDomain makes us ask which of ours are gone.  Each domain's
 * console directory has its own watch, so a (re)written ring-ref or port
 * reconnects it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "console.h"

#define DOMID_LAST     0x7fefu  /* DOMID_FIRST_RESERVED - 1 */
#define EVENTS_PER_STEP 64      /* then poll again, so no guest starves us */

struct cons_daemon {
    struct cons_ctx c;
    struct dom *doms;
    unsigned int ndoms;
    struct pollfd *pfd;         /* rebuilt each step */
    struct dom **pdom;          /* pdom[i] owns pfd[i + 2] */
    unsigned int pcap;
};

static struct dom *find_dom(struct cons_daemon *d, unsigned int domid)
{
    struct dom *x;

    for (x = d->doms; x; x = x->next)
        if (x->domid == domid)
            return x;
    return NULL;
}

static bool parse_domid(const char *s, unsigned int *out)
{
    unsigned int v = 0;

    if (!*s || (s[0] == '0' && s[1]))
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) > DOMID_LAST)
            return false;
    }
    *out = v;
    return true;
}

static void add_dom(struct cons_daemon *d, unsigned int domid)
{
    struct dom *x = dom_new(&d->c, domid);

    if (!x)
        return;
    x->next = d->doms;
    d->doms = x;
    d->ndoms++;
    dom_refresh(&d->c, x);
}

/* Newcomers under /local/domain that the hypervisor says are running. */
static void scan(struct cons_daemon *d)
{
    struct cons_backend *be = d->c.be;
    unsigned int n, i, domid;
    char *names = be->store.directory(be->store.ctx, "/local/domain", &n);
    char *p = names;

    if (!names) {
        cons_msg(1, "cannot list /local/domain: %s", strerror(errno));
        return;
    }
    for (i = 0; i < n; i++, p += strlen(p) + 1) {
        if (!parse_domid(p, &domid) || domid == 0 || find_dom(d, domid))
            continue;
        if (be->domain.alive(be->domain.ctx, domid) == 1)
            add_dom(d, domid);
    }
    free(names);
}

static void reap(struct cons_daemon *d)
{
    struct cons_backend *be = d->c.be;
    struct dom **link = &d->doms;

    while (*link) {
        struct dom *x = *link;

        if (be->domain.alive(be->domain.ctx, x->domid) == 0) {
            *link = x->next;
            d->ndoms--;
            dom_free(&d->c, x);
        } else {
            link = &x->next;
        }
    }
}

static void on_watch(struct cons_daemon *d, const char *path,
                     const char *token)
{
    struct dom *x;

    (void)path;
    if (!strcmp(token, "introduce")) {
        scan(d);
        return;
    }
    if (!strcmp(token, "release")) {
        reap(d);
        return;
    }
    for (x = d->doms; x; x = x->next)
        if (!strcmp(token, x->token)) {
            dom_refresh(&d->c, x);
            return;
        }
}

static int drain_watches(struct cons_daemon *d)
{
    struct cons_store_ops *s = &d->c.be->store;
    char *path, *token;
    int r;

    while ((r = s->next_watch(s->ctx, &path, &token)) == 1) {
        on_watch(d, path, token);
        free(path);
    }
    return r;
}

struct cons_daemon *cons_daemon_new(struct cons_backend *be,
                                    const struct cons_options *opt)
{
    struct cons_daemon *d = calloc(1, sizeof(*d));
    int err;

    if (!d)
        return NULL;
    d->c.be = be;
    d->c.opt = *opt;
    err = be->store.watch(be->store.ctx, "@introduceDomain", "introduce");
    if (!err) {
        err = be->store.watch(be->store.ctx, "@releaseDomain", "release");
        if (err)
            be->store.unwatch(be->store.ctx, "@introduceDomain", "introduce");
    }
    if (err) {
        cons_msg(0, "cannot watch domain arrivals: %s", strerror(-err));
        free(d);
        errno = -err;
        return NULL;
    }
    scan(d);
    return d;
}

static bool grow_poll(struct cons_daemon *d)
{
    unsigned int want = d->ndoms + 2;
    struct pollfd *p;
    struct dom **q;

    if (want <= d->pcap)
        return true;
    p = realloc(d->pfd, want * sizeof(*p));
    if (p)
        d->pfd = p;
    q = realloc(d->pdom, want * sizeof(*q));
    if (q)
        d->pdom = q;
    if (!p || !q)
        return false;
    d->pcap = want;
    return true;
}

/* The store, the event channels, and every pty with something to do. */
static unsigned int build_poll(struct cons_daemon *d)
{
    struct cons_backend *be = d->c.be;
    unsigned int n = 2;
    struct dom *x;

    d->pfd[0] = (struct pollfd){ be->store.fd(be->store.ctx), POLLIN, 0 };
    d->pfd[1] = (struct pollfd){ be->evtchn.fd(be->evtchn.ctx), POLLIN, 0 };
    for (x = d->doms; x && n < d->pcap; x = x->next) {
        short ev = dom_pty_events(x);

        if (!ev)
            continue;
        d->pfd[n] = (struct pollfd){ x->pty.master, ev, 0 };
        d->pdom[n - 2] = x;
        n++;
    }
    return n;
}

static void take_events(struct cons_daemon *d)
{
    struct cons_evtchn_ops *e = &d->c.be->evtchn;
    int i, port;
    struct dom *x;

    for (i = 0; i < EVENTS_PER_STEP; i++) {
        port = e->pending(e->ctx);
        if (port < 0)
            break;
        for (x = d->doms; x; x = x->next)
            if (x->local_port == port) {
                dom_event(&d->c, x);
                break;
            }
    }
}

int cons_daemon_step(struct cons_daemon *d, int timeout_ms)
{
    unsigned int n, i;
    int ready, err;

    err = drain_watches(d);
    if (err < 0)
        return err;
    if (!grow_poll(d))
        return -ENOMEM;
    n = build_poll(d);
    ready = poll(d->pfd, n, timeout_ms);
    if (ready <= 0)
        return ready < 0 && errno != EINTR ? -errno : 0;
    if (d->pfd[1].revents)
        take_events(d);
    for (i = 2; i < n; i++)
        if (d->pfd[i].revents)
            dom_pty_ready(&d->c, d->pdom[i - 2], d->pfd[i].revents);
    err = drain_watches(d);
    return err < 0 ? err : ready;
}

unsigned int cons_daemon_domains(const struct cons_daemon *d)
{
    return d->ndoms;
}

void cons_daemon_reopen_logs(struct cons_daemon *d)
{
    struct dom *x;

    for (x = d->doms; x; x = x->next)
        dom_reopen_log(&d->c, x);
}

void cons_daemon_free(struct cons_daemon *d)
{
    struct cons_backend *be = d->c.be;

    while (d->doms) {
        struct dom *x = d->doms;

        d->doms = x->next;
        dom_free(&d->c, x);
    }
    be->store.unwatch(be->store.ctx, "@releaseDomain", "release");
    be->store.unwatch(be->store.ctx, "@introduceDomain", "introduce");
    free(d->pfd);
    free(d->pdom);
    free(d);
}

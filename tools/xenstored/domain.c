/* SPDX-License-Identifier: MIT */
/*
 * Introduced domains.  INTRODUCE maps a domain's ring page and binds its
 * event channel through the domain_io table, and gives it a connection
 * on the ring transport (ring.c); RELEASE, or the domain's death (learnt
 * through VIRQ_DOM_EXC), takes both away again.  Dom0's own kernel, when
 * it set up a store page for a local daemon, is connected at start.
 * Without a domain_io table (a plain host) there are no domains: dom0
 * talks over the socket and counts as introduced from the start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <public/xen.h>
#include "xenstored.h"
#include "domain_io.h"

const struct domain_io *dio;
static struct domain *domains;
static int virq_port = -1;

static struct domain *find(unsigned int domid)
{
    struct domain *d;

    for (d = domains; d; d = d->next)
        if (d->domid == domid)
            return d;
    return NULL;
}

/* A host errno as a wire error: the numbering is Linux's and Xen's. */
static int wire_errno(int e)
{
    return e > 0 ? e : XEN_EINVAL;
}

/* A guest may ask for a reconnect; it learns it happened by an event. */
static void honour_reconnect(struct domain *d)
{
    if (__atomic_load_n(&d->intf->connection, __ATOMIC_RELAXED) ==
        XENSTORE_RECONNECT) {
        __atomic_store_n(&d->intf->connection, XENSTORE_CONNECTED,
                         __ATOMIC_RELAXED);
        d->kick = true;
    }
}

static struct domain *domain_new(unsigned int domid, void *page, int port)
{
    struct domain *d = xs_alloc(sizeof(*d));

    d->domid = domid;
    d->intf = page;
    d->port = port;
    d->conn = conn_new(&ring_transport, -1);
    d->conn->dom = d;
    d->conn->domid = domid;
    d->conn->privileged = domid == DOM0;
    d->next = domains;
    domains = d;
    return d;
}

/* Called when the connection is freed (conn.c): the domain goes with it. */
void domain_destroy(struct domain *d)
{
    if (d->port >= 0)
        dio->unbind(d->port);
    if (d->is_dom0)
        dio->unmap_dom0_store(d->intf);
    else
        dio->unmap_ring(d->intf);
    free(d);
}

/* Forget a domain: its connection is freed at the next reap. */
static void domain_drop(struct domain *d)
{
    struct domain **link = &domains;

    while (*link != d)
        link = &(*link)->next;
    *link = d->next;
    /* Unbound now: an INTRODUCE in the same round may bind the port anew. */
    if (d->port >= 0)
        dio->unbind(d->port);
    d->port = -1;
    d->conn->dead = true;
    d->conn->released = true;
    xs_log(1, "released dom%u", d->domid);
    watch_fire_special("@releaseDomain");
}

/* Xen ignores the frame and maps the reserved grant; the fake uses it. */
static int introduce_new(unsigned int domid, uint64_t mfn, unsigned int port)
{
    void *page = dio->map_ring(domid, mfn);
    struct domain *d;
    int local, err;

    if (!page)
        return wire_errno(errno);
    local = dio->bind_interdomain(domid, port);
    if (local < 0) {
        err = wire_errno(errno);
        dio->unmap_ring(page);
        return err;
    }
    d = domain_new(domid, page, local);
    d->mfn = mfn;
    xs_log(1, "introduced dom%u (mfn %#llx port %u)", domid,
           (unsigned long long)mfn, port);
    watch_fire_special("@introduceDomain");
    return 0;
}

/*
 * As Xen: a second INTRODUCE re-binds the channel and, like the first,
 * starts the connection afresh (no watches, transactions or buffered
 * data; empty rings).  Only the first fires @introduceDomain.
 */
int domain_introduce(unsigned int domid, uint64_t mfn, unsigned int port)
{
    struct domain *d = find(domid);
    int err;

    if (!dio || domid == DOM0 || domid >= DOMID_FIRST_RESERVED || !port)
        return XEN_EINVAL;
    if (!d) {
        err = introduce_new(domid, mfn, port);
        if (err)
            return err;
        d = find(domid);
    } else {
        if (d->port >= 0)
            dio->unbind(d->port);
        d->port = dio->bind_interdomain(domid, port);
    }
    conn_restart(d->conn);
    ring_reset(d);
    honour_reconnect(d);
    ring_kick(d);
    return 0;
}

/* Xen's lookup for RELEASE, RESUME and SET_TARGET. */
static int connected(unsigned int domid, struct domain **out)
{
    *out = find(domid);
    return *out ? 0 : XEN_ENOENT;
}

int domain_release(unsigned int domid)
{
    struct domain *d;
    int err = domid == DOM0 ? XEN_EINVAL : connected(domid, &d);

    if (!err)
        domain_drop(d);
    return err;
}

int domain_resume(unsigned int domid)
{
    struct domain *d;
    int err = domid == DOM0 ? XEN_EINVAL : connected(domid, &d);

    if (!err)
        d->shutdown = false;
    return err;
}

/* 'domid' acts with the privileges of 'target' on the target's nodes. */
int domain_set_target(unsigned int domid, unsigned int target)
{
    struct domain *d, *t;
    int err = connected(domid, &d);

    if (!err)
        err = connected(target, &t);
    if (!err)
        d->conn->target = (int)target;
    return err;
}

bool domain_introduced(unsigned int domid)
{
    return domid == DOM0 || domid == DOMID_SELF || find(domid) != NULL;
}

/*
 * VIRQ_DOM_EXC says some domain changed state; which one is not said,
 * so ask about each.  A dead one is released; a newly shut down one
 * only fires @releaseDomain (once, until RESUME), as Xen does.
 */
static void check_domains(void)
{
    struct domain *d, *next;
    bool fire = false;

    for (d = domains; d; d = next) {
        enum dom_state s = d->is_dom0 ? DOM_RUNNING
                                      : dio->domain_state(d->domid);

        next = d->next;
        if (s == DOM_GONE) {
            domain_drop(d);
        } else if (s == DOM_SHUTDOWN && !d->shutdown) {
            d->shutdown = true;
            fire = true;
        }
    }
    if (fire)
        watch_fire_special("@releaseDomain");
}

/* Every fired port; which rings moved does not matter (see below). */
void domain_events(void)
{
    int port;

    while ((port = dio->pending()) >= 0) {
        if (port == virq_port)
            check_domains();
        dio->unmask(port);
    }
}

/*
 * Serve every ring: cheap (two index loads when idle), and it means no
 * event can be lost, and a ring whose replies were blocked (full
 * response ring, or the outstanding quota) resumes as soon as anything
 * at all happens.
 */
void domain_service(void)
{
    struct domain *d;

    for (d = domains; d; d = d->next) {
        conn_output(d->conn);
        conn_input(d->conn);
        conn_output(d->conn);
        ring_kick(d);
    }
}

/* Dom0's kernel's page and port, if it made them for a local daemon. */
static void connect_dom0(void)
{
    unsigned int remote;
    void *page;
    int port;
    struct domain *d;

    if (!dio->dom0_store || dio->dom0_store(&page, &remote))
        return;
    port = dio->bind_interdomain(DOM0, remote);
    if (port < 0) {
        xs_log(0, "dom0 store: cannot bind port %u", remote);
        dio->unmap_dom0_store(page);
        return;
    }
    d = domain_new(DOM0, page, port);
    d->is_dom0 = true;
    ring_adopt(d);
    d->kick = true;             /* the kernel's xenbus probe waits for it */
    ring_kick(d);
    xs_log(1, "dom0's kernel connected (port %u)", remote);
}

int domain_init(const struct domain_io *io)
{
    dio = io;
    virq_port = dio->bind_virq(VIRQ_DOM_EXC);
    if (virq_port < 0)
        xs_log(0, "cannot bind VIRQ_DOM_EXC: dead domains go unnoticed");
    connect_dom0();
    return 0;
}

/* At exit: every domain goes, without watch events. */
void domain_fini(void)
{
    while (domains) {
        struct domain *d = domains;

        domains = d->next;
        d->conn->dead = d->conn->released = true;
    }
    conn_reap();
    if (dio && virq_port >= 0)
        dio->unbind(virq_port);
}

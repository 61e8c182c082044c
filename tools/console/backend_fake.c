/* SPDX-License-Identifier: MIT */
/* The unit tests' backend: see backend_fake.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>
#include <public/grant_table.h>
#include "backend_fake.h"

#define PAGE      4096u
#define NPORTS    1024u
/* Where the interface sits in the page: flush against the guard page. */
#define RING_OFF  (PAGE - sizeof(struct xencons_interface))

struct node {
    struct node *next;
    char *path, *value;
};

struct watch {
    struct watch *next;
    char *path, *token;
};

struct event {
    struct event *next;
    char *block;                /* path NUL token NUL */
};

struct guest {
    struct guest *next;
    unsigned int domid;
    bool alive, grant;
    char *page;                 /* the guest's view */
    uint64_t gfn;
    uint32_t port;
    unsigned int notifies;
    char *views[4];             /* the daemon's live mappings */
};

struct port {
    bool bound, masked, pending;
    unsigned int domid;
    uint32_t remote;
};

struct fake {
    struct cons_backend be;
    struct node *nodes;
    struct watch *watches;
    struct event *events, **events_tail;
    int watch_fd;               /* eventfd: one count per queued event */
    struct guest *guests;
    struct port ports[NPORTS];
    int queue[NPORTS];          /* delivered ports, FIFO */
    unsigned int qhead, qlen;
    int evtchn_fd;              /* eventfd: one count per queued port */
};

/* ---- store ---- */

static struct node *find_node(struct fake *f, const char *path)
{
    struct node *n;

    for (n = f->nodes; n; n = n->next)
        if (!strcmp(n->path, path))
            return n;
    return NULL;
}

/* 'path' is 'top' or below it. */
static bool under(const char *path, const char *top)
{
    size_t n = strlen(top);

    return !strncmp(path, top, n) && (path[n] == '\0' || path[n] == '/');
}

static void queue_event(struct fake *f, const char *path, const char *token)
{
    struct event *e = calloc(1, sizeof(*e));
    size_t pl = strlen(path) + 1, tl = strlen(token) + 1;
    uint64_t one = 1;

    if (!e || !(e->block = malloc(pl + tl)))
        abort();
    memcpy(e->block, path, pl);
    memcpy(e->block + pl, token, tl);
    *f->events_tail = e;
    f->events_tail = &e->next;
    if (write(f->watch_fd, &one, sizeof(one)) != sizeof(one))
        abort();
}

/* A change at 'path' fires watches on it, its ancestors and (for a
 * removal) its descendants, as xenstored does. */
static void fire(struct fake *f, const char *path, bool removal)
{
    struct watch *w;

    for (w = f->watches; w; w = w->next)
        if (path[0] == '@' ? !strcmp(w->path, path)
                           : under(path, w->path) ||
                             (removal && under(w->path, path)))
            queue_event(f, path, w->token);
}

int fake_write(struct fake *f, const char *path, const char *value)
{
    struct node *n = find_node(f, path);
    char *v = strdup(value);

    if (!v)
        return -ENOMEM;
    if (!n) {
        if (!(n = calloc(1, sizeof(*n))) || !(n->path = strdup(path)))
            abort();
        n->next = f->nodes;
        f->nodes = n;
    }
    free(n->value);
    n->value = v;
    fire(f, path, false);
    return 0;
}

char *fake_read(struct fake *f, const char *path)
{
    struct node *n = find_node(f, path);

    if (!n) {
        errno = ENOENT;
        return NULL;
    }
    return strdup(n->value);
}

int fake_rm(struct fake *f, const char *path)
{
    struct node **link = &f->nodes;
    bool found = false;

    while (*link) {
        struct node *n = *link;

        if (under(n->path, path)) {
            *link = n->next;
            free(n->path);
            free(n->value);
            free(n);
            found = true;
        } else {
            link = &n->next;
        }
    }
    if (!found)
        return -ENOENT;
    fire(f, path, true);
    return 0;
}

static char *st_read(void *ctx, const char *path, unsigned int *len)
{
    char *v = fake_read(ctx, path);

    if (v && len)
        *len = strlen(v);
    return v;
}

static int st_write(void *ctx, const char *path, const char *value)
{
    return fake_write(ctx, path, value);
}

static int st_rm(void *ctx, const char *path)
{
    return fake_rm(ctx, path);
}

/* Distinct first components below 'path' (directories are implicit). */
static char *st_directory(void *ctx, const char *path, unsigned int *count)
{
    struct fake *f = ctx;
    size_t plen = strlen(path), size = 1, used = 0;
    char *out = calloc(1, 1);
    struct node *n;

    *count = 0;
    for (n = f->nodes; n && out; n = n->next) {
        const char *rest = n->path + plen + 1, *p;
        size_t l;
        bool dup = false;

        if (!under(n->path, path) || n->path[plen] != '/')
            continue;
        l = strcspn(rest, "/");
        for (p = out; p < out + used; p += strlen(p) + 1)
            if (strlen(p) == l && !strncmp(p, rest, l))
                dup = true;
        if (dup)
            continue;
        size = used + l + 1;
        out = realloc(out, size);
        if (out) {
            memcpy(out + used, rest, l);
            out[used + l] = '\0';
            used = size;
            (*count)++;
        }
    }
    if (!out)
        abort();
    return out;
}

static int st_watch(void *ctx, const char *path, const char *token)
{
    struct fake *f = ctx;
    struct watch *w = calloc(1, sizeof(*w));

    if (!w || !(w->path = strdup(path)) || !(w->token = strdup(token)))
        abort();
    w->next = f->watches;
    f->watches = w;
    queue_event(f, path, token);    /* a new watch fires once at once */
    return 0;
}

static int st_unwatch(void *ctx, const char *path, const char *token)
{
    struct fake *f = ctx;
    struct watch **link;

    for (link = &f->watches; *link; link = &(*link)->next) {
        struct watch *w = *link;

        if (!strcmp(w->path, path) && !strcmp(w->token, token)) {
            *link = w->next;
            free(w->path);
            free(w->token);
            free(w);
            return 0;
        }
    }
    return -ENOENT;
}

static int st_fd(void *ctx)
{
    return ((struct fake *)ctx)->watch_fd;
}

static int st_next_watch(void *ctx, char **path, char **token)
{
    struct fake *f = ctx;
    struct event *e = f->events;
    uint64_t v;

    if (!e)
        return 0;
    if (read(f->watch_fd, &v, sizeof(v)) != sizeof(v))
        abort();
    f->events = e->next;
    if (!f->events)
        f->events_tail = &f->events;
    *path = e->block;
    *token = e->block + strlen(e->block) + 1;
    free(e);
    return 1;
}

/* ---- guests, rings and mappings ---- */

static struct guest *find_guest(struct fake *f, unsigned int domid)
{
    struct guest *g;

    for (g = f->guests; g; g = g->next)
        if (g->domid == domid)
            return g;
    return NULL;
}

/* A second view of the guest's page followed by an inaccessible page. */
static void *map_view(struct fake *f, unsigned int domid, bool by_grant,
                      uint64_t which)
{
    struct guest *g = find_guest(f, domid);
    char *base;
    unsigned int i;

    if (!g || !g->alive || (by_grant ? !g->grant || which != 0
                                     : which != g->gfn)) {
        errno = by_grant ? ENOENT : EINVAL;
        return NULL;
    }
    for (i = 0; i < 4 && g->views[i]; i++)
        ;
    if (i == 4) {
        errno = ENOSPC;
        return NULL;
    }
    base = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED ||
        mremap(g->page, 0, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, base) != base)
        abort();
    g->views[i] = base;
    return base + RING_OFF;
}

static void unmap_view(struct fake *f, void *p)
{
    char *base = (char *)p - RING_OFF;
    struct guest *g;
    unsigned int i;

    for (g = f->guests; g; g = g->next)
        for (i = 0; i < 4; i++)
            if (g->views[i] == base) {
                munmap(base, 2 * PAGE);
                g->views[i] = NULL;
                return;
            }
    abort();                        /* unmapping what was never mapped */
}

static void *mp_grant(void *ctx, unsigned int domid, uint32_t gref)
{
    return map_view(ctx, domid, true, gref);
}

static void *mp_foreign(void *ctx, unsigned int domid, uint64_t gfn)
{
    return map_view(ctx, domid, false, gfn);
}

static void mp_unmap(void *ctx, void *page)
{
    unmap_view(ctx, page);
}

static int dm_alive(void *ctx, unsigned int domid)
{
    struct guest *g = find_guest(ctx, domid);

    return g && g->alive;
}

/* ---- event channels: a delivered port stays masked until unmasked ---- */

static void deliver(struct fake *f, int port)
{
    uint64_t one = 1;

    if (f->qlen == NPORTS)
        abort();
    f->queue[(f->qhead + f->qlen++) % NPORTS] = port;
    f->ports[port].masked = true;
    if (write(f->evtchn_fd, &one, sizeof(one)) != sizeof(one))
        abort();
}

static int ev_bind(void *ctx, unsigned int domid, uint32_t remote)
{
    struct fake *f = ctx;
    struct guest *g = find_guest(f, domid);
    unsigned int p;

    if (!g || !g->alive || remote != g->port)
        return -EINVAL;
    for (p = 1; p < NPORTS; p++)
        if (!f->ports[p].bound) {
            f->ports[p] = (struct port){ .bound = true, .domid = domid,
                                         .remote = remote };
            return p;
        }
    return -ENOSPC;
}

static void ev_unbind(void *ctx, uint32_t port)
{
    struct fake *f = ctx;

    if (port >= NPORTS || !f->ports[port].bound)
        abort();
    f->ports[port].bound = false;
}

static int ev_notify(void *ctx, uint32_t port)
{
    struct fake *f = ctx;
    struct guest *g;

    if (port >= NPORTS || !f->ports[port].bound)
        return -EINVAL;
    g = find_guest(f, f->ports[port].domid);
    if (g)
        g->notifies++;
    return 0;
}

static int ev_unmask(void *ctx, uint32_t port)
{
    struct fake *f = ctx;
    struct port *p;

    if (port >= NPORTS || !f->ports[port].bound)
        return -EINVAL;
    p = &f->ports[port];
    p->masked = false;
    if (p->pending) {
        p->pending = false;
        deliver(f, port);
    }
    return 0;
}

static int ev_fd(void *ctx)
{
    return ((struct fake *)ctx)->evtchn_fd;
}

static int ev_pending(void *ctx)
{
    struct fake *f = ctx;
    uint64_t v;
    int port;

    if (!f->qlen)
        return -EAGAIN;
    if (read(f->evtchn_fd, &v, sizeof(v)) != sizeof(v))
        abort();
    port = f->queue[f->qhead];
    f->qhead = (f->qhead + 1) % NPORTS;
    f->qlen--;
    return port;
}

void fake_kick(struct fake *f, unsigned int domid)
{
    struct guest *g = find_guest(f, domid);
    unsigned int p;

    for (p = 1; g && p < NPORTS; p++) {
        struct port *x = &f->ports[p];

        if (!x->bound || x->domid != domid || x->remote != g->port)
            continue;
        if (x->masked)
            x->pending = true;
        else
            deliver(f, p);
    }
}

/* ---- the guest's side ---- */

static struct xencons_interface *ring_of(struct guest *g)
{
    return (struct xencons_interface *)(g->page + RING_OFF);
}

struct xencons_interface *fake_add_guest(struct fake *f, unsigned int domid,
                                         const char *name, bool grant)
{
    struct guest *g = calloc(1, sizeof(*g));
    char path[64], val[32];

    if (!g)
        abort();
    g->page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (g->page == MAP_FAILED)
        abort();
    g->domid = domid;
    g->alive = true;
    g->grant = grant;
    g->gfn = 0x1000 + domid;
    g->port = 2 + domid % 5;
    g->next = f->guests;
    f->guests = g;
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    fake_write(f, path, name);
    snprintf(path, sizeof(path), "/local/domain/%u/console/ring-ref", domid);
    snprintf(val, sizeof(val), "%llu", (unsigned long long)g->gfn);
    fake_write(f, path, val);
    snprintf(path, sizeof(path), "/local/domain/%u/console/port", domid);
    snprintf(val, sizeof(val), "%u", g->port);
    fake_write(f, path, val);
    fire(f, "@introduceDomain", false);
    return ring_of(g);
}

void fake_release(struct fake *f, unsigned int domid)
{
    struct guest *g = find_guest(f, domid);

    if (g)
        g->alive = false;
    fire(f, "@releaseDomain", false);
}

void fake_set_port(struct fake *f, unsigned int domid, uint32_t port)
{
    struct guest *g = find_guest(f, domid);
    char path[64], val[16];

    g->port = port;
    snprintf(path, sizeof(path), "/local/domain/%u/console/port", domid);
    snprintf(val, sizeof(val), "%u", port);
    fake_write(f, path, val);
}

size_t fake_guest_write(struct fake *f, unsigned int domid, const char *p,
                        size_t n)
{
    struct xencons_interface *r = ring_of(find_guest(f, domid));
    XENCONS_RING_IDX cons = __atomic_load_n(&r->out_cons, __ATOMIC_ACQUIRE);
    XENCONS_RING_IDX prod = r->out_prod;
    size_t space = sizeof(r->out) - (prod - cons), i;

    if (n > space)
        n = space;
    for (i = 0; i < n; i++)
        r->out[MASK_XENCONS_IDX(prod + i, r->out)] = p[i];
    __atomic_store_n(&r->out_prod, prod + n, __ATOMIC_RELEASE);
    fake_kick(f, domid);
    return n;
}

size_t fake_guest_read(struct fake *f, unsigned int domid, char *p, size_t n)
{
    struct xencons_interface *r = ring_of(find_guest(f, domid));
    XENCONS_RING_IDX prod = __atomic_load_n(&r->in_prod, __ATOMIC_ACQUIRE);
    XENCONS_RING_IDX cons = r->in_cons;
    size_t avail = prod - cons, i;

    if (n > avail)
        n = avail;
    for (i = 0; i < n; i++)
        p[i] = r->in[MASK_XENCONS_IDX(cons + i, r->in)];
    __atomic_store_n(&r->in_cons, cons + n, __ATOMIC_RELEASE);
    fake_kick(f, domid);
    return n;
}

unsigned int fake_notifies(struct fake *f, unsigned int domid)
{
    return find_guest(f, domid)->notifies;
}

/* ---- bookkeeping ---- */

unsigned int fake_nodes(struct fake *f)
{
    unsigned int n = 0;
    struct node *x;

    for (x = f->nodes; x; x = x->next)
        n++;
    return n;
}

unsigned int fake_watches(struct fake *f)
{
    unsigned int n = 0;
    struct watch *w;

    for (w = f->watches; w; w = w->next)
        n++;
    return n;
}

unsigned int fake_maps(struct fake *f)
{
    unsigned int n = 0, i;
    struct guest *g;

    for (g = f->guests; g; g = g->next)
        for (i = 0; i < 4; i++)
            n += g->views[i] != NULL;
    return n;
}

unsigned int fake_bound(struct fake *f)
{
    unsigned int n = 0, p;

    for (p = 0; p < NPORTS; p++)
        n += f->ports[p].bound;
    return n;
}

struct fake *fake_new(void)
{
    struct fake *f = calloc(1, sizeof(*f));

    if (!f)
        abort();
    f->events_tail = &f->events;
    f->watch_fd = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    f->evtchn_fd = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    if (f->watch_fd < 0 || f->evtchn_fd < 0)
        abort();
    f->be = (struct cons_backend){
        .store = { f, st_read, st_write, st_rm, st_directory, st_watch,
                   st_unwatch, st_fd, st_next_watch },
        .evtchn = { f, ev_bind, ev_unbind, ev_notify, ev_unmask, ev_fd,
                    ev_pending },
        .map = { f, mp_grant, mp_unmap, mp_foreign, mp_unmap },
        .domain = { f, dm_alive },
    };
    return f;
}

struct cons_backend *fake_backend(struct fake *f)
{
    return &f->be;
}

void fake_free(struct fake *f)
{
    char *path, *token;

    while (st_next_watch(f, &path, &token) == 1)
        free(path);
    while (f->watches)
        st_unwatch(f, f->watches->path, f->watches->token);
    while (f->nodes) {
        struct node *n = f->nodes;

        f->nodes = n->next;
        free(n->path);
        free(n->value);
        free(n);
    }
    while (f->guests) {
        struct guest *g = f->guests;

        f->guests = g->next;
        munmap(g->page, PAGE);
        free(g);
    }
    close(f->watch_fd);
    close(f->evtchn_fd);
    free(f);
}

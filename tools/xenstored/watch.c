/* SPDX-License-Identifier: MIT */
/*
 * Watches.  A watch on P fires for a change of P or anything below it;
 * removing a subtree also fires the watches set exactly on the nodes
 * inside it, each with its own path (Xen 4.17's rule).  Watches set with
 * a relative path get relative event paths back.
 */
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

struct watch {
    struct watch *next;
    char *path;                 /* absolute, or "@introduceDomain" ... */
    char *token;
    char *strip;                /* prefix cut from events, or NULL */
};

/*
 * Xen accepts a watch on any "@" name up to a relative path's length;
 * only @introduceDomain and @releaseDomain ever fire.
 */
int watch_add(struct conn *c, const char *path, const char *token,
              const char *relative_to)
{
    struct watch *w;

    if (path[0] == '@' && strlen(path) > XENSTORE_REL_PATH_MAX)
        return XEN_EINVAL;
    for (w = c->watches; w; w = w->next)
        if (!strcmp(w->path, path) && !strcmp(w->token, token))
            return XEN_EEXIST;
    /* Xen's check, made before counting the new one: quota + 1 fit. */
    if (!c->privileged && domain_watches(c->domid) > quota.watches)
        return XEN_E2BIG;
    w = xs_alloc(sizeof(*w));
    w->path = xs_strdup(path);
    w->token = xs_strdup(token);
    w->strip = relative_to ? xs_strdup(relative_to) : NULL;
    w->next = c->watches;
    c->watches = w;
    c->nwatches++;
    return 0;
}

/* Watches of an unprivileged domain over all its connections. */
unsigned int domain_watches(unsigned int domid)
{
    const struct conn *c;
    unsigned int n = 0;

    for (c = conns; c; c = c->next)
        if (c->domid == domid && !c->privileged)
            n += c->nwatches;
    return n;
}

static void watch_free(struct watch *w)
{
    free(w->path);
    free(w->token);
    free(w->strip);
    free(w);
}

int watch_remove(struct conn *c, const char *path, const char *token)
{
    struct watch **link;

    for (link = &c->watches; *link; link = &(*link)->next) {
        struct watch *w = *link;

        if (!strcmp(w->path, path) && !strcmp(w->token, token)) {
            *link = w->next;
            watch_free(w);
            c->nwatches--;
            return 0;
        }
    }
    return XEN_ENOENT;
}

void watch_free_all(struct conn *c)
{
    while (c->watches) {
        struct watch *w = c->watches;

        c->watches = w->next;
        watch_free(w);
    }
    c->nwatches = 0;
}

static void send_event(struct conn *c, const char *path, const char *token)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t pl = strlen(path) + 1, tl = strlen(token) + 1;

    if (pl + tl > sizeof(buf))
        return;
    memcpy(buf, path, pl);
    memcpy(buf + pl, token, tl);
    conn_send(c, XS_WATCH_EVENT, 0, 0, buf, pl + tl);
}

void watch_fire_initial(struct conn *c, const char *path, const char *token)
{
    send_event(c, path, token);
}

/* Is 'path' equal to or below 'top'? */
static bool under(const char *path, const char *top)
{
    size_t l = strlen(top);

    if (!strcmp(top, "/"))
        return path[0] == '/';
    return !strncmp(path, top, l) && (path[l] == '\0' || path[l] == '/');
}

/*
 * A watcher sees an event when it may read the node (or, for a node
 * that is gone or changed its permissions, read it under the old ones)
 * or its parent, as Xen decides.
 */
static bool may_see(const struct conn *c, const char *path,
                    const struct perms *old)
{
    struct node *n = tree_lookup(main_tree, path);
    unsigned int r = 0;

    if (old->n)
        r |= perms_mode_for(old, c->domid, c->target,
                            c->privileged);
    if (n) {
        r |= perms_mode_for(&n->perms, c->domid, c->target,
                            c->privileged);
        if (n->parent)
            r |= perms_mode_for(&n->parent->perms, c->domid, c->target,
                            c->privileged);
    } else {
        n = tree_nearest(main_tree, path);
        r |= perms_mode_for(&n->perms, c->domid, c->target,
                            c->privileged);
    }
    return r & PERM_READ;
}

static void fire_one(struct conn *c, struct watch *w, const char *path)
{
    size_t sl = w->strip ? strlen(w->strip) : 0;

    if (sl && !strncmp(path, w->strip, sl))
        path += sl;
    send_event(c, path, w->token);
}

struct pending_event {
    struct pending_event *next;
    char *path;
    bool exact;                 /* only watches on exactly this path */
    struct perms old;           /* permissions before the change, or none */
};

void events_add(struct events *e, const char *path, bool exact,
                const struct perms *old)
{
    struct pending_event *p = xs_alloc(sizeof(*p)), **link = &e->head;

    p->path = xs_strdup(path);
    p->exact = exact;
    if (old)
        perms_copy(&p->old, old);
    while (*link)
        link = &(*link)->next;
    *link = p;
}

static void deliver_one(const struct pending_event *p)
{
    struct conn *c;
    struct watch *w;

    for (c = conns; c; c = c->next) {
        if (c->dead || !may_see(c, p->path, &p->old))
            continue;
        for (w = c->watches; w; w = w->next) {
            if (w->path[0] == '@')
                continue;
            if (p->exact ? !strcmp(p->path, w->path) : under(p->path, w->path))
                fire_one(c, w, p->path);
        }
    }
}

static void drain(struct events *e, bool send)
{
    while (e->head) {
        struct pending_event *p = e->head;

        e->head = p->next;
        if (send)
            deliver_one(p);
        free(p->path);
        perms_free(&p->old);
        free(p);
    }
}

void events_deliver(struct events *e)
{
    drain(e, true);
}

void events_discard(struct events *e)
{
    drain(e, false);
}

/*
 * The special names carry permissions, Xen's default "n0" until SET_PERMS
 * changes them: only watchers who may read them (privileged ones, by
 * default) hear of domains coming and going; everyone gets the one event
 * a new watch fires at once.
 */
static struct perm owner0[2] = { { DOM0, 0 }, { DOM0, 0 } };
static struct perms special[2] = { { 1, &owner0[0] }, { 1, &owner0[1] } };

static struct perms *special_perms(const char *name)
{
    if (!strcmp(name, "@introduceDomain"))
        return &special[0];
    if (!strcmp(name, "@releaseDomain"))
        return &special[1];
    return NULL;
}

/* Only the owner or a privileged caller, as for nodes. */
int watch_set_special_perms(const struct conn *c, const char *name,
                            const struct perms *p)
{
    struct perms *sp = special_perms(name);
    unsigned int owner;

    if (!sp)
        return XEN_EINVAL;
    owner = sp->e[0].domid;
    if (!c->privileged && owner != c->domid &&
        (c->target < 0 || owner != (unsigned int)c->target))
        return XEN_EACCES;
    if (sp->e != &owner0[sp - special])
        perms_free(sp);
    perms_copy(sp, p);
    return 0;
}

void watch_fire_special(const char *name)
{
    const struct perms *sp = special_perms(name);
    struct conn *c;
    struct watch *w;

    for (c = conns; c; c = c->next) {
        if (!sp || !(perms_mode_for(sp, c->domid, c->target,
                                    c->privileged) & PERM_READ))
            continue;
        for (w = c->watches; w && !c->dead; w = w->next)
            if (!strcmp(w->path, name))
                send_event(c, name, w->token);
    }
}

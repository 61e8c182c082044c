/* SPDX-License-Identifier: MIT */
/*
 * Tree changes with their permission and quota checks.  Requests call
 * them on the main tree or a transaction's copy; a commit replays a
 * transaction's log through them again, so both paths share one set of
 * rules.  Every node is noted in the transaction before it is read or
 * changed, which is what conflict detection compares at commit.
 */
#include <string.h>
#include "xenstored.h"

static bool may(const struct opctx *o, const struct node *n,
                unsigned int mode)
{
    return (perms_mode_for(&n->perms, o->domid, o->target, o->privileged) &
            mode) == mode;
}

static void note_node(struct opctx *o, const struct node *n)
{
    char buf[XENSTORE_ABS_PATH_MAX + 2];

    if (!o->tx)
        return;
    node_path(n, buf, sizeof(buf));
    tx_note(o->tx, buf);
}

static void event(struct opctx *o, const char *path, bool exact,
                  const struct perms *old)
{
    if (o->events)
        events_add(o->events, path, exact, old);
}

/*
 * A missing node is ENOENT only to a caller who may 'mode' its nearest
 * existing ancestor; to others it is EACCES, so that whether a node
 * exists is not told to those who may not see its parent (Xen's rule).
 */
int missing_error(const struct opctx *o, const char *path, unsigned int mode)
{
    const struct node *near = tree_nearest(o->tree, path);

    return perms_mode_for(&near->perms, o->domid, o->target, o->privileged) &
           mode ? XEN_ENOENT : XEN_EACCES;
}

/*
 * A transaction about to create path's missing ancestors notes each one
 * as absent first: they are then the transaction's own (a later write
 * under one compares against "absent", not against the generation the
 * transaction itself gave it), and their appearing outside meanwhile is
 * a conflict.
 */
static void note_missing_parents(struct opctx *o, const char *path,
                                 const struct node *near)
{
    char buf[XENSTORE_ABS_PATH_MAX + 2];
    size_t len = strlen(path), l = node_path(near, buf, sizeof(buf));
    size_t i;

    if (!o->tx || len >= sizeof(buf))
        return;
    for (i = l + 1; i < len; i++) {
        if (path[i] != '/')
            continue;
        memcpy(buf, path, i);
        buf[i] = 0;
        tx_note(o->tx, buf);
    }
}

/*
 * Find 'path' for a change, creating it (and its parents) if missing;
 * 'vlen' is the value it will hold, for the entry-size quota.
 */
static int get_for_write(struct opctx *o, const char *path, size_t vlen,
                         struct node **n, bool *created)
{
    struct node *near;

    *created = false;
    if (o->tx)
        tx_note(o->tx, path);
    *n = tree_lookup(o->tree, path);
    if (*n)
        return may(o, *n, PERM_WRITE) ? 0 : XEN_EACCES;
    *created = true;
    near = tree_nearest(o->tree, path);
    note_node(o, near);
    if (!may(o, near, PERM_WRITE))
        return XEN_EACCES;
    note_missing_parents(o, path, near);
    return tree_create(o->tree, path, o->domid, o->privileged, vlen, n);
}

int op_write(struct opctx *o, const char *path, const char *v,
             unsigned int len)
{
    struct node *n;
    bool created;
    int err;

    err = get_for_write(o, path, len, &n, &created);
    if (err)
        return err;
    if (!created && !o->privileged &&
        !record_fits(n->perms.n, len, node_children(n, NULL, 0)))
        return XEN_ENOSPC;
    event(o, path, false, NULL);
    return tree_set_value(o->tree, n, v, len);
}

/* An existing node is fine and, as in Xen, fires nothing. */
int op_mkdir(struct opctx *o, const char *path)
{
    struct node *n;
    bool created;
    int err = get_for_write(o, path, 0, &n, &created);

    if (!err && created)
        event(o, path, false, NULL);
    return err;
}

/* Exact events for every node below 'n', with the permissions it had. */
static void subtree_events(struct opctx *o, const struct node *n)
{
    char buf[XENSTORE_ABS_PATH_MAX + 2];
    const struct node *c;

    for (c = n->child; c; c = c->next) {
        subtree_events(o, c);
        node_path(c, buf, sizeof(buf));
        event(o, buf, true, &c->perms);
    }
}

/* Removing a missing node is fine while its parent exists, as in Xen. */
int op_rm(struct opctx *o, const char *path)
{
    struct node *n;

    if (!strcmp(path, "/"))
        return XEN_EINVAL;
    if (o->tx)
        tx_note(o->tx, path);
    n = tree_lookup(o->tree, path);
    if (!n) {
        struct node *near = tree_nearest(o->tree, path);
        const char *rest = strrchr(path, '/');
        char buf[XENSTORE_ABS_PATH_MAX + 2];
        size_t l = node_path(near, buf, sizeof(buf));

        note_node(o, near);
        if (missing_error(o, path, PERM_WRITE) == XEN_EACCES)
            return XEN_EACCES;
        /* The parent exists when only the last component is missing. */
        if ((size_t)(rest - path) == (l == 1 ? 0 : l))
            return 0;
        return XEN_ENOENT;
    }
    if (!may(o, n, PERM_WRITE))
        return XEN_EACCES;
    note_node(o, n->parent);
    subtree_events(o, n);
    event(o, path, false, &n->perms);
    tree_remove(o->tree, n);
    return 0;
}

/*
 * Only the owner (or its SET_TARGET controller) or a privileged caller;
 * only privilege hands a node on, and only unprivileged callers are held
 * to the per-node entry quota.
 */
int op_set_perms(struct opctx *o, const char *path, const struct perms *p)
{
    struct node *n;

    if (o->tx)
        tx_note(o->tx, path);
    if (!o->privileged && p->n > quota.perms)
        return XEN_ENOSPC;
    n = tree_lookup(o->tree, path);
    if (!n)
        return missing_error(o, path, PERM_WRITE);
    if (!o->privileged && n->perms.e[0].domid != o->domid &&
        (o->target < 0 || n->perms.e[0].domid != (unsigned int)o->target))
        return XEN_EACCES;
    if (!o->privileged && p->e[0].domid != n->perms.e[0].domid)
        return XEN_EPERM;
    if (!o->privileged &&
        !record_fits(p->n, n->vlen, node_children(n, NULL, 0)))
        return XEN_ENOSPC;
    /* The old permissions count too: a watcher losing access hears of it. */
    event(o, path, false, &n->perms);
    tree_set_perms(o->tree, n, p);
    return 0;
}

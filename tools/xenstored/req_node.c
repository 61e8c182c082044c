/* SPDX-License-Identifier: MIT */
/*
 * Requests on the tree: READ, DIRECTORY, DIRECTORY_PART, GET_PERMS read
 * it; WRITE, MKDIR, RM, SET_PERMS change it through ops.c, at once or in
 * the transaction named by the header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "request.h"

static int readable(struct req *r, struct opctx *o, const char *path,
                    struct node **n)
{
    int err = pick_tree(r, o);

    if (err)
        return err;
    if (o->tx)
        tx_note(o->tx, path);
    *n = tree_lookup(o->tree, path);
    if (!*n)
        return missing_error(o, path, PERM_READ);
    if (!(perms_mode_for(&(*n)->perms, o->domid, o->target, o->privileged) &
          PERM_READ))
        return XEN_EACCES;
    return 0;
}

/* The request's one argument as a path, and its node if readable. */
static int readable_arg(struct req *r, struct opctx *o, char *path,
                        struct node **n)
{
    int err = path_arg(r, path);

    return err ? err : readable(r, o, path, n);
}

int do_read(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = readable_arg(r, &o, path, &n);

    if (err)
        return err;
    if (n->vlen > sizeof(r->reply))
        return XEN_E2BIG;
    memcpy(r->reply, n->value, n->vlen);
    r->rlen = n->vlen;
    return 0;
}

int do_directory(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = readable_arg(r, &o, path, &n);

    if (err)
        return err;
    r->rlen = node_children(n, r->reply, sizeof(r->reply));
    return r->rlen > sizeof(r->reply) ? XEN_E2BIG : 0;
}

/*
 * Reply: the node's generation, then as many whole children names from
 * byte 'offset' of the list as fit; an extra empty string marks the end.
 */
int do_directory_part(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1], *list;
    const char *arg = r->body, *offs;
    unsigned long off;
    size_t total, gl, i, end;
    struct opctx o;
    struct node *n;
    int err;

    if (!r->h->len || r->body[r->h->len - 1] ||
        count_strings(r->body, r->h->len) != 2)
        return XEN_EINVAL;
    offs = nth_string(r->body, r->h->len, 1);
    err = canonical_path(r->c, arg, path, sizeof(path));
    if (!err)
        err = readable(r, &o, path, &n);
    off = xen_atoi(offs);       /* garbage is 0, "-1" is past the end */
    if (err)
        return err;
    total = node_children(n, NULL, 0);
    if (off > total)    /* past the end: just the end marker, as Xen */
        off = total;
    list = xs_alloc(total + 1);
    node_children(n, list, total);
    gl = snprintf(r->reply, sizeof(r->reply), "%llu",
                  (unsigned long long)n->gen) + 1;
    for (i = end = off; i < total; i += strlen(list + i) + 1) {
        if (gl + (i + strlen(list + i) + 1 - off) + 1 > sizeof(r->reply))
            break;
        end = i + strlen(list + i) + 1;
    }
    memcpy(r->reply + gl, list + off, end - off);
    r->rlen = gl + end - off;
    if (end == total)
        r->reply[r->rlen++] = '\0';
    free(list);
    return 0;
}

int do_get_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = readable_arg(r, &o, path, &n);

    if (err)
        return err;
    r->rlen = perms_format(&n->perms, r->reply, sizeof(r->reply));
    return r->rlen > sizeof(r->reply) ? XEN_E2BIG : 0;
}

/* Run a tree change now, or log it in the transaction for the commit. */
static int change(struct req *r, enum tx_op op, const char *path,
                  const char *data, size_t len, const struct perms *p)
{
    struct events ev = { NULL };
    struct opctx o;
    int err = pick_tree(r, &o);

    if (err)
        return err;
    o.events = o.tx ? NULL : &ev;   /* a commit replays and fires */
    switch (op) {
    case TXOP_WRITE: err = op_write(&o, path, data, len); break;
    case TXOP_MKDIR: err = op_mkdir(&o, path); break;
    case TXOP_RM: err = op_rm(&o, path); break;
    case TXOP_SET_PERMS: err = op_set_perms(&o, path, p); break;
    }
    if (err) {
        events_discard(&ev);
        return err;
    }
    if (o.tx)
        tx_log(o.tx, op, path, data, len);
    events_deliver(&ev);
    reply_str(r, "OK");
    return 0;
}

int do_write(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    size_t plen = strnlen(r->body, r->h->len);
    int err;

    if (plen == r->h->len)
        return XEN_EINVAL;
    err = canonical_path(r->c, r->body, path, sizeof(path));
    if (err)
        return err;
    return change(r, TXOP_WRITE, path, r->body + plen + 1,
                  r->h->len - plen - 1, NULL);
}

int do_mkdir_rm(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    int err = path_arg(r, path);

    if (err)
        return err;
    return change(r, r->h->type == XS_MKDIR ? TXOP_MKDIR : TXOP_RM, path,
                  NULL, 0, NULL);
}

/* "@introduceDomain" and "@releaseDomain" have permissions too (Xen). */
static int set_special_perms(struct req *r, unsigned int n)
{
    const char *name = r->body;
    size_t plen = strlen(name) + 1;
    struct perms p;
    int err;

    if (!r->c->privileged && n > quota.perms)
        return XEN_ENOSPC;
    err = perms_parse(&p, r->body + plen, r->h->len - plen, n);
    if (!err)
        err = watch_set_special_perms(r->c, name, &p);
    perms_free(&p);
    if (!err)
        reply_str(r, "OK");
    return err;
}

/* Payload: path, then the permission entries; logged raw for a commit. */
int do_set_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    size_t len = r->h->len, plen;
    unsigned int n;
    struct perms p;
    int err;

    if (!len || r->body[len - 1])
        return XEN_EINVAL;
    n = count_strings(r->body, len);
    plen = strlen(r->body) + 1;
    if (r->body[0] == '@')
        return set_special_perms(r, n - 1);
    err = canonical_path(r->c, r->body, path, sizeof(path));
    if (!err)
        err = perms_parse(&p, r->body + plen, len - plen, n - 1);
    if (err)
        return err;
    err = change(r, TXOP_SET_PERMS, path, r->body + plen, len - plen, &p);
    perms_free(&p);
    return err;
}

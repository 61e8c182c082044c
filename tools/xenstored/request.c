/* SPDX-License-Identifier: MIT */
/*
 * One handler per message type.  A handler checks the payload shape,
 * does its work and either fills 'reply' or returns an XEN_E* value that
 * becomes an XS_ERROR reply.  Payload strings are NUL-separated and
 * conn.c guarantees body[len] == 0, so a stray string end is harmless.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

struct req {
    struct conn *c;
    const struct xsd_sockmsg *h;
    char *body;
    char reply[XENSTORE_PAYLOAD_MAX];
    size_t rlen;
};

unsigned int count_strings(const char *buf, size_t len)
{
    unsigned int n = 0;
    size_t i;

    for (i = 0; i < len; i++)
        n += (buf[i] == '\0');
    return n;
}

const char *nth_string(const char *buf, size_t len, unsigned int n)
{
    const char *s = buf;

    while (n--)
        s += strlen(s) + 1;
    return s < buf + len ? s : NULL;
}

/* Plain decimal only: no sign, no spaces, no empty string. */
int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    *out = v;
    return 0;
}

/*
 * Relative paths live under the caller's /local/domain/<id>.  Names
 * starting with '@' are watch-only and rejected here.
 */
int canonical_path(const struct conn *c, const char *in, char *out,
                   size_t size)
{
    if (in[0] == '@')
        return XEN_EINVAL;
    if (in[0] == '/') {
        if (strlen(in) >= size)
            return XEN_EINVAL;
        strcpy(out, in);
    } else {
        if (strlen(in) > XENSTORE_REL_PATH_MAX)
            return XEN_EINVAL;
        snprintf(out, size, "/local/domain/%u/%s", c->domid, in);
    }
    return path_valid(out) ? 0 : XEN_EINVAL;
}

/* The payload must be exactly one NUL-terminated string. */
static int one_arg(struct req *r, const char **arg)
{
    size_t len = r->h->len;

    if (!len || r->body[len - 1] != '\0' || count_strings(r->body, len) != 1)
        return XEN_EINVAL;
    *arg = r->body;
    return 0;
}

static int path_arg(struct req *r, char *path)
{
    const char *arg;
    int err = one_arg(r, &arg);

    return err ? err : canonical_path(r->c, arg, path,
                                      XENSTORE_ABS_PATH_MAX + 1);
}

static void reply_str(struct req *r, const char *s)
{
    r->rlen = strlen(s) + 1;
    memcpy(r->reply, s, r->rlen);
}

/* Tree and transaction named by the header's tx_id. */
static int pick_tree(struct req *r, struct opctx *o)
{
    o->domid = r->c->domid;
    o->privileged = r->c->privileged;
    o->tx = NULL;
    o->events = NULL;
    o->tree = main_tree;
    if (r->h->tx_id) {
        o->tx = tx_find(r->c, r->h->tx_id);
        if (!o->tx)
            return XEN_ENOENT;
        o->tree = tx_tree(o->tx);
    }
    return 0;
}

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
        return XEN_ENOENT;
    if (!(perms_mode_for(&(*n)->perms, o->domid, o->privileged) & PERM_READ))
        return XEN_EACCES;
    return 0;
}

static int do_read(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = path_arg(r, path);

    if (!err)
        err = readable(r, &o, path, &n);
    if (err)
        return err;
    if (n->vlen > sizeof(r->reply))
        return XEN_E2BIG;
    memcpy(r->reply, n->value, n->vlen);
    r->rlen = n->vlen;
    return 0;
}

static int do_directory(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = path_arg(r, path);

    if (!err)
        err = readable(r, &o, path, &n);
    if (err)
        return err;
    r->rlen = node_children(n, r->reply, sizeof(r->reply));
    return r->rlen > sizeof(r->reply) ? XEN_E2BIG : 0;
}

/*
 * Reply: the node's generation, then as many whole children names from
 * byte 'offset' of the list as fit; an extra empty string marks the end.
 */
static int do_directory_part(struct req *r)
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
    if (!err && parse_uint(offs, 0xffffffffUL, &off))
        err = XEN_EINVAL;
    if (!err)
        err = readable(r, &o, path, &n);
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

static int do_get_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct opctx o;
    struct node *n;
    int err = path_arg(r, path);

    if (!err)
        err = readable(r, &o, path, &n);
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

static int do_write(struct req *r)
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

static int do_mkdir_rm(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    int err = path_arg(r, path);

    if (err)
        return err;
    return change(r, r->h->type == XS_MKDIR ? TXOP_MKDIR : TXOP_RM, path,
                  NULL, 0, NULL);
}

/* Payload: path, then the permission entries; logged raw for a commit. */
static int do_set_perms(struct req *r)
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
    err = canonical_path(r->c, r->body, path, sizeof(path));
    if (!err)
        err = perms_parse(&p, r->body + plen, len - plen, n - 1);
    if (err)
        return err;
    err = change(r, TXOP_SET_PERMS, path, r->body + plen, len - plen, &p);
    perms_free(&p);
    return err;
}

static int do_watch(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1], rel[32];
    const char *token;
    bool relative = r->body[0] != '/' && r->body[0] != '@';
    int err;

    if (!r->h->len || r->body[r->h->len - 1] ||
        count_strings(r->body, r->h->len) != 2)
        return XEN_EINVAL;
    token = nth_string(r->body, r->h->len, 1);
    if (r->body[0] == '@')
        snprintf(path, sizeof(path), "%s", r->body);
    else if ((err = canonical_path(r->c, r->body, path, sizeof(path))))
        return err;
    snprintf(rel, sizeof(rel), "/local/domain/%u/", r->c->domid);
    if (r->h->type == XS_UNWATCH)
        err = watch_remove(r->c, path, token);
    else
        err = watch_add(r->c, path, token, relative ? rel : NULL);
    if (!err)
        reply_str(r, "OK");
    return err;
}

static int do_tx_start(struct req *r)
{
    uint32_t id;

    if (r->h->tx_id)
        return XEN_EBUSY;
    if (!r->h->len || r->body[r->h->len - 1])
        return XEN_EINVAL;
    if (!r->c->privileged && r->c->ntxs >= quota.transactions)
        return XEN_ENOSPC;
    tx_start(r->c, &id);
    r->rlen = snprintf(r->reply, sizeof(r->reply), "%u", id) + 1;
    return 0;
}

static int do_tx_end(struct req *r)
{
    const char *arg;
    struct tx *t;
    int err = one_arg(r, &arg);

    if (err)
        return err;
    if (strcmp(arg, "T") && strcmp(arg, "F"))
        return XEN_EINVAL;
    t = r->h->tx_id ? tx_find(r->c, r->h->tx_id) : NULL;
    if (!t)
        return XEN_ENOENT;
    err = tx_end(r->c, t, arg[0] == 'T');
    if (!err)
        reply_str(r, "OK");
    return err;
}

static int domid_arg(const char *s, unsigned int *domid)
{
    unsigned long v;

    if (parse_uint(s, 0x7fef, &v))
        return XEN_EINVAL;
    *domid = v;
    return 0;
}

static int do_get_domain_path(struct req *r)
{
    const char *arg;
    unsigned int domid;
    int err = one_arg(r, &arg);

    if (!err)
        err = domid_arg(arg, &domid);
    if (err)
        return err;
    r->rlen = snprintf(r->reply, sizeof(r->reply), "/local/domain/%u",
                       domid) + 1;
    return 0;
}

static int do_is_introduced(struct req *r)
{
    const char *arg;
    unsigned int domid;
    int err = one_arg(r, &arg);

    if (!err)
        err = domid_arg(arg, &domid);
    if (!err)
        reply_str(r, domain_introduced(domid) ? "T" : "F");
    return err;
}

/* INTRODUCE: domid, ring mfn, event channel port.  RELEASE: domid. */
static int do_introduce_release(struct req *r)
{
    size_t len = r->h->len;
    unsigned int domid, want = r->h->type == XS_INTRODUCE ? 3 : 1;
    unsigned long mfn = 0, port = 0;
    int err;

    if (!r->c->privileged)
        return XEN_EACCES;
    if (!len || r->body[len - 1] || count_strings(r->body, len) != want)
        return XEN_EINVAL;
    err = domid_arg(r->body, &domid);
    if (!err && want == 3 &&
        (parse_uint(nth_string(r->body, len, 1), ~0UL, &mfn) ||
         parse_uint(nth_string(r->body, len, 2), 0xffffffffUL, &port)))
        err = XEN_EINVAL;
    if (!err)
        err = want == 3 ? domain_introduce(domid, mfn, port)
                        : domain_release(domid);
    if (!err)
        reply_str(r, "OK");
    return err;
}

static int do_reset_watches(struct req *r)
{
    watch_free_all(r->c);
    tx_free_all(r->c);
    reply_str(r, "OK");
    return 0;
}

static int do_control(struct req *r)
{
    return control(r->c, r->h, r->body, r->reply, &r->rlen);
}

typedef int handler_fn(struct req *r);
static handler_fn *const handlers[XS_TYPE_COUNT] = {
    [XS_CONTROL] = do_control,
    [XS_DIRECTORY] = do_directory,
    [XS_READ] = do_read,
    [XS_GET_PERMS] = do_get_perms,
    [XS_WATCH] = do_watch,
    [XS_UNWATCH] = do_watch,
    [XS_TRANSACTION_START] = do_tx_start,
    [XS_TRANSACTION_END] = do_tx_end,
    [XS_INTRODUCE] = do_introduce_release,
    [XS_RELEASE] = do_introduce_release,
    [XS_GET_DOMAIN_PATH] = do_get_domain_path,
    [XS_WRITE] = do_write,
    [XS_MKDIR] = do_mkdir_rm,
    [XS_RM] = do_mkdir_rm,
    [XS_SET_PERMS] = do_set_perms,
    [XS_IS_DOMAIN_INTRODUCED] = do_is_introduced,
    [XS_RESET_WATCHES] = do_reset_watches,
    [XS_DIRECTORY_PART] = do_directory_part,
};

void request_dispatch(struct conn *c, const struct xsd_sockmsg *h,
                      char *body)
{
    static struct req r;    /* the reply buffer is too big for the stack */
    int err = XEN_EINVAL;

    r.c = c;
    r.h = h;
    r.body = body;
    r.rlen = 0;
    if (h->type < XS_TYPE_COUNT && handlers[h->type])
        err = handlers[h->type](&r);
    xs_log(2, "dom%u req type %u len %u -> %d", c->domid, h->type, h->len,
           err);
    if (err)
        conn_send_error(c, h, err);
    else
        conn_send(c, h->type, h->req_id, h->tx_id, r.reply, r.rlen);
    if (!err && h->type == XS_WATCH)
        watch_fire_initial(c, body, nth_string(body, h->len, 1));
}

/* SPDX-License-Identifier: MIT */
/*
 * Dispatch: one handler per message type (req_node.c, req_session.c).
 * A handler checks the payload shape,
 * does its work and either fills 'reply' or returns an XEN_E* value that
 * becomes an XS_ERROR reply.  Payload strings are NUL-separated and
 * conn.c guarantees body[len] == 0, so a stray string end is harmless.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "request.h"

/* The payload must be exactly one NUL-terminated string. */
int one_arg(struct req *r, const char **arg)
{
    size_t len = r->h->len;

    if (!len || r->body[len - 1] != '\0' || count_strings(r->body, len) != 1)
        return XEN_EINVAL;
    *arg = r->body;
    return 0;
}

int path_arg(struct req *r, char *path)
{
    const char *arg;
    int err = one_arg(r, &arg);

    return err ? err : canonical_path(r->c, arg, path,
                                      XENSTORE_ABS_PATH_MAX + 1);
}

void reply_str(struct req *r, const char *s)
{
    r->rlen = strlen(s) + 1;
    memcpy(r->reply, s, r->rlen);
}

/* Tree and transaction named by the header's tx_id. */
int pick_tree(struct req *r, struct opctx *o)
{
    o->domid = r->c->domid;
    o->target = r->c->target;
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

#define PRIV  1u     /* privileged callers only: EACCES */
#define NOTID 2u     /* the header's tx_id is not looked at */
static const struct {
    handler_fn *fn;
    unsigned int flags;
} handlers[XS_TYPE_COUNT] = {
    [XS_CONTROL] = { do_control, PRIV },
    [XS_DIRECTORY] = { do_directory, 0 },
    [XS_READ] = { do_read, 0 },
    [XS_GET_PERMS] = { do_get_perms, 0 },
    [XS_WATCH] = { do_watch, NOTID },
    [XS_UNWATCH] = { do_watch, NOTID },
    [XS_TRANSACTION_START] = { do_tx_start, 0 },
    [XS_TRANSACTION_END] = { do_tx_end, 0 },
    [XS_INTRODUCE] = { do_introduce, PRIV },
    [XS_RELEASE] = { do_domain_op, PRIV },
    [XS_GET_DOMAIN_PATH] = { do_get_domain_path, 0 },
    [XS_WRITE] = { do_write, 0 },
    [XS_MKDIR] = { do_mkdir_rm, 0 },
    [XS_RM] = { do_mkdir_rm, 0 },
    [XS_SET_PERMS] = { do_set_perms, 0 },
    [XS_IS_DOMAIN_INTRODUCED] = { do_is_introduced, PRIV },
    [XS_RESUME] = { do_domain_op, PRIV },
    [XS_SET_TARGET] = { do_set_target, PRIV },
    [XS_RESET_WATCHES] = { do_reset_watches, 0 },
    [XS_DIRECTORY_PART] = { do_directory_part, 0 },
};

/* Xen's order: unknown type, then privilege, then the transaction id. */
static int dispatch(struct req *r)
{
    const struct xsd_sockmsg *h = r->h;

    if (h->type >= XS_TYPE_COUNT || !handlers[h->type].fn)
        return XEN_ENOSYS;
    if ((handlers[h->type].flags & PRIV) && !r->c->privileged)
        return XEN_EACCES;
    if (!(handlers[h->type].flags & NOTID) && h->tx_id &&
        !tx_find(r->c, h->tx_id))
        return XEN_ENOENT;
    return handlers[h->type].fn(r);
}

void request_dispatch(struct conn *c, const struct xsd_sockmsg *h,
                      char *body)
{
    static struct req r;    /* the reply buffer is too big for the stack */
    int err;

    r.c = c;
    r.h = h;
    r.body = body;
    r.rlen = 0;
    err = dispatch(&r);
    xs_log(2, "dom%u req type %u len %u -> %d", c->domid, h->type, h->len,
           err);
    if (err)
        conn_send_error(c, h, err);
    else
        conn_send(c, h->type, h->req_id, h->tx_id, r.reply, r.rlen);
    if (!err && h->type == XS_WATCH)
        watch_fire_initial(c, body, nth_string(body, h->len, 1));
}

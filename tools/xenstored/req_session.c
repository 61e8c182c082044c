/* SPDX-License-Identifier: MIT */
/*
 * Requests about the session rather than the tree: watches, transactions,
 * domains (introduce, release, paths) and CONTROL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "request.h"

int do_watch(struct req *r)
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

int do_tx_start(struct req *r)
{
    uint32_t id;

    if (r->h->tx_id)
        return XEN_EBUSY;
    if (!r->h->len || r->body[r->h->len - 1])
        return XEN_EINVAL;
    /* Xen's check, made before counting the new one: quota + 1 fit. */
    if (!r->c->privileged &&
        domain_transactions(r->c->domid) > quota.transactions)
        return XEN_ENOSPC;
    tx_start(r->c, &id);
    r->rlen = snprintf(r->reply, sizeof(r->reply), "%u", id) + 1;
    return 0;
}

int do_tx_end(struct req *r)
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

int do_get_domain_path(struct req *r)
{
    const char *arg;
    int err = one_arg(r, &arg);

    if (err)
        return err;
    r->rlen = snprintf(r->reply, sizeof(r->reply), "/local/domain/%u",
                       xen_atoi(arg)) + 1;
    return 0;
}

int do_is_introduced(struct req *r)
{
    const char *arg;
    int err = one_arg(r, &arg);

    if (!err)
        reply_str(r, domain_introduced(xen_atoi(arg)) ? "T" : "F");
    return err;
}

/* At least 'n' strings (Xen counts the NULs; more are ignored). */
static bool strings(struct req *r, unsigned int n)
{
    return count_strings(r->body, r->h->len) >= n;
}

/* INTRODUCE: domid, ring frame, event channel port. */
int do_introduce(struct req *r)
{
    const char *mfn;
    int err;

    if (!strings(r, 3))
        return XEN_EINVAL;
    mfn = nth_string(r->body, r->h->len, 1);
    err = domain_introduce(xen_atoi(r->body), strtoull(mfn, NULL, 10),
                           xen_atoi(nth_string(r->body, r->h->len, 2)));
    if (!err)
        reply_str(r, "OK");
    return err;
}

/* RELEASE and RESUME: one domid, never dom0's. */
int do_domain_op(struct req *r)
{
    const char *arg;
    int err = one_arg(r, &arg);

    if (!err)
        err = r->h->type == XS_RELEASE ? domain_release(xen_atoi(arg))
                                       : domain_resume(xen_atoi(arg));
    if (!err)
        reply_str(r, "OK");
    return err;
}

/* SET_TARGET: domid, target domid; both must be introduced. */
int do_set_target(struct req *r)
{
    int err;

    if (!strings(r, 2))
        return XEN_EINVAL;
    err = domain_set_target(xen_atoi(r->body),
                            xen_atoi(nth_string(r->body, r->h->len, 1)));
    if (!err)
        reply_str(r, "OK");
    return err;
}

int do_reset_watches(struct req *r)
{
    watch_free_all(r->c);
    tx_free_all(r->c);
    reply_str(r, "OK");
    return 0;
}

int do_control(struct req *r)
{
    return control(r->c, r->h, r->body, r->reply, &r->rlen);
}

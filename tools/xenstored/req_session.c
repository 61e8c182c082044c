/* SPDX-License-Identifier: MIT */
/*
 * Requests about the session rather than the tree: watches, transactions,
 * domains (introduce, release, paths) and CONTROL.
 */
#include <stdio.h>
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
    if (!r->c->privileged && r->c->ntxs >= quota.transactions)
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

static int domid_arg(const char *s, unsigned int *domid)
{
    unsigned long v;

    if (parse_uint(s, 0x7fef, &v))
        return XEN_EINVAL;
    *domid = v;
    return 0;
}

int do_get_domain_path(struct req *r)
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

int do_is_introduced(struct req *r)
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
int do_introduce_release(struct req *r)
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

/* SPDX-License-Identifier: MIT */
/*
 * XS_CONTROL: daemon commands from privileged callers.
 *   print <text>          write text to the daemon's log
 *   test-set-domid <N>    (only with --test) the calling connection acts
 *                         as unprivileged domain N from now on, so host
 *                         tests exercise permissions and quotas for real
 * Anything else is EINVAL.
 */
#include <stdio.h>
#include <string.h>
#include "xenstored.h"

bool test_mode;

static int set_domid(struct conn *c, const char *arg)
{
    unsigned long v;

    if (!test_mode)
        return XEN_EINVAL;
    if (!arg || parse_uint(arg, 0x7fef, &v) || v == DOM0)
        return XEN_EINVAL;
    c->domid = v;
    c->privileged = false;
    xs_log(1, "test: connection now acts as dom%lu", v);
    return 0;
}

int control(struct conn *c, const struct xsd_sockmsg *h, char *body,
            char *reply, size_t *rlen)
{
    const char *arg;

    if (!c->privileged)
        return XEN_EACCES;
    if (!h->len || body[h->len - 1])
        return XEN_EINVAL;
    arg = nth_string(body, h->len, 1);
    if (!strcmp(body, "print")) {
        xs_log(0, "control print: %s", arg ? arg : "");
    } else if (!strcmp(body, "test-set-domid")) {
        int err = set_domid(c, arg);

        if (err)
            return err;
    } else {
        return XEN_EINVAL;
    }
    memcpy(reply, "OK", 3);
    *rlen = 3;
    return 0;
}

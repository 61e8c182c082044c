/* SPDX-License-Identifier: MIT */
/* Node permissions: entries like "b0" (letter, then a domain id). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store-int.h"

static int parse_perm(const char *s, struct xt_store_perm *p)
{
    char *end;
    unsigned long id;

    if (!strchr("nrwb", s[0]) || !s[0] || s[1] < '0' || s[1] > '9')
        return -1;
    id = strtoul(s + 1, &end, 10);
    if (*end || id > UINT32_MAX)
        return -1;
    p->perm = s[0];
    p->domid = (uint32_t)id;
    return 0;
}

struct xt_store_perm *xt_store_get_perms(struct xt_store *xs, uint32_t tx,
                                         const char *path,
                                         unsigned int *num)
{
    struct xt_store_perm *out = NULL;
    char *body, **v = NULL;
    unsigned int i, n = 0;
    int r = store_request(xs, XS_GET_PERMS, tx, path, strlen(path) + 1,
                          NULL, 0, &body);

    if (r < 0) {
        errno = -r;
        return NULL;
    }
    v = store_split(body, (size_t)r, &n);
    free(body);
    if (v)
        out = malloc((n ? n : 1) * sizeof(*out));
    for (i = 0; out && i < n; i++) {
        if (parse_perm(v[i], &out[i]) < 0) {
            free(out);
            out = NULL;
            errno = EIO;
        }
    }
    if (!v)
        errno = ENOMEM;
    free(v);
    if (out)
        *num = n;
    return out;
}

int xt_store_set_perms(struct xt_store *xs, uint32_t tx, const char *path,
                       const struct xt_store_perm *perms, unsigned int num)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t len = 0;
    unsigned int i;
    int n, r;

    if (num == 0)
        return -EINVAL;
    for (i = 0; i < num; i++) {
        if (!perms[i].perm || !strchr("nrwb", perms[i].perm))
            return -EINVAL;
        n = snprintf(buf + len, sizeof(buf) - len, "%c%u", perms[i].perm,
                     perms[i].domid);
        if (n < 0 || (size_t)n + 1 >= sizeof(buf) - len)
            return -E2BIG;
        len += (size_t)n + 1;       /* keep the NUL as separator */
    }
    r = store_request(xs, XS_SET_PERMS, tx, path, strlen(path) + 1,
                      buf, len, NULL);
    return r < 0 ? r : 0;
}

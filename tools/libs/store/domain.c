/* SPDX-License-Identifier: MIT */
/*
 * The toolstack's side of xenstored's domain table: INTRODUCE a newly
 * built domain (its ring frame and event channel), RELEASE it when it is
 * gone, and ask where its nodes live.  Only a privileged caller may.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store-int.h"

/* "a\0b\0c\0" from up to three decimal numbers. */
static size_t numbers(char *buf, size_t len, unsigned int n,
                      const uint64_t *v)
{
    size_t used = 0;

    for (unsigned int i = 0; i < n; i++)
        used += (size_t)snprintf(buf + used, len - used, "%llu",
                                 (unsigned long long)v[i]) + 1;
    return used;
}

int xt_store_introduce(struct xt_store *xs, uint32_t domid, uint64_t mfn,
                       uint32_t port)
{
    uint64_t v[3] = { domid, mfn, port };
    char buf[3 * 21];
    int r = store_request(xs, XS_INTRODUCE, XT_TX_NONE, buf,
                          numbers(buf, sizeof(buf), 3, v), NULL, 0, NULL);

    return r < 0 ? r : 0;
}

int xt_store_release(struct xt_store *xs, uint32_t domid)
{
    uint64_t v = domid;
    char buf[21];
    int r = store_request(xs, XS_RELEASE, XT_TX_NONE, buf,
                          numbers(buf, sizeof(buf), 1, &v), NULL, 0, NULL);

    return r < 0 ? r : 0;
}

char *xt_store_domain_path(struct xt_store *xs, uint32_t domid)
{
    uint64_t v = domid;
    char buf[21], *path;
    int r = store_request(xs, XS_GET_DOMAIN_PATH, XT_TX_NONE, buf,
                          numbers(buf, sizeof(buf), 1, &v), NULL, 0, &path);

    if (r < 0) {
        errno = -r;
        return NULL;
    }
    return path;
}

int xt_store_is_introduced(struct xt_store *xs, uint32_t domid)
{
    uint64_t v = domid;
    char buf[21], *answer;
    int r = store_request(xs, XS_IS_DOMAIN_INTRODUCED, XT_TX_NONE, buf,
                          numbers(buf, sizeof(buf), 1, &v), NULL, 0, &answer);

    if (r < 0)
        return r;
    r = answer[0] == 'T' ? 1 : answer[0] == 'F' ? 0 : -EIO;
    free(answer);
    return r;
}

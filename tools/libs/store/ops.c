/* SPDX-License-Identifier: MIT */
/* Node operations: read, write, mkdir, rm, directory, transactions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store-int.h"

/* A request whose payload is one NUL-terminated string. */
static int string_request(struct xt_store *xs, uint32_t type, uint32_t tx,
                          const char *s, char **reply)
{
    return store_request(xs, type, tx, s, strlen(s) + 1, NULL, 0, reply);
}

char *xt_store_read(struct xt_store *xs, uint32_t tx, const char *path,
                    unsigned int *len)
{
    char *val;
    int r = string_request(xs, XS_READ, tx, path, &val);

    if (r < 0) {
        errno = -r;
        return NULL;
    }
    if (len)
        *len = (unsigned int)r;
    return val;
}

int xt_store_write(struct xt_store *xs, uint32_t tx, const char *path,
                   const void *value, unsigned int len)
{
    int r = store_request(xs, XS_WRITE, tx, path, strlen(path) + 1,
                          value, len, NULL);

    return r < 0 ? r : 0;
}

int xt_store_mkdir(struct xt_store *xs, uint32_t tx, const char *path)
{
    int r = string_request(xs, XS_MKDIR, tx, path, NULL);

    return r < 0 ? r : 0;
}

int xt_store_rm(struct xt_store *xs, uint32_t tx, const char *path)
{
    int r = string_request(xs, XS_RM, tx, path, NULL);

    return r < 0 ? r : 0;
}

/* Splits len bytes of NUL-terminated strings into an array of pointers
 * followed by the strings, all in one allocation. */
char **store_split(const char *buf, size_t len, unsigned int *num)
{
    unsigned int n = 0, i = 0;
    size_t k;
    char **v, *copy;

    for (k = 0; k < len; k++)
        n += buf[k] == '\0';
    v = malloc((n + 1) * sizeof(*v) + len + 1);
    if (!v)
        return NULL;
    copy = (char *)(v + n + 1);
    memcpy(copy, buf, len);
    copy[len] = '\0';
    for (k = 0; k < len && i < n; k += strlen(copy + k) + 1)
        v[i++] = copy + k;
    v[i] = NULL;
    *num = i;
    return v;
}

char **xt_store_directory(struct xt_store *xs, uint32_t tx,
                          const char *path, unsigned int *num)
{
    char *body, **v;
    int r = string_request(xs, XS_DIRECTORY, tx, path, &body);

    if (r < 0) {
        errno = -r;
        return NULL;
    }
    v = store_split(body, (size_t)r, num);
    free(body);
    if (!v)
        errno = ENOMEM;
    return v;
}

int xt_store_transaction_start(struct xt_store *xs, uint32_t *tx)
{
    char *body, *end;
    unsigned long id;
    int r = string_request(xs, XS_TRANSACTION_START, XT_TX_NONE, "", &body);

    if (r < 0)
        return r;
    id = strtoul(body, &end, 10);
    r = (*body && !*end && id && id <= UINT32_MAX) ? 0 : -EIO;
    free(body);
    if (r == 0)
        *tx = (uint32_t)id;
    return r;
}

int xt_store_transaction_end(struct xt_store *xs, uint32_t tx, int abort)
{
    int r = string_request(xs, XS_TRANSACTION_END, tx, abort ? "F" : "T",
                           NULL);

    return r < 0 ? r : 0;
}

/* SPDX-License-Identifier: MIT */
/* Watches: register, unregister, and take events off the queue. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store-int.h"

static int watch_request(struct xt_store *xs, uint32_t type,
                         const char *path, const char *token)
{
    int r = store_request(xs, type, XT_TX_NONE, path, strlen(path) + 1,
                          token, strlen(token) + 1, NULL);

    return r < 0 ? r : 0;
}

int xt_store_watch(struct xt_store *xs, const char *path, const char *token)
{
    return watch_request(xs, XS_WATCH, path, token);
}

int xt_store_unwatch(struct xt_store *xs, const char *path,
                     const char *token)
{
    return watch_request(xs, XS_UNWATCH, path, token);
}

/* An event must be "path NUL token NUL"; anything else is dropped. */
static int split_event(char *body, uint32_t len, char **path, char **token)
{
    size_t plen = strnlen(body, len);

    if (plen + 1 >= len)
        return -EIO;
    *path = body;
    *token = body + plen + 1;
    return 0;
}

static int pop_event(struct xt_store *xs, char **path, char **token)
{
    struct store_event *e = xs->head;
    uint32_t len = e->len;
    char *copy;
    char byte;

    xs->head = e->next;
    if (!xs->head) {
        xs->tail = NULL;
        while (read(xs->wake[0], &byte, 1) == 1)
            ;       /* queue empty: the fd stops being readable */
    }
    copy = malloc(len + 1);
    if (copy)
        memcpy(copy, e->body, len + 1);
    free(e);
    if (!copy)
        return -ENOMEM;
    if (split_event(copy, len, path, token) < 0) {
        free(copy);
        return -EIO;
    }
    return 0;
}

int xt_store_read_watch(struct xt_store *xs, char **path, char **token)
{
    struct xsd_sockmsg hdr;
    char *body;
    int r;

    if (xs->head)
        return pop_event(xs, path, token);
    /* Outside a request only events arrive on the connection. */
    r = store_recv(xs, &hdr, &body);
    if (r < 0)
        return r;
    if (hdr.type != XS_WATCH_EVENT ||
        split_event(body, hdr.len, path, token) < 0) {
        free(body);
        return -EIO;
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The backend's store group over xt_store (tools/libs/store), and its
 * domain group over xenstored's IS_DOMAIN_INTRODUCED: a domain is alive
 * while xenstored serves it, which is also what a shut-down but not yet
 * destroyed guest still is.  No device is needed, so the unit tests run
 * this against a real xenstored on a socket.
 *
 * A connection that breaks or speaks nonsense is lost: next_watch says
 * so and the daemon exits, to be restarted.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <xt/store.h>
#include "backend_linux.h"

static char *st_read(void *ctx, const char *path, unsigned int *len)
{
    return xt_store_read(ctx, XT_TX_NONE, path, len);
}

static int st_write(void *ctx, const char *path, const char *value)
{
    return xt_store_write(ctx, XT_TX_NONE, path, value,
                          (unsigned int)strlen(value));
}

static int st_rm(void *ctx, const char *path)
{
    return xt_store_rm(ctx, XT_TX_NONE, path);
}

/* The library's array of names as the one block the daemon wants. */
static char *st_directory(void *ctx, const char *path, unsigned int *n)
{
    char **v = xt_store_directory(ctx, XT_TX_NONE, path, n);
    size_t len = 0, l;
    unsigned int i;
    char *names;

    if (!v)
        return NULL;
    for (i = 0; i < *n; i++)
        len += strlen(v[i]) + 1;
    names = malloc(len + 1);
    if (names) {
        for (len = 0, i = 0; i < *n; i++, len += l) {
            l = strlen(v[i]) + 1;
            memcpy(names + len, v[i], l);
        }
        names[len] = '\0';
    } else {
        errno = ENOMEM;
    }
    free(v);
    return names;
}

static int st_watch(void *ctx, const char *path, const char *token)
{
    return xt_store_watch(ctx, path, token);
}

static int st_unwatch(void *ctx, const char *path, const char *token)
{
    return xt_store_unwatch(ctx, path, token);
}

static int st_fd(void *ctx)
{
    return xt_store_watch_fd(ctx);
}

/* The watch descriptor is readable exactly while an event waits. */
static int st_next_watch(void *ctx, char **path, char **token)
{
    struct pollfd pf = { xt_store_watch_fd(ctx), POLLIN, 0 };
    int r = poll(&pf, 1, 0);

    if (r <= 0)
        return r < 0 && errno != EINTR ? -errno : 0;
    r = xt_store_read_watch(ctx, path, token);
    return r < 0 ? r : 1;
}

static int st_alive(void *ctx, unsigned int domid)
{
    return xt_store_is_introduced(ctx, domid);
}

void cons_store_xt(struct xt_store *xs, struct cons_backend *be)
{
    be->store = (struct cons_store_ops){
        xs, st_read, st_write, st_rm, st_directory, st_watch, st_unwatch,
        st_fd, st_next_watch,
    };
    be->domain = (struct cons_domain_ops){ xs, st_alive };
}

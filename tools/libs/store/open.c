/* SPDX-License-Identifier: MIT */
/* Connecting to xenstored: socket first, the xenbus device otherwise. */
#define _GNU_SOURCE     /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "store-int.h"

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(sa.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Wraps a connected fd; takes it over even on failure. */
static struct xt_store *store_wrap(int fd)
{
    struct epoll_event ev = { .events = EPOLLIN };
    struct xt_store *xs = calloc(1, sizeof(*xs));

    if (!xs)
        goto fail;
    xs->fd = fd;
    xs->next_req = 1;
    xs->poll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (xs->poll_fd < 0)
        goto fail;
    if (pipe2(xs->wake, O_CLOEXEC | O_NONBLOCK) < 0)
        goto fail_poll;
    ev.data.fd = fd;
    if (epoll_ctl(xs->poll_fd, EPOLL_CTL_ADD, fd, &ev) < 0)
        goto fail_pipe;
    ev.data.fd = xs->wake[0];
    if (epoll_ctl(xs->poll_fd, EPOLL_CTL_ADD, xs->wake[0], &ev) < 0)
        goto fail_pipe;
    return xs;
fail_pipe:
    close(xs->wake[0]);
    close(xs->wake[1]);
fail_poll:
    close(xs->poll_fd);
fail:
    free(xs);
    close(fd);
    return NULL;
}

struct xt_store *xt_store_open_socket(const char *path)
{
    int fd = connect_unix(path);

    return fd < 0 ? NULL : store_wrap(fd);
}

/* A socket, or a device that speaks the protocol (/dev/xen/xenbus). */
static struct xt_store *open_path(const char *path)
{
    struct stat st;
    int fd;

    if (stat(path, &st) == 0 && S_ISCHR(st.st_mode)) {
        fd = open(path, O_RDWR | O_CLOEXEC);
        return fd < 0 ? NULL : store_wrap(fd);
    }
    return xt_store_open_socket(path);
}

struct xt_store *xt_store_open(void)
{
    static const char *const paths[] = {
        XT_STORE_SOCKET, "/var/run/xenstored/socket",
    };
    const char *env = getenv("XENSTORED_PATH");
    unsigned int i;
    int fd;

    /* Xen's own library honours this variable too, for a socket or
     * the device: tests use it. */
    if (env && *env)
        return open_path(env);
    for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        fd = connect_unix(paths[i]);
        if (fd >= 0)
            return store_wrap(fd);
    }
    fd = open("/dev/xen/xenbus", O_RDWR | O_CLOEXEC);
    return fd < 0 ? NULL : store_wrap(fd);
}

void xt_store_close(struct xt_store *xs)
{
    struct store_event *e, *next;

    if (!xs)
        return;
    for (e = xs->head; e; e = next) {
        next = e->next;
        free(e);
    }
    close(xs->poll_fd);
    close(xs->wake[0]);
    close(xs->wake[1]);
    close(xs->fd);
    free(xs);
}

int xt_store_watch_fd(const struct xt_store *xs)
{
    return xs->poll_fd;
}

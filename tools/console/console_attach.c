/* SPDX-License-Identifier: MIT */
/* `xl console`'s terminal loop: see console_attach.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "console_attach.h"

#define TYPED_MAX 4096          /* keystrokes held for a busy guest */

struct attach {
    int pty, in, out;
    bool in_open;               /* false after end of file on in_fd */
    char typed[TYPED_MAX];
    size_t ntyped;
};

/* Everything to the user's terminal, waiting for it if it is slow. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd pf = { fd, POLLOUT, 0 };

            poll(&pf, 1, -1);
            continue;
        }
        if (w <= 0)
            return w ? -errno : -EIO;
        p += w;
        n -= w;
    }
    return 0;
}

/* What the pty takes now; the rest waits for POLLOUT. */
static int flush_typed(struct attach *a)
{
    ssize_t w;

    while (a->ntyped) {
        w = write(a->pty, a->typed, a->ntyped);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno == EAGAIN ? 0 : -errno;
        memmove(a->typed, a->typed + w, a->ntyped - w);
        a->ntyped -= w;
    }
    return 0;
}

/* 1: the escape was typed. */
static int from_user(struct attach *a)
{
    char buf[256], *esc;
    ssize_t n = read(a->in, buf, sizeof(buf));
    size_t keep, room;

    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : -errno;
    if (n == 0) {
        a->in_open = false;         /* e.g. stdin is /dev/null */
        return 0;
    }
    esc = memchr(buf, CONSOLE_ESCAPE, n);
    keep = esc ? (size_t)(esc - buf) : (size_t)n;
    room = TYPED_MAX - a->ntyped;
    if (keep > room)
        keep = room;                /* the guest is not reading: drop */
    memcpy(a->typed + a->ntyped, buf, keep);
    a->ntyped += keep;
    flush_typed(a);
    return esc != NULL;
}

/* 1: the pty is gone. */
static int from_pty(struct attach *a)
{
    char buf[4096];
    ssize_t n = read(a->pty, buf, sizeof(buf));

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (n <= 0)                     /* EIO once the master is closed */
        return 1;
    return write_all(a->out, buf, n);
}

static int loop(struct attach *a)
{
    for (;;) {
        struct pollfd pf[2] = {
            { a->pty, POLLIN | (a->ntyped ? POLLOUT : 0), 0 },
            { a->in_open ? a->in : -1, POLLIN, 0 },
        };
        int r;

        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (pf[1].revents) {
            r = from_user(a);
            if (r)
                return r < 0 ? r : CONSOLE_DETACHED;
        }
        if (pf[0].revents & POLLOUT)
            flush_typed(a);
        if (pf[0].revents & POLLIN) {
            r = from_pty(a);
            if (r)
                return r < 0 ? r : CONSOLE_PTY_GONE;
        } else if (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
            return CONSOLE_PTY_GONE;
        }
    }
}

static void make_raw(int fd)
{
    struct termios t;

    if (!tcgetattr(fd, &t)) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
}

int console_attach(const char *pty_path, int in_fd, int out_fd)
{
    struct attach a = { .in = in_fd, .out = out_fd, .in_open = true };
    struct termios saved;
    bool restore;
    int r;

    a.pty = open(pty_path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (a.pty < 0)
        return -errno;
    /* The path came from xenstore, where the guest may have written it:
     * whatever it names, it must at least be a terminal. */
    if (!isatty(a.pty)) {
        close(a.pty);
        return -ENOTTY;
    }
    make_raw(a.pty);
    restore = isatty(in_fd) && !tcgetattr(in_fd, &saved);
    if (restore)
        make_raw(in_fd);
    r = loop(&a);
    if (restore)
        tcsetattr(in_fd, TCSADRAIN, &saved);
    close(a.pty);
    return r;
}

/* SPDX-License-Identifier: MIT */
/*
 * xenstored: command line, the listening socket and the poll loop.
 *   xenstored [-s SOCKET] [-F] [-l LEVEL] [-T] [-X DIR] [-N] [-q NAME=N]...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "xenstored.h"
#include "domain_io.h"

/* Xen's default limits. */
struct quotas quota = {
    .nodes = 1000, .entry_size = 2048, .watches = 128,
    .transactions = 10, .outstanding = 20, .perms = 5,
};

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void usage(const char *prog)
{
    fprintf(stderr,
        "usage: %s [-s SOCKET] [-F] [-l LEVEL] [-T] [-X DIR] [-N]"
        " [-q NAME=N]...\n"
        "  -s SOCKET  listen on this Unix socket (default /run/xenstored/socket)\n"
        "  -F         stay in the foreground\n"
        "  -l LEVEL   0 errors, 1 info (default), 2 every request\n"
        "  -T         test mode: CONTROL test-set-domid is allowed\n"
        "  -X DIR     serve fake domains in DIR (host tests)\n"
        "  -N         no domains: do not open /dev/xen (socket only)\n"
        "  -q NAME=N  quota: nodes entry-size watches transactions\n"
        "             outstanding perms\n", prog);
    exit(2);
}

static int set_quota(const char *arg)
{
    static const struct { const char *name; unsigned int *v; } q[] = {
        { "nodes", &quota.nodes }, { "entry-size", &quota.entry_size },
        { "watches", &quota.watches },
        { "transactions", &quota.transactions },
        { "outstanding", &quota.outstanding }, { "perms", &quota.perms },
    };
    const char *eq = strchr(arg, '=');
    unsigned long v;
    size_t i;

    if (!eq || parse_uint(eq + 1, 1000000, &v) || !v)
        return -1;
    for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        if (strlen(q[i].name) == (size_t)(eq - arg) &&
            !strncmp(arg, q[i].name, eq - arg)) {
            *q[i].v = v;
            return 0;
        }
    }
    return -1;
}

static int listen_on(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

    if (fd < 0 || strlen(path) >= sizeof(sa.sun_path))
        return -1;
    strcpy(sa.sun_path, path);
    unlink(path);   /* a stale socket from an earlier run */
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 16)) {
        close(fd);
        return -1;
    }
    return fd;
}

static void accept_one(int lfd)
{
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (fd >= 0)
        conn_new(&socket_transport, fd);
}

/*
 * One round: wait for activity, then serve every ready socket and every
 * ring.  Slot 0 is the listening socket, slot 1 the event channels.
 */
static void poll_once(int lfd)
{
    static struct pollfd *pfd;
    static struct conn **who;
    static unsigned int cap;
    unsigned int n = 2, i;
    struct conn *c;

    for (c = conns; c; c = c->next)
        n++;
    if (n > cap) {
        free(pfd);
        free(who);
        cap = n * 2;
        pfd = xs_alloc(cap * sizeof(*pfd));
        who = xs_alloc(cap * sizeof(*who));
    }
    pfd[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
    pfd[1] = (struct pollfd){ .fd = dio ? dio->fd : -1, .events = POLLIN };
    for (c = conns, n = 2; c; c = c->next) {
        if (c->fd < 0)
            continue;           /* rings: served below, every round */
        who[n] = c;
        pfd[n++] = (struct pollfd){ .fd = c->fd, .events =
            (conn_wants_input(c) ? POLLIN : 0) | (c->out_head ? POLLOUT : 0) };
    }
    if (poll(pfd, n, -1) < 0)
        return;
    if (pfd[1].revents & POLLIN)
        domain_events();
    for (i = 2; i < n; i++) {
        if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
            conn_input(who[i]);
        conn_output(who[i]);
    }
    if (dio)
        domain_service();
    /* Watch events may have been queued on connections not yet served. */
    for (c = conns; c; c = c->next)
        conn_output(c);
    if (dio)
        domain_service();       /* ... and rings need their notification */
    if (pfd[0].revents & POLLIN)
        accept_one(lfd);
    conn_reap();
}

/* The fake for tests, or dom0's devices, or (a plain host) none. */
static void open_domain_io(const char *fake_dir, bool none)
{
    const struct domain_io *io = NULL;

    if (fake_dir) {
        io = domain_io_fake(fake_dir);
        if (!io) {
            xs_log(0, "cannot set up fake domains in %s", fake_dir);
            exit(1);
        }
    } else if (!none) {
        io = domain_io_linux();
    }
    if (io) {
        domain_init(io);
        domain_service();   /* dom0's kernel may have queued requests */
        xs_log(1, "serving domains through %s", io->name);
    } else {
        xs_log(1, "no domains: socket only");
    }
}

int main(int argc, char **argv)
{
    const char *sock = "/run/xenstored/socket";
    const char *fake_dir = NULL;
    bool foreground = false, no_domains = false;
    int opt, lfd;

    while ((opt = getopt(argc, argv, "s:Fl:Tq:X:Nh")) != -1) {
        switch (opt) {
        case 's': sock = optarg; break;
        case 'F': foreground = true; break;
        case 'l': log_level = atoi(optarg); break;
        case 'T': test_mode = true; break;
        case 'X': fake_dir = optarg; break;
        case 'N': no_domains = true; break;
        case 'q': if (set_quota(optarg)) usage(argv[0]); break;
        default: usage(argv[0]);
        }
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    main_tree = tree_new();
    lfd = listen_on(sock);
    if (lfd < 0) {
        xs_log(0, "cannot listen on %s: %s", sock, strerror(errno));
        return 1;
    }
    if (!foreground && daemon(0, 1)) {
        xs_log(0, "daemon: %s", strerror(errno));
        return 1;
    }
    xs_log(1, "listening on %s%s", sock, test_mode ? " (test mode)" : "");
    open_domain_io(fake_dir, no_domains);
    while (!stopping)
        poll_once(lfd);
    domain_fini();
    unlink(sock);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * xenconsoled: give every PV guest's console a pty and a log file.
 *   xenconsoled [-F] [-v] [-o LOGDIR | -n] [-b BYTES] [-s SOCKET]
 * SIGHUP reopens the logs (after rotation); SIGTERM and SIGINT stop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xt/store.h>
#include "backend_linux.h"
#include "console.h"

#define LOG_DIR_DEFAULT "/var/log/xen/console"

static volatile sig_atomic_t stopping, reopen;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        reopen = 1;
    else
        stopping = 1;
}

/* mkdir -p, private at the leaf. */
static int make_dir(const char *path)
{
    char buf[4096], *p;

    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (p = buf + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        if (mkdir(buf, 0755) && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) && errno != EEXIST ? -1 : 0;
}

static void usage(const char *prog)
{
    fprintf(stderr,
        "usage: %s [-F] [-v] [-o LOGDIR | -n] [-b BYTES] [-s SOCKET]\n"
        "  -F         stay in the foreground, messages on stderr\n"
        "  -v         more messages (twice: debug)\n"
        "  -o LOGDIR  guest logs as LOGDIR/guest-NAME.log (default %s)\n"
        "  -n         no guest log files\n"
        "  -b BYTES   output held for a slow pty reader (default 65536)\n"
        "  -s SOCKET  xenstored's socket (default $XENSTORED_PATH, else %s,\n"
        "             /var/run/xenstored/socket, /dev/xen/xenbus)\n",
        prog, LOG_DIR_DEFAULT, XT_STORE_SOCKET);
    exit(2);
}

static void set_signals(void)
{
    struct sigaction sa = { .sa_handler = on_signal };

    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

/* Detach from the terminal; our messages go to LOGDIR/xenconsoled.log
 * (no guest log is called that: theirs all start with "guest-"). */
static int background(const char *log_dir)
{
    char path[4096];
    int fd;

    snprintf(path, sizeof(path), "%s/xenconsoled.log",
             log_dir ? log_dir : LOG_DIR_DEFAULT);
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || daemon(0, 1))
        return -1;
    dup2(fd, STDERR_FILENO);
    close(fd);
    fd = open("/dev/null", O_RDWR);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        dup2(fd, STDOUT_FILENO);
        if (fd > STDERR_FILENO)
            close(fd);
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct cons_options opt = { LOG_DIR_DEFAULT, 65536 };
    const char *socket = NULL;
    struct cons_backend *be;
    struct cons_daemon *d;
    bool foreground = false;
    char *end;
    int c, r = 0;

    while ((c = getopt(argc, argv, "Fvo:nb:s:")) != -1) {
        switch (c) {
        case 'F': foreground = true; break;
        case 'v': cons_verbose++; break;
        case 'o': opt.log_dir = optarg; break;
        case 'n': opt.log_dir = NULL; break;
        case 's': socket = optarg; break;
        case 'b':
            errno = 0;
            opt.buffer_max = strtoul(optarg, &end, 10);
            if (errno || *end || optarg[0] < '0' || optarg[0] > '9' ||
                opt.buffer_max < 1 || opt.buffer_max > (1u << 30))
                usage(argv[0]);
            break;
        default:
            usage(argv[0]);
        }
    }
    if (optind != argc)
        usage(argv[0]);
    if (opt.log_dir && make_dir(opt.log_dir)) {
        cons_msg(0, "cannot create %s: %s", opt.log_dir, strerror(errno));
        return 1;
    }
    set_signals();
    if (!(be = linux_backend_open(socket)))
        return 1;
    if (!(d = cons_daemon_new(be, &opt))) {
        linux_backend_close(be);
        return 1;
    }
    if (!foreground && background(opt.log_dir)) {
        cons_msg(0, "cannot go to the background: %s", strerror(errno));
        r = 1;
        stopping = 1;
    }
    while (!stopping && r >= 0) {
        if (reopen) {
            reopen = 0;
            cons_daemon_reopen_logs(d);
        }
        /* The timeout only covers a signal landing just before poll(). */
        r = cons_daemon_step(d, 1000);
    }
    if (r < 0)
        cons_msg(0, "lost xenstored: %s", strerror(-r));
    cons_daemon_free(d);
    linux_backend_close(be);
    return r < 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the console daemon (tools/console) over the fake backend,
 * and of the `xl console` attach loop over pty pairs.  Each case runs in
 * its own child (a crash fails only that case) with a fresh log directory.
 *   test_console LOGDIR [CASE...]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "console.h"
#include "console_attach.h"
#include "backend_fake.h"
#include "backend_linux.h"
#include <xt/store.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <public/io/xs_wire.h>

/* ---- a small harness ---- */

static int report_fd = -1;

static void __attribute__((noreturn, format(printf, 2, 3)))
fail_at(int line, const char *fmt, ...)
{
    char msg[512];
    int n = snprintf(msg, sizeof(msg), "line %d: ", line);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
    va_end(ap);
    if (write(report_fd, msg, strlen(msg)) < 0)
        _exit(3);
    _exit(1);
}
/* The case cannot run here: say why, neither pass nor fail. */
static void __attribute__((noreturn)) skip_case(const char *why)
{
    if (write(report_fd, why, strlen(why)) < 0)
        _exit(3);
    _exit(77);
}

#define CHECK(c) do { if (!(c)) fail_at(__LINE__, "%s", #c); } while (0)
#define CHECK_EQ(a, b) do {                                             \
    long long a_ = (long long)(a), b_ = (long long)(b);                 \
    if (a_ != b_)                                                       \
        fail_at(__LINE__, "%s == %s: %lld != %lld", #a, #b, a_, b_);    \
} while (0)

static char logdir[512];

/* ---- helpers ---- */

struct env {
    struct fake *f;
    struct cons_daemon *d;
};

static void env_up(struct env *e, size_t buffer_max)
{
    struct cons_options o = { .log_dir = logdir,
                              .buffer_max = buffer_max ? buffer_max : 65536 };

    e->f = fake_new();
    e->d = cons_daemon_new(fake_backend(e->f), &o);
    CHECK(e->d);
}

static void env_down(struct env *e)
{
    cons_daemon_free(e->d);
    CHECK_EQ(fake_watches(e->f), 0);
    CHECK_EQ(fake_maps(e->f), 0);
    CHECK_EQ(fake_bound(e->f), 0);
    fake_free(e->f);
}

/* Step until nothing is ready; a loop that never settles is a busy loop. */
static void pump(struct env *e)
{
    int i, r;

    for (i = 0; i < 10000; i++) {
        r = cons_daemon_step(e->d, 0);
        CHECK(r >= 0);
        if (r == 0)
            return;
    }
    fail_at(__LINE__, "daemon never idle after %d steps", i);
}

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *de;
    int n = 0;

    CHECK(d);
    while ((de = readdir(d)))
        n += de->d_name[0] != '.';
    closedir(d);
    return n - 1;                   /* the DIR's own descriptor */
}

static char *tty_node(struct env *e, unsigned int domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    return fake_read(e->f, path);
}

static int open_tty(struct env *e, unsigned int domid)
{
    char *p = tty_node(e, domid);
    int fd;

    CHECK(p);
    fd = open(p, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    CHECK(fd >= 0);
    free(p);
    return fd;
}

/* Whatever the fd has now, appended at buf + *len (at most max). */
static void drain_fd(int fd, char *buf, size_t *len, size_t max)
{
    ssize_t n;

    while (*len < max && (n = read(fd, buf + *len, max - *len)) > 0)
        *len += n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    char *buf;

    if (!f)
        return NULL;
    buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static char *log_of(const char *name, size_t *len)
{
    char path[700];

    snprintf(path, sizeof(path), "%s/guest-%s.log", logdir, name);
    return slurp(path, len);
}

static char pattern(size_t i)
{
    return 'A' + (i * 7 + i / 251) % 53;
}

/* ---- output ---- */

static void t_output_basic(void)
{
    struct env e;
    char buf[64];
    size_t len = 0, llen;
    char *log;
    int fd;

    env_up(&e, 0);
    fake_add_guest(e.f, 3, "alpha", true);
    pump(&e);
    CHECK_EQ(cons_daemon_domains(e.d), 1);
    fd = open_tty(&e, 3);
    CHECK_EQ(fake_guest_write(e.f, 3, "hello\n", 6), 6);
    pump(&e);
    drain_fd(fd, buf, &len, sizeof(buf));
    CHECK_EQ(len, 6);
    CHECK(!memcmp(buf, "hello\n", 6));
    log = log_of("alpha", &llen);
    CHECK(log && llen == 6 && !memcmp(log, "hello\n", 6));
    free(log);
    CHECK(fake_notifies(e.f, 3) >= 1);
    close(fd);
    env_down(&e);
}

/* 40 KiB through a 2 KiB ring, starting just below the 2^32 wrap of the
 * indexes: every byte arrives once, in order, on the pty and in the log. */
static void t_output_wraps(void)
{
    enum { TOTAL = 40000 };
    static char data[TOTAL], got[TOTAL];
    struct xencons_interface *r;
    size_t sent = 0, len = 0, llen, n;
    struct env e;
    char *log;
    int fd, rounds = 0;

    for (n = 0; n < TOTAL; n++)
        data[n] = pattern(n);
    env_up(&e, 0);
    r = fake_add_guest(e.f, 4, "wrap", true);
    r->out_prod = r->out_cons = 0xfffff000u;
    pump(&e);
    fd = open_tty(&e, 4);
    while (len < TOTAL) {
        CHECK(++rounds < 10000);
        if (sent < TOTAL)
            sent += fake_guest_write(e.f, 4, data + sent,
                                     TOTAL - sent < 700 ? TOTAL - sent : 700);
        pump(&e);
        drain_fd(fd, got, &len, TOTAL);
    }
    CHECK(!memcmp(got, data, TOTAL));
    CHECK(r->out_prod < 0x10000);   /* it did wrap */
    CHECK_EQ(r->out_cons, r->out_prod);
    log = log_of("wrap", &llen);
    CHECK(log);
    CHECK_EQ(llen, TOTAL);
    CHECK(!memcmp(log, data, TOTAL));
    free(log);
    close(fd);
    env_down(&e);
}

/* Impossible out_prod values are skipped, never read past the ring, and
 * the console works again once the guest writes sane indexes. */
static void t_hostile_out_prod(void)
{
    struct xencons_interface *r;
    static char got[1 << 16];
    size_t len = 0;
    struct env e;
    int fd, i;

    env_up(&e, 0);
    r = fake_add_guest(e.f, 5, "hostile", true);
    pump(&e);
    fd = open_tty(&e, 5);
    fake_guest_write(e.f, 5, "good", 4);
    pump(&e);

    /* Ahead by more than the ring, and behind. */
    r->out_prod = r->out_cons + 5000;
    fake_kick(e.f, 5);
    pump(&e);
    CHECK_EQ(r->out_cons, r->out_prod);
    r->out_prod = r->out_cons - 1;
    fake_kick(e.f, 5);
    pump(&e);
    CHECK_EQ(r->out_cons, r->out_prod);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK_EQ(len, 4);
    CHECK(!memcmp(got, "good", 4));

    /* Anything at all, our own indexes included, between steps. */
    srandom(5);
    for (i = 0; i < 20000; i++) {
        switch (random() % 4) {
        case 0: r->out_prod = random(); break;
        case 1: r->out_cons = random(); break;
        case 2: r->out_prod = r->out_cons + random() % 3000; break;
        default: r->in_cons = random(); break;
        }
        r->out[random() % sizeof(r->out)] = random();
        fake_kick(e.f, 5);
        CHECK(cons_daemon_step(e.d, 0) >= 0);
        if (i % 64 == 0) {
            len = 0;
            drain_fd(fd, got, &len, sizeof(got));
        }
    }
    /* Output the guest saw being taken in bulk never exceeds the ring. */
    pump(&e);
    len = 0;
    drain_fd(fd, got, &len, sizeof(got));

    /* A sane guest again: it resumes from what we say we consumed. */
    r->out_prod = r->out_cons;
    fake_kick(e.f, 5);
    pump(&e);
    CHECK_EQ(fake_guest_write(e.f, 5, "again\n", 6), 6);
    pump(&e);
    len = 0;
    drain_fd(fd, got, &len, sizeof(got));
    CHECK(len >= 6 && !memcmp(got + len - 6, "again\n", 6));
    close(fd);
    env_down(&e);
}

/* ---- input ---- */

/* Typed bytes reach the in ring; a guest that does not read gets exactly
 * a ring's worth, the daemon stays idle meanwhile, and the rest follows
 * as the guest consumes. */
static void t_input_flow(void)
{
    enum { TOTAL = 3000 };
    static char data[TOTAL], got[TOTAL];
    struct xencons_interface *r;
    size_t len = 0, n;
    unsigned int before;
    struct env e;
    int fd, rounds = 0;

    for (n = 0; n < TOTAL; n++)
        data[n] = pattern(n + 11);
    env_up(&e, 0);
    r = fake_add_guest(e.f, 6, "input", true);
    r->in_prod = r->in_cons = 0xfffffe00u;
    pump(&e);
    fd = open_tty(&e, 6);
    CHECK_EQ(write(fd, "ls\r", 3), 3);
    before = fake_notifies(e.f, 6);
    pump(&e);
    CHECK_EQ(r->in_prod - r->in_cons, 3);
    CHECK(fake_notifies(e.f, 6) > before);
    CHECK_EQ(fake_guest_read(e.f, 6, got, 3), 3);
    CHECK(!memcmp(got, "ls\r", 3));

    CHECK_EQ(write(fd, data, TOTAL), TOTAL);
    pump(&e);
    CHECK_EQ(r->in_prod - r->in_cons, sizeof(r->in));
    CHECK_EQ(cons_daemon_step(e.d, 20), 0);     /* full ring: idle */
    while (len < TOTAL) {
        CHECK(++rounds < 1000);
        len += fake_guest_read(e.f, 6, got + len, 100);
        pump(&e);
    }
    CHECK(!memcmp(got, data, TOTAL));
    close(fd);
    env_down(&e);
}

/* in_cons ahead of in_prod: no input, no spinning; fixed, input flows. */
static void t_hostile_in_cons(void)
{
    struct xencons_interface *r;
    struct env e;
    char got[8];
    int fd;

    env_up(&e, 0);
    r = fake_add_guest(e.f, 7, "incons", true);
    pump(&e);
    fd = open_tty(&e, 7);
    r->in_cons = r->in_prod + 5;
    fake_kick(e.f, 7);
    CHECK_EQ(write(fd, "abc", 3), 3);
    pump(&e);
    CHECK_EQ(r->in_prod, r->in_cons - 5);
    CHECK_EQ(cons_daemon_step(e.d, 20), 0);
    r->in_cons = r->in_prod;
    fake_kick(e.f, 7);
    pump(&e);
    CHECK_EQ(fake_guest_read(e.f, 7, got, sizeof(got)), 3);
    CHECK(!memcmp(got, "abc", 3));
    close(fd);
    env_down(&e);
}

/* ---- the pty's reader ---- */

/* Nobody reading: the guest is never held up, the log has everything,
 * the daemon idles, and a later reader gets the newest output last. */
static void t_no_reader(void)
{
    enum { TOTAL = 300000 };
    static char data[TOTAL], got[TOTAL];
    size_t sent = 0, len = 0, llen, n;
    struct env e;
    char *log;
    int fd;

    for (n = 0; n < TOTAL; n++)
        data[n] = pattern(n * 3);
    env_up(&e, 8192);
    fake_add_guest(e.f, 8, "noreader", true);
    pump(&e);
    close(open_tty(&e, 8));         /* a client came and went */
    while (sent < TOTAL) {
        n = TOTAL - sent < 2048 ? TOTAL - sent : 2048;
        CHECK_EQ(fake_guest_write(e.f, 8, data + sent, n), n);
        sent += n;
        pump(&e);
    }
    /* The kernel moves pty data on asynchronously, so the master may turn
     * writable a little later; but it must then go quiet (20 ms with
     * nothing ready) within a few rounds, which a spinning loop never
     * does. */
    for (n = 0; n < 50 && cons_daemon_step(e.d, 20) != 0; n++)
        ;
    CHECK(n < 50);
    log = log_of("noreader", &llen);
    CHECK(log);
    CHECK_EQ(llen, TOTAL);
    CHECK(!memcmp(log, data, TOTAL));
    free(log);

    fd = open_tty(&e, 8);
    for (n = 0; n < 100; n++) {
        drain_fd(fd, got, &len, TOTAL);
        pump(&e);
    }
    CHECK(len > 8192 && len < TOTAL);
    CHECK(!memcmp(got + len - 8192, data + TOTAL - 8192, 8192));
    close(fd);
    env_down(&e);
}

/* ---- domains coming and going ---- */

static void t_release_mid_output(void)
{
    static char data[1500], got[1500];
    size_t len = 0, llen, n;
    int fds, fd;
    struct env e;
    char *log, *tty;

    for (n = 0; n < sizeof(data); n++)
        data[n] = pattern(n + 5);
    env_up(&e, 0);
    pump(&e);
    fds = count_fds();
    fake_add_guest(e.f, 9, "dying", true);
    pump(&e);
    fd = open_tty(&e, 9);
    fake_guest_write(e.f, 9, data, 500);
    pump(&e);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK_EQ(len, 500);
    fake_guest_write(e.f, 9, data + 500, 1000);     /* never served */
    fake_release(e.f, 9);
    pump(&e);
    CHECK_EQ(cons_daemon_domains(e.d), 0);
    CHECK_EQ(fake_maps(e.f), 0);
    CHECK_EQ(fake_bound(e.f), 0);
    CHECK_EQ(fake_watches(e.f), 2);
    tty = tty_node(&e, 9);
    CHECK(!tty);
    /* The client sees the pty go. */
    len = read(fd, got, sizeof(got));
    CHECK(len == (size_t)-1 || len == 0);
    close(fd);
    CHECK_EQ(count_fds(), fds);
    log = log_of("dying", &llen);
    CHECK(log);
    CHECK_EQ(llen, 1500);           /* its last words were logged */
    CHECK(!memcmp(log, data, 1500));
    free(log);
    env_down(&e);
}

static void t_hundred_domains(void)
{
    unsigned int i, nodes;
    int fds, fds0;
    char msg[32], *tty;
    struct env e;

    fds0 = count_fds();
    env_up(&e, 0);
    pump(&e);
    fds = count_fds();
    nodes = fake_nodes(e.f);
    for (i = 1; i <= 100; i++) {
        snprintf(msg, sizeof(msg), "g%u", i);
        fake_add_guest(e.f, i, msg, i % 2);
    }
    pump(&e);
    CHECK_EQ(cons_daemon_domains(e.d), 100);
    CHECK_EQ(fake_maps(e.f), 100);
    CHECK_EQ(fake_bound(e.f), 100);
    for (i = 1; i <= 100; i++) {
        tty = tty_node(&e, i);
        CHECK(tty);
        free(tty);
        snprintf(msg, sizeof(msg), "hello from %u\n", i);
        fake_guest_write(e.f, i, msg, strlen(msg));
    }
    pump(&e);
    for (i = 1; i <= 100; i++)
        fake_release(e.f, i);
    pump(&e);
    CHECK_EQ(cons_daemon_domains(e.d), 0);
    CHECK_EQ(fake_maps(e.f), 0);
    CHECK_EQ(fake_bound(e.f), 0);
    CHECK_EQ(fake_watches(e.f), 2);
    CHECK_EQ(fake_nodes(e.f), nodes + 300);     /* name, ring-ref, port */
    CHECK_EQ(count_fds(), fds);
    env_down(&e);
    CHECK_EQ(count_fds(), fds0);
}

/* No grant: the foreign mapping of ring-ref is used instead. */
static void t_foreign_fallback(void)
{
    struct env e;
    char got[8];
    size_t len = 0;
    int fd;

    env_up(&e, 0);
    fake_add_guest(e.f, 10, "foreign", false);
    pump(&e);
    CHECK_EQ(fake_maps(e.f), 1);
    fd = open_tty(&e, 10);
    fake_guest_write(e.f, 10, "pv", 2);
    pump(&e);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK(len == 2 && !memcmp(got, "pv", 2));
    close(fd);
    env_down(&e);
}

/* Malformed ring-ref and port are refused until good ones appear. */
static void t_bad_store_values(void)
{
    static const char *const bad[][2] = {
        { "4107x", "3" }, { "", "3" }, { "-4107", "3" }, { " 4107", "3" },
        { "+4107", "3" }, { "0x100b", "3" },
        { "18446744073709555723", "3" },        /* 2^64 + 4107 */
        { "4107", "131075" }, { "4107", "4294967299" }, { "4107", "3 " },
        { "4107", "0x3" }, { "4107", "" }, { "4107", "-3" },
        { "\x1b[2J4107", "3" },                /* no escapes in our log */
    };
    char *tty;
    struct env e;
    size_t i;

    env_up(&e, 0);
    /* No grant, so a misread ring-ref would not map: port 3, gfn 4107. */
    fake_add_guest(e.f, 11, "badvals", false);
    fake_write(e.f, "/local/domain/11/console/ring-ref", "x");
    pump(&e);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        fake_write(e.f, "/local/domain/11/console/ring-ref", bad[i][0]);
        fake_write(e.f, "/local/domain/11/console/port", bad[i][1]);
        pump(&e);
        CHECK_EQ(fake_maps(e.f), 0);
        CHECK_EQ(fake_bound(e.f), 0);
    }
    tty = tty_node(&e, 11);
    CHECK(!tty);
    fake_write(e.f, "/local/domain/11/console/ring-ref", "4107");
    fake_write(e.f, "/local/domain/11/console/port", "3");
    pump(&e);
    CHECK_EQ(fake_maps(e.f), 1);
    CHECK_EQ(fake_bound(e.f), 1);
    tty = tty_node(&e, 11);
    CHECK(tty);
    free(tty);
    env_down(&e);
}

/* A new port (say after kexec) is bound in place of the old one, and the
 * pty stays the same. */
static void t_rebind(void)
{
    char *tty1, *tty2, got[8];
    size_t len = 0;
    struct env e;
    int fd;

    env_up(&e, 0);
    fake_add_guest(e.f, 12, "rebind", true);
    pump(&e);
    tty1 = tty_node(&e, 12);
    fd = open_tty(&e, 12);
    fake_set_port(e.f, 12, 40);
    pump(&e);
    CHECK_EQ(fake_bound(e.f), 1);
    CHECK_EQ(fake_maps(e.f), 1);
    tty2 = tty_node(&e, 12);
    CHECK(tty1 && tty2 && !strcmp(tty1, tty2));
    fake_guest_write(e.f, 12, "new", 3);
    pump(&e);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK(len == 3 && !memcmp(got, "new", 3));
    free(tty1);
    free(tty2);
    close(fd);
    env_down(&e);
}

/* Guest names never escape the log directory. */
static void t_log_names(void)
{
    static const char *const names[] = {
        "../../escape", ".hidden", "a/b", "", "-opt",
        "x2345678901234567890123456789012345678901234567890123456789012345",
    };
    char path[700];
    struct stat st;
    struct env e;
    unsigned int i;

    env_up(&e, 0);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        fake_add_guest(e.f, 20 + i, names[i], true);
    fake_add_guest(e.f, 30, "ok-Name_1.2", true);
    pump(&e);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(path, sizeof(path), "%s/guest-dom%u.log", logdir, 20 + i);
        CHECK(!stat(path, &st));
    }
    snprintf(path, sizeof(path), "%s/guest-ok-Name_1.2.log", logdir);
    CHECK(!stat(path, &st));
    CHECK_EQ(st.st_mode & 0777, 0600);
    env_down(&e);
}

/* Events for a masked port are not lost: each kick after the daemon's
 * unmask is seen, across many small writes with no other wake-up. */
static void t_many_small_writes(void)
{
    char got[512];
    size_t len = 0;
    struct env e;
    int fd, i;

    env_up(&e, 0);
    fake_add_guest(e.f, 13, "small", true);
    pump(&e);
    fd = open_tty(&e, 13);
    for (i = 0; i < 300; i++) {
        CHECK_EQ(fake_guest_write(e.f, 13, "x", 1), 1);
        CHECK(cons_daemon_step(e.d, 0) >= 0);
    }
    pump(&e);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK_EQ(len, 300);
    close(fd);
    env_down(&e);
}

/* 100 guests kick at once: one step serves at most 64 of them, then
 * polls again (so ptys and the store are not starved); the next step
 * serves the rest. */
static void t_event_batches(void)
{
    struct xencons_interface *r[101];
    unsigned int i, served;
    struct env e;

    env_up(&e, 0);
    for (i = 1; i <= 100; i++)
        r[i] = fake_add_guest(e.f, i, "batch", true);
    pump(&e);
    for (i = 1; i <= 100; i++)
        fake_guest_write(e.f, i, "x", 1);
    CHECK(cons_daemon_step(e.d, 0) > 0);
    for (served = 0, i = 1; i <= 100; i++)
        served += r[i]->out_cons == r[i]->out_prod;
    CHECK_EQ(served, 64);
    pump(&e);
    for (served = 0, i = 1; i <= 100; i++)
        served += r[i]->out_cons == r[i]->out_prod;
    CHECK_EQ(served, 100);
    env_down(&e);
}

/* After rotation (the log renamed away), reopening starts a new file. */
static void t_log_reopen(void)
{
    char old[700], *log;
    size_t llen;
    struct env e;

    env_up(&e, 0);
    fake_add_guest(e.f, 15, "rotate", true);
    pump(&e);
    fake_guest_write(e.f, 15, "one", 3);
    pump(&e);
    {
        char cur[700];

        snprintf(cur, sizeof(cur), "%s/guest-rotate.log", logdir);
        snprintf(old, sizeof(old), "%s/rotated.log", logdir);
        CHECK(!rename(cur, old));
    }
    cons_daemon_reopen_logs(e.d);
    fake_guest_write(e.f, 15, "two", 3);
    pump(&e);
    log = log_of("rotate", &llen);
    CHECK(log && llen == 3 && !memcmp(log, "two", 3));
    free(log);
    log = slurp(old, &llen);
    CHECK(log && llen == 3 && !memcmp(log, "one", 3));
    free(log);
    env_down(&e);
}

/* A client hanging the pty up (vhangup) leaves the daemon idle, not
 * spinning on a hung-up descriptor, and the console usable by the next
 * client that makes it raw again, as console_attach does. */
static void t_pty_hangup(void)
{
    char *tty1, *tty2, got[8];
    size_t len = 0;
    struct env e;
    int fd;

    env_up(&e, 0);
    fake_add_guest(e.f, 16, "hangup", true);
    pump(&e);
    tty1 = tty_node(&e, 16);
    fd = open_tty(&e, 16);
    if (ioctl(fd, TIOCVHANGUP, 0))
        skip_case("vhangup needs CAP_SYS_ADMIN");
    close(fd);
    fake_guest_write(e.f, 16, "out", 3);
    pump(&e);
    tty2 = tty_node(&e, 16);
    CHECK(tty2);
    fd = open_tty(&e, 16);
    {
        struct termios t;

        CHECK(!tcgetattr(fd, &t));
        cfmakeraw(&t);
        CHECK(!tcsetattr(fd, TCSANOW, &t));
    }
    fake_guest_write(e.f, 16, "more", 4);
    pump(&e);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK(len >= 4 && !memcmp(got + len - 4, "more", 4));
    close(fd);
    free(tty1);
    free(tty2);
    env_down(&e);
}

/* ---- xl console's attach loop ---- */

/* Fork a child running console_attach; it dies with us. */
static pid_t spawn_attach(const char *path, int term)
{
    pid_t pid = fork();

    CHECK(pid >= 0);
    if (pid == 0) {
        int fd;

        prctl(PR_SET_PDEATHSIG, SIGKILL);
        /* Like a separate xl process: none of the daemon's descriptors. */
        for (fd = 3; fd < 1024; fd++)
            if (fd != term)
                close(fd);
        _exit(console_attach(path, term, term) + 10);
    }
    return pid;
}

/* Typing before the child made the terminal raw would be echoed and held
 * for a newline by the line discipline: wait for raw mode. */
static void wait_raw(int term)
{
    struct termios t;
    int i;

    for (i = 0; i < 500; i++) {
        CHECK(!tcgetattr(term, &t));
        if (!(t.c_lflag & (ICANON | ECHO)))
            return;
        usleep(10000);
    }
    fail_at(__LINE__, "the terminal never became raw");
}

struct attach_rig {
    int user_m, user_s;             /* the user's terminal */
    int cons_m, cons_s;             /* the guest's console pty */
    char cons_path[64];
    pid_t pid;
};

static void rig_up(struct attach_rig *a)
{
    struct termios t;

    CHECK(!openpty(&a->user_m, &a->user_s, NULL, NULL, NULL));
    CHECK(!openpty(&a->cons_m, &a->cons_s, a->cons_path, NULL, NULL));
    CHECK(!tcgetattr(a->user_s, &t));
    CHECK(t.c_lflag & ICANON);      /* a cooked terminal to begin with */
    a->pid = spawn_attach(a->cons_path, a->user_s);
    /* The child has its own; ours would keep the pty alive. */
    close(a->cons_s);
    wait_raw(a->user_s);
}

/* Read from fd until 'want' bytes have arrived (or 5 s). */
static void expect(int fd, const char *want)
{
    char buf[256];
    size_t len = 0, n = strlen(want);
    struct pollfd pf = { fd, POLLIN, 0 };

    while (len < n && poll(&pf, 1, 5000) == 1) {
        ssize_t r = read(fd, buf + len, n - len);

        if (r <= 0)
            break;
        len += r;
    }
    if (len != n || memcmp(buf, want, n))
        fail_at(__LINE__, "expected \"%s\", got %zu bytes", want, len);
}

static int wait_child(pid_t pid)
{
    int status, i;

    for (i = 0; i < 500; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) - 10 : -100;
        usleep(10000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -200;
}

static void t_attach_detach(void)
{
    struct attach_rig a;
    struct termios t;
    char buf[16];

    rig_up(&a);
    CHECK_EQ(write(a.user_m, "hello", 5), 5);
    expect(a.cons_m, "hello");
    CHECK_EQ(write(a.cons_m, "world", 5), 5);
    expect(a.user_m, "world");
    /* Raw: CTRL-C is a byte, not a signal. */
    CHECK_EQ(write(a.user_m, "\x03", 1), 1);
    expect(a.cons_m, "\x03");
    CHECK_EQ(write(a.user_m, "x\x1dy", 3), 3);
    CHECK_EQ(wait_child(a.pid), CONSOLE_DETACHED);
    expect(a.cons_m, "x");
    CHECK_EQ(read(a.cons_m, buf, sizeof(buf)), -1);   /* no "y" */
    CHECK(!tcgetattr(a.user_s, &t));
    CHECK(t.c_lflag & ICANON);      /* the terminal was restored */
    CHECK(t.c_lflag & ECHO);
    close(a.user_m);
    close(a.user_s);
    close(a.cons_m);
}

static void t_attach_pty_gone(void)
{
    struct attach_rig a;
    struct termios t;

    rig_up(&a);
    CHECK_EQ(write(a.cons_m, "bye", 3), 3);
    expect(a.user_m, "bye");
    close(a.cons_m);                /* the daemon closed the console */
    CHECK_EQ(wait_child(a.pid), CONSOLE_PTY_GONE);
    CHECK(!tcgetattr(a.user_s, &t));
    CHECK(t.c_lflag & ICANON);
    close(a.user_m);
    close(a.user_s);
}

static void t_attach_no_pty(void)
{
    int fds = count_fds();

    CHECK_EQ(console_attach("/nonexistent/pty", 0, 1), -ENOENT);
    CHECK_EQ(console_attach("/dev/null", 0, 1), -ENOTTY);
    CHECK_EQ(count_fds(), fds);
}

/* The whole path: user terminal -> attach -> daemon pty -> guest ring,
 * and back; then the domain dies under the attached client. */
static void t_attach_daemon(void)
{
    struct xencons_interface *r;
    struct env e;
    int user_m, user_s, i, status;
    char *tty, got[8];
    size_t n = 0;
    pid_t pid;

    env_up(&e, 0);
    r = fake_add_guest(e.f, 14, "attached", true);
    pump(&e);
    tty = tty_node(&e, 14);
    CHECK(tty);
    CHECK(!openpty(&user_m, &user_s, NULL, NULL, NULL));
    pid = spawn_attach(tty, user_s);
    wait_raw(user_s);
    CHECK_EQ(write(user_m, "typed", 5), 5);
    for (i = 0; i < 500 && r->in_prod - r->in_cons < 5; i++) {
        usleep(10000);
        pump(&e);
    }
    CHECK_EQ(fake_guest_read(e.f, 14, got, sizeof(got)), 5);
    CHECK(!memcmp(got, "typed", 5));
    fake_guest_write(e.f, 14, "shown", 5);
    pump(&e);
    expect(user_m, "shown");
    fake_release(e.f, 14);
    pump(&e);
    for (i = 0; i < 500 && waitpid(pid, &status, WNOHANG) != pid; i++)
        usleep(10000);
    CHECK(i < 500);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 10 + CONSOLE_PTY_GONE);
    (void)n;
    free(tty);
    close(user_m);
    close(user_s);
    env_down(&e);
}

/* ---- against the real xenstored (tools/xenstored), over its socket ---- */

static const char *xs_socket(void)
{
    const char *p = getenv("CONSOLE_XS_SOCKET");

    if (!p)
        fail_at(__LINE__, "CONSOLE_XS_SOCKET is not set");
    return p;
}

/* One privileged request on a connection of its own; 0 or the error. */
static int xs_raw(uint32_t type, const char *payload, size_t len)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct xsd_sockmsg h = { .type = type, .req_id = 7, .len = len };
    char body[XENSTORE_PAYLOAD_MAX];
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", xs_socket());
    CHECK(fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa)));
    CHECK(write(fd, &h, sizeof(h)) == sizeof(h));
    CHECK(write(fd, payload, len) == (ssize_t)len);
    CHECK(read(fd, &h, sizeof(h)) == sizeof(h));
    CHECK(h.len <= sizeof(body) && read(fd, body, h.len) == (ssize_t)h.len);
    close(fd);
    return h.type == XS_ERROR ? -1 : 0;
}

/* Wait (up to 2 s) for the next watch event. */
static char *xs_event(struct cons_backend *be, char **token)
{
    struct pollfd pf = { be->store.fd(be->store.ctx), POLLIN, 0 };
    char *path;
    int i;

    for (i = 0; i < 40; i++) {
        int r = be->store.next_watch(be->store.ctx, &path, token);

        CHECK(r >= 0);
        if (r == 1)
            return path;
        poll(&pf, 1, 50);
    }
    fail_at(__LINE__, "no watch event");
}

static void t_xs_store(void)
{
    struct xt_store *xs = xt_store_open_socket(xs_socket());
    struct cons_backend be;
    char *v, *tok, big[5000];
    unsigned int len, n;

    CHECK(xs);
    cons_store_xt(xs, &be);
    CHECK_EQ(be.store.write(xs, "/test/a", "1"), 0);
    v = be.store.read(xs, "/test/a", &len);
    CHECK(v && len == 1 && !strcmp(v, "1"));
    free(v);
    CHECK(!be.store.read(xs, "/test/none", NULL) && errno == ENOENT);
    CHECK_EQ(be.store.watch(xs, "/test", "tk"), 0);
    v = xs_event(&be, &tok);                    /* fires once at once */
    CHECK(!strcmp(v, "/test") && !strcmp(tok, "tk"));
    free(v);
    CHECK_EQ(be.store.write(xs, "/test/b", ""), 0);
    v = xs_event(&be, &tok);
    CHECK(!strcmp(v, "/test/b") && !strcmp(tok, "tk"));
    free(v);
    v = be.store.directory(xs, "/test", &n);
    CHECK(v && n == 2);
    CHECK((!strcmp(v, "a") && !strcmp(v + 2, "b")) ||
          (!strcmp(v, "b") && !strcmp(v + 2, "a")));
    free(v);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    CHECK_EQ(be.store.write(xs, "/test/big", big), -E2BIG);
    CHECK_EQ(be.store.unwatch(xs, "/test", "tk"), 0);
    CHECK_EQ(be.store.unwatch(xs, "/test", "tk"), -ENOENT);
    CHECK_EQ(be.store.rm(xs, "/test"), 0);
    CHECK_EQ(be.store.rm(xs, "/test/gone/child"), -ENOENT);
    CHECK_EQ(be.domain.alive(xs, 0), 1);
    CHECK_EQ(be.domain.alive(xs, 77), 0);
    CHECK_EQ(xs_raw(XS_INTRODUCE, "77\0" "4096\0" "5", 10), 0);
    CHECK_EQ(be.domain.alive(xs, 77), 1);
    CHECK_EQ(xs_raw(XS_RELEASE, "77", 3), 0);
    CHECK_EQ(be.domain.alive(xs, 77), 0);
    xt_store_close(xs);
}

/* The daemon with the real store: found through @introduceDomain, its tty
 * written to xenstored, cleaned up after @releaseDomain. */
static void t_xs_daemon(void)
{
    struct cons_options o = { .log_dir = logdir, .buffer_max = 4096 };
    struct fake *f = fake_new();
    struct cons_backend be = *fake_backend(f);
    struct xt_store *xs = xt_store_open_socket(xs_socket());
    struct cons_daemon *d;
    char *tty = NULL, got[16];
    size_t len = 0;
    int fds, fd, i;

    CHECK(xs);
    cons_store_xt(xs, &be);
    fds = count_fds();
    d = cons_daemon_new(&be, &o);
    CHECK(d);
    fake_add_guest(f, 42, "real", true);     /* gfn 4138, port 4 */
    CHECK_EQ(be.store.write(xs, "/local/domain/42/name", "real"), 0);
    CHECK_EQ(be.store.write(xs, "/local/domain/42/console/ring-ref", "4138"), 0);
    CHECK_EQ(be.store.write(xs, "/local/domain/42/console/port", "4"), 0);
    CHECK_EQ(xs_raw(XS_INTRODUCE, "42\0" "4138\0" "4", 10), 0);
    for (i = 0; i < 40 && !tty; i++) {
        CHECK(cons_daemon_step(d, 50) >= 0);
        tty = be.store.read(xs, "/local/domain/42/console/tty", NULL);
    }
    CHECK(tty);
    fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK);
    CHECK(fd >= 0);
    fake_guest_write(f, 42, "via xs", 6);
    CHECK(cons_daemon_step(d, 50) >= 0);
    drain_fd(fd, got, &len, sizeof(got));
    CHECK(len == 6 && !memcmp(got, "via xs", 6));
    close(fd);
    CHECK_EQ(xs_raw(XS_RELEASE, "42", 3), 0);
    for (i = 0; i < 40 && cons_daemon_domains(d); i++)
        CHECK(cons_daemon_step(d, 50) >= 0);
    CHECK_EQ(cons_daemon_domains(d), 0);
    CHECK(!be.store.read(xs, "/local/domain/42/console/tty", NULL));
    CHECK_EQ(fake_maps(f), 0);
    CHECK_EQ(fake_bound(f), 0);
    cons_daemon_free(d);
    CHECK_EQ(count_fds(), fds);
    CHECK_EQ(be.store.rm(xs, "/local/domain/42"), 0);
    free(tty);
    xt_store_close(xs);
    fake_free(f);
}

/* ---- runner ---- */

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
    { "output_basic", t_output_basic },
    { "output_wraps", t_output_wraps },
    { "hostile_out_prod", t_hostile_out_prod },
    { "input_flow", t_input_flow },
    { "hostile_in_cons", t_hostile_in_cons },
    { "no_reader", t_no_reader },
    { "release_mid_output", t_release_mid_output },
    { "hundred_domains", t_hundred_domains },
    { "foreign_fallback", t_foreign_fallback },
    { "bad_store_values", t_bad_store_values },
    { "rebind", t_rebind },
    { "log_names", t_log_names },
    { "many_small_writes", t_many_small_writes },
    { "event_batches", t_event_batches },
    { "log_reopen", t_log_reopen },
    { "pty_hangup", t_pty_hangup },
    { "attach_detach", t_attach_detach },
    { "attach_pty_gone", t_attach_pty_gone },
    { "attach_no_pty", t_attach_no_pty },
    { "attach_daemon", t_attach_daemon },
    { "xs_store", t_xs_store },
    { "xs_daemon", t_xs_daemon },
};

/* A fresh log directory for each case. */
static void empty_dir(const char *path)
{
    char file[1024];
    struct dirent *de;
    DIR *d;

    mkdir(path, 0700);
    if (!(d = opendir(path)))
        return;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' || de->d_name[1] == 'h') {
            snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
            unlink(file);
        }
    closedir(d);
}

static bool run_one(const char *base, unsigned int i)
{
    char why[600] = "";
    int fds[2], status;
    ssize_t n;
    pid_t pid;

    snprintf(logdir, sizeof(logdir), "%s/%s", base, cases[i].name);
    empty_dir(logdir);
    fflush(stdout);
    if (pipe(fds) || (pid = fork()) < 0)
        return false;
    if (pid == 0) {
        close(fds[0]);
        report_fd = fds[1];
        alarm(120);
        cases[i].fn();
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], why, sizeof(why) - 1);
    close(fds[0]);
    why[n > 0 ? n : 0] = '\0';
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("PASS: console %s\n", cases[i].name);
        return true;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        printf("SKIP: console %s: %s\n", cases[i].name, why);
        return true;
    }
    if (!why[0])
        snprintf(why, sizeof(why), "%s %d", WIFSIGNALED(status) ?
                 "killed by signal" : "exit status", WIFSIGNALED(status) ?
                 WTERMSIG(status) : WEXITSTATUS(status));
    printf("FAIL: console %s: %s\n", cases[i].name, why);
    return false;
}

int main(int argc, char **argv)
{
    unsigned int i, failed = 0;
    int a;

    if (argc < 2) {
        fprintf(stderr, "usage: %s LOGDIR [CASE...]\n", argv[0]);
        return 2;
    }
    cons_verbose = getenv("CONSOLE_VERBOSE") ? 2 : -1;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool wanted = argc == 2;

        for (a = 2; a < argc; a++)
            wanted |= !strcmp(argv[a], cases[i].name);
        if (wanted && !run_one(argv[1], i))
            failed++;
    }
    return failed != 0;
}

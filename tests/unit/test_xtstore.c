/* SPDX-License-Identifier: MIT */
/*
 * Host tests of tools/libs/store (xt_store) against a real xenstored on
 * a temporary socket (XENSTORED_PATH).  Prints PASS/FAIL lines.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xt/store.h>

static int failures;

static void check(int ok, const char *name, const char *why)
{
    if (ok) {
        printf("PASS: xtlibs store %s\n", name);
    } else {
        printf("FAIL: xtlibs store %s: %s\n", name, why);
        failures++;
    }
}

static int readable(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };

    return poll(&p, 1, 200) == 1;
}

static void test_nodes(struct xt_store *xs)
{
    unsigned int len = 0, n = 0;
    char *v = NULL, **dir = NULL;

    check(xt_store_write(xs, XT_TX_NONE, "/t/a", "one", 3) == 0 &&
          (v = xt_store_read(xs, XT_TX_NONE, "/t/a", &len)) &&
          len == 3 && !strcmp(v, "one"), "write-read", "value differs");
    free(v);
    check(xt_store_mkdir(xs, XT_TX_NONE, "/t/b") == 0 &&
          (dir = xt_store_directory(xs, XT_TX_NONE, "/t", &n)) && n == 2 &&
          !strcmp(dir[0], "a") && !strcmp(dir[1], "b") && !dir[2],
          "mkdir-directory", "listing differs");
    free(dir);
    check(!xt_store_read(xs, XT_TX_NONE, "/t/none", NULL) && errno == ENOENT,
          "read-missing-enoent", "no ENOENT");
    check(xt_store_rm(xs, XT_TX_NONE, "/t/b") == 0 &&
          !xt_store_read(xs, XT_TX_NONE, "/t/b", NULL), "rm", "still there");
    check(xt_store_write(xs, XT_TX_NONE, "bad//path", "x", 1) == -EINVAL,
          "bad-path-einval", "accepted");
}

static void test_perms(struct xt_store *xs)
{
    struct xt_store_perm set[2] = { { 0, 'b' }, { 3, 'r' } }, *got;
    struct xt_store_perm bad = { 0, 'x' };
    unsigned int n = 0;

    got = (xt_store_set_perms(xs, XT_TX_NONE, "/t/a", set, 2) == 0) ?
          xt_store_get_perms(xs, XT_TX_NONE, "/t/a", &n) : NULL;
    check(got && n == 2 && got[0].perm == 'b' && got[0].domid == 0 &&
          got[1].perm == 'r' && got[1].domid == 3, "perms", "differ");
    free(got);
    check(xt_store_set_perms(xs, XT_TX_NONE, "/t/a", &bad, 1) == -EINVAL,
          "perms-bad-letter", "accepted");
}

static void test_transaction(struct xt_store *xs)
{
    uint32_t tx = 0;
    char *v = NULL;

    check(xt_store_transaction_start(xs, &tx) == 0 && tx != 0 &&
          xt_store_write(xs, tx, "/t/tx", "in", 2) == 0 &&
          !xt_store_read(xs, XT_TX_NONE, "/t/tx", NULL) &&
          xt_store_transaction_end(xs, tx, 0) == 0 &&
          (v = xt_store_read(xs, XT_TX_NONE, "/t/tx", NULL)) &&
          !strcmp(v, "in"), "transaction-commit", "not atomic");
    free(v);
    check(xt_store_transaction_start(xs, &tx) == 0 &&
          xt_store_write(xs, tx, "/t/ab", "x", 1) == 0 &&
          xt_store_transaction_end(xs, tx, 1) == 0 &&
          !xt_store_read(xs, XT_TX_NONE, "/t/ab", NULL),
          "transaction-abort", "write survived");
}

/* Events that arrive while a request waits for its reply are queued,
 * and the watch fd stays readable until they are all taken. */
static void test_watch(struct xt_store *xs)
{
    char *path = NULL, *token = NULL;
    int fd = xt_store_watch_fd(xs), ok;

    ok = xt_store_watch(xs, "/w", "tok") == 0 && readable(fd) &&
         xt_store_read_watch(xs, &path, &token) == 0 &&
         !strcmp(path, "/w") && !strcmp(token, "tok");
    free(path);
    check(ok, "watch-initial-event", "no event for the watch itself");
    xt_store_write(xs, XT_TX_NONE, "/w/x", "1", 1);
    xt_store_write(xs, XT_TX_NONE, "/w/y", "2", 1);   /* queues /w/x */
    ok = readable(fd) && xt_store_read_watch(xs, &path, &token) == 0 &&
         !strcmp(path, "/w/x");
    free(path);
    ok = ok && readable(fd) && xt_store_read_watch(xs, &path, &token) == 0 &&
         !strcmp(path, "/w/y");
    free(path);
    check(ok && !readable(fd), "watch-events-in-order", "events lost");
    check(xt_store_unwatch(xs, "/w", "tok") == 0 &&
          xt_store_unwatch(xs, "/w", "tok") == -ENOENT, "unwatch", "wrong");
}

static void test_domains(struct xt_store *xs)
{
    check(xt_store_is_introduced(xs, 0) == 1 &&
          xt_store_is_introduced(xs, 77) == 0, "is-introduced",
          "wrong answer for dom0 or an unknown domain");
}

/* $XENSTORED_PATH naming a character device opens the device (as for
 * /dev/xen/xenbus) instead of trying it as a socket: /dev/random (which
 * can be polled, as the watch descriptor needs) opens, and a request
 * then fails on the nonsense it reads back (a header announcing more
 * than XENSTORE_PAYLOAD_MAX, but for odds of 2^-20) instead of hanging. */
static void test_device_path(void)
{
    const char *saved = getenv("XENSTORED_PATH");
    char *keep = saved ? strdup(saved) : NULL;
    struct xt_store *xs;

    setenv("XENSTORED_PATH", "/dev/random", 1);
    xs = xt_store_open();
    check(xs && !xt_store_read(xs, XT_TX_NONE, "/t", NULL),
          "device-path", "not opened as a device");
    xt_store_close(xs);
    if (keep)
        setenv("XENSTORED_PATH", keep, 1);
    free(keep);
}

int main(void)
{
    struct xt_store *xs = xt_store_open();

    setvbuf(stdout, NULL, _IOLBF, 0);

    check(xs != NULL, "open", strerror(errno));
    if (!xs)
        return 1;
    test_nodes(xs);
    test_perms(xs);
    test_transaction(xs);
    test_watch(xs);
    test_domains(xs);
    xt_store_close(xs);
    test_device_path();
    check(xt_store_open_socket("/nonexistent/socket") == NULL,
          "open-missing-socket", "connected to nothing");
    return failures != 0;
}

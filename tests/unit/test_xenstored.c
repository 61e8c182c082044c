/* SPDX-License-Identifier: MIT */
/*
 * Client-side tests of tools/xenstored over its Unix socket and, as fake
 * guests, over shared rings (test_xenstored_ring.c).
 *   test_xenstored SOCKET FAKEDIR [CASE...]
 *   test_xenstored --prepare-dom0 FAKEDIR   (before the daemon starts)
 * The daemon must run with -T (test mode), -X FAKEDIR and the quotas
 * given in run-xenstored.sh.  Prints "PASS: xenstored <case>" or
 * "FAIL: xenstored <case>: <why>" per case, then a summary line.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "xs_client.h"

/* ---------------------------------------------------------------- */

static void t_read_write(void)
{
    struct cli c;
    struct reply r;
    char buf[64];

    cli_open(&c);
    EXPECT(xwrite(&c, 0, "/rw/a", "hello"), "OK");
    EXPECT(ask(&c, XS_READ, 0, "/rw/a", NULL), "hello");
    EXPECT(ask(&c, XS_READ, 0, "/rw", NULL), "");   /* made on the way */
    EXPECT(ask(&c, XS_READ, 0, "/rw/missing", NULL), "ENOENT");
    EXPECT(xwrite(&c, 0, "/rw/a", ""), "OK");
    request(&c, XS_READ, 0, buf, strs(buf, "/rw/a", NULL), &r);
    CHECK(r.type == XS_READ && r.len == 0, "empty value: type %u len %u",
          r.type, r.len);
    /* Relative paths are under the caller's domain path. */
    EXPECT(xwrite(&c, 0, "rel", "x"), "OK");
    EXPECT(ask(&c, XS_READ, 0, "/local/domain/0/rel", NULL), "x");
    cli_close(&c);
}

static void t_mkdir_rm_directory(void)
{
    struct cli c;
    struct reply r;
    char buf[64];

    cli_open(&c);
    EXPECT(ask(&c, XS_MKDIR, 0, "/md/one", NULL), "OK");
    EXPECT(ask(&c, XS_MKDIR, 0, "/md/one", NULL), "OK");
    EXPECT(ask(&c, XS_MKDIR, 0, "/md/two", NULL), "OK");
    request(&c, XS_DIRECTORY, 0, buf, strs(buf, "/md", NULL), &r);
    CHECK(r.len == 8 && !memcmp(r.data, "one\0two\0", 8),
          "directory: len %u", r.len);
    EXPECT(ask(&c, XS_RM, 0, "/md/one", NULL), "OK");
    EXPECT(ask(&c, XS_RM, 0, "/md/one", NULL), "OK");  /* parent exists */
    EXPECT(ask(&c, XS_RM, 0, "/md/nope/deeper", NULL), "ENOENT");
    EXPECT(ask(&c, XS_RM, 0, "/", NULL), "EINVAL");
    EXPECT(ask(&c, XS_DIRECTORY, 0, "/md", NULL), "two");
    EXPECT(ask(&c, XS_RM, 0, "/md", NULL), "OK");
    EXPECT(ask(&c, XS_READ, 0, "/md/two", NULL), "ENOENT");
    EXPECT(ask(&c, XS_DIRECTORY, 0, "/md", NULL), "ENOENT");
    cli_close(&c);
}

static void t_directory_part(void)
{
    struct cli c;
    struct reply r;
    char buf[256], path[128], off[16], gen[32] = "";
    unsigned int i, got = 0, offset = 0, rounds = 0;

    cli_open(&c);
    for (i = 0; i < 250; i++) {
        snprintf(path, sizeof(path),
                 "/dp/child-with-a-rather-long-name-number-%03u", i);
        EXPECT(ask(&c, XS_MKDIR, 0, path, NULL), "OK");
    }
    EXPECT(ask(&c, XS_DIRECTORY, 0, "/dp", NULL), "E2BIG");
    for (;;) {
        unsigned int gl, pos;

        snprintf(off, sizeof(off), "%u", offset);
        request(&c, XS_DIRECTORY_PART, 0, buf, strs(buf, "/dp", off, NULL),
                &r);
        if (r.type != XS_DIRECTORY_PART || ++rounds > 10) {
            CHECK(0, "directory_part: %s", r.data);
            break;
        }
        CHECK(!gen[0] || !strcmp(gen, r.data), "generation changed");
        snprintf(gen, sizeof(gen), "%s", r.data);
        gl = strlen(r.data) + 1;
        for (pos = gl; pos < r.len && r.data[pos]; pos += strlen(r.data + pos) + 1) {
            snprintf(path, sizeof(path),
                     "child-with-a-rather-long-name-number-%03u", got);
            CHECK(!strcmp(r.data + pos, path), "child %u is %s", got,
                  r.data + pos);
            got++;
            offset += strlen(r.data + pos) + 1;
        }
        if (pos < r.len)        /* the empty string: end of the list */
            break;
    }
    CHECK(got == 250 && rounds > 2, "got %u children in %u parts", got,
          rounds);
    /* Past the end: the generation and the end marker only. */
    request(&c, XS_DIRECTORY_PART, 0, buf, strs(buf, "/dp", "999999", NULL),
            &r);
    CHECK(r.type == XS_DIRECTORY_PART && !strcmp(r.data, gen) &&
          r.len == strlen(gen) + 2 && !r.data[r.len - 1],
          "offset past the end: type %u len %u", r.type, r.len);
    /* Xen reads the offset with atoi(): garbage is 0, "-1" past the end. */
    request(&c, XS_DIRECTORY_PART, 0, buf, strs(buf, "/dp", "x", NULL), &r);
    CHECK(!strcmp(r.data, gen) &&
          !strcmp(r.data + strlen(gen) + 1,
                  "child-with-a-rather-long-name-number-000"),
          "offset x: %s", r.data);
    request(&c, XS_DIRECTORY_PART, 0, buf, strs(buf, "/dp", "-1", NULL), &r);
    CHECK(r.len == strlen(gen) + 2, "offset -1: len %u", r.len);
    EXPECT(ask(&c, XS_RM, 0, "/dp", NULL), "OK");
    cli_close(&c);
}

static void t_path_validation(void)
{
    struct cli c;
    char longp[XENSTORE_ABS_PATH_MAX + 16];

    cli_open(&c);
    EXPECT(xwrite(&c, 0, "/bad//x", "v"), "EINVAL");
    EXPECT(xwrite(&c, 0, "/bad/", "v"), "EINVAL");
    EXPECT(xwrite(&c, 0, "/bad/sp ace", "v"), "EINVAL");
    EXPECT(xwrite(&c, 0, "/bad/dot.x", "v"), "EINVAL");
    EXPECT(xwrite(&c, 0, "/ok/A-z_0@9", "v"), "OK");
    EXPECT(xwrite(&c, 0, "@introduceDomain", "v"), "EINVAL");
    EXPECT(ask(&c, XS_READ, 0, "@releaseDomain", NULL), "EINVAL");
    memset(longp, 'a', sizeof(longp));
    longp[0] = '/';
    longp[XENSTORE_ABS_PATH_MAX + 1] = 0;
    EXPECT(ask(&c, XS_MKDIR, 0, longp, NULL), "EINVAL");
    longp[XENSTORE_ABS_PATH_MAX] = 0;
    EXPECT(ask(&c, XS_MKDIR, 0, longp, NULL), "OK");
    EXPECT(ask(&c, XS_RM, 0, longp, NULL), "OK");
    /* Relative paths have their own, shorter limit. */
    memset(longp, 'r', XENSTORE_REL_PATH_MAX + 1);
    longp[XENSTORE_REL_PATH_MAX + 1] = 0;
    EXPECT(ask(&c, XS_MKDIR, 0, longp, NULL), "EINVAL");
    longp[XENSTORE_REL_PATH_MAX] = 0;
    EXPECT(ask(&c, XS_MKDIR, 0, longp, NULL), "OK");
    EXPECT(ask(&c, XS_RM, 0, longp, NULL), "OK");
    cli_close(&c);
}

static void t_permissions(void)
{
    struct cli d0, g;
    struct reply r;
    char buf[64];

    cli_open(&d0);
    cli_open(&g);
    EXPECT(xwrite(&d0, 0, "/perm/x", "secret"), "OK");
    become(&g, 5);
    EXPECT(ask(&g, XS_READ, 0, "/perm/x", NULL), "EACCES");
    EXPECT(xwrite(&g, 0, "/perm/x", "mine"), "EACCES");
    EXPECT(ask(&g, XS_MKDIR, 0, "/perm/x/y", NULL), "EACCES");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/x", "n5", NULL), "EACCES");
    /* Whether a node exists is hidden from those who cannot see its parent. */
    EXPECT(ask(&g, XS_READ, 0, "/perm/missing", NULL), "EACCES");
    EXPECT(ask(&g, XS_GET_PERMS, 0, "/perm/missing", NULL), "EACCES");
    EXPECT(ask(&g, XS_RM, 0, "/perm/missing", NULL), "EACCES");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/missing", "n5", NULL), "EACCES");
    EXPECT(ask(&d0, XS_READ, 0, "/perm/missing", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x", "n0", "r5", NULL), "OK");
    request(&d0, XS_GET_PERMS, 0, buf, strs(buf, "/perm/x", NULL), &r);
    CHECK(r.len == 6 && !memcmp(r.data, "n0\0r5\0", 6), "get_perms len %u",
          r.len);
    EXPECT(ask(&g, XS_READ, 0, "/perm/x", NULL), "secret");
    EXPECT(ask(&g, XS_READ, 0, "/perm/x/missing", NULL), "ENOENT");
    EXPECT(ask(&g, XS_RM, 0, "/perm/x/missing", NULL), "EACCES");
    EXPECT(xwrite(&g, 0, "/perm/x", "mine"), "EACCES");
    EXPECT(ask(&g, XS_RM, 0, "/perm/x", NULL), "EACCES");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x", "n0", "b5", NULL), "OK");
    EXPECT(xwrite(&g, 0, "/perm/x", "mine"), "OK");
    EXPECT(ask(&g, XS_RM, 0, "/perm/x/missing", NULL), "OK");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/x/missing", "n5", NULL),
           "ENOENT");
    /* What a guest creates is its own, with the parent's other entries. */
    EXPECT(xwrite(&g, 0, "/perm/x/kid", "k"), "OK");
    request(&g, XS_GET_PERMS, 0, buf, strs(buf, "/perm/x/kid", NULL), &r);
    CHECK(r.len == 3 && !memcmp(r.data, "n5\0", 3), "kid perms %s", r.data);
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/x/kid", "n5", "r6", NULL), "OK");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/x/kid", "n6", NULL), "EPERM");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x/kid", "b7", NULL), "OK");
    EXPECT(ask(&g, XS_READ, 0, "/perm/x/kid", NULL), "k");  /* default b */
    EXPECT(ask(&g, XS_SET_PERMS, 0, "/perm/x/kid", "n5", NULL), "EACCES");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x", "q0", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x", "r", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/x", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/perm/none", "n0", NULL), "ENOENT");
    /* Privileged-only requests. */
    EXPECT(ask(&g, XS_INTRODUCE, 0, "9", "1234", "3", NULL), "EACCES");
    EXPECT(ask(&g, XS_RELEASE, 0, "9", NULL), "EACCES");
    EXPECT(ask(&g, XS_CONTROL, 0, "print", "hi", NULL), "EACCES");
    EXPECT(ask(&g, XS_IS_DOMAIN_INTRODUCED, 0, "0", NULL), "EACCES");
    EXPECT(ask(&g, XS_RESUME, 0, "9", NULL), "EACCES");
    EXPECT(ask(&g, XS_SET_TARGET, 0, "9", "5", NULL), "EACCES");
    EXPECT(ask(&g, XS_RM, 0, "/perm", NULL), "EACCES");
    EXPECT(ask(&d0, XS_RM, 0, "/perm", NULL), "OK");
    cli_close(&g);
    cli_close(&d0);
}

static void t_transactions(void)
{
    struct cli c, other;
    struct reply r;
    char buf[64];
    uint32_t tx;

    cli_open(&c);
    cli_open(&other);
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    CHECK(r.type == XS_TRANSACTION_START && tx, "start: %s", r.data);
    EXPECT(xwrite(&c, tx, "/tx/a", "1"), "OK");
    EXPECT(ask(&c, XS_READ, tx, "/tx/a", NULL), "1");
    EXPECT(ask(&other, XS_READ, 0, "/tx/a", NULL), "ENOENT");  /* isolated */
    EXPECT(ask(&c, XS_TRANSACTION_START, tx, "", NULL), "EBUSY");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "X", NULL), "EINVAL");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "OK");
    EXPECT(ask(&other, XS_READ, 0, "/tx/a", NULL), "1");
    EXPECT(ask(&c, XS_READ, tx, "/tx/a", NULL), "ENOENT");  /* tx gone */

    /* A node read in the transaction changes outside: EAGAIN. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(ask(&c, XS_READ, tx, "/tx/a", NULL), "1");
    EXPECT(xwrite(&other, 0, "/tx/a", "2"), "OK");
    EXPECT(xwrite(&c, tx, "/tx/b", "from-tx"), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "EAGAIN");
    EXPECT(ask(&other, XS_READ, 0, "/tx/b", NULL), "ENOENT");
    EXPECT(ask(&other, XS_READ, 0, "/tx/a", NULL), "2");

    /* So does a node read as missing that appears meanwhile. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(ask(&c, XS_READ, tx, "/tx/new", NULL), "ENOENT");
    EXPECT(xwrite(&other, 0, "/tx/new", "x"), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "EAGAIN");

    /* Unrelated outside changes do not conflict. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(xwrite(&c, tx, "/tx/a", "3"), "OK");
    EXPECT(xwrite(&other, 0, "/elsewhere", "x"), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "OK");
    EXPECT(ask(&other, XS_READ, 0, "/tx/a", NULL), "3");

    /* Abort drops the changes. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(ask(&c, XS_RM, tx, "/tx/a", NULL), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "F", NULL), "OK");
    EXPECT(ask(&other, XS_READ, 0, "/tx/a", NULL), "3");
    /* Another connection cannot use this one's transaction. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(ask(&other, XS_READ, tx, "/tx/a", NULL), "ENOENT");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "F", NULL), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, 12345, "T", NULL), "ENOENT");

    /* Parents a transaction creates on the way are its own: writing
     * under one again (libxl's /vm/<uuid>/image/...) does not conflict,
     * but their appearing outside meanwhile does. */
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(xwrite(&c, tx, "/tx/p/q/one", "1"), "OK");
    EXPECT(xwrite(&c, tx, "/tx/p/q/two", "2"), "OK");
    EXPECT(xwrite(&c, tx, "/tx/p/q", "v"), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "OK");
    EXPECT(ask(&other, XS_READ, 0, "/tx/p/q/two", NULL), "2");
    request(&c, XS_TRANSACTION_START, 0, buf, strs(buf, "", NULL), &r);
    tx = strtoul(r.data, NULL, 10);
    EXPECT(xwrite(&c, tx, "/tx/r/s/one", "1"), "OK");
    EXPECT(xwrite(&other, 0, "/tx/r/s", "outside"), "OK");
    EXPECT(ask(&c, XS_TRANSACTION_END, tx, "T", NULL), "EAGAIN");
    EXPECT(ask(&c, XS_RM, 0, "/tx", NULL), "OK");
    cli_close(&other);
    cli_close(&c);
}

static void t_watches(void)
{
    struct cli d0, w, g, r7;
    uint32_t tx;

    cli_open(&d0);
    cli_open(&w);
    EXPECT(ask(&w, XS_WATCH, 0, "/w", "tok1", NULL), "OK");
    EXPECT_EVENT(&w, "/w", "tok1");                 /* fired at once */
    EXPECT(ask(&w, XS_WATCH, 0, "/w", "tok1", NULL), "EEXIST");
    EXPECT(ask(&w, XS_WATCH, 0, "/w", NULL), "EINVAL");
    EXPECT(xwrite(&d0, 0, "/w/x", "1"), "OK");
    EXPECT_EVENT(&w, "/w/x", "tok1");
    EXPECT(xwrite(&d0, 0, "/wx", "1"), "OK");       /* not below /w */
    EXPECT_NO_EVENT(&w);
    /* Removing a subtree fires the watches set on nodes inside it. */
    EXPECT(ask(&w, XS_WATCH, 0, "/w/x/y", "deep", NULL), "OK");
    EXPECT(ask(&w, XS_WATCH, 0, "/w/x/none", "absent", NULL), "OK");
    EXPECT_EVENT(&w, "/w/x/y", "deep");
    EXPECT_EVENT(&w, "/w/x/none", "absent");
    EXPECT(xwrite(&d0, 0, "/w/x/y", "1"), "OK");
    EXPECT_EVENT(&w, "/w/x/y", "tok1");
    EXPECT_EVENT(&w, "/w/x/y", "deep");
    EXPECT(ask(&d0, XS_RM, 0, "/w", NULL), "OK");
    EXPECT_EVENT(&w, "/w", "tok1");
    EXPECT_EVENT(&w, "/w/x/y", "deep");
    EXPECT_NO_EVENT(&w);        /* no node at /w/x/none: nothing there */
    EXPECT(ask(&w, XS_UNWATCH, 0, "/w/x/y", "deep", NULL), "OK");
    EXPECT(ask(&w, XS_UNWATCH, 0, "/w/x/none", "absent", NULL), "OK");
    /* MKDIR of an existing node changes nothing and fires nothing. */
    EXPECT(ask(&d0, XS_MKDIR, 0, "/w", NULL), "OK");
    EXPECT_EVENT(&w, "/w", "tok1");
    EXPECT(ask(&d0, XS_MKDIR, 0, "/w", NULL), "OK");
    EXPECT_NO_EVENT(&w);
    /* A commit fires; an open transaction does not. */
    tx = strtoul(ask(&d0, XS_TRANSACTION_START, 0, "", NULL), NULL, 10);
    EXPECT(xwrite(&d0, tx, "/w/t", "1"), "OK");
    EXPECT_NO_EVENT(&w);
    EXPECT(ask(&d0, XS_TRANSACTION_END, tx, "T", NULL), "OK");
    EXPECT_EVENT(&w, "/w/t", "tok1");
    EXPECT(ask(&w, XS_UNWATCH, 0, "/w", "tok1", NULL), "OK");
    EXPECT(ask(&w, XS_UNWATCH, 0, "/w", "tok1", NULL), "ENOENT");
    EXPECT(xwrite(&d0, 0, "/w/u", "1"), "OK");
    EXPECT_NO_EVENT(&w);
    /* Special watches. */
    EXPECT(ask(&w, XS_WATCH, 0, "@introduceDomain", "in", NULL), "OK");
    EXPECT(ask(&w, XS_WATCH, 0, "@releaseDomain", "out", NULL), "OK");
    EXPECT(ask(&w, XS_WATCH, 0, "@bogus", "x", NULL), "OK");  /* as Xen */
    EXPECT_EVENT(&w, "@bogus", "x");
    EXPECT_EVENT(&w, "@introduceDomain", "in");
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "7", NULL), "F");
    ring_open(&r7, 7);          /* INTRODUCE 7 1007 107 */
    EXPECT_EVENT(&w, "@introduceDomain", "in");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "7", NULL), "T");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "0", NULL), "T");
    EXPECT(ask(&d0, XS_INTRODUCE, 0, "7", "4660", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_RELEASE, 0, "7", NULL), "OK");
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    EXPECT(ask(&d0, XS_RELEASE, 0, "7", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "7", NULL), "F");
    ring_close(&r7);
    /* RESET_WATCHES forgets them all. */
    EXPECT(ask(&w, XS_RESET_WATCHES, 0, NULL), "OK");
    EXPECT(xwrite(&d0, 0, "/w/v", "1"), "OK");
    EXPECT_NO_EVENT(&w);
    /* A guest's relative watch; events only where it may read. */
    cli_open(&g);
    EXPECT(ask(&d0, XS_MKDIR, 0, "/local/domain/5", NULL), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/local/domain/5", "n5", NULL), "OK");
    become(&g, 5);
    EXPECT(ask(&g, XS_WATCH, 0, "data", "rel", NULL), "OK");
    EXPECT_EVENT(&g, "data", "rel");
    EXPECT(xwrite(&d0, 0, "/local/domain/5/data/k", "1"), "OK");
    EXPECT_EVENT(&g, "data/k", "rel");
    EXPECT(ask(&g, XS_WATCH, 0, "/w", "hidden", NULL), "OK");
    EXPECT_EVENT(&g, "/w", "hidden");
    EXPECT(xwrite(&d0, 0, "/w/private", "1"), "OK");
    EXPECT_NO_EVENT(&g);
    /* Losing access to a node is still heard of (old permissions). */
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/w/private", "n0", "r5", NULL), "OK");
    EXPECT_EVENT(&g, "/w/private", "hidden");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/w/private", "n0", NULL), "OK");
    EXPECT_EVENT(&g, "/w/private", "hidden");
    EXPECT(xwrite(&d0, 0, "/w/private", "2"), "OK");
    EXPECT_NO_EVENT(&g);
    EXPECT(ask(&d0, XS_RM, 0, "/w", NULL), "OK");
    EXPECT(ask(&d0, XS_RM, 0, "/local/domain/5", NULL), "OK");
    cli_close(&g);
    cli_close(&w);
    cli_close(&d0);
}

static void t_domain_path_control(void)
{
    struct cli c;

    cli_open(&c);
    EXPECT(ask(&c, XS_GET_DOMAIN_PATH, 0, "3", NULL), "/local/domain/3");
    /* Xen reads domain ids with atoi(): garbage is 0, digits lead. */
    EXPECT(ask(&c, XS_GET_DOMAIN_PATH, 0, "abc", NULL), "/local/domain/0");
    EXPECT(ask(&c, XS_GET_DOMAIN_PATH, 0, "", NULL), "/local/domain/0");
    EXPECT(ask(&c, XS_GET_DOMAIN_PATH, 0, "12abc", NULL), "/local/domain/12");
    EXPECT(ask(&c, XS_GET_DOMAIN_PATH, 0, "-1", NULL),
           "/local/domain/4294967295");
    EXPECT(raw(&c, XS_GET_DOMAIN_PATH, "3", 1), "EINVAL");  /* no NUL */
    EXPECT(ask(&c, XS_IS_DOMAIN_INTRODUCED, 0, "32752", NULL), "T");
    EXPECT(ask(&c, XS_CONTROL, 0, "print", "hello from the test", NULL),
           "OK");
    EXPECT(ask(&c, XS_CONTROL, 0, "no-such-command", NULL), "EINVAL");
    EXPECT(ask(&c, XS_CONTROL, 0, "test-set-domid", "0", NULL), "EINVAL");
    cli_close(&c);
}

static void t_quotas(void)
{
    struct cli d0, g;
    char path[64], big[Q_ENTRY + 2];
    unsigned int i, made = 0;
    const char *res = "";

    cli_open(&d0);
    cli_open(&g);
    EXPECT(ask(&d0, XS_MKDIR, 0, "/local/domain/9", NULL), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/local/domain/9", "n9", NULL), "OK");
    become(&g, 9);
    for (i = 0; i < Q_NODES + 5; i++) {
        snprintf(path, sizeof(path), "n%u", i);
        res = ask(&g, XS_MKDIR, 0, path, NULL);
        if (strcmp(res, "OK"))
            break;
        made++;
    }
    /* /local/domain/9 itself is dom9's too. */
    CHECK(made == Q_NODES - 1 && !strcmp(res, "ENOSPC"),
          "nodes: made %u, then %s", made, res);
    EXPECT(ask(&g, XS_RM, 0, "n0", NULL), "OK");
    EXPECT(ask(&g, XS_MKDIR, 0, "again", NULL), "OK");    /* freed one */
    EXPECT(ask(&g, XS_MKDIR, 0, "again2", NULL), "ENOSPC");
    /*
     * Entry size is Xen's record size: 24 bytes of header, 8 per
     * permission entry, the value, the children's names.
     */
    memset(big, 'v', sizeof(big));
    big[Q_ENTRY + 1] = 0;
    EXPECT(xwrite(&g, 0, "n1", big), "ENOSPC");
    big[Q_ENTRY] = 0;
    EXPECT(xwrite(&g, 0, "n1", big), "ENOSPC");
    big[Q_ENTRY - 24 - 8] = 0;
    EXPECT(xwrite(&g, 0, "n1", big), "ENOSPC");
    big[Q_ENTRY - 24 - 8 - 1] = 0;
    EXPECT(xwrite(&g, 0, "n1", big), "OK");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "n1", "n9", "r1", NULL), "ENOSPC");
    big[Q_ENTRY] = 'v';
    EXPECT(xwrite(&d0, 0, "/big", big), "OK");  /* dom0 is not limited */
    /* Xen counts before adding: one more than the quota fits. */
    for (i = 0; i < Q_WATCHES + 1; i++) {
        snprintf(path, sizeof(path), "t%u", i);
        EXPECT(ask(&g, XS_WATCH, 0, "n1", path, NULL), "OK");
    }
    EXPECT(ask(&g, XS_WATCH, 0, "n1", "one-too-many", NULL), "E2BIG");
    for (i = 0; i < Q_TRANSACTIONS + 1; i++)
        CHECK(strtoul(ask(&g, XS_TRANSACTION_START, 0, "", NULL), NULL, 10),
              "transaction %u refused", i);
    EXPECT(ask(&g, XS_TRANSACTION_START, 0, "", NULL), "ENOSPC");
    /* Entries per node: only unprivileged callers are held to it. */
    EXPECT(ask(&g, XS_SET_PERMS, 0, "n2", "n9", "r1", "r2", "r3", "r4",
               "r5", NULL), "ENOSPC");
    EXPECT(ask(&g, XS_SET_PERMS, 0, "n2", "n9", "r1", "r2", "r3", "r4",
               NULL), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/big", "n0", "r1", "r2", "r3", "r4",
               "r5", NULL), "OK");
    EXPECT(ask(&d0, XS_RM, 0, "/local/domain/9", NULL), "OK");
    EXPECT(ask(&d0, XS_RM, 0, "/big", NULL), "OK");
    cli_close(&g);
    cli_close(&d0);
}

/* Did the daemon close the connection (EOF, not merely silence)? */
static int hung_up(struct cli *c)
{
    struct pollfd p = { .fd = c->fd, .events = POLLIN };
    char b;

    return poll(&p, 1, 3000) == 1 && read(c->fd, &b, 1) <= 0;
}

static void t_malformed(void)
{
    struct cli c, c2;
    struct xsd_sockmsg h;
    struct reply r;
    unsigned int i, n;
    char junk[XENSTORE_PAYLOAD_MAX];
    pid_t child;
    long sent;

    cli_open(&c);
    EXPECT(raw(&c, XS_READ, "/x", 2), "EINVAL");          /* no NUL */
    EXPECT(raw(&c, XS_READ, "", 0), "EINVAL");
    EXPECT(raw(&c, XS_READ, "/a\0/b", 6), "EINVAL");      /* two strings */
    EXPECT(raw(&c, XS_WRITE, "/nonul", 6), "EINVAL");
    EXPECT(raw(&c, XS_WATCH, "/a\0tok", 6), "EINVAL");
    EXPECT(raw(&c, XS_TRANSACTION_START, "", 0), "EINVAL");
    /* Types Xen's daemon does not handle: ENOSYS, as there. */
    EXPECT(raw(&c, 99, "", 0), "ENOSYS");
    EXPECT(raw(&c, XS_WATCH_EVENT, "/a\0t", 5), "ENOSYS");
    EXPECT(raw(&c, XS_ERROR, "EINVAL", 7), "ENOSYS");
    EXPECT(raw(&c, 20, "", 0), "ENOSYS");                 /* unused type */
    EXPECT(raw(&c, XS_INVALID, "", 0), "ENOSYS");
    EXPECT(raw(&c, XS_RESUME, "1", 2), "ENOENT");        /* not introduced */
    EXPECT(raw(&c, XS_RESUME, "0", 2), "EINVAL");
    EXPECT(raw(&c, XS_READ, "/x", 3) , "ENOENT");
    /* An unknown transaction id, except where Xen ignores it. */
    {
        struct reply rr;

        request(&c, XS_GET_DOMAIN_PATH, 4242, "1", 2, &rr);
        EXPECT(rr.data, "ENOENT");
        request(&c, XS_WATCH, 4242, "/q\0t", 5, &rr);
        EXPECT(rr.data, "OK");
    }
    request(&c, 99, 0, "", 0, &r);
    CHECK(r.type == XS_ERROR, "unknown type answered with type %u", r.type);
    /* A full-size payload is fine; a larger one drops the connection. */
    memset(junk, 'a', sizeof(junk));
    junk[0] = '/';
    junk[sizeof(junk) - 1] = 0;
    EXPECT(raw(&c, XS_READ, junk, sizeof(junk)), "EINVAL");
    send_raw(&c, XS_READ, 77, 0, NULL, 0);
    /* Both writes may fail once the daemon hangs up: that is expected. */
    h = (struct xsd_sockmsg){ XS_READ, 78, 0, 2 * XENSTORE_PAYLOAD_MAX };
    sent = write(c.fd, &h, sizeof(h));
    sent += write(c.fd, junk, sizeof(junk));
    sent += write(c.fd, junk, sizeof(junk));
    (void)sent;
    CHECK(recv_msg(&c, &h, &r, 3000) == 0 && h.req_id == 77,
          "reply before the bad header");
    CHECK(hung_up(&c), "connection not dropped after a too long header");
    cli_close(&c);
    /* Half a header, then gone. */
    cli_open(&c);
    CHECK(write(c.fd, "\x02\0\0", 3) == 3, "write");
    cli_close(&c);

    /* Random messages: answered or dropped, never a dead daemon. */
    srand(12345);
    for (n = 0; n < 300; n++) {
        uint32_t len = rand() % 64;

        cli_open(&c);
        for (i = 0; i < len; i++)
            junk[i] = "/a\0b@T F0123"[rand() % 12];
        send_raw(&c, rand() % (XS_TYPE_COUNT + 2), n, rand() % 3, junk, len);
        recv_msg(&c, &h, &r, 3000);
        cli_close(&c);
    }

    /*
     * A flood of requests whose replies nobody reads yet: the daemon stops
     * reading that connection (so the writer blocks, hence the child) and
     * still serves others; then every reply arrives, in order.
     */
    cli_open(&c);
    child = fork();
    if (child == 0) {
        for (n = 0; n < 2000; n++)
            send_raw(&c, XS_GET_DOMAIN_PATH, n, 0, "1", 2);
        _exit(0);
    }
    usleep(200000);
    cli_open(&c2);
    EXPECT(ask(&c2, XS_GET_DOMAIN_PATH, 0, "4", NULL), "/local/domain/4");
    for (n = 0; n < 2000; n++) {
        if (recv_msg(&c, &h, &r, 3000) || h.req_id != n ||
            strcmp(r.data, "/local/domain/1"))
            break;
    }
    CHECK(n == 2000, "flood: %u of 2000 replies in order", n);
    waitpid(child, NULL, 0);
    cli_close(&c);
    EXPECT(ask(&c2, XS_WRITE, 0, "/alive", NULL), "OK");
    EXPECT(ask(&c2, XS_READ, 0, "/alive", NULL), "");
    EXPECT(ask(&c2, XS_RM, 0, "/alive", NULL), "OK");
    cli_close(&c2);
}

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
    { "read_write", t_read_write },
    { "mkdir_rm_directory", t_mkdir_rm_directory },
    { "directory_part", t_directory_part },
    { "path_validation", t_path_validation },
    { "permissions", t_permissions },
    { "transactions", t_transactions },
    { "watches", t_watches },
    { "domain_path_control", t_domain_path_control },
    { "quotas", t_quotas },
    { "malformed", t_malformed },
    { "ring_messages", t_ring_messages },
    { "ring_release_reintroduce", t_ring_release_reintroduce },
    { "ring_wrap", t_ring_wrap },
    { "ring_full_response", t_ring_full_response },
    { "ring_hostile", t_ring_hostile },
    { "ring_stalled_guest", t_ring_stalled_guest },
    { "ring_domain_death", t_ring_domain_death },
    { "ring_set_target", t_ring_set_target },
    { "ring_domain_quotas", t_ring_domain_quotas },
    { "ring_dom0", t_ring_dom0 },
    { "fuzz", t_fuzz },
};

static int wanted(const char *name, int argc, char **argv)
{
    int i;

    if (argc <= 3)
        return 1;
    for (i = 3; i < argc; i++)
        if (!strcmp(argv[i], name))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned int i, passed = 0, failed = 0;

    if (argc == 3 && !strcmp(argv[1], "--prepare-dom0"))
        return prepare_dom0_ring(argv[2]);
    if (argc < 3) {
        fprintf(stderr, "usage: %s SOCKET FAKEDIR [CASE...]\n", argv[0]);
        return 2;
    }
    sock_path = argv[1];
    fake_dir = argv[2];
    signal(SIGPIPE, SIG_IGN);   /* the malformed case expects hang-ups */
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (!wanted(cases[i].name, argc, argv))
            continue;
        why[0] = 0;
        cases[i].fn();
        if (why[0]) {
            printf("FAIL: xenstored %s: %s\n", cases[i].name, why);
            failed++;
        } else {
            printf("PASS: xenstored %s\n", cases[i].name);
            passed++;
        }
        fflush(stdout);
    }
    return failed ? 1 : 0;
}

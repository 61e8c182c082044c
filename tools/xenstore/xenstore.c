/* SPDX-License-Identifier: MIT */
/*
 * xenstore: a small command-line client over xt/store.h, for scripts
 * and tests in dom0.
 *   xenstore read PATH | write PATH VALUE | mkdir PATH | rm PATH
 *   xenstore ls PATH | perms PATH | setperms PATH PERM...
 *   xenstore dump PATH      (the subtree, values and permissions)
 *   xenstore watch PATH N     (print the first N events, then exit)
 *   xenstore tx-write PATH VALUE   (write inside a transaction)
 * Exit status 0 on success, 1 with a message on any failure, 2 on usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xt/store.h>

static int fail(const char *what, const char *path, int err)
{
    fprintf(stderr, "xenstore: %s %s: %s\n", what, path, strerror(err));
    return 1;
}

static int do_read(struct xt_store *xs, char **a)
{
    char *v = xt_store_read(xs, XT_TX_NONE, a[0], NULL);

    if (!v)
        return fail("read", a[0], errno);
    printf("%s\n", v);
    free(v);
    return 0;
}

static int do_write(struct xt_store *xs, char **a)
{
    int r = xt_store_write(xs, XT_TX_NONE, a[0], a[1],
                           (unsigned int)strlen(a[1]));

    return r < 0 ? fail("write", a[0], -r) : 0;
}

static int do_mkdir(struct xt_store *xs, char **a)
{
    int r = xt_store_mkdir(xs, XT_TX_NONE, a[0]);

    return r < 0 ? fail("mkdir", a[0], -r) : 0;
}

static int do_rm(struct xt_store *xs, char **a)
{
    int r = xt_store_rm(xs, XT_TX_NONE, a[0]);

    return r < 0 ? fail("rm", a[0], -r) : 0;
}

static int do_ls(struct xt_store *xs, char **a)
{
    unsigned int n, i;
    char **v = xt_store_directory(xs, XT_TX_NONE, a[0], &n);

    if (!v)
        return fail("ls", a[0], errno);
    for (i = 0; i < n; i++)
        printf("%s\n", v[i]);
    free(v);
    return 0;
}

static int do_perms(struct xt_store *xs, char **a)
{
    unsigned int n, i;
    struct xt_store_perm *p = xt_store_get_perms(xs, XT_TX_NONE, a[0], &n);

    if (!p)
        return fail("perms", a[0], errno);
    for (i = 0; i < n; i++)
        printf("%c%u%c", p[i].perm, p[i].domid, i + 1 < n ? ' ' : '\n');
    free(p);
    return 0;
}

/* Every node under path, depth first: path = "value" [perms].  Values
 * are shown as far as they are printable.  For comparing trees. */
static void dump_node(struct xt_store *xs, const char *path, int depth)
{
    unsigned int n, i, len = 0;
    struct xt_store_perm *p = xt_store_get_perms(xs, XT_TX_NONE, path, &n);
    char *v = xt_store_read(xs, XT_TX_NONE, path, &len);
    char **kids;

    printf("%s = \"", path);
    for (i = 0; v && i < len; i++)
        putchar(v[i] >= 0x20 && v[i] < 0x7f ? v[i] : '?');
    printf("\" [");
    for (i = 0; p && i < n; i++)
        printf("%c%u%s", p[i].perm, p[i].domid, i + 1 < n ? " " : "");
    printf("]\n");
    free(v);
    free(p);
    kids = depth < 64 ? xt_store_directory(xs, XT_TX_NONE, path, &n) : NULL;
    for (i = 0; kids && i < n; i++) {
        size_t l = strlen(path) + strlen(kids[i]) + 2;
        char *child = malloc(l);

        if (!child)
            break;
        snprintf(child, l, "%s%s%s", path, strcmp(path, "/") ? "/" : "",
                 kids[i]);
        dump_node(xs, child, depth + 1);
        free(child);
    }
    free(kids);
}

static int do_dump(struct xt_store *xs, char **a)
{
    dump_node(xs, a[0], 0);
    return 0;
}

static int do_watch(struct xt_store *xs, char **a)
{
    long n = strtol(a[1], NULL, 10);
    char *path, *token;
    int r = xt_store_watch(xs, a[0], "xenstore-cli");

    if (r < 0)
        return fail("watch", a[0], -r);
    for (; n > 0; n--) {
        r = xt_store_read_watch(xs, &path, &token);
        if (r < 0)
            return fail("watch", a[0], -r);
        printf("%s %s\n", path, token);
        fflush(stdout);
        free(path);
    }
    return 0;
}

/* One write in a transaction, retried while it conflicts. */
static int do_tx_write(struct xt_store *xs, char **a)
{
    uint32_t tx;
    int r;

    do {
        r = xt_store_transaction_start(xs, &tx);
        if (r < 0)
            return fail("transaction_start", a[0], -r);
        r = xt_store_write(xs, tx, a[0], a[1], (unsigned int)strlen(a[1]));
        if (r < 0) {
            xt_store_transaction_end(xs, tx, 1);
            return fail("write", a[0], -r);
        }
        r = xt_store_transaction_end(xs, tx, 0);
    } while (r == -EAGAIN);
    return r < 0 ? fail("transaction_end", a[0], -r) : 0;
}

static int parse_perms(char **a, int n, struct xt_store_perm *p)
{
    char *end;
    int i;

    for (i = 0; i < n; i++) {
        p[i].perm = a[i][0];
        p[i].domid = (uint32_t)strtoul(a[i] + (a[i][0] != '\0'), &end, 10);
        if (!a[i][0] || !strchr("nrwb", a[i][0]) || end == a[i] + 1 || *end)
            return -1;
    }
    return 0;
}

static int do_setperms(struct xt_store *xs, char **a, int n)
{
    struct xt_store_perm p[16];
    int r;

    if (n < 1 || n > 16 || parse_perms(a + 1, n, p) < 0) {
        fprintf(stderr, "xenstore: setperms: permissions look like b0 r1\n");
        return 2;
    }
    r = xt_store_set_perms(xs, XT_TX_NONE, a[0], p, (unsigned int)n);
    return r < 0 ? fail("setperms", a[0], -r) : 0;
}

static const struct {
    const char *name;
    int nargs;
    int (*fn)(struct xt_store *xs, char **args);
} cmds[] = {
    { "read", 1, do_read }, { "write", 2, do_write },
    { "mkdir", 1, do_mkdir }, { "rm", 1, do_rm }, { "ls", 1, do_ls },
    { "perms", 1, do_perms }, { "watch", 2, do_watch },
    { "tx-write", 2, do_tx_write }, { "dump", 1, do_dump },
};

int main(int argc, char **argv)
{
    struct xt_store *xs;
    unsigned int i;

    if (argc < 3) {
        fprintf(stderr, "usage: xenstore read|write|mkdir|rm|ls|perms|"
                "setperms|watch|tx-write|dump PATH [ARGS]\n");
        return 2;
    }
    xs = xt_store_open();
    if (!xs) {
        fprintf(stderr, "xenstore: cannot connect to xenstored: %s\n",
                strerror(errno));
        return 1;
    }
    if (!strcmp(argv[1], "setperms"))
        return do_setperms(xs, argv + 2, argc - 3);
    for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        if (strcmp(argv[1], cmds[i].name))
            continue;
        if (argc - 2 != cmds[i].nargs) {
            fprintf(stderr, "xenstore %s: wrong number of arguments\n",
                    argv[1]);
            return 2;
        }
        return cmds[i].fn(xs, argv + 2);
    }
    fprintf(stderr, "xenstore: unknown command '%s'\n", argv[1]);
    return 2;
}

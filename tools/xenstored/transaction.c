/* SPDX-License-Identifier: MIT */
/*
 * Transactions.  A transaction works on a private copy of the tree taken
 * at TRANSACTION_START and remembers the generation of every node it
 * touched (0 for a node that did not exist).  A commit fails with EAGAIN
 * when any of those nodes changed in the main tree meanwhile; otherwise
 * the logged changes are replayed on a copy of the main tree, which then
 * replaces it, so a commit applies entirely or not at all.
 */
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

struct access {
    char *path;
    uint64_t gen;
};
struct logged_op {
    enum tx_op op;
    char *path;
    char *data;
    size_t len;
};
struct tx {
    struct tx *next;
    uint32_t id;
    struct tree *tree;
    struct access *acc;
    unsigned int nacc, cacc;
    struct logged_op *ops;
    unsigned int nops, cops;
};

static uint32_t next_id = 1;

struct tx *tx_start(struct conn *c, uint32_t *id)
{
    struct tx *t = xs_alloc(sizeof(*t));

    /* Ids are global and never 0, which means "no transaction". */
    if (!next_id)
        next_id = 1;
    t->id = *id = next_id++;
    t->tree = tree_copy(main_tree);
    t->next = c->txs;
    c->txs = t;
    c->ntxs++;
    return t;
}

/* Open transactions of an unprivileged domain over all its connections. */
unsigned int domain_transactions(unsigned int domid)
{
    const struct conn *c;
    unsigned int n = 0;

    for (c = conns; c; c = c->next)
        if (c->domid == domid && !c->privileged)
            n += c->ntxs;
    return n;
}

struct tx *tx_find(struct conn *c, uint32_t id)
{
    struct tx *t;

    for (t = c->txs; t; t = t->next)
        if (t->id == id)
            return t;
    return NULL;
}

struct tree *tx_tree(struct tx *t)
{
    return t->tree;
}

static void *grow(void *arr, unsigned int *cap, unsigned int n, size_t sz)
{
    void *bigger;

    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 8;
    bigger = xs_alloc(*cap * sz);
    if (n)
        memcpy(bigger, arr, n * sz);
    free(arr);
    return bigger;
}

/* The first access counts: later ones see the transaction's own edits. */
void tx_note(struct tx *t, const char *path)
{
    struct node *n;
    unsigned int i;

    for (i = 0; i < t->nacc; i++)
        if (!strcmp(t->acc[i].path, path))
            return;
    t->acc = grow(t->acc, &t->cacc, t->nacc, sizeof(*t->acc));
    n = tree_lookup(t->tree, path);
    t->acc[t->nacc].path = xs_strdup(path);
    t->acc[t->nacc].gen = n ? n->gen : 0;
    t->nacc++;
}

void tx_log(struct tx *t, enum tx_op op, const char *path, const char *data,
            size_t len)
{
    struct logged_op *o;

    t->ops = grow(t->ops, &t->cops, t->nops, sizeof(*t->ops));
    o = &t->ops[t->nops++];
    o->op = op;
    o->path = xs_strdup(path);
    o->data = xs_alloc(len + 1);
    if (len)
        memcpy(o->data, data, len);
    o->len = len;
}

static bool conflicted(const struct tx *t)
{
    unsigned int i;

    for (i = 0; i < t->nacc; i++) {
        struct node *n = tree_lookup(main_tree, t->acc[i].path);

        if ((n ? n->gen : 0) != t->acc[i].gen)
            return true;
    }
    return false;
}

static int replay_one(struct opctx *o, const struct logged_op *l)
{
    struct perms p;
    int err;

    switch (l->op) {
    case TXOP_WRITE: return op_write(o, l->path, l->data, l->len);
    case TXOP_MKDIR: return op_mkdir(o, l->path);
    case TXOP_RM: return op_rm(o, l->path);
    case TXOP_SET_PERMS:
        err = perms_parse(&p, l->data, l->len, count_strings(l->data, l->len));
        if (!err)
            err = op_set_perms(o, l->path, &p);
        perms_free(&p);
        return err;
    }
    return XEN_EINVAL;
}

static int commit(struct conn *c, struct tx *t)
{
    struct events ev = { NULL };
    struct opctx o = { .domid = c->domid, .target = c->target,
                       .privileged = c->privileged,
                       .events = &ev };
    unsigned int i;

    if (conflicted(t))
        return XEN_EAGAIN;
    o.tree = tree_copy(main_tree);
    for (i = 0; i < t->nops; i++) {
        if (replay_one(&o, &t->ops[i])) {
            tree_free(o.tree);
            events_discard(&ev);
            return XEN_EAGAIN;
        }
    }
    tree_free(main_tree);
    main_tree = o.tree;
    events_deliver(&ev);
    return 0;
}

static void tx_free(struct tx *t)
{
    unsigned int i;

    for (i = 0; i < t->nacc; i++)
        free(t->acc[i].path);
    for (i = 0; i < t->nops; i++) {
        free(t->ops[i].path);
        free(t->ops[i].data);
    }
    free(t->acc);
    free(t->ops);
    tree_free(t->tree);
    free(t);
}

static void unlink_tx(struct conn *c, struct tx *t)
{
    struct tx **link = &c->txs;

    while (*link != t)
        link = &(*link)->next;
    *link = t->next;
    c->ntxs--;
}

/* The transaction ends either way, as in Xen: EAGAIN means start over. */
int tx_end(struct conn *c, struct tx *t, bool do_commit)
{
    int err = do_commit ? commit(c, t) : 0;

    unlink_tx(c, t);
    tx_free(t);
    return err;
}

void tx_free_all(struct conn *c)
{
    while (c->txs)
        tx_end(c, c->txs, false);
}

/* SPDX-License-Identifier: MIT */
/*
 * The node tree: every node has a name, a value, a permission list and
 * children kept in creation order.  Paths are absolute ("/a/b").  The
 * tree counts nodes per owner so the node quota costs no walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

struct tree *main_tree;
uint64_t tree_generation;

/* Absolute, no empty component, no trailing '/', Xen's character set. */
bool path_valid(const char *path)
{
    size_t i, len = strlen(path);

    if (path[0] != '/' || len > XENSTORE_ABS_PATH_MAX)
        return false;
    if (len == 1)
        return true;
    if (path[len - 1] == '/')
        return false;
    for (i = 0; i < len; i++) {
        char ch = path[i];

        if (ch == '/' && path[i + 1] == '/')
            return false;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || strchr("-/_@", ch)))
            return false;
    }
    return true;
}

static void count_add(struct tree *t, unsigned int domid, int delta)
{
    unsigned int i;

    for (i = 0; i < t->ncounts; i++)
        if (t->counts[i].domid == domid)
            break;
    if (i == t->ncounts) {
        struct owner_count *c = xs_alloc((i + 1) * sizeof(*c));

        if (i)
            memcpy(c, t->counts, i * sizeof(*c));
        free(t->counts);
        t->counts = c;
        t->ncounts++;
        c[i].domid = domid;
    }
    t->counts[i].count += delta;
}

unsigned int tree_owned(const struct tree *t, unsigned int domid)
{
    unsigned int i;

    for (i = 0; i < t->ncounts; i++)
        if (t->counts[i].domid == domid)
            return t->counts[i].count;
    return 0;
}

static struct node *node_new(const char *name, size_t nlen)
{
    struct node *n = xs_alloc(sizeof(*n));

    n->name = xs_alloc(nlen + 1);
    memcpy(n->name, name, nlen);
    n->value = xs_alloc(1);
    n->gen = ++tree_generation;
    return n;
}

struct tree *tree_new(void)
{
    struct tree *t = xs_alloc(sizeof(*t));

    t->root = node_new("", 0);
    t->root->perms.n = 1;
    t->root->perms.e = xs_alloc(sizeof(struct perm));   /* n0: dom0 only */
    count_add(t, DOM0, 1);
    return t;
}

static struct node *node_copy(const struct node *src, struct node *parent)
{
    struct node *n = xs_alloc(sizeof(*n)), **link = &n->child;
    const struct node *c;

    *n = *src;
    n->parent = parent;
    n->next = n->child = NULL;
    n->name = xs_strdup(src->name);
    n->value = xs_alloc(src->vlen + 1);
    memcpy(n->value, src->value, src->vlen);
    perms_copy(&n->perms, &src->perms);
    for (c = src->child; c; c = c->next) {
        *link = node_copy(c, n);
        link = &(*link)->next;
    }
    return n;
}

/* A full copy keeps generations: a transaction compares against them. */
struct tree *tree_copy(const struct tree *src)
{
    struct tree *t = xs_alloc(sizeof(*t));

    t->root = node_copy(src->root, NULL);
    t->ncounts = src->ncounts;
    t->counts = xs_alloc(src->ncounts * sizeof(*t->counts));
    memcpy(t->counts, src->counts, src->ncounts * sizeof(*t->counts));
    return t;
}

static void node_free(struct node *n)
{
    while (n->child) {
        struct node *c = n->child;

        n->child = c->next;
        node_free(c);
    }
    free(n->name);
    free(n->value);
    perms_free(&n->perms);
    free(n);
}

void tree_free(struct tree *t)
{
    if (!t)
        return;
    node_free(t->root);
    free(t->counts);
    free(t);
}

static struct node *find_child(struct node *n, const char *name, size_t len)
{
    struct node *c;

    for (c = n->child; c; c = c->next)
        if (strlen(c->name) == len && !memcmp(c->name, name, len))
            return c;
    return NULL;
}

/* Deepest existing node on the way to 'path' (the root at least). */
struct node *tree_nearest(struct tree *t, const char *path)
{
    struct node *n = t->root, *c;
    const char *p = path;

    while (*p == '/' && p[1]) {
        const char *name = p + 1, *end = strchr(name, '/');
        size_t len = end ? (size_t)(end - name) : strlen(name);

        c = find_child(n, name, len);
        if (!c)
            break;
        n = c;
        p = name + len;
    }
    return n;
}

struct node *tree_lookup(struct tree *t, const char *path)
{
    struct node *n = tree_nearest(t, path);
    char buf[XENSTORE_ABS_PATH_MAX + 2];

    node_path(n, buf, sizeof(buf));
    return strcmp(buf, path) ? NULL : n;
}

static unsigned int missing_components(struct tree *t, const char *path,
                                       struct node **nearest)
{
    char buf[XENSTORE_ABS_PATH_MAX + 2];
    size_t have;
    unsigned int k = 0;
    const char *p;

    *nearest = tree_nearest(t, path);
    have = node_path(*nearest, buf, sizeof(buf));
    for (p = path + (have > 1 ? have : 0); *p; p++)
        k += (*p == '/');
    return k;
}

/*
 * A new node takes its parent's permissions; an unprivileged creator
 * becomes the owner, as Xen does, so a guest owns what it makes.
 */
static void inherit_perms(struct node *n, const struct node *parent,
                          unsigned int owner, bool privileged)
{
    unsigned int i, j;

    perms_copy(&n->perms, &parent->perms);
    if (privileged)
        return;
    n->perms.e[0].domid = owner;
    for (i = j = 1; i < n->perms.n; i++)
        if (n->perms.e[i].domid != owner)
            n->perms.e[j++] = n->perms.e[i];
    n->perms.n = j;
}

static void link_child(struct node *parent, struct node *c)
{
    struct node **link = &parent->child;

    while (*link)
        link = &(*link)->next;
    *link = c;
    c->parent = parent;
    parent->gen = ++tree_generation;
}

/*
 * The size of a node as Xen's daemon stores it, which is what its
 * entry-size quota limits: a 24-byte header, 8 bytes per permission
 * entry, the value, and the children's names with their NULs.
 */
bool record_fits(unsigned int nperms, size_t vlen, size_t childlen)
{
    return 24 + 8 * (size_t)nperms + vlen + childlen < quota.entry_size;
}

/* Entries a node made by unprivileged 'owner' under 'parent' gets. */
static unsigned int inherited_count(const struct node *parent,
                                    unsigned int owner)
{
    unsigned int i, n = 1;

    for (i = 1; i < parent->perms.n; i++)
        n += parent->perms.e[i].domid != owner;
    return n;
}

/*
 * Would every node written by creating 'p' (the rest of the path below
 * 'near') fit: 'near' gains a child name, each new node but the last
 * has one child, the last has the value?
 */
static bool creation_fits(const struct node *near, const char *p,
                          unsigned int owner, size_t vlen)
{
    unsigned int np = inherited_count(near, owner);
    size_t kids = node_children(near, NULL, 0);
    unsigned int nperms = near->perms.n;
    size_t value = near->vlen;

    while (*p == '/' && p[1]) {
        const char *name = p + 1, *end = strchr(name, '/');
        size_t len = end ? (size_t)(end - name) : strlen(name);

        if (!record_fits(nperms, value, kids + len + 1))
            return false;
        nperms = np;
        value = kids = 0;
        p = name + len;
    }
    return record_fits(np, vlen, 0);
}

/* Create 'path' and any missing ancestors; the caller checked access. */
int tree_create(struct tree *t, const char *path, unsigned int owner,
                bool privileged, size_t vlen, struct node **out)
{
    struct node *n;
    unsigned int k = missing_components(t, path, &n);
    char buf[XENSTORE_ABS_PATH_MAX + 2];
    const char *p = path + node_path(n, buf, sizeof(buf));

    if (n == t->root)
        p = path;
    if (!privileged && tree_owned(t, owner) + k > quota.nodes)
        return XEN_ENOSPC;
    if (!privileged && !creation_fits(n, p, owner, vlen))
        return XEN_ENOSPC;
    while (*p == '/' && p[1]) {
        const char *name = p + 1, *end = strchr(name, '/');
        size_t len = end ? (size_t)(end - name) : strlen(name);
        struct node *c = node_new(name, len);

        inherit_perms(c, n, owner, privileged);
        count_add(t, c->perms.e[0].domid, 1);
        link_child(n, c);
        n = c;
        p = name + len;
    }
    *out = n;
    return 0;
}

int tree_set_value(struct tree *t, struct node *n, const char *v,
                   unsigned int len)
{
    char *copy = xs_alloc(len + 1);

    (void)t;
    memcpy(copy, v, len);
    free(n->value);
    n->value = copy;
    n->vlen = len;
    n->gen = ++tree_generation;
    return 0;
}

static void uncount(struct tree *t, const struct node *n)
{
    const struct node *c;

    count_add(t, n->perms.e[0].domid, -1);
    for (c = n->child; c; c = c->next)
        uncount(t, c);
}

/* Unlink and free 'n' with its subtree; never the root. */
void tree_remove(struct tree *t, struct node *n)
{
    struct node **link = &n->parent->child;

    while (*link != n)
        link = &(*link)->next;
    *link = n->next;
    n->parent->gen = ++tree_generation;
    uncount(t, n);
    node_free(n);
}

void tree_set_perms(struct tree *t, struct node *n, const struct perms *p)
{
    count_add(t, n->perms.e[0].domid, -1);
    perms_free(&n->perms);
    perms_copy(&n->perms, p);
    count_add(t, n->perms.e[0].domid, 1);
    n->gen = ++tree_generation;
}

/* Children names, each NUL-terminated; returns the bytes needed. */
size_t node_children(const struct node *n, char *buf, size_t size)
{
    size_t used = 0;
    const struct node *c;

    for (c = n->child; c; c = c->next) {
        size_t l = strlen(c->name) + 1;

        if (used + l <= size)
            memcpy(buf + used, c->name, l);
        used += l;
    }
    return used;
}

/* Full path of 'n' into buf (NUL-terminated); returns its length. */
size_t node_path(const struct node *n, char *buf, size_t size)
{
    size_t len;

    if (!n->parent) {
        snprintf(buf, size, "/");
        return 1;
    }
    len = node_path(n->parent, buf, size);
    if (len == 1)
        len = 0;
    snprintf(buf + len, size > len ? size - len : 0, "/%s", n->name);
    return len + 1 + strlen(n->name);
}

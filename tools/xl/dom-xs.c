/* SPDX-License-Identifier: MIT */
/*
 * A new domain's xenstore tree, laid out with the permissions Xen
 * 4.17's libxl gives it, so Linux's xenbus and xenconsoled find what they
 * expect:
 *   /local/domain/N         owner dom0, the guest may read ("ro")
 *     vm name domid cpu memory device control type... inherit ro
 *     control/shutdown, control/feature-*, control/sysrq, data,
 *     drivers, feature, attr, error, device/suspend/event-channel:
 *                           owned by the guest ("rw"), dom0 reads
 *     console/...          ro (the guest cannot redirect the console)
 *   /vm/<uuid>              ro: uuid name image/... start_time
 *   /libxl/N                dom0 only: type, device
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include "dom.h"
#include "xl.h"

struct tree {
    struct xt_store *xs;
    uint32_t tx;
    int err;                /* the first failure; later calls do nothing */
    struct xt_store_perm ro[2], rw[1], none[1];
};

static void perms_init(struct tree *t, uint32_t domid)
{
    t->ro[0] = (struct xt_store_perm){ 0, 'n' };
    t->ro[1] = (struct xt_store_perm){ domid, 'r' };
    t->rw[0] = (struct xt_store_perm){ domid, 'n' };
    t->none[0] = (struct xt_store_perm){ 0, 'n' };
}

static void put(struct tree *t, const char *value, const char *fmt, ...)
{
    char path[512];
    va_list ap;
    int r;

    if (t->err)
        return;
    va_start(ap, fmt);
    vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    r = xt_store_write(t->xs, t->tx, path, value, (unsigned int)strlen(value));
    if (r < 0)
        t->err = r;
}

/* An empty node with its own permissions (libxl__xs_mknod). */
static void node(struct tree *t, const struct xt_store_perm *p, unsigned n,
                 const char *fmt, ...)
{
    char path[512];
    va_list ap;
    int r;

    if (t->err)
        return;
    va_start(ap, fmt);
    vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    r = xt_store_write(t->xs, t->tx, path, "", 0);
    if (r >= 0)
        r = xt_store_set_perms(t->xs, t->tx, path, p, n);
    if (r < 0)
        t->err = r;
}

/* Runs fill inside a transaction, again while it conflicts. */
static int in_tx(void (*fill)(struct tree *, const void *, const void *),
                 uint32_t domid, const void *a, const void *b)
{
    struct tree t = { .xs = xl_store() };
    int r, tries;

    if (!t.xs)
        return -ENOTCONN;
    perms_init(&t, domid);
    for (tries = 0; tries < 16; tries++) {
        t.err = 0;
        r = xt_store_transaction_start(t.xs, &t.tx);
        if (r < 0)
            return r;
        fill(&t, a, b);
        r = xt_store_transaction_end(t.xs, t.tx, t.err != 0);
        if (t.err)
            return t.err;
        if (r != -EAGAIN)
            return r;
    }
    return -EAGAIN;
}

static void fill_make(struct tree *t, const void *a, const void *b)
{
    const struct xl_domain_config *cfg = a;
    const struct xl_dom_state *st = b;
    static const char *const guest_owned[] = {
        "control/shutdown", "control/feature-poweroff",
        "control/feature-reboot", "control/feature-suspend",
        "control/sysrq", "data", "drivers", "feature", "attr", "error",
        "device/suspend/event-channel",
    };
    uint32_t d = st->domid;
    char vm[64];
    unsigned int i;

    snprintf(vm, sizeof(vm), "/vm/%s", st->uuid);
    xt_store_rm(t->xs, t->tx, vm);
    node(t, t->ro, 2, "/local/domain/%u", d);
    node(t, t->ro, 2, "%s", vm);
    node(t, t->none, 1, "/libxl/%u", d);
    node(t, t->none, 1, "/libxl/%u/device", d);
    put(t, vm, "/local/domain/%u/vm", d);
    put(t, cfg->name, "/local/domain/%u/name", d);
    node(t, t->ro, 2, "/local/domain/%u/cpu", d);
    node(t, t->ro, 2, "/local/domain/%u/memory", d);
    node(t, t->ro, 2, "/local/domain/%u/device", d);
    node(t, t->ro, 2, "/local/domain/%u/control", d);
    for (i = 0; i < sizeof(guest_owned) / sizeof(guest_owned[0]); i++)
        node(t, t->rw, 1, "/local/domain/%u/%s", d, guest_owned[i]);
    put(t, st->uuid, "%s/uuid", vm);
    put(t, cfg->name, "%s/name", vm);
    put(t, "1", "/local/domain/%u/control/"
        "platform-feature-multiprocessor-suspend", d);
    put(t, "1", "/local/domain/%u/control/platform-feature-xs_reset_watches",
        d);
    put(t, cfg->pvh ? "pvh" : "pv", "/libxl/%u/type", d);
}

int xl_xs_make(const struct xl_domain_config *cfg,
               const struct xl_dom_state *st)
{
    return in_tx(fill_make, st->domid, cfg, st);
}

static void fill_vm(struct tree *t, const struct xl_domain_config *cfg,
                    const char *vm)
{
    struct timeval tv;
    char when[48];

    gettimeofday(&tv, NULL);
    snprintf(when, sizeof(when), "%jd.%02d", (intmax_t)tv.tv_sec,
             (int)(tv.tv_usec / 10000));
    put(t, "linux", "%s/image/ostype", vm);
    put(t, cfg->kernel, "%s/image/kernel", vm);
    put(t, when, "%s/start_time", vm);
    if (cfg->initrd[0])
        put(t, cfg->initrd, "%s/image/ramdisk", vm);
    if (cfg->cmdline[0])
        put(t, cfg->cmdline, "%s/image/cmdline", vm);
}

/* The primary console's frontend (libxl__device_console_add): its
 * directory and values read-only to the guest, backend-id its own. */
static void fill_console(struct tree *t, uint32_t d,
                         const struct xl_dom_state *st)
{
    struct xt_store_perm front[2] = { { d, 'n' }, { 0, 'r' } };
    char num[32];

    node(t, t->ro, 2, "/local/domain/%u/console", d);
    put(t, "1048576", "/local/domain/%u/console/limit", d);
    put(t, "xenconsoled", "/local/domain/%u/console/type", d);
    put(t, "pty", "/local/domain/%u/console/output", d);
    put(t, "", "/local/domain/%u/console/tty", d);
    snprintf(num, sizeof(num), "%" PRIu32, st->console_port);
    put(t, num, "/local/domain/%u/console/port", d);
    snprintf(num, sizeof(num), "%" PRIu64, st->console_mfn);
    put(t, num, "/local/domain/%u/console/ring-ref", d);
    node(t, front, 2, "/local/domain/%u/console/backend-id", d);
    put(t, "0", "/local/domain/%u/console/backend-id", d);
}

static void fill_post(struct tree *t, const void *a, const void *b)
{
    const struct xl_domain_config *cfg = a;
    const struct xl_dom_state *st = b;
    uint32_t d = st->domid;
    char num[32], vm[64];
    unsigned int i;

    snprintf(num, sizeof(num), "%" PRIu64, cfg->memory_kib);
    put(t, num, "/local/domain/%u/memory/static-max", d);
    /* libxl subtracts a fudge that is 0 for PV guests. */
    snprintf(num, sizeof(num), "%" PRIu64, cfg->current_memory_kib);
    put(t, num, "/local/domain/%u/memory/target", d);
    put(t, "0", "/local/domain/%u/memory/videoram", d);
    snprintf(num, sizeof(num), "%u", d);
    put(t, num, "/local/domain/%u/domid", d);
    snprintf(num, sizeof(num), "%" PRIu32, st->store_port);
    put(t, num, "/local/domain/%u/store/port", d);
    snprintf(num, sizeof(num), "%" PRIu64, st->store_mfn);
    put(t, num, "/local/domain/%u/store/ring-ref", d);
    for (i = 0; i < cfg->vcpus; i++)
        put(t, "online", "/local/domain/%u/cpu/%u/availability", d, i);
    snprintf(vm, sizeof(vm), "/vm/%s", st->uuid);
    fill_vm(t, cfg, vm);
    fill_console(t, d, st);
}

int xl_xs_post(const struct xl_domain_config *cfg,
               const struct xl_dom_state *st)
{
    int r = in_tx(fill_post, st->domid, cfg, st);

    if (r >= 0)
        r = xt_store_introduce(xl_store(), st->domid, st->store_mfn,
                               st->store_port);
    return r;
}

void xl_xs_remove(uint32_t domid)
{
    struct xt_store *xs = xl_store();
    char path[64], *vm;

    if (!xs)
        return;
    snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
    vm = xt_store_read(xs, XT_TX_NONE, path, NULL);
    /* Only a /vm/<uuid> path: the node is dom0's, but be strict. */
    if (vm && !strncmp(vm, "/vm/", 4) && !strchr(vm + 4, '/') && vm[4])
        xt_store_rm(xs, XT_TX_NONE, vm);
    free(vm);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xt_store_rm(xs, XT_TX_NONE, path);
    snprintf(path, sizeof(path), "/libxl/%u", domid);
    xt_store_rm(xs, XT_TX_NONE, path);
}

/* SPDX-License-Identifier: MIT */
/*
 * The shared-ring transport: a domain's xenstore_domain_interface page.
 * The guest owns req_prod and rsp_cons and may write anything into them
 * (or into any byte of the page) at any time.  So each index is loaded
 * once per call and checked before use, the two indexes the daemon owns
 * (req_cons, rsp_prod) are kept privately and only ever written to the
 * page, and bytes are copied out before anything looks at them (conn.c
 * frames and validates its own copy).  An impossible distance between
 * the indexes is a broken guest: EIO, and the connection is ignored.
 */
#include <errno.h>
#include <string.h>
#include "xenstored.h"
#include "domain_io.h"

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
/* Orders the index read before the data, and the data before the index. */
#define MB() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static long ring_read(struct conn *c, void *buf, size_t len)
{
    struct domain *d = c->dom;
    struct xenstore_domain_interface *intf = d->intf;
    XENSTORE_RING_IDX cons = d->req_cons, prod = LOAD(intf->req_prod);
    uint32_t avail = prod - cons, off = MASK_XENSTORE_IDX(cons), n;

    MB();
    if (avail > XENSTORE_RING_SIZE) {
        errno = EIO;
        return -1;
    }
    n = XENSTORE_RING_SIZE - off;
    if (n > avail)
        n = avail;
    if (n > len)
        n = len;
    if (!n) {
        errno = EAGAIN;
        return -1;
    }
    memcpy(buf, intf->req + off, n);
    MB();
    d->req_cons = cons + n;
    STORE(intf->req_cons, d->req_cons);
    d->kick = true;             /* the guest may wait for room */
    return n;
}

static long ring_write(struct conn *c, const void *buf, size_t len)
{
    struct domain *d = c->dom;
    struct xenstore_domain_interface *intf = d->intf;
    XENSTORE_RING_IDX prod = d->rsp_prod, cons = LOAD(intf->rsp_cons);
    uint32_t used = prod - cons, off = MASK_XENSTORE_IDX(prod), n;

    MB();
    if (used > XENSTORE_RING_SIZE) {
        errno = EIO;
        return -1;
    }
    n = XENSTORE_RING_SIZE - off;
    if (n > XENSTORE_RING_SIZE - used)
        n = XENSTORE_RING_SIZE - used;
    if (n > len)
        n = len;
    if (!n) {
        errno = EAGAIN;         /* full: the rest waits for the next event */
        return -1;
    }
    memcpy(intf->rsp + off, buf, n);
    MB();
    d->rsp_prod = prod + n;
    STORE(intf->rsp_prod, d->rsp_prod);
    d->kick = true;
    return n;
}

/* A ring connection is freed only when its domain goes: both go. */
static void ring_close(struct conn *c)
{
    domain_destroy(c->dom);
}

const struct transport ring_transport = {
    .name = "ring",
    .read = ring_read,
    .write = ring_write,
    .close = ring_close,
};

/* Start (or restart, on a new INTRODUCE) from empty rings. */
void ring_reset(struct domain *d)
{
    struct xenstore_domain_interface *intf = d->intf;

    d->req_cons = d->rsp_prod = 0;
    STORE(intf->req_cons, 0);
    STORE(intf->req_prod, 0);
    STORE(intf->rsp_cons, 0);
    STORE(intf->rsp_prod, 0);
    MB();
}

/* Dom0's kernel may have queued requests already: continue from there. */
void ring_adopt(struct domain *d)
{
    d->req_cons = LOAD(d->intf->req_cons);
    d->rsp_prod = LOAD(d->intf->rsp_prod);
    MB();
}

/* Tell the guest, once, that indexes moved. */
void ring_kick(struct domain *d)
{
    if (d->kick && d->port >= 0)
        dio->notify(d->port);
    d->kick = false;
}

void ring_set_error(struct domain *d, uint32_t err)
{
    STORE(d->intf->error, err);
    MB();
    d->kick = true;
}

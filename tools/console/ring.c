/* SPDX-License-Identifier: MIT */
/*
 * Byte rings of the console page.  The guest may write anything to the
 * page at any moment, so each pass reads the guest's index once, checks
 * the distance to ours against the ring size, and uses only masked slots.
 */
#include <string.h>
#include "console.h"

#define OUT_SIZE sizeof(((struct xencons_interface *)0)->out)
#define IN_SIZE  sizeof(((struct xencons_interface *)0)->in)

/* Start from where the page says we are; later we trust only ourselves. */
void ring_attach(struct ring *r, struct xencons_interface *intf,
                 unsigned int domid)
{
    r->intf = intf;
    r->domid = domid;
    r->out_cons = __atomic_load_n(&intf->out_cons, __ATOMIC_RELAXED);
    r->in_prod = __atomic_load_n(&intf->in_prod, __ATOMIC_RELAXED);
    r->resyncs = 0;
    r->in_bad = false;
}

size_t ring_take_output(struct ring *r, char *buf)
{
    struct xencons_interface *intf = r->intf;
    /* Acquire: the bytes are read only after the index that covers them. */
    XENCONS_RING_IDX prod = __atomic_load_n(&intf->out_prod, __ATOMIC_ACQUIRE);
    XENCONS_RING_IDX avail = prod - r->out_cons;
    size_t n;

    if (avail > OUT_SIZE) {
        /* Which bytes are real is unknowable: skip them all. */
        if (!r->resyncs++)
            cons_msg(0, "dom%u: out_prod %u is %u bytes past out_cons %u, "
                     "more than the ring; skipping (said once)", r->domid,
                     prod, avail, r->out_cons);
        r->out_cons = prod;
        __atomic_store_n(&intf->out_cons, prod, __ATOMIC_RELEASE);
        return 0;
    }
    for (n = 0; n < avail; n++)
        buf[n] = intf->out[MASK_XENCONS_IDX(r->out_cons + n, intf->out)];
    r->out_cons += avail;
    /* Release: our reads of the slots finish before the guest may reuse
     * them. */
    __atomic_store_n(&intf->out_cons, r->out_cons, __ATOMIC_RELEASE);
    return avail;
}

size_t ring_input_space(struct ring *r)
{
    XENCONS_RING_IDX cons = __atomic_load_n(&r->intf->in_cons,
                                            __ATOMIC_ACQUIRE);
    XENCONS_RING_IDX used = r->in_prod - cons;

    if (used > IN_SIZE) {
        /* The guest claims to have read bytes we never wrote: it can fix
         * this itself, and until then it gets no input. */
        if (!r->in_bad)
            cons_msg(0, "dom%u: in_cons %u is impossible for in_prod %u; "
                     "input paused (said once)", r->domid, cons, r->in_prod);
        r->in_bad = true;       /* said once per connection */
        return 0;
    }
    return IN_SIZE - used;
}

size_t ring_put_input(struct ring *r, const char *p, size_t n)
{
    struct xencons_interface *intf = r->intf;
    size_t space = ring_input_space(r), i;

    if (n > space)
        n = space;
    for (i = 0; i < n; i++)
        intf->in[MASK_XENCONS_IDX(r->in_prod + i, intf->in)] = p[i];
    r->in_prod += n;
    /* Release: the bytes are visible before the index that covers them. */
    __atomic_store_n(&intf->in_prod, r->in_prod, __ATOMIC_RELEASE);
    return n;
}

/*
 * The 2-level event ABI: per-port pending and mask bits in shared_info
 * (evtchn_pending[], evtchn_mask[]: 64 words of 64 bits, 4096 ports),
 * a per-vCPU selector (vcpu_info.evtchn_pending_sel, bit w for word w of
 * evtchn_pending) and the per-vCPU evtchn_upcall_pending flag.
 *
 * The guest consumes top-down: it clears evtchn_upcall_pending, swaps
 * the selector for 0, then clears and handles the pending, unmasked bits
 * of each selected word.  So the hypervisor publishes bottom-up: pending
 * bit, then selector bit, then upcall flag, each with a locked
 * read-modify-write (a full barrier on x86), so that every store is
 * visible before the next one is made.  Whatever the guest has already
 * cleared at a level, the level below it was set first, and nothing is
 * lost; a level found already set means the guest has yet to look at it
 * and the notification is already on its way, so nothing more is raised
 * and no upcall is spurious.
 *
 * Interface: the evtchn_abi_2l hook table (event_private.h).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include "event_private.h"

#define BITS_PER_WORD (8 * sizeof(xen_ulong_t))

static unsigned long *pending_words(struct evtchn_domain *ed)
{
    return (unsigned long *)ed->d->shared_info->evtchn_pending;
}

static unsigned long *mask_words(struct evtchn_domain *ed)
{
    return (unsigned long *)ed->d->shared_info->evtchn_mask;
}

/* Set v's selector bit for port's word, and the upcall if it is new. */
static void raise_selector(struct evtchn_domain *ed, struct vcpu *v,
                           unsigned int port)
{
    struct vcpu_info *vi = READ_ONCE(v->vcpu_info);

    /* A vCPU past XEN_LEGACY_MAX_VCPUS without a registered vcpu_info
     * has nowhere to be told; the port stays pending for later. */
    if ( !vi )
        return;
    if ( !evtchn_test_and_set((unsigned long *)&vi->evtchn_pending_sel,
                              port / BITS_PER_WORD) )
        evtchn_mark_vcpu_pending(ed, v);
}

static void l2_set_pending(struct evtchn_domain *ed, struct vcpu *v,
                           unsigned int port, struct evtchn *chn)
{
    unsigned long *pending = pending_words(ed);

    /* Already pending: the guest has not consumed the earlier event, so
     * its selector and upcall are (or were) raised already. */
    if ( evtchn_test_and_set(&pending[port / BITS_PER_WORD],
                             port % BITS_PER_WORD) )
        return;
    /*
     * The mask is read after the pending bit is set (the locked RMW
     * above orders the two).  A guest unmasking concurrently clears the
     * mask and then reads the pending bit: one of the two of us sees
     * the other's store, so the event is raised at least once.
     */
    if ( evtchn_test(&mask_words(ed)[port / BITS_PER_WORD],
                     port % BITS_PER_WORD) )
        return;
    raise_selector(ed, v, port);
}

static void l2_clear_pending(struct evtchn_domain *ed, unsigned int port,
                             struct evtchn *chn)
{
    evtchn_test_and_clear(&pending_words(ed)[port / BITS_PER_WORD],
                          port % BITS_PER_WORD);
}

/*
 * EVTCHNOP_unmask: only a port that this call unmasks, and that is
 * pending, raises the selector: exactly what a send would have done had
 * the port not been masked.  The mask is cleared before pending is read,
 * the mirror image of l2_set_pending().
 */
static void l2_unmask(struct evtchn_domain *ed, unsigned int port,
                      struct evtchn *chn)
{
    struct vcpu *v = evtchn_vcpu_of(ed, chn->notify_vcpu);

    if ( !evtchn_test_and_clear(&mask_words(ed)[port / BITS_PER_WORD],
                                port % BITS_PER_WORD) )
        return;
    if ( !evtchn_test(&pending_words(ed)[port / BITS_PER_WORD],
                      port % BITS_PER_WORD) )
        return;
    if ( v )
        raise_selector(ed, v, port);
}

static bool l2_is_pending(struct evtchn_domain *ed, unsigned int port)
{
    return evtchn_test(&pending_words(ed)[port / BITS_PER_WORD],
                       port % BITS_PER_WORD);
}

static bool l2_is_busy(struct evtchn_domain *ed, unsigned int port)
{
    return false;
}

static void l2_bind(struct evtchn_domain *ed, struct evtchn *chn)
{
}

const struct evtchn_abi evtchn_abi_2l = {
    .name = "2-level",
    .max_ports = EVTCHN_2L_NR_CHANNELS,
    .set_pending = l2_set_pending,
    .clear_pending = l2_clear_pending,
    .unmask = l2_unmask,
    .is_pending = l2_is_pending,
    .is_busy = l2_is_busy,
    .bind = l2_bind,
    .set_priority = NULL,
};

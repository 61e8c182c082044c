/*
 * The FIFO event ABI.
 *
 * Each port has a 32-bit event word in guest pages the guest hands over
 * with EVTCHNOP_expand_array (1024 words a page, up to 128 pages):
 * PENDING, MASKED, LINKED and BUSY bits and a 17-bit link to the next
 * port of a queue.  Each vCPU has a control block in a guest page
 * (EVTCHNOP_init_control) with one HEAD per priority (0 most urgent, 15
 * least) and a READY bitmap of queues the guest should look at.
 *
 * Raising an unmasked port that is not on a queue links it at the tail
 * of its queue (the notify vCPU's queue for the port's priority): the
 * old tail's link field is pointed at it if the tail is still LINKED,
 * else the queue is empty to the guest and HEAD is set instead, and
 * then READY and the upcall are raised.  The guest walks a queue from
 * HEAD, clearing LINKED (and the link) of each word as it takes it.
 * The hypervisor keeps each queue's tail for itself; it never reads the
 * guest's HEAD back.
 *
 * Guest pages: the guest names them by its own frame numbers, and the
 * arch maps them for us (arch_map_guest_frame(), contract in
 * common/vcpu_op.c) with a reference held until they are let go of.
 *
 * Interface: evtchn_abi_fifo and the evtchn_fifo_* functions in
 * event_private.h.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <xen/vcpu.h>
#include "event_private.h"

#define WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define MAX_PAGES       (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)
/* Compare-and-swap attempts on a tail word before we set BUSY, and
 * after it before we give up on a guest that ignores BUSY. */
#define LINK_TRIES      4

#define W_PENDING (1U << EVTCHN_FIFO_PENDING)
#define W_MASKED  (1U << EVTCHN_FIFO_MASKED)
#define W_LINKED  (1U << EVTCHN_FIFO_LINKED)
#define W_BUSY    (1U << EVTCHN_FIFO_BUSY)

struct fifo_vcpu {
    struct evtchn_fifo_control_block *cb;   /* NULL: no init_control yet */
    uint32_t tail[EVTCHN_FIFO_MAX_QUEUES];  /* last port linked, 0: none */
};

struct evtchn_fifo {
    unsigned int nr_pages;
    event_word_t *pages[MAX_PAGES];
    unsigned int nr_vcpus;
    struct fifo_vcpu vcpu[];
};

/* ------------------------------------------------------------------
 * Guest pages
 */

static void *map_guest_frame(struct domain *d, uint64_t gfn)
{
    return arch_map_guest_frame(d, gfn);
}

/* Never under the event locks (interrupts off): the last put frees the
 * page, which flushes every CPU's TLB. */
static void unmap_guest_frame(void *va)
{
    arch_unmap_guest_frame(va);
}

/* ------------------------------------------------------------------
 * Event words
 */

static event_word_t *fifo_word(const struct evtchn_fifo *f, unsigned int port)
{
    unsigned int page = port / WORDS_PER_PAGE;

    if ( page >= READ_ONCE(f->nr_pages) )
        return NULL;
    return &f->pages[page][port % WORDS_PER_PAGE];
}

static bool word_test_and_set(event_word_t *w, event_word_t bit)
{
    return __atomic_fetch_or(w, bit, __ATOMIC_SEQ_CST) & bit;
}

static bool word_test(event_word_t *w, event_word_t bit)
{
    return __atomic_load_n(w, __ATOMIC_SEQ_CST) & bit;
}

static void word_clear(event_word_t *w, event_word_t bit)
{
    __atomic_fetch_and(w, ~bit, __ATOMIC_SEQ_CST);
}

/*
 * Point the tail word's link at port, if the tail is still LINKED (the
 * guest has not taken it off the queue); false if it is not.
 *
 * The guest changes the word under our feet (taking it off the queue,
 * masking, unmasking), so this is a compare-and-swap loop.  If it keeps
 * failing we set BUSY: Linux's unmask only swaps a word without BUSY,
 * so a well-behaved guest stops changing MASKED until we are done, and
 * our successful swap clears BUSY again.  A guest that ignores BUSY
 * cannot keep us here: after LINK_TRIES more attempts we give up and
 * report the link as made, which keeps HEAD intact; only that guest's
 * own event is lost.
 */
static bool link_behind(event_word_t *tail, uint32_t port)
{
    event_word_t w = __atomic_load_n(tail, __ATOMIC_SEQ_CST), n;
    bool busy = false;

    for ( unsigned int tries = 0; tries < 2 * LINK_TRIES; tries++ )
    {
        if ( !(w & W_LINKED) )
        {
            if ( busy )
                word_clear(tail, W_BUSY);
            return false;
        }
        n = (w & ~(EVTCHN_FIFO_LINK_MASK | W_BUSY)) | port;
        if ( __atomic_compare_exchange_n(tail, &w, n, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST) )
            return true;
        if ( tries == LINK_TRIES - 1 )
        {
            w = __atomic_or_fetch(tail, W_BUSY, __ATOMIC_SEQ_CST);
            busy = true;
        }
    }
    word_clear(tail, W_BUSY);
    printk(XENLOG_WARNING "evtchn: port %u not linked: guest keeps changing "
           "its queue's tail\n", port);
    return true;
}

/* Put port (LINKED just set by us) at the tail of its queue on v. */
static void link_event(struct evtchn_domain *ed, struct vcpu *v,
                       unsigned int port, struct evtchn *chn)
{
    struct evtchn_fifo *f = ed->fifo;
    struct fifo_vcpu *fv = &f->vcpu[v->vcpu_id];
    unsigned int q = chn->priority;
    uint32_t *old_tail = &f->vcpu[chn->last_vcpu].tail[chn->last_priority];
    bool linked = false;

    /*
     * The port was not LINKED, so the guest has taken it off the queue
     * it was last on.  If it is still that queue's tail, the queue is
     * empty: forget the tail, or the next event there would be linked
     * behind a word now on another queue (or behind itself).
     */
    if ( *old_tail == port )
        *old_tail = 0;
    chn->last_vcpu = v->vcpu_id;
    chn->last_priority = q;

    if ( fv->tail[q] )
        linked = link_behind(fifo_word(f, fv->tail[q]), port);
    if ( !linked )
        __atomic_store_n(&fv->cb->head[q], port, __ATOMIC_SEQ_CST);
    fv->tail[q] = port;
    /*
     * A queue that was empty is published in READY after HEAD is
     * written (the guest reads HEAD once it sees the bit), and a newly
     * set READY bit raises the upcall.  Linking behind a tail needs
     * neither: the guest has yet to reach the tail and will follow the
     * link.
     */
    if ( !linked && !(__atomic_fetch_or(&fv->cb->ready, 1U << q,
                                        __ATOMIC_SEQ_CST) & (1U << q)) )
        evtchn_mark_vcpu_pending(ed, v);
}

/* ------------------------------------------------------------------
 * ABI hooks
 */

static void fifo_set_pending(struct evtchn_domain *ed, struct vcpu *v,
                             unsigned int port, struct evtchn *chn)
{
    event_word_t *w = fifo_word(ed->fifo, port);

    /* No event word yet: remember, and raise it when its page comes. */
    if ( !w )
    {
        chn->fifo_pending = true;
        return;
    }
    word_test_and_set(w, W_PENDING);
    /*
     * MASKED is read after PENDING is set.  Linux unmasks by clearing
     * MASKED only while PENDING is clear (else it asks EVTCHNOP_unmask),
     * so either it sees our PENDING and asks, or we see MASKED clear.
     */
    if ( word_test(w, W_MASKED) )
        return;
    /* No control block for v: nowhere to queue it; it stays pending. */
    if ( !ed->fifo->vcpu[v->vcpu_id].cb )
        return;
    /* Already on a queue: the guest will get to it. */
    if ( word_test_and_set(w, W_LINKED) )
        return;
    link_event(ed, v, port, chn);
}

static void fifo_clear_pending(struct evtchn_domain *ed, unsigned int port,
                               struct evtchn *chn)
{
    event_word_t *w = fifo_word(ed->fifo, port);

    chn->fifo_pending = false;
    /* A LINKED word stays on its queue; the guest skips it (not
     * pending) and so unlinks it. */
    if ( w )
        word_clear(w, W_PENDING);
}

static void fifo_unmask(struct evtchn_domain *ed, unsigned int port,
                        struct evtchn *chn)
{
    event_word_t *w = fifo_word(ed->fifo, port);
    struct vcpu *v = evtchn_vcpu_of(ed, chn->notify_vcpu);

    if ( !w )
        return;
    word_clear(w, W_MASKED);
    if ( word_test(w, W_PENDING) && v )
        fifo_set_pending(ed, v, port, chn);
}

static bool fifo_is_pending(struct evtchn_domain *ed, unsigned int port)
{
    event_word_t *w = fifo_word(ed->fifo, port);

    return w && word_test(w, W_PENDING);
}

/* A closed port still on a queue cannot be handed out: its word would
 * be linked twice. */
static bool fifo_is_busy(struct evtchn_domain *ed, unsigned int port)
{
    event_word_t *w = fifo_word(ed->fifo, port);

    return w && word_test(w, W_LINKED);
}

static void fifo_bind(struct evtchn_domain *ed, struct evtchn *chn)
{
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
}

static int fifo_set_priority(struct evtchn_domain *ed, struct evtchn *chn,
                             unsigned int priority)
{
    if ( priority > EVTCHN_FIFO_PRIORITY_MIN )
        return -EINVAL;
    /* Takes effect the next time the port is linked. */
    chn->priority = priority;
    return 0;
}

const struct evtchn_abi evtchn_abi_fifo = {
    .name = "FIFO",
    .max_ports = EVTCHN_FIFO_NR_CHANNELS,
    .set_pending = fifo_set_pending,
    .clear_pending = fifo_clear_pending,
    .unmask = fifo_unmask,
    .is_pending = fifo_is_pending,
    .is_busy = fifo_is_busy,
    .bind = fifo_bind,
    .set_priority = fifo_set_priority,
};

/* ------------------------------------------------------------------
 * Switching ABIs
 */

static struct evtchn_fifo *fifo_alloc(const struct domain *d)
{
    struct evtchn_fifo *f = xzalloc_bytes(sizeof(*f) + d->max_vcpus *
                                          sizeof(struct fifo_vcpu));

    if ( f )
        f->nr_vcpus = d->max_vcpus;
    return f;
}

/*
 * With both locks held.  Every port gets the default priority; one
 * pending on the 2-level ABI stays pending, raised once its event word
 * exists (there is none yet).
 */
static void switch_to_fifo(struct evtchn_domain *ed, struct evtchn_fifo *f)
{
    for ( unsigned int port = 1; port < ed->valid_ports; port++ )
    {
        struct evtchn *chn = evtchn_port(ed, port);

        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
        chn->fifo_pending = chn->state != ECS_FREE &&
                            evtchn_abi_2l.is_pending(ed, port);
    }
    ed->fifo = f;
    ed->abi = &evtchn_abi_fifo;
}

/* With both locks held: vCPU's control block at va, FIFO on if it was
 * not.  -EINVAL if the vCPU has one, -EAGAIN if f is needed but NULL. */
static int attach_control_block(struct evtchn_domain *ed, unsigned int vcpu,
                                void *va, struct evtchn_fifo **f)
{
    if ( ed->fifo && ed->fifo->vcpu[vcpu].cb )
        return -EINVAL;
    if ( !ed->fifo )
    {
        if ( !*f )
            return -EAGAIN;
        switch_to_fifo(ed, *f);
        *f = NULL;
    }
    ed->fifo->vcpu[vcpu].cb = va;
    return 0;
}

int evtchn_fifo_init_control(struct evtchn_domain *ed,
                             const struct evtchn_init_control *ic)
{
    struct domain *d = ed->d;
    struct evtchn_fifo *f = NULL;
    unsigned long flags;
    char *page;
    int rc;

    if ( !evtchn_vcpu_of(ed, ic->vcpu) )
        return -ENOENT;
    if ( (ic->offset & 7) ||
         ic->offset > PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) )
        return -EINVAL;
    if ( !(page = map_guest_frame(d, ic->control_gfn)) )
        return -EINVAL;
    do
    {
        /* Allocate outside the locks; a reset meanwhile may need it. */
        if ( !ed->fifo && !f && !(f = fifo_alloc(d)) )
        {
            rc = -ENOMEM;
            break;
        }
        spin_lock_irqsave(&ed->lock, flags);
        spin_lock(&ed->deliver_lock);
        rc = attach_control_block(ed, ic->vcpu, page + ic->offset, &f);
        spin_unlock(&ed->deliver_lock);
        spin_unlock_irqrestore(&ed->lock, flags);
    } while ( rc == -EAGAIN );
    if ( rc )
        unmap_guest_frame(page);
    xfree(f);
    return rc;
}

/* With both locks held: raise what was raised before page n existed. */
static void raise_saved(struct evtchn_domain *ed, unsigned int n)
{
    unsigned int port = n * WORDS_PER_PAGE, end = port + WORDS_PER_PAGE;

    for ( ; port < end && evtchn_port_valid(ed, port); port++ )
    {
        struct evtchn *chn = evtchn_port(ed, port);

        if ( chn->fifo_pending && chn->state != ECS_FREE )
        {
            chn->fifo_pending = false;
            evtchn_raise_locked(ed, port, chn);
        }
    }
}

/* With both locks held. */
static int add_page(struct evtchn_domain *ed, event_word_t *page)
{
    struct evtchn_fifo *f = ed->fifo;
    unsigned int n;

    if ( !f )
        return -EOPNOTSUPP;
    if ( (n = f->nr_pages) == MAX_PAGES )
        return -ENOSPC;
    f->pages[n] = page;
    /* The page is in place before fifo_word() can return words in it. */
    __atomic_store_n(&f->nr_pages, n + 1, __ATOMIC_RELEASE);
    raise_saved(ed, n);
    return 0;
}

int evtchn_fifo_expand_array(struct evtchn_domain *ed, uint64_t gfn)
{
    struct evtchn_fifo *f = READ_ONCE(ed->fifo);
    unsigned long flags;
    void *page;
    int rc;

    /* Cheap answers first (checked again under the locks). */
    if ( !f )
        return -EOPNOTSUPP;
    if ( READ_ONCE(f->nr_pages) == MAX_PAGES )
        return -ENOSPC;
    if ( !(page = map_guest_frame(ed->d, gfn)) )
        return -EINVAL;
    spin_lock_irqsave(&ed->lock, flags);
    spin_lock(&ed->deliver_lock);
    rc = add_page(ed, page);
    spin_unlock(&ed->deliver_lock);
    spin_unlock_irqrestore(&ed->lock, flags);
    if ( rc )
        unmap_guest_frame(page);
    return rc;
}

struct evtchn_fifo *evtchn_fifo_detach(struct evtchn_domain *ed)
{
    struct evtchn_fifo *f;

    spin_lock(&ed->deliver_lock);
    f = ed->fifo;
    ed->fifo = NULL;
    ed->abi = &evtchn_abi_2l;
    spin_unlock(&ed->deliver_lock);
    return f;
}

void evtchn_fifo_free(struct evtchn_fifo *f)
{
    if ( !f )
        return;
    for ( unsigned int i = 0; i < f->nr_vcpus; i++ )
        if ( f->vcpu[i].cb )
            unmap_guest_frame((void *)ROUNDDOWN((unsigned long)f->vcpu[i].cb,
                                                PAGE_SIZE));
    for ( unsigned int i = 0; i < f->nr_pages; i++ )
        unmap_guest_frame(f->pages[i]);
    xfree(f);
}

/*
 * Event channels: ports and their state machine, the event_channel_op
 * hypercall, SCHEDOP_poll, and raising events from the hypervisor.
 *
 * A domain's event state (struct evtchn_domain, event_private.h) hangs
 * off a table indexed by domain id; evtchn_get()/evtchn_put() take and
 * drop a reference that evtchn_destroy() waits for, so state found in
 * the table stays alive while it is used.  Ports are allocated lowest
 * first from 1 (port 0 is reserved), in buckets added as needed.  What a
 * pending port means to the guest is the business of the domain's ABI:
 * event_2l.c (the default) or event_fifo.c (after init_control).
 *
 * Interface: xen/event.h.  Design notes, including the lock order and
 * the Xen 4.17 behaviours copied here: docs/events.md.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <xen/event.h>
#include <xen/time.h>
#include <asm/current.h>
#include <asm/processor.h>
#include "event_private.h"

/* PIRQs a domain may name (as NR_PIRQS of the architecture). */
#define EVTCHN_NR_PIRQS 256

#define TABLE_LEAF     256
#define TABLE_LEAVES   ((DOMID_IDLE_INTERNAL + 1) / TABLE_LEAF)

static DEFINE_SPINLOCK(evtchn_link_lock);
static DEFINE_SPINLOCK(table_lock);
static struct evtchn_domain **domain_table[TABLE_LEAVES];

/* ------------------------------------------------------------------
 * Domain table and references
 */

static struct evtchn_domain **table_slot(domid_t id)
{
    struct evtchn_domain **leaf;

    if ( id >= TABLE_LEAF * TABLE_LEAVES )
        return NULL;
    leaf = domain_table[id / TABLE_LEAF];
    return leaf ? &leaf[id % TABLE_LEAF] : NULL;
}

/* The event state of domain id, with a reference, or NULL. */
static struct evtchn_domain *evtchn_get_by_id(domid_t id)
{
    struct evtchn_domain **slot, *ed = NULL;
    unsigned long flags;

    spin_lock_irqsave(&table_lock, flags);
    if ( (slot = table_slot(id)) != NULL && (ed = *slot) != NULL )
        __atomic_fetch_add(&ed->refs, 1, __ATOMIC_RELAXED);
    spin_unlock_irqrestore(&table_lock, flags);
    return ed;
}

static void evtchn_put(struct evtchn_domain *ed)
{
    __atomic_fetch_sub(&ed->refs, 1, __ATOMIC_RELEASE);
}

/* d's own state: the slot may hold another domain's of the same id
 * (d failed creation while a namesake was being made). */
static struct evtchn_domain *evtchn_get(const struct domain *d)
{
    struct evtchn_domain *ed = evtchn_get_by_id(d->domain_id);

    if ( ed && ed->d != d )
    {
        evtchn_put(ed);
        ed = NULL;
    }
    return ed;
}

static int table_insert(struct evtchn_domain *ed)
{
    domid_t id = ed->d->domain_id;
    struct evtchn_domain **leaf = NULL, **slot;
    unsigned long flags;
    int rc = -EEXIST;

    if ( id >= TABLE_LEAF * TABLE_LEAVES )
        return -EINVAL;
    if ( !domain_table[id / TABLE_LEAF] &&
         !(leaf = xzalloc_array(struct evtchn_domain *, TABLE_LEAF)) )
        return -ENOMEM;
    spin_lock_irqsave(&table_lock, flags);
    if ( !domain_table[id / TABLE_LEAF] )
    {
        domain_table[id / TABLE_LEAF] = leaf;
        leaf = NULL;
    }
    slot = table_slot(id);
    if ( !*slot )
    {
        *slot = ed;
        rc = 0;
    }
    spin_unlock_irqrestore(&table_lock, flags);
    xfree(leaf);
    return rc;
}

/* Unpublish ed, then wait until nobody uses it any more. */
static void table_remove(struct evtchn_domain *ed)
{
    struct evtchn_domain **slot;
    unsigned long flags;

    spin_lock_irqsave(&table_lock, flags);
    slot = table_slot(ed->d->domain_id);
    if ( slot && *slot == ed )
        *slot = NULL;
    spin_unlock_irqrestore(&table_lock, flags);
    while ( __atomic_load_n(&ed->refs, __ATOMIC_ACQUIRE) )
        cpu_relax();
}

/* ------------------------------------------------------------------
 * Ports
 */

static unsigned int port_limit(const struct evtchn_domain *ed)
{
    return min(ed->abi->max_ports, ed->max_port + 1);
}

/* Make ports [valid_ports, valid_ports + EVTCHN_PER_BUCKET) exist. */
static int add_bucket(struct evtchn_domain *ed)
{
    unsigned int first = ed->valid_ports;
    struct evtchn ***group, *bucket;

    if ( first >= EVTCHN_FIFO_NR_CHANNELS )
        return -ENOSPC;
    group = &ed->groups[first / EVTCHN_PER_GROUP];
    if ( !*group &&
         !(*group = xzalloc_array(struct evtchn *, EVTCHN_BUCKETS_PER_GROUP)) )
        return -ENOMEM;
    if ( !(bucket = xzalloc_array(struct evtchn, EVTCHN_PER_BUCKET)) )
        return -ENOMEM;
    (*group)[(first / EVTCHN_PER_BUCKET) % EVTCHN_BUCKETS_PER_GROUP] = bucket;
    /* The bucket is reachable before its ports count as valid: code
     * that reads ports without ed->lock checks validity first. */
    __atomic_store_n(&ed->valid_ports, first + EVTCHN_PER_BUCKET,
                     __ATOMIC_RELEASE);
    return 0;
}

/*
 * The lowest free port that may be handed out, or -ENOSPC/-ENOMEM.
 * Ports below ed->free_hint are all in use, so the search starts there
 * (closing a port lowers the hint).  A free port that its ABI still
 * calls busy is skipped, but stops the hint: it may become usable
 * without us hearing of it.  With ed->lock held.
 */
static int get_free_port(struct evtchn_domain *ed)
{
    unsigned int limit = port_limit(ed), port;
    int rc;

    for ( port = ed->free_hint; port < ed->valid_ports && port < limit; port++ )
    {
        if ( evtchn_port(ed, port)->state != ECS_FREE )
        {
            if ( port == ed->free_hint )
                ed->free_hint++;
            continue;
        }
        if ( !ed->abi->is_busy(ed, port) )
            return port;
    }
    if ( port >= limit )
        return -ENOSPC;
    if ( (rc = add_bucket(ed)) != 0 )
        return rc;
    return port;
}

/* Give a free port its new state (u.* already filled in by the caller).
 * With ed->lock held. */
static void bind_port(struct evtchn_domain *ed, struct evtchn *chn,
                      unsigned int state, unsigned int vcpu)
{
    unsigned long flags;

    spin_lock_irqsave(&ed->deliver_lock, flags);
    chn->notify_vcpu = vcpu;
    ed->abi->bind(ed, chn);
    chn->state = state;
    spin_unlock_irqrestore(&ed->deliver_lock, flags);
}

static void free_port(struct evtchn_domain *ed, unsigned int port,
                      struct evtchn *chn)
{
    unsigned long flags;

    if ( port < ed->free_hint )
        ed->free_hint = port;
    spin_lock_irqsave(&ed->deliver_lock, flags);
    ed->abi->clear_pending(ed, port, chn);
    chn->state = ECS_FREE;
    chn->notify_vcpu = 0;
    memset(&chn->u, 0, sizeof(chn->u));
    spin_unlock_irqrestore(&ed->deliver_lock, flags);
}

static bool port_is_open(const struct evtchn *chn)
{
    return chn->state != ECS_FREE && chn->state != ECS_RESERVED;
}

bool virq_is_global(unsigned int virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    default:
        /* Everything else, x86's VIRQ_ARCH_* included, is per domain. */
        return true;
    }
}

/* ------------------------------------------------------------------
 * Waking vCPUs
 */

static bool vcpu_poll_end(struct evtchn_vcpu *ev)
{
    struct evtchn_domain *ed = ev->ed;
    unsigned int id = ev->v->vcpu_id;

    /* Whoever clears the bit ends the poll; nobody else touches it. */
    if ( !evtchn_test_and_clear(&ed->poll_mask[id / 64], id % 64) )
        return false;
    WRITE_ONCE(ev->poll_port, 0);
    return true;
}

static void kick_vcpu(struct evtchn_domain *ed, struct vcpu *v)
{
    /*
     * vcpu_block() and evtchn_poll() set VPF_blocked and then look for
     * events; our caller made evtchn_upcall_pending visible (a locked
     * exchange) before this load.  So either the vCPU sees the event and
     * does not sleep, or we see it asleep and wake it.
     */
    if ( __atomic_load_n(&v->pause_flags, __ATOMIC_SEQ_CST) & VPF_blocked )
    {
        /* An upcall ends a poll as well (as in Xen). */
        vcpu_poll_end(&ed->vcpus[v->vcpu_id]);
        vcpu_unpause_flag(v, VPF_blocked);
        return;
    }
    /*
     * A vCPU running guest code on another CPU only looks for upcalls on
     * its way back into the guest: interrupt it.  One that is not
     * running, or is this CPU's, passes through pv_prepare_return()
     * before it runs guest code again.
     */
    if ( v != current && READ_ONCE(v->is_running) )
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void evtchn_mark_vcpu_pending(struct evtchn_domain *ed, struct vcpu *v)
{
    struct vcpu_info *vi = READ_ONCE(v->vcpu_info);

    /* Already set: the vCPU has yet to take that upcall, which will
     * find this event too, so it needs no second kick. */
    if ( !vi || __atomic_exchange_n(&vi->evtchn_upcall_pending, 1,
                                    __ATOMIC_SEQ_CST) )
        return;
    arch_evtchn_upcall(v);
    kick_vcpu(ed, v);
}

/* Wake the vCPUs polling on port (or on a set of ports). */
static void wake_pollers(struct evtchn_domain *ed, unsigned int port)
{
    for ( unsigned int w = 0; w < ARRAY_SIZE(ed->poll_mask); w++ )
    {
        unsigned long bits = __atomic_load_n(&ed->poll_mask[w],
                                             __ATOMIC_SEQ_CST);

        while ( bits )
        {
            struct evtchn_vcpu *ev = &ed->vcpus[w * 64 + __builtin_ctzl(bits)];
            int polled = READ_ONCE(ev->poll_port);

            bits &= bits - 1;
            if ( (polled < 0 || (unsigned int)polled == port) &&
                 vcpu_poll_end(ev) )
                vcpu_unpause_flag(ev->v, VPF_blocked);
        }
    }
}

/*
 * Raise port: the ABI marks it pending and notifies its vCPU, then any
 * poller of it is woken.  The pending state is published (a locked RMW)
 * before the poll mask is read; evtchn_poll() sets its bit before it
 * reads the pending state, so one of the two sees the other.
 */
void evtchn_raise_locked(struct evtchn_domain *ed, unsigned int port,
                         struct evtchn *chn)
{
    struct vcpu *v = evtchn_vcpu_of(ed, chn->notify_vcpu);

    if ( v )
        ed->abi->set_pending(ed, v, port, chn);
    wake_pollers(ed, port);
}

/* With the port's owner's lock or its peer's held (it stays bound). */
static void evtchn_raise(struct evtchn_domain *ed, unsigned int port,
                         struct evtchn *chn)
{
    unsigned long flags;

    spin_lock_irqsave(&ed->deliver_lock, flags);
    evtchn_raise_locked(ed, port, chn);
    spin_unlock_irqrestore(&ed->deliver_lock, flags);
}

/* ------------------------------------------------------------------
 * Locking two domains
 */

/* Lock a and b (b may be NULL or a), lowest domain id first. */
static unsigned long lock_pair(struct evtchn_domain *a,
                               struct evtchn_domain *b)
{
    unsigned long flags;

    if ( b && b->d->domain_id < a->d->domain_id )
    {
        struct evtchn_domain *t = a;

        a = b;
        b = t;
    }
    spin_lock_irqsave(&a->lock, flags);
    if ( b && b != a )
        spin_lock(&b->lock);
    return flags;
}

static void unlock_pair(struct evtchn_domain *a, struct evtchn_domain *b,
                        unsigned long flags)
{
    if ( b && b->d->domain_id < a->d->domain_id )
    {
        struct evtchn_domain *t = a;

        a = b;
        b = t;
    }
    if ( b && b != a )
        spin_unlock(&b->lock);
    spin_unlock_irqrestore(&a->lock, flags);
}

/*
 * With evtchn_link_lock held: the peer domain of ed's port, if it is an
 * interdomain end, else NULL.  Links are made and broken only under
 * evtchn_link_lock, so what is read here holds while we keep it, even
 * before ed->lock is taken; a port that is not interdomain cannot
 * become so meanwhile.
 */
static struct evtchn_domain *peer_of(struct evtchn_domain *ed,
                                     unsigned int port)
{
    struct evtchn *chn;

    if ( !evtchn_port_valid(ed, port) )
        return NULL;
    chn = evtchn_port(ed, port);
    return READ_ONCE(chn->state) == ECS_INTERDOMAIN ? chn->u.interdomain.peer
                                                    : NULL;
}

/* ------------------------------------------------------------------
 * Closing
 */

static void unbind_virq(struct evtchn_domain *ed, struct evtchn *chn)
{
    unsigned int vcpu = virq_is_global(chn->u.virq) ? 0 : chn->notify_vcpu;

    ed->vcpus[vcpu].virq_port[chn->u.virq] = 0;
}

/* With evtchn_link_lock, ed->lock and (interdomain) the peer's lock. */
static int close_locked(struct evtchn_domain *ed, unsigned int port)
{
    struct evtchn *chn = evtchn_port(ed, port), *far;

    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        return -EINVAL;
    case ECS_VIRQ:
        unbind_virq(ed, chn);
        break;
    case ECS_PIRQ:
        arch_pirq_unbind(ed->d, chn->u.pirq);
        break;
    case ECS_INTERDOMAIN:
        /* The far end goes back to waiting for us to connect. */
        far = evtchn_port(chn->u.interdomain.peer, chn->u.interdomain.port);
        far->state = ECS_UNBOUND;
        far->u.unbound_dom = ed->d->domain_id;
        break;
    default:
        break;
    }
    free_port(ed, port, chn);
    return 0;
}

/* Close one port, taking the locks it needs.  With evtchn_link_lock. */
static int close_port(struct evtchn_domain *ed, unsigned int port)
{
    struct evtchn_domain *peer = peer_of(ed, port);
    unsigned long flags = lock_pair(ed, peer);
    int rc = evtchn_port_valid(ed, port) ? close_locked(ed, port) : -EINVAL;

    unlock_pair(ed, peer, flags);
    return rc;
}

static int evtchn_close(struct evtchn_domain *ed, unsigned int port)
{
    int rc;

    spin_lock(&evtchn_link_lock);
    rc = close_port(ed, port);
    spin_unlock(&evtchn_link_lock);
    return rc;
}

/*
 * Close every open port.  If preemptible, stop early when the CPU has
 * other work and return true: the caller re-issues the operation, and
 * the ports closed so far are skipped quickly.
 */
static bool close_all(struct evtchn_domain *ed, bool preemptible)
{
    bool preempted = false;

    spin_lock(&evtchn_link_lock);
    for ( unsigned int port = 1; port < ed->valid_ports; port++ )
    {
        if ( port_is_open(evtchn_port(ed, port)) )
            close_port(ed, port);
        if ( preemptible && !(port % 256) && hypercall_preempt_check() )
        {
            preempted = true;
            break;
        }
    }
    spin_unlock(&evtchn_link_lock);
    return preempted;
}

/* ------------------------------------------------------------------
 * Domain life cycle
 */

static void poll_timeout(void *data);

static int evtchn_vcpus_init(struct evtchn_domain *ed)
{
    struct domain *d = ed->d;

    if ( !(ed->vcpus = xzalloc_array(struct evtchn_vcpu, d->max_vcpus)) )
        return -ENOMEM;
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct evtchn_vcpu *ev = &ed->vcpus[i];

        ev->ed = ed;
        ev->v = d->vcpu[i];
        if ( ev->v )
            init_timer(&ev->poll_timer, poll_timeout, ev, ev->v->processor);
    }
    return 0;
}

void evtchn_vcpu_created(struct vcpu *v)
{
    struct evtchn_domain *ed = evtchn_get(v->domain);
    struct evtchn_vcpu *ev;

    if ( !ed )
        return;
    ev = &ed->vcpus[v->vcpu_id];
    init_timer(&ev->poll_timer, poll_timeout, ev, v->processor);
    /* Published last: whoever sees ev->v may use the timer. */
    __atomic_store_n(&ev->v, v, __ATOMIC_RELEASE);
    evtchn_put(ed);
}

static void evtchn_free(struct evtchn_domain *ed)
{
    for ( unsigned int g = 0; g < EVTCHN_NR_GROUPS; g++ )
    {
        if ( !ed->groups[g] )
            continue;
        for ( unsigned int b = 0; b < EVTCHN_BUCKETS_PER_GROUP; b++ )
            xfree(ed->groups[g][b]);
        xfree(ed->groups[g]);
    }
    xfree(ed->vcpus);
    xfree(ed);
}

int evtchn_init(struct domain *d)
{
    struct evtchn_domain *ed;
    int rc = -ENOMEM;

    if ( is_idle_domain(d) )
        return 0;
    if ( !(ed = xzalloc(struct evtchn_domain)) )
        return -ENOMEM;
    ed->d = d;
    spin_lock_init(&ed->lock);
    spin_lock_init(&ed->deliver_lock);
    ed->abi = &evtchn_abi_2l;
    ed->free_hint = 1;
    ed->max_port = d->is_privileged ? EVTCHN_FIFO_NR_CHANNELS - 1
                                    : EVTCHN_DEFAULT_MAX_PORT;
    if ( evtchn_vcpus_init(ed) || add_bucket(ed) )
        goto fail;
    evtchn_port(ed, 0)->state = ECS_RESERVED;
    if ( (rc = table_insert(ed)) != 0 )
        goto fail;
    return 0;

 fail:
    evtchn_free(ed);
    return rc;
}

void evtchn_destroy(struct domain *d)
{
    struct evtchn_domain *ed;
    struct evtchn_fifo *fifo;
    unsigned long flags;

    if ( !(ed = evtchn_get(d)) )
        return;
    evtchn_put(ed);
    table_remove(ed);
    close_all(ed, false);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( ed->vcpus[i].v )
            kill_timer(&ed->vcpus[i].poll_timer);
    spin_lock_irqsave(&ed->lock, flags);
    fifo = evtchn_fifo_detach(ed);
    spin_unlock_irqrestore(&ed->lock, flags);
    evtchn_fifo_free(fifo);
    evtchn_free(ed);
}

int evtchn_set_max_port(struct domain *d, unsigned int max_port)
{
    struct evtchn_domain *ed = evtchn_get(d);

    if ( !ed )
        return -ESRCH;
    WRITE_ONCE(ed->max_port, min(max_port, EVTCHN_FIFO_NR_CHANNELS - 1U));
    evtchn_put(ed);
    return 0;
}

/* EVTCHNOP_reset: close everything, back to the 2-level ABI.  Returns
 * -ERESTART if preempted before it was done. */
static int evtchn_reset(struct evtchn_domain *ed, bool preemptible)
{
    struct evtchn_fifo *fifo;
    xen_ulong_t *pending = ed->d->shared_info->evtchn_pending;
    unsigned long flags;

    if ( close_all(ed, preemptible) )
        return -ERESTART;
    spin_lock_irqsave(&ed->lock, flags);
    /*
     * Every port is closed now, so no 2-level pending bit means anything;
     * those left from before a switch to FIFO must not resurface.
     */
    if ( (fifo = evtchn_fifo_detach(ed)) != NULL )
        for ( unsigned int w = 0; w < EVTCHN_2L_NR_CHANNELS / 64; w++ )
            WRITE_ONCE(pending[w], 0);
    spin_unlock_irqrestore(&ed->lock, flags);
    evtchn_fifo_free(fifo);
    return 0;
}

/* ------------------------------------------------------------------
 * Operations on ports.  Each returns 0 or -errno; "cur" is the caller.
 */

static int alloc_unbound(struct evtchn_domain *ed, domid_t remote)
{
    unsigned long flags;
    int port;

    spin_lock_irqsave(&ed->lock, flags);
    if ( (port = get_free_port(ed)) > 0 )
    {
        evtchn_port(ed, port)->u.unbound_dom = remote;
        bind_port(ed, evtchn_port(ed, port), ECS_UNBOUND, 0);
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return port;
}

int evtchn_alloc_unbound_port(struct domain *d, domid_t remote_dom)
{
    struct evtchn_domain *ed = evtchn_get(d);
    int port;

    if ( !ed )
        return -ESRCH;
    port = alloc_unbound(ed, remote_dom);
    evtchn_put(ed);
    return port;
}

/* Connect a new port of ld to rd's unbound port rport (reserved for ld).
 * Both locks and evtchn_link_lock held. */
static int connect_locked(struct evtchn_domain *ld, struct evtchn_domain *rd,
                          unsigned int rport)
{
    struct evtchn *lchn, *rchn;
    int lport = get_free_port(ld);

    if ( lport < 0 )
        return lport;
    if ( !evtchn_port_valid(rd, rport) )
        return -EINVAL;
    rchn = evtchn_port(rd, rport);
    if ( rchn->state != ECS_UNBOUND ||
         rchn->u.unbound_dom != ld->d->domain_id )
        return -EINVAL;
    lchn = evtchn_port(ld, lport);
    lchn->u.interdomain.peer = rd;
    lchn->u.interdomain.port = rport;
    bind_port(ld, lchn, ECS_INTERDOMAIN, 0);
    rchn->u.interdomain.peer = ld;
    rchn->u.interdomain.port = lport;
    rchn->state = ECS_INTERDOMAIN;
    /*
     * Sends on rport while it was unbound were dropped; the local end
     * starts pending so that nothing the peer sent is lost (as Xen).
     */
    evtchn_raise(ld, lport, lchn);
    return lport;
}

static int bind_interdomain(struct evtchn_domain *ld, domid_t rdom,
                            unsigned int rport)
{
    struct evtchn_domain *rd = evtchn_get_by_id(rdom);
    unsigned long flags;
    int rc;

    if ( !rd )
        return -ESRCH;
    spin_lock(&evtchn_link_lock);
    flags = lock_pair(ld, rd);
    rc = connect_locked(ld, rd, rport);
    unlock_pair(ld, rd, flags);
    spin_unlock(&evtchn_link_lock);
    evtchn_put(rd);
    return rc;
}

static int bind_virq(struct evtchn_domain *ed, unsigned int virq,
                     unsigned int vcpu)
{
    struct evtchn *chn;
    unsigned long flags;
    int port;

    if ( virq >= NR_VIRQS || (virq_is_global(virq) && vcpu != 0) )
        return -EINVAL;
    if ( !evtchn_vcpu_of(ed, vcpu) )
        return -ENOENT;
    spin_lock_irqsave(&ed->lock, flags);
    if ( ed->vcpus[vcpu].virq_port[virq] )
        port = -EEXIST;
    else if ( (port = get_free_port(ed)) > 0 )
    {
        chn = evtchn_port(ed, port);
        chn->u.virq = virq;
        bind_port(ed, chn, ECS_VIRQ, vcpu);
        ed->vcpus[vcpu].virq_port[virq] = port;
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return port;
}

static int bind_ipi(struct evtchn_domain *ed, unsigned int vcpu)
{
    unsigned long flags;
    int port;

    if ( !evtchn_vcpu_of(ed, vcpu) )
        return -ENOENT;
    spin_lock_irqsave(&ed->lock, flags);
    if ( (port = get_free_port(ed)) > 0 )
        bind_port(ed, evtchn_port(ed, port), ECS_IPI, vcpu);
    spin_unlock_irqrestore(&ed->lock, flags);
    return port;
}

/*
 * A PIRQ the architecture lent this domain (PHYSDEVOP_map_pirq) gets a
 * port on vCPU 0.  arch_pirq_bind() decides: -EPERM for a PIRQ the
 * domain was not lent (what Xen 4.17 answers for an unmapped one),
 * -EEXIST if it is bound already; beyond the PIRQ space, -EINVAL.  The
 * port is bound first, so an interrupt arriving at once finds it.
 */
static int bind_pirq(struct evtchn_domain *ed, uint32_t pirq)
{
    struct evtchn *chn;
    unsigned long flags;
    int port, rc;

    if ( pirq >= EVTCHN_NR_PIRQS )
        return -EINVAL;
    spin_lock_irqsave(&ed->lock, flags);
    if ( (port = get_free_port(ed)) > 0 )
    {
        chn = evtchn_port(ed, port);
        chn->u.pirq = pirq;
        bind_port(ed, chn, ECS_PIRQ, 0);
        if ( (rc = arch_pirq_bind(ed->d, pirq, port)) != 0 )
        {
            free_port(ed, port, chn);
            port = rc;
        }
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return port;
}

void evtchn_raise_pirq(domid_t dom, uint32_t pirq, unsigned int port)
{
    struct evtchn_domain *ed = evtchn_get_by_id(dom);
    struct evtchn *chn;
    unsigned long flags;

    if ( !ed )
        return;
    spin_lock_irqsave(&ed->lock, flags);
    if ( evtchn_port_valid(ed, port) &&
         (chn = evtchn_port(ed, port))->state == ECS_PIRQ &&
         chn->u.pirq == pirq )
        evtchn_raise(ed, port, chn);
    spin_unlock_irqrestore(&ed->lock, flags);
    evtchn_put(ed);
}

void evtchn_unmask_pirq(struct domain *d, uint32_t pirq, unsigned int port)
{
    struct evtchn_domain *ed = evtchn_get(d);
    struct evtchn *chn;
    unsigned long flags;

    if ( !ed )
        return;
    spin_lock_irqsave(&ed->lock, flags);
    if ( evtchn_port_valid(ed, port) &&
         (chn = evtchn_port(ed, port))->state == ECS_PIRQ &&
         chn->u.pirq == pirq )
    {
        spin_lock(&ed->deliver_lock);
        ed->abi->unmask(ed, port, chn);
        spin_unlock(&ed->deliver_lock);
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    evtchn_put(ed);
}

static int send_locked(struct evtchn_domain *ed, unsigned int port)
{
    struct evtchn *chn;

    if ( !evtchn_port_valid(ed, port) )
        return -EINVAL;
    chn = evtchn_port(ed, port);
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        /* The peer cannot go away: unlinking needs our lock. */
        evtchn_raise(chn->u.interdomain.peer, chn->u.interdomain.port,
                     evtchn_port(chn->u.interdomain.peer,
                                 chn->u.interdomain.port));
        return 0;
    case ECS_IPI:
        evtchn_raise(ed, port, chn);
        return 0;
    case ECS_UNBOUND:
        return 0;   /* nobody to tell: dropped */
    default:
        return -EINVAL;
    }
}

static int send_port(struct evtchn_domain *ed, unsigned int port)
{
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&ed->lock, flags);
    rc = send_locked(ed, port);
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

int evtchn_send(struct domain *d, unsigned int port)
{
    struct evtchn_domain *ed = evtchn_get(d);
    int rc;

    if ( !ed )
        return -EINVAL;
    rc = send_port(ed, port);
    evtchn_put(ed);
    return rc;
}

static void fill_status(struct evtchn_domain *ed, struct evtchn *chn,
                        struct evtchn_status *st)
{
    static const uint32_t stat_of[] = {
        [ECS_FREE] = EVTCHNSTAT_closed,
        [ECS_RESERVED] = EVTCHNSTAT_closed,
        [ECS_UNBOUND] = EVTCHNSTAT_unbound,
        [ECS_INTERDOMAIN] = EVTCHNSTAT_interdomain,
        [ECS_PIRQ] = EVTCHNSTAT_pirq,
        [ECS_VIRQ] = EVTCHNSTAT_virq,
        [ECS_IPI] = EVTCHNSTAT_ipi,
    };

    st->status = stat_of[chn->state];
    st->vcpu = chn->notify_vcpu;
    switch ( chn->state )
    {
    case ECS_UNBOUND:
        st->u.unbound.dom = chn->u.unbound_dom;
        break;
    case ECS_INTERDOMAIN:
        st->u.interdomain.dom = chn->u.interdomain.peer->d->domain_id;
        st->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_PIRQ:
        st->u.pirq = chn->u.pirq;
        break;
    case ECS_VIRQ:
        st->u.virq = chn->u.virq;
        break;
    }
}

static int port_status(struct evtchn_domain *ed, struct evtchn_status *st)
{
    unsigned long flags;
    int rc = -EINVAL;

    spin_lock_irqsave(&ed->lock, flags);
    if ( evtchn_port_valid(ed, st->port) )
    {
        fill_status(ed, evtchn_port(ed, st->port), st);
        rc = 0;
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

/* Per-vCPU VIRQs and IPIs stay with their vCPU; unbound, interdomain,
 * PIRQ and global VIRQ ports may move. */
static int rebind_locked(struct evtchn_domain *ed, unsigned int port,
                         unsigned int vcpu)
{
    struct evtchn *chn;
    unsigned long flags;

    if ( !evtchn_port_valid(ed, port) )
        return -EINVAL;
    chn = evtchn_port(ed, port);
    switch ( chn->state )
    {
    case ECS_VIRQ:
        if ( !virq_is_global(chn->u.virq) )
            return -EINVAL;
        break;
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
    case ECS_PIRQ:
        break;
    default:
        return -EINVAL;
    }
    /* Senders in other domains read notify_vcpu under deliver_lock. */
    spin_lock_irqsave(&ed->deliver_lock, flags);
    chn->notify_vcpu = vcpu;
    spin_unlock_irqrestore(&ed->deliver_lock, flags);
    return 0;
}

static int bind_vcpu(struct evtchn_domain *ed, unsigned int port,
                     unsigned int vcpu)
{
    unsigned long flags;
    int rc;

    if ( !evtchn_vcpu_of(ed, vcpu) )
        return -ENOENT;
    spin_lock_irqsave(&ed->lock, flags);
    rc = rebind_locked(ed, port, vcpu);
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

static int unmask_port(struct evtchn_domain *ed, unsigned int port)
{
    unsigned long flags;
    int rc = -EINVAL;

    spin_lock_irqsave(&ed->lock, flags);
    if ( evtchn_port_valid(ed, port) )
    {
        spin_lock(&ed->deliver_lock);
        ed->abi->unmask(ed, port, evtchn_port(ed, port));
        spin_unlock(&ed->deliver_lock);
        rc = 0;
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

static int set_priority(struct evtchn_domain *ed, unsigned int port,
                        unsigned int priority)
{
    unsigned long flags;
    int rc = -EINVAL;

    spin_lock_irqsave(&ed->lock, flags);
    if ( evtchn_port_valid(ed, port) )
    {
        spin_lock(&ed->deliver_lock);
        rc = ed->abi->set_priority
             ? ed->abi->set_priority(ed, evtchn_port(ed, port), priority)
             : -ENOSYS;
        spin_unlock(&ed->deliver_lock);
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

/* ------------------------------------------------------------------
 * VIRQs from the hypervisor
 */

static void send_virq(struct evtchn_domain *ed, unsigned int vcpu,
                      unsigned int virq)
{
    unsigned long flags;
    unsigned int port;

    spin_lock_irqsave(&ed->lock, flags);
    if ( (port = ed->vcpus[vcpu].virq_port[virq]) != 0 )
        evtchn_raise(ed, port, evtchn_port(ed, port));
    spin_unlock_irqrestore(&ed->lock, flags);
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct evtchn_domain *ed;

    if ( virq >= NR_VIRQS || !(ed = evtchn_get(v->domain)) )
        return;
    /* A global VIRQ named here still goes where the guest bound it. */
    send_virq(ed, virq_is_global(virq) ? 0 : v->vcpu_id, virq);
    evtchn_put(ed);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    struct evtchn_domain *ed;

    if ( virq >= NR_VIRQS || !(ed = evtchn_get(d)) )
        return;
    send_virq(ed, 0, virq);
    evtchn_put(ed);
}

/* ------------------------------------------------------------------
 * SCHEDOP_poll
 */

static void poll_timeout(void *data)
{
    struct evtchn_vcpu *ev = data;

    if ( vcpu_poll_end(ev) )
        vcpu_unpause_flag(ev->v, VPF_blocked);
}

/* 1: a port is pending, 0: none, -EINVAL: a port is not open. */
static int poll_check(struct evtchn_domain *ed, const evtchn_port_t *ports,
                      unsigned int nr)
{
    unsigned long flags;
    int rc = 0;

    spin_lock_irqsave(&ed->lock, flags);
    for ( unsigned int i = 0; i < nr && !rc; i++ )
    {
        if ( !evtchn_port_valid(ed, ports[i]) ||
             !port_is_open(evtchn_port(ed, ports[i])) )
            rc = -EINVAL;
        else if ( ed->abi->is_pending(ed, ports[i]) )
            rc = 1;
    }
    spin_unlock_irqrestore(&ed->lock, flags);
    return rc;
}

/*
 * Announce the poll (VPF_blocked, then the poll bit), then look at the
 * ports: a sender sets pending before it reads the poll bits, so either
 * we see its event here or it sees our bit and wakes us.
 */
static long poll_block(struct evtchn_domain *ed, const evtchn_port_t *ports,
                       unsigned int nr, uint64_t timeout)
{
    struct vcpu *v = current;
    struct evtchn_vcpu *ev = &ed->vcpus[v->vcpu_id];
    int rc;

    stop_timer(&ev->poll_timer);
    WRITE_ONCE(ev->poll_port, nr == 1 ? (int)ports[0] : -1);
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    evtchn_test_and_set(&ed->poll_mask[v->vcpu_id / 64], v->vcpu_id % 64);

    rc = poll_check(ed, ports, nr);
    if ( rc != 0 || !(READ_ONCE(v->pause_flags) & VPF_blocked) )
    {
        /* Not sleeping after all (found something, or woken already). */
        vcpu_poll_end(ev);
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
        return rc < 0 ? rc : 0;
    }
    /* 0: no timeout.  A timeout in the past (2^63 up too) wakes at once. */
    if ( timeout )
        set_timer(&ev->poll_timer, guest_deadline(timeout, NOW()));
    raise_softirq(SCHEDULE_SOFTIRQ);
    return 0;
}

long evtchn_poll(const struct sched_poll *poll)
{
    evtchn_port_t ports[EVTCHN_POLL_MAX];
    struct evtchn_domain *ed;
    long rc;

    if ( poll->nr_ports > EVTCHN_POLL_MAX )
        return -EINVAL;
    if ( poll->nr_ports &&
         copy_from_guest(ports, poll->ports, poll->nr_ports) )
        return -EFAULT;
    if ( !(ed = evtchn_get(current->domain)) )
        return -EINVAL;
    rc = poll_block(ed, ports, poll->nr_ports, poll->timeout);
    evtchn_put(ed);
    return rc;
}

/* ------------------------------------------------------------------
 * The hypercall
 */

/* The domain an op names: DOMID_SELF or an id; another domain only for
 * a privileged caller.  With a reference. */
static struct evtchn_domain *target_domain(struct evtchn_domain *cur,
                                           domid_t dom, int *rc)
{
    struct evtchn_domain *ed;

    if ( dom == DOMID_SELF )
        dom = cur->d->domain_id;
    if ( !(ed = evtchn_get_by_id(dom)) )
    {
        *rc = -ESRCH;
        return NULL;
    }
    if ( ed != cur && !cur->d->is_privileged )
    {
        evtchn_put(ed);
        *rc = -EPERM;
        return NULL;
    }
    return ed;
}

static domid_t self_or(struct evtchn_domain *cur, domid_t dom)
{
    return dom == DOMID_SELF ? cur->d->domain_id : dom;
}

/*
 * Copy the argument in, run `body` (which sets rc: a port number or 0
 * on success, else -errno), copy the argument back out if `out` and the
 * op succeeded.  The hypercall itself returns 0 or -errno.
 */
#define WITH_ARG(type, a, out, body) ({                             \
    type a;                                                         \
    int rc;                                                         \
    if ( copy_from_guest_ptr(&a, uarg, sizeof(a)) )                 \
        return -EFAULT;                                             \
    body;                                                           \
    if ( rc > 0 )                                                   \
        rc = 0;                                                     \
    if ( (out) && !rc && copy_to_guest_ptr(uarg, &a, sizeof(a)) )   \
        rc = -EFAULT;                                               \
    rc; })

static long op_alloc_unbound(struct evtchn_domain *cur, void *uarg)
{
    return WITH_ARG(struct evtchn_alloc_unbound, a, true, {
        struct evtchn_domain *ed = target_domain(cur, a.dom, &rc);

        if ( ed )
        {
            rc = alloc_unbound(ed, self_or(cur, a.remote_dom));
            a.port = rc;
            evtchn_put(ed);
        }
    });
}

static long op_bind_interdomain(struct evtchn_domain *cur, void *uarg)
{
    return WITH_ARG(struct evtchn_bind_interdomain, a, true, {
        rc = bind_interdomain(cur, self_or(cur, a.remote_dom), a.remote_port);
        a.local_port = rc;
    });
}

static long op_status(struct evtchn_domain *cur, void *uarg)
{
    return WITH_ARG(struct evtchn_status, a, true, {
        struct evtchn_domain *ed = target_domain(cur, a.dom, &rc);

        if ( ed )
        {
            rc = port_status(ed, &a);
            evtchn_put(ed);
        }
    });
}

static long op_reset(struct evtchn_domain *cur, void *uarg)
{
    struct evtchn_reset a;
    struct evtchn_domain *ed;
    int rc;

    if ( copy_from_guest_ptr(&a, uarg, sizeof(a)) )
        return -EFAULT;
    if ( !(ed = target_domain(cur, a.dom, &rc)) )
        return rc;
    rc = evtchn_reset(ed, true);
    evtchn_put(ed);
    if ( rc == -ERESTART )
        return hypercall_create_continuation(__HYPERVISOR_event_channel_op,
                                             2, (unsigned long)EVTCHNOP_reset,
                                             (unsigned long)uarg);
    return rc;
}

static long op_init_control(struct evtchn_domain *cur, void *uarg)
{
    return WITH_ARG(struct evtchn_init_control, a, true, {
        rc = evtchn_fifo_init_control(cur, &a);
        a.link_bits = EVTCHN_FIFO_LINK_BITS;
    });
}

/* The ops on the caller's own ports: argument in, nothing out. */
static long op_simple(struct evtchn_domain *cur, unsigned int cmd, void *uarg)
{
    union {
        struct evtchn_close close;
        struct evtchn_send send;
        struct evtchn_bind_vcpu bind_vcpu;
        struct evtchn_unmask unmask;
        struct evtchn_expand_array expand_array;
        struct evtchn_set_priority set_priority;
    } a;
    static const uint8_t size[] = {
        [EVTCHNOP_close] = sizeof(a.close),
        [EVTCHNOP_send] = sizeof(a.send),
        [EVTCHNOP_bind_vcpu] = sizeof(a.bind_vcpu),
        [EVTCHNOP_unmask] = sizeof(a.unmask),
        [EVTCHNOP_expand_array] = sizeof(a.expand_array),
        [EVTCHNOP_set_priority] = sizeof(a.set_priority),
    };

    if ( copy_from_guest_ptr(&a, uarg, size[cmd]) )
        return -EFAULT;
    switch ( cmd )
    {
    case EVTCHNOP_close:
        return evtchn_close(cur, a.close.port);
    case EVTCHNOP_send:
        return send_port(cur, a.send.port);
    case EVTCHNOP_bind_vcpu:
        return bind_vcpu(cur, a.bind_vcpu.port, a.bind_vcpu.vcpu);
    case EVTCHNOP_unmask:
        return unmask_port(cur, a.unmask.port);
    case EVTCHNOP_expand_array:
        return evtchn_fifo_expand_array(cur, a.expand_array.array_gfn);
    default:
        return set_priority(cur, a.set_priority.port,
                            a.set_priority.priority);
    }
}

static long op_bind_new(struct evtchn_domain *cur, unsigned int cmd,
                        void *uarg)
{
    switch ( cmd )
    {
    case EVTCHNOP_bind_virq:
        return WITH_ARG(struct evtchn_bind_virq, a, true, {
            rc = bind_virq(cur, a.virq, a.vcpu);
            a.port = rc;
        });
    case EVTCHNOP_bind_ipi:
        return WITH_ARG(struct evtchn_bind_ipi, a, true, {
            rc = bind_ipi(cur, a.vcpu);
            a.port = rc;
        });
    default:
        return WITH_ARG(struct evtchn_bind_pirq, a, true, {
            rc = bind_pirq(cur, a.pirq);
            a.port = rc;
        });
    }
}

static long dispatch(struct evtchn_domain *cur, unsigned int cmd, void *uarg)
{
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:
        return op_alloc_unbound(cur, uarg);
    case EVTCHNOP_bind_interdomain:
        return op_bind_interdomain(cur, uarg);
    case EVTCHNOP_bind_virq:
    case EVTCHNOP_bind_ipi:
    case EVTCHNOP_bind_pirq:
        return op_bind_new(cur, cmd, uarg);
    case EVTCHNOP_status:
        return op_status(cur, uarg);
    case EVTCHNOP_reset:
        return op_reset(cur, uarg);
    case EVTCHNOP_init_control:
        return op_init_control(cur, uarg);
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_bind_vcpu:
    case EVTCHNOP_unmask:
    case EVTCHNOP_expand_array:
    case EVTCHNOP_set_priority:
        return op_simple(cur, cmd, uarg);
    default:
        return -ENOSYS;
    }
}

long do_event_channel_op(unsigned long cmd, unsigned long arg,
                         unsigned long a3, unsigned long a4,
                         unsigned long a5)
{
    struct evtchn_domain *cur = evtchn_get(current->domain);
    long rc;

    if ( !cur )
        return -ENOSYS;
    /* Xen takes the command as an int: only the low 32 bits count. */
    rc = dispatch(cur, (unsigned int)cmd, (void *)arg);
    evtchn_put(cur);
    return rc;
}

/*
 * Event channels: what event_channel.c (ports, states, hypercalls) shares
 * with the two delivery ABIs, event_2l.c and event_fifo.c.  Nothing
 * outside those three files includes this; the rest of the hypervisor
 * uses xen/event.h.
 *
 * Locks, outermost first (docs/events.md has the reasoning):
 *   evtchn_link_lock  global; held to create or break an interdomain link
 *                     and across evtchn_destroy(), so that a peer
 *                     pointer read under the owner's lock stays valid.
 *   ed->lock          a domain's port states and bindings.  Two are only
 *                     ever held together under evtchn_link_lock, lowest
 *                     domain id first.
 *   ed->deliver_lock  a domain's pending/mask/queue state, its ABI, and
 *                     the fields of a port that a sender in another
 *                     domain reads (notify_vcpu, FIFO priority and
 *                     queue history).  Innermost: nothing else is taken
 *                     under it but the scheduler's run-queue lock (waking
 *                     a vCPU).
 * All of them are taken with interrupts off, so that a send from an
 * interrupt handler cannot deadlock against the CPU it interrupted.
 */
#ifndef COMMON_EVENT_PRIVATE_H
#define COMMON_EVENT_PRIVATE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/sched.h>
#include <public/event_channel.h>

/* Port states. */
enum {
    ECS_FREE,          /* closed, may be handed out */
    ECS_RESERVED,      /* port 0: never handed out */
    ECS_UNBOUND,       /* waiting for u.unbound_dom to connect */
    ECS_INTERDOMAIN,   /* connected to u.interdomain */
    ECS_PIRQ,          /* physical IRQ u.pirq (not routed yet) */
    ECS_VIRQ,          /* hypervisor event u.virq */
    ECS_IPI,           /* notification from another vCPU of this domain */
};

struct evtchn_domain;

struct evtchn {
    uint8_t state;             /* ECS_* */
    uint8_t priority;          /* FIFO: queue its next link goes on */
    uint8_t last_priority;     /* FIFO: queue it was last linked on... */
    bool fifo_pending;         /* FIFO: raised while it had no event word */
    uint16_t last_vcpu;        /* ...and that queue's vCPU */
    uint16_t notify_vcpu;      /* vCPU its events go to */
    union {
        domid_t unbound_dom;                  /* ECS_UNBOUND */
        struct {
            struct evtchn_domain *peer;
            uint32_t port;
        } interdomain;                        /* ECS_INTERDOMAIN */
        uint32_t virq;                        /* ECS_VIRQ */
        uint32_t pirq;                        /* ECS_PIRQ */
    } u;
};

/*
 * Ports live in buckets of EVTCHN_PER_BUCKET, allocated as the domain
 * needs them, reached through up to EVTCHN_NR_GROUPS groups of bucket
 * pointers (also allocated on demand): a domain with a handful of ports
 * costs one bucket and one group, and the FIFO ABI's 2^17 ports are
 * still reachable.
 */
#define EVTCHN_PER_BUCKET         128
#define EVTCHN_BUCKETS_PER_GROUP  128
#define EVTCHN_PER_GROUP          (EVTCHN_PER_BUCKET * EVTCHN_BUCKETS_PER_GROUP)
#define EVTCHN_NR_GROUPS          (EVTCHN_FIFO_NR_CHANNELS / EVTCHN_PER_GROUP)

/* The most ports one SCHEDOP_poll may name (as Xen). */
#define EVTCHN_POLL_MAX           128

/*
 * A delivery ABI.  The hooks run with the domain's deliver_lock held,
 * except is_busy, which get_free_port() calls under ed->lock (enough:
 * the FIFO pages it reads change only under both locks).
 */
struct evtchn_abi {
    const char *name;
    unsigned int max_ports;
    /* Mark the port pending and, unless masked, notify v. */
    void (*set_pending)(struct evtchn_domain *ed, struct vcpu *v,
                        unsigned int port, struct evtchn *chn);
    void (*clear_pending)(struct evtchn_domain *ed, unsigned int port,
                          struct evtchn *chn);
    /* EVTCHNOP_unmask: clear the mask; deliver if pending. */
    void (*unmask)(struct evtchn_domain *ed, unsigned int port,
                   struct evtchn *chn);
    bool (*is_pending)(struct evtchn_domain *ed, unsigned int port);
    /* The port is closed but may not be handed out yet. */
    bool (*is_busy)(struct evtchn_domain *ed, unsigned int port);
    /* The port was just bound. */
    void (*bind)(struct evtchn_domain *ed, struct evtchn *chn);
    /* NULL: the ABI has no priorities (-ENOSYS). */
    int (*set_priority)(struct evtchn_domain *ed, struct evtchn *chn,
                        unsigned int priority);
};

extern const struct evtchn_abi evtchn_abi_2l;
extern const struct evtchn_abi evtchn_abi_fifo;

struct evtchn_vcpu {
    struct vcpu *v;
    struct evtchn_domain *ed;
    uint32_t virq_port[NR_VIRQS];   /* 0: not bound (global: vCPU 0's) */
    struct timer poll_timer;
    int poll_port;                  /* polling: the one port, or -1 */
};

struct evtchn_fifo;                 /* event_fifo.c */

struct evtchn_domain {
    struct domain *d;
    spinlock_t lock;
    spinlock_t deliver_lock;
    const struct evtchn_abi *abi;
    unsigned int max_port;          /* policy limit (evtchn_set_max_port) */
    unsigned int valid_ports;       /* ports [0, valid_ports) have a bucket */
    unsigned int free_hint;         /* ports [1, free_hint) are in use */
    unsigned int refs;              /* evtchn_get() references */
    struct evtchn **groups[EVTCHN_NR_GROUPS];
    struct evtchn_vcpu *vcpus;      /* [d->max_vcpus] */
    /* vCPUs blocked in SCHEDOP_poll. */
    unsigned long poll_mask[(MAX_VIRT_CPUS + 63) / 64];
    struct evtchn_fifo *fifo;       /* FIFO state, NULL on 2-level */
};

/* Pairs with add_bucket(), which publishes a bucket before its ports
 * become valid: checked first, the port's memory is there. */
static inline bool evtchn_port_valid(const struct evtchn_domain *ed,
                                     unsigned int port)
{
    return port < __atomic_load_n(&ed->valid_ports, __ATOMIC_ACQUIRE);
}

static inline struct evtchn *evtchn_port(const struct evtchn_domain *ed,
                                         unsigned int port)
{
    struct evtchn **group = ed->groups[port / EVTCHN_PER_GROUP];

    return &group[(port / EVTCHN_PER_BUCKET) % EVTCHN_BUCKETS_PER_GROUP]
                 [port % EVTCHN_PER_BUCKET];
}

static inline struct vcpu *evtchn_vcpu_of(const struct evtchn_domain *ed,
                                          unsigned int vcpu_id)
{
    return vcpu_id < ed->d->max_vcpus ? ed->d->vcpu[vcpu_id] : NULL;
}

/* Set v's evtchn_upcall_pending and make it notice (event_channel.c). */
void evtchn_mark_vcpu_pending(struct evtchn_domain *ed, struct vcpu *v);
/* Raise a port from an ABI hook (deliver_lock held): set it pending for
 * its vCPU and wake its pollers (event_channel.c). */
void evtchn_raise_locked(struct evtchn_domain *ed, unsigned int port,
                         struct evtchn *chn);

/* Atomic bit operations on guest-shared words (any CPU, any context). */
static inline bool evtchn_test_and_set(unsigned long *w, unsigned int bit)
{
    return (__atomic_fetch_or(w, 1UL << bit, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static inline bool evtchn_test_and_clear(unsigned long *w, unsigned int bit)
{
    return (__atomic_fetch_and(w, ~(1UL << bit), __ATOMIC_SEQ_CST) >> bit) & 1;
}

static inline bool evtchn_test(const unsigned long *w, unsigned int bit)
{
    return (__atomic_load_n(w, __ATOMIC_SEQ_CST) >> bit) & 1;
}

/* FIFO ABI entry points (event_fifo.c).  Called without any lock. */
int evtchn_fifo_init_control(struct evtchn_domain *ed,
                             const struct evtchn_init_control *ic);
int evtchn_fifo_expand_array(struct evtchn_domain *ed, uint64_t gfn);
/* Back to 2-level: drop the FIFO state and the guest pages.  With
 * ed->lock held; the pages are let go after it is released. */
struct evtchn_fifo *evtchn_fifo_detach(struct evtchn_domain *ed);
void evtchn_fifo_free(struct evtchn_fifo *fifo);

#endif /* COMMON_EVENT_PRIVATE_H */

/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_event_channel_op(cmd, arg): event channels, the virtual
 * interrupt lines between domains, the hypervisor (VIRQs), physical IRQs
 * (PIRQs) and vCPUs (IPIs).  Also the data layout of the FIFO event ABI.
 *
 * A "port" is a small integer naming one end of a channel inside one
 * domain.  Port 0 is never handed out.
 */

#ifndef PUBLIC_EVENT_CHANNEL_H
#define PUBLIC_EVENT_CHANNEL_H

#include "xen.h"

/* Sub-commands; the argument struct is named after each one. */
#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_bind_pirq          2
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9
#define EVTCHNOP_reset              10
#define EVTCHNOP_init_control       11
#define EVTCHNOP_expand_array       12
#define EVTCHNOP_set_priority       13
/* 14 is used internally by the hypervisor (continuation of reset). */

#ifndef __ASSEMBLY__

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/*
 * Allocate a port in domain 'dom' that domain 'remote_dom' may later
 * connect to with EVTCHNOP_bind_interdomain.  Only a privileged caller
 * may name a 'dom' other than DOMID_SELF.
 */
struct evtchn_alloc_unbound
{
    domid_t dom;                /* IN: owner of the new port */
    domid_t remote_dom;         /* IN: who may connect */
    evtchn_port_t port;         /* OUT: the new port */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/*
 * Connect a new local port to an unbound port of another domain that was
 * allocated for us.
 */
struct evtchn_bind_interdomain
{
    domid_t remote_dom;         /* IN: peer domain */
    evtchn_port_t remote_port;  /* IN: peer's unbound port */
    evtchn_port_t local_port;   /* OUT: our end */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/* Bind a VIRQ_* for a given vCPU to a new port. */
struct evtchn_bind_virq
{
    uint32_t virq;              /* IN: VIRQ_* */
    uint32_t vcpu;              /* IN: vCPU to notify */
    evtchn_port_t port;         /* OUT */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/* Bind a physical IRQ (privileged/driver domains) to a new port. */
struct evtchn_bind_pirq
{
    uint32_t pirq;              /* IN */
#define BIND_PIRQ__WILL_SHARE 1
    uint32_t flags;             /* IN: BIND_PIRQ__* */
    evtchn_port_t port;         /* OUT */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

/* New port for inter-vCPU notifications within this domain. */
struct evtchn_bind_ipi
{
    uint32_t vcpu;              /* IN: vCPU that will be notified */
    evtchn_port_t port;         /* OUT */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/* Close a port; an interdomain peer's end reverts to unbound. */
struct evtchn_close
{
    evtchn_port_t port;         /* IN */
};
typedef struct evtchn_close evtchn_close_t;

/* Notify the far end of a port (interdomain peer, or IPI target). */
struct evtchn_send
{
    evtchn_port_t port;         /* IN */
};
typedef struct evtchn_send evtchn_send_t;

/* Describe a port of 'dom' (DOMID_SELF, or any if privileged). */
struct evtchn_status
{
    domid_t dom;                /* IN */
    evtchn_port_t port;         /* IN */
#define EVTCHNSTAT_closed       0   /* free */
#define EVTCHNSTAT_unbound      1   /* waiting for a peer */
#define EVTCHNSTAT_interdomain  2   /* connected to another domain */
#define EVTCHNSTAT_pirq         3   /* physical IRQ */
#define EVTCHNSTAT_virq         4   /* virtual IRQ */
#define EVTCHNSTAT_ipi          5   /* inter-vCPU */
    uint32_t status;            /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;              /* OUT: vCPU notified */
    union
    {
        struct
        {
            domid_t dom;        /* who may connect */
        } unbound;
        struct
        {
            domid_t dom;        /* peer */
            evtchn_port_t port; /* peer's port */
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;                        /* OUT: detail by status */
};
typedef struct evtchn_status evtchn_status_t;

/*
 * Route a port's notifications to another vCPU.  Per-vCPU VIRQs and IPIs
 * cannot be moved this way.
 */
struct evtchn_bind_vcpu
{
    evtchn_port_t port;         /* IN */
    uint32_t vcpu;              /* IN */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/* Clear a port's mask bit and deliver it if it became pending meanwhile. */
struct evtchn_unmask
{
    evtchn_port_t port;         /* IN */
};
typedef struct evtchn_unmask evtchn_unmask_t;

/* Close every port of a domain (DOMID_SELF, or any if privileged). */
struct evtchn_reset
{
    domid_t dom;                /* IN */
};
typedef struct evtchn_reset evtchn_reset_t;

/*
 * Switch to the FIFO ABI by giving one vCPU's control block: a frame
 * (by GFN) and offset holding an evtchn_fifo_control_block.  Must be
 * done for every vCPU.
 */
struct evtchn_init_control
{
    uint64_t control_gfn;       /* IN: frame with the control block */
    uint32_t offset;            /* IN: offset of the block in it */
    uint32_t vcpu;              /* IN */
    uint8_t link_bits;          /* OUT: bits of an event word's link field */
    uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;

/* FIFO ABI: add one more page of event words (1024 ports per page). */
struct evtchn_expand_array
{
    uint64_t array_gfn;         /* IN: frame to use */
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

/* FIFO ABI: choose the queue a port's events go to. */
struct evtchn_set_priority
{
    evtchn_port_t port;         /* IN */
    uint32_t priority;          /* IN: EVTCHN_FIFO_PRIORITY_* range */
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/*
 * Argument of the obsolete __HYPERVISOR_event_channel_op_compat: the
 * command followed by its argument.
 */
struct evtchn_op
{
    uint32_t cmd;               /* EVTCHNOP_* */
    union
    {
        evtchn_alloc_unbound_t alloc_unbound;
        evtchn_bind_interdomain_t bind_interdomain;
        evtchn_bind_virq_t bind_virq;
        evtchn_bind_pirq_t bind_pirq;
        evtchn_bind_ipi_t bind_ipi;
        evtchn_close_t close;
        evtchn_send_t send;
        evtchn_status_t status;
        evtchn_bind_vcpu_t bind_vcpu;
        evtchn_unmask_t unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

#endif /* !__ASSEMBLY__ */

/* Ports available with the 2-level (shared_info bitmap) ABI: 4096. */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/*
 * FIFO ABI.  Each port has a 32-bit event word in guest-provided array
 * pages.  Pending events are linked into per-priority queues; each vCPU's
 * control block holds the queue heads and a 'ready' bitmap of non-empty
 * queues.  Priority 0 is the most urgent.
 */
#define EVTCHN_FIFO_PRIORITY_MAX        0
#define EVTCHN_FIFO_PRIORITY_DEFAULT    7
#define EVTCHN_FIFO_PRIORITY_MIN        15
#define EVTCHN_FIFO_MAX_QUEUES          (EVTCHN_FIFO_PRIORITY_MIN + 1)

#ifndef __ASSEMBLY__
typedef uint32_t event_word_t;
#endif

/* Bits of an event word. */
#define EVTCHN_FIFO_PENDING     31  /* event is pending */
#define EVTCHN_FIFO_MASKED      30  /* guest has masked the port */
#define EVTCHN_FIFO_LINKED      29  /* word is on a queue */
#define EVTCHN_FIFO_BUSY        28  /* hypervisor is relinking the word */

/* The low bits link to the next port in the queue (0 = end). */
#define EVTCHN_FIFO_LINK_BITS   17
#define EVTCHN_FIFO_LINK_MASK   ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)

#ifndef __ASSEMBLY__
struct evtchn_fifo_control_block
{
    uint32_t ready;                         /* bit q: queue q non-empty */
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];  /* first port of each queue */
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;
#endif

#endif /* PUBLIC_EVENT_CHANNEL_H */

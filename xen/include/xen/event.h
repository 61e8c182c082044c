/*
 * Event channels: the interface the rest of the hypervisor uses.
 *
 * An event channel port is a small integer naming one end of a virtual
 * interrupt line inside one domain: to another domain (interdomain), to
 * a hypervisor event (VIRQ), to another vCPU of the same domain (IPI),
 * or to a physical IRQ lent to it (PIRQ, arch_pirq_*).  Raising a port sets
 * it pending in the guest-visible state of the domain's ABI (2-level
 * bitmaps in shared_info, or the FIFO queues in guest pages) and, unless
 * masked, makes the target vCPU take an event upcall.
 *
 * Life cycle: domain_create() calls evtchn_init() once the vCPUs exist;
 * domain_kill() calls evtchn_destroy() before the domain's memory is
 * given back (FIFO pages are guest pages with references held).
 *
 * Every function here may be called from hypercall or softirq context on
 * any CPU; the send functions also from interrupt context.  None blocks.
 * The design is described in docs/events.md.
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/event_channel.h>
#include <public/sched.h>

struct domain;
struct vcpu;

/*
 * Default highest port of an unprivileged domain (Xen's toolstack
 * default, max_event_channels = 1023); a privileged domain is bounded
 * only by its ABI (4095 on 2-level, 2^17 - 1 on FIFO).
 */
#define EVTCHN_DEFAULT_MAX_PORT 1023

int evtchn_init(struct domain *d);
void evtchn_destroy(struct domain *d);

/* Domain builder/toolstack: change d's highest usable port.  Ports
 * already above it stay open; only new allocations are refused. */
int evtchn_set_max_port(struct domain *d, unsigned int max_port);

/* v was created after evtchn_init() of its domain. */
void evtchn_vcpu_created(struct vcpu *v);

/* Domain builder: an unbound port of d that remote_dom may connect to
 * (xenstore and console rings).  Returns the port or -errno. */
int evtchn_alloc_unbound_port(struct domain *d, domid_t remote_dom);

/* Raise v's port for a per-vCPU VIRQ (VIRQ_TIMER, VIRQ_DEBUG, ...), or
 * d's port for a global one; nothing happens if none is bound. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
void send_guest_global_virq(struct domain *d, unsigned int virq);
/* True for VIRQs that exist once per domain (bound on vCPU 0 only). */
bool virq_is_global(unsigned int virq);

/* As if d issued EVTCHNOP_send on its own port: 0 or -EINVAL. */
int evtchn_send(struct domain *d, unsigned int port);

/* SCHEDOP_poll for the current vCPU (the argument already copied in). */
long evtchn_poll(const struct sched_poll *poll);

/* A physical interrupt for the port dom bound to pirq (from interrupt
 * context; dropped if the port no longer is that PIRQ's). */
void evtchn_raise_pirq(domid_t dom, uint32_t pirq, unsigned int port);
/* Unmask d's port if it is still bound to pirq, as EVTCHNOP_unmask would
 * (an EOI with PHYSDEVOP_pirq_eoi_gmfn_v1's automatic unmask).  Not with
 * the arch's PIRQ lock held. */
void evtchn_unmask_pirq(struct domain *d, uint32_t pirq, unsigned int port);
/* Architecture hooks of EVTCHNOP_bind_pirq and of closing such a port,
 * called with the domain's event lock held: route the physical line to
 * port (0 or -errno), and silence it again. */
int arch_pirq_bind(struct domain *d, uint32_t pirq, unsigned int port);
void arch_pirq_unbind(struct domain *d, uint32_t pirq);
/* v's evtchn_upcall_pending just went from 0 to 1, or was set in a new
 * vcpu_info (any CPU, any context, before v is kicked): an architecture
 * that signals upcalls by other means than that flag (an HVM vCPU's
 * per-vCPU APIC vector) does so. */
void arch_evtchn_upcall(struct vcpu *v);

long do_event_channel_op(unsigned long cmd, unsigned long arg,
                         unsigned long a3, unsigned long a4,
                         unsigned long a5);

#endif /* XEN_EVENT_H */

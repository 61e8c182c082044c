/*
 * events.h - event channels seen from a PV kernel (2-level ABI).
 *
 * The library registers an event callback at boot.  When it runs it
 * clears the pending bits and calls the handler bound to each pending,
 * unmasked port, or counts the event if none is bound.  Events start
 * masked (vcpu_info.evtchn_upcall_mask = 1) as the hypervisor hands the
 * kernel over; a test that wants upcalls calls events_enable().
 *
 * With several vCPUs each one handles the ports bound to it (the notify
 * vCPU: bind_ipi/bind_virq's vcpu, EVTCHNOP_bind_vcpu, 0 otherwise) in
 * its own upcall, and events_enable/disable/enabled act on the calling
 * vCPU's mask.  The library knows a port's vCPU from the hypervisor when
 * evtchn_bind() is called; move a bound port with evtchn_bind_vcpu(), not
 * the bare hypercall.  See docs/pv-tests.md, "Events and several vCPUs".
 */
#ifndef PV_EVENTS_H
#define PV_EVENTS_H

#include <pv/types.h>
#include <pv/traps.h>
#include <public/event_channel.h>

typedef void (*evtchn_handler_t)(evtchn_port_t port, struct pv_regs *regs,
                                 void *data);

/* Bind a handler to a port (NULL unbinds); the port is unmasked. */
void evtchn_bind(evtchn_port_t port, evtchn_handler_t fn, void *data);

/* EVTCHNOP_bind_vcpu, and the library's record of the port's vCPU. */
long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu);

/* Mask/unmask one port in shared_info (unmask goes through the ABI op). */
void evtchn_mask(evtchn_port_t port);
long evtchn_unmask(evtchn_port_t port);
void evtchn_clear(evtchn_port_t port);
bool evtchn_pending(evtchn_port_t port);

/* Upcalls delivered so far, and events on ports without a handler. */
extern volatile unsigned long events_upcalls;
extern volatile unsigned long events_unbound;

/* The calling vCPU's virtual interrupt flag.  Enabling delivers what is
 * pending.  To sleep until a handler has run, test with events disabled
 * and then SCHEDOP_block, which unmasks them and blocks only if nothing
 * is pending (its upcall runs on the way back); re-disable and re-test. */
void events_enable(void);
void events_disable(void);
bool events_enabled(void);

/* Called by the event-callback stub. */
void events_dispatch(struct pv_regs *regs);

#endif /* PV_EVENTS_H */

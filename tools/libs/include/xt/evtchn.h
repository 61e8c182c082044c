/* SPDX-License-Identifier: MIT */
/*
 * xt/evtchn.h: event channels from dom0 userspace (/dev/xen/evtchn).
 * Ports bound through one handle are delivered to it: poll its fd for
 * POLLIN, read the pending port with xt_evtchn_pending(), handle it,
 * then xt_evtchn_unmask() it to receive the next event.
 * Return values: >= 0 success (a port where one is returned), -errno.
 */
#ifndef XT_EVTCHN_H
#define XT_EVTCHN_H

#include <stdint.h>

struct xt_evtchn;

struct xt_evtchn *xt_evtchn_open(void);     /* NULL, errno on failure */
/* The same with a non-blocking descriptor, for daemons that poll it:
 * xt_evtchn_pending() then answers -EAGAIN when no port is pending. */
struct xt_evtchn *xt_evtchn_open_nonblock(void);
void xt_evtchn_close(struct xt_evtchn *xe);
int xt_evtchn_fd(const struct xt_evtchn *xe);

int xt_evtchn_bind_interdomain(struct xt_evtchn *xe, uint32_t domid,
                               uint32_t remote_port);
int xt_evtchn_bind_unbound_port(struct xt_evtchn *xe, uint32_t domid);
int xt_evtchn_bind_virq(struct xt_evtchn *xe, uint32_t virq);
int xt_evtchn_unbind(struct xt_evtchn *xe, uint32_t port);
int xt_evtchn_notify(struct xt_evtchn *xe, uint32_t port);
/* The next pending port (blocks unless the fd is non-blocking). */
int xt_evtchn_pending(struct xt_evtchn *xe);
int xt_evtchn_unmask(struct xt_evtchn *xe, uint32_t port);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_sched_op(cmd, arg): give up the CPU, block, poll ports, and
 * shut the domain down.  Return value 0 on success unless noted.
 */

#ifndef PUBLIC_SCHED_H
#define PUBLIC_SCHED_H

#include "event_channel.h"

/* arg unused: let another vCPU run. */
#define SCHEDOP_yield           0

/*
 * arg unused: sleep until an event is pending.  The guest should clear
 * its upcall mask first; a pending event makes this return at once.
 */
#define SCHEDOP_block           1

/* arg: sched_shutdown.  Stop the whole domain with the given reason. */
#define SCHEDOP_shutdown        2

/* arg: sched_poll.  Sleep until one of the listed ports is pending. */
#define SCHEDOP_poll            3

/* arg: sched_remote_shutdown.  Privileged: shut down another domain. */
#define SCHEDOP_remote_shutdown 4

/* arg: sched_shutdown.  Record the reason without shutting down yet. */
#define SCHEDOP_shutdown_code   5

/*
 * arg: sched_watchdog.  id == 0 allocates a watchdog (returns its id);
 * id != 0 pets it, or destroys it if timeout == 0.  A watchdog that
 * expires shuts the domain down with SHUTDOWN_watchdog.
 */
#define SCHEDOP_watchdog        6

/* arg: sched_pin_override.  Hardware domain only: temporary pinning. */
#define SCHEDOP_pin_override    7

#ifndef __ASSEMBLY__

struct sched_shutdown
{
    uint32_t reason;            /* IN: SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

struct sched_poll
{
    XEN_GUEST_HANDLE(evtchn_port_t) ports; /* IN: array of ports */
    uint32_t nr_ports;          /* IN: entries in the array */
    uint64_t timeout;           /* IN: absolute system time (ns), 0 = none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

struct sched_remote_shutdown
{
    domid_t domain_id;          /* IN: victim domain */
    uint32_t reason;            /* IN: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

struct sched_watchdog
{
    uint32_t id;                /* IN: 0 = new; else watchdog id */
    uint32_t timeout;           /* IN: seconds; 0 = destroy */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

struct sched_pin_override
{
    int32_t pcpu;               /* IN: physical CPU, or -1 to undo */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

#endif /* !__ASSEMBLY__ */

/* Shutdown reasons. */
#define SHUTDOWN_poweroff   0   /* stop and destroy */
#define SHUTDOWN_reboot     1   /* destroy and start again */
#define SHUTDOWN_suspend    2   /* save state for a later resume/migration */
#define SHUTDOWN_crash      3   /* the guest hit a fatal error */
#define SHUTDOWN_watchdog   4   /* a watchdog expired */
#define SHUTDOWN_soft_reset 5   /* reset state but keep memory (kexec) */
#define SHUTDOWN_MAX        5   /* largest valid reason */

#endif /* PUBLIC_SCHED_H */

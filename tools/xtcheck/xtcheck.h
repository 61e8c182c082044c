/* SPDX-License-Identifier: MIT */
/*
 * xtcheck: checks of the tool libraries against the real drivers and
 * hypervisor, run in dom0 by tests/boot/run-toolstack.sh.  Each check
 * prints "xtcheck: <name>: ok" or "xtcheck: <name>: FAILED (<why>)".
 */
#ifndef XTCHECK_H
#define XTCHECK_H

#include <stdint.h>
#include <xt/call.h>

/* Reports one result; returns ok. */
int report(const char *name, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void check_call(struct xt_call *xc);
void check_evtchn(void);
void check_gnttab(void);
/* Creates a scratch domain, exercises ctrl and foreign on it, destroys
 * it and waits for VIRQ_DOM_EXC. */
void check_domain(struct xt_call *xc);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * xtcheck: checks of the tool libraries against the real drivers and
 * hypervisor, run in dom0 by tests/boot/run-toolstack.sh.  Each check
 * prints "xtcheck: <name>: ok" or "xtcheck: <name>: FAILED (<why>)".
 */
#ifndef XTCHECK_H
#define XTCHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <public/xen.h>
#include <xt/call.h>
#include <xt/store.h>

/* Reports one result; returns ok. */
int report(const char *name, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void check_call(struct xt_call *xc);
void check_evtchn(void);
void check_gnttab(void);
/* Creates a scratch domain, exercises ctrl and foreign on it, destroys
 * it and waits for VIRQ_DOM_EXC. */
void check_domain(struct xt_call *xc);
/* xenconsoled on that domain (check-console.c): prepare its console page
 * and nodes before it is introduced, check the daemon serves it after
 * (true if it did), and that the daemon lets it go once it died. */
bool console_prepare(struct xt_call *xc, struct xt_store *xs,
                     domid_t domid, xen_pfn_t mfn);
bool console_check(struct xt_call *xc, struct xt_store *xs, domid_t domid,
                   xen_pfn_t mfn);
void console_gone(struct xt_store *xs, domid_t domid, bool served);

#endif

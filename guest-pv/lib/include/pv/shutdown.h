/*
 * shutdown.h - ending the domain.
 */
#ifndef PV_SHUTDOWN_H
#define PV_SHUTDOWN_H

#include <pv/types.h>

/* SCHEDOP_shutdown with the given SHUTDOWN_* reason; never returns. */
void pv_shutdown(unsigned int reason) __noreturn;
void pv_poweroff(void) __noreturn;
void pv_crash(void) __noreturn;

#endif /* PV_SHUTDOWN_H */

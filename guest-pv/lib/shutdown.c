/*
 * shutdown.c - SCHEDOP_shutdown and what to do if it comes back.
 */
#include <pv/shutdown.h>
#include <pv/hypercall.h>
#include <pv/printf.h>
#include <pv/console.h>
#include <pv/x86.h>

void pv_shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };
    long rc;

    console_flush();
    rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);

    /* Should never get here; say so once and park the vCPU. */
    printf("pvtest: SCHEDOP_shutdown(%u) returned %ld\n", reason, rc);
    for ( ;; )
        cpu_relax();
}

void pv_poweroff(void)
{
    pv_shutdown(SHUTDOWN_poweroff);
}

void pv_crash(void)
{
    pv_shutdown(SHUTDOWN_crash);
}

/*
 * Ending the machine: power off, restart, or halt forever.
 *
 * Common code decides when (dom0 shut down, panic, boot test finished) and
 * reaches the hardware through two arch hooks:
 *
 *   void arch_power_off(void);
 *   void arch_restart(void);
 *     Try every method the platform offers (ACPI first, then the classic
 *     fallbacks), in order.  Called with interrupts disabled on one CPU,
 *     the others already stopped.  They return only if every method failed.
 */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/compiler.h>

void __noreturn machine_power_off(void);
void __noreturn machine_restart(void);
void __noreturn machine_halt(void);

void arch_power_off(void);
void arch_restart(void);
/* Stop every other CPU (they spin with interrupts off); arch provides it. */
void arch_stop_other_cpus(void);

#endif /* XEN_SHUTDOWN_H */

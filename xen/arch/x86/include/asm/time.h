/*
 * x86 time sources (arch/x86/time.c): the TSC, calibrated once at boot,
 * is the clock (NOW()); each CPU's local APIC timer is its one-shot event
 * timer (arch_timer_program()), in TSC-deadline mode when offered.
 */
#ifndef ASM_X86_TIME_H
#define ASM_X86_TIME_H

/*
 * BSP, after the local APIC is up: calibrate the TSC (HPET, else PIT),
 * start system time, choose and check the LAPIC timer mode.
 */
void time_init(void);
/* Each AP, after its local APIC is up: set up its LAPIC timer. */
void time_ap_init(void);

/* The arch hook xen/vcpu.h declares: this CPU's pvclock parameters now. */
struct vcpu_time_info;
void arch_time_record(struct vcpu_time_info *t);

#endif /* ASM_X86_TIME_H */

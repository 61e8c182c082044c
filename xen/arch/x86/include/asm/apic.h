/*
 * Local APIC interface used outside the APIC driver.
 */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

#include <xen/types.h>

/* Signal end of interrupt to this CPU's local APIC. */
void lapic_eoi(void);
/* This CPU's APIC ID. */
uint32_t lapic_id(void);
/* Send vector to one CPU (by logical CPU number), or to all others. */
void send_ipi(unsigned int cpu, uint8_t vector);
void send_ipi_allbutself(uint8_t vector);

/* APIC ID of each logical CPU, from the MADT; cpu 0 is the BSP. */
extern uint32_t x86_cpu_to_apicid[];
extern unsigned int nr_cpu_ids;   /* CPUs described by the firmware */

#endif /* ASM_X86_APIC_H */

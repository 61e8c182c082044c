/*
 * Local APIC interface used outside the APIC driver (arch/x86/apic.c).
 *
 * The BSP calls apic_bsp_init() once (it chooses xAPIC MMIO or x2APIC MSR
 * mode for the whole machine and maps the registers); every AP calls
 * apic_ap_init() on itself.  Registers are named by their xAPIC offset
 * (asm/apicdef.h) in either mode.
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

void apic_bsp_init(void);
void apic_ap_init(void);
/* Has apic_bsp_init() run (IPIs and EOIs possible)? */
bool apic_ready(void);
bool apic_x2apic_mode(void);

uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t val);
/*
 * Write the interrupt command register: icr is the low word (vector,
 * delivery mode, shorthand), dest an APIC ID.  Waits for the previous and
 * this IPI to be accepted (xAPIC); false if the APIC stayed busy.
 */
bool apic_send_icr(uint32_t icr, uint32_t dest);
/* Is vector requested in this CPU's IRR (pending, not yet serviced)? */
bool apic_irr_pending(uint8_t vector);

#endif /* ASM_X86_APIC_H */

/*
 * High Precision Event Timer (arch/x86/hpet.c): used as a free-running
 * reference counter (TSC calibration); its comparators stay disabled.
 */
#ifndef ASM_X86_HPET_H
#define ASM_X86_HPET_H

#include <xen/types.h>

/* Map and start the HPET the ACPI table describes; false if unusable. */
bool hpet_init(void);
/* The main counter (zero-extended when the counter is 32 bits wide). */
uint64_t hpet_read_counter(void);
/* Counter width mask and tick period (femtoseconds), valid once inited. */
extern uint64_t hpet_counter_mask;
extern uint32_t hpet_period_fs;

#endif /* ASM_X86_HPET_H */

/*
 * IO-APICs (arch/x86/io_apic.c): found through the MADT, every pin masked
 * at boot.  Pins are addressed by global system interrupt (GSI) number;
 * ISA IRQs map to GSIs through acpi_isa_irq_to_gsi().
 */
#ifndef ASM_X86_IO_APIC_H
#define ASM_X86_IO_APIC_H

#include <xen/types.h>

/* Map every IO-APIC the MADT lists and mask all their pins. */
void io_apic_init(void);

/* Number of GSIs covered (one past the highest), 0 without IO-APICs. */
unsigned int io_apic_nr_gsis(void);

/*
 * Route gsi to vector on the CPU with APIC ID dest (physical destination,
 * fixed delivery), left masked if masked; 0 or -EINVAL (no such pin, or a
 * destination an 8-bit field cannot name).
 */
int io_apic_route_gsi(unsigned int gsi, uint8_t vector, uint32_t dest,
                      bool level, bool active_low, bool masked);
int io_apic_mask_gsi(unsigned int gsi, bool masked);
int io_apic_read_at(uint64_t base, uint32_t reg, uint32_t *val);
/* The GSIs of the IO-APIC whose registers are at base (-EINVAL: none). */
int io_apic_gsis_at(uint64_t base, unsigned int *gsi_base, unsigned int *nr_pins);

#endif /* ASM_X86_IO_APIC_H */

/*
 * Physical interrupts (GSIs of the IO-APICs) lent to the hardware
 * domain as PIRQs: the state behind PHYSDEVOP_map_pirq/unmap_pirq/
 * setup_gsi/eoi/irq_status_query and EVTCHNOP_bind_pirq (whose common
 * half calls arch_pirq_bind/unbind, xen/event.h).  docs/dom0.md has
 * the flow.
 */
#ifndef ASM_X86_PIRQ_H
#define ASM_X86_PIRQ_H

#include <xen/types.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

/* PIRQ numbers a domain can name (as EVTCHN_NR_PIRQS). */
#define NR_PIRQS 256

/* Guards the GSI table and the MSI one (arch/x86/msi.c) together. */
extern spinlock_t pirq_lock;

/* Whether d names pirq for a GSI (pirq_lock held). */
bool pirq_gsi_named(const struct domain *d, int pirq);

int pirq_map_gsi(struct domain *d, int gsi, int *pirq);
int pirq_unmap(struct domain *d, int pirq);
int pirq_setup_gsi(struct domain *d, int gsi, bool level, bool active_low);
int pirq_eoi(struct domain *d, uint32_t pirq);
int pirq_status(struct domain *d, uint32_t pirq, uint32_t *flags);
/* PHYSDEVOP_pirq_eoi_gmfn_v1 (v1: EOI unmasks the port) and _v2
 * (arch/x86/pirq_eoi.c); released when d relinquishes its memory. */
int pirq_eoi_map_register(struct domain *d, unsigned long gfn, bool v1);
void pirq_eoi_map_release(struct domain *d);
/* pirq_lock held: at bind, whether pirq needs PHYSDEVOP_eoi. */
void pirq_eoi_mark(struct domain *d, unsigned int pirq, bool needs_eoi);

/* PHYSDEVOP_apic_write of the IO-APIC at base (arch/x86/pirq.c). */
int pirq_apic_write(struct domain *d, uint64_t base, uint32_t reg, uint32_t lo);

#endif /* ASM_X86_PIRQ_H */

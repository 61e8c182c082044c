/*
 * Device memory the hypervisor drives itself, and what a privileged guest
 * (dom0, which may otherwise map I/O memory) may do with it
 * (arch/x86/mm/mmio_guard.c).
 *
 * The drivers register their frames as they take a device over: the local
 * APIC's page and the whole MSI address window are denied outright (a
 * write there could raise any interrupt on any CPU), an IO-APIC's page and
 * the HPET block are readable but never writable (their registers steer
 * the hypervisor's interrupts and its clock).  These are Xen 4.17's rules
 * for a PV dom0.
 */
#ifndef ASM_X86_MMIO_GUARD_H
#define ASM_X86_MMIO_GUARD_H

#include <xen/types.h>

enum mmio_access {
    MMIO_ALLOWED,     /* any mapping */
    MMIO_READ_ONLY,   /* mappings are made read-only */
    MMIO_DENIED,      /* no mapping at all */
};

/* The frames covering [pa, pa + len) get access `a` (the stricter of it
 * and what they had).  At boot, before dom0 exists. */
void mmio_guard(paddr_t pa, size_t len, enum mmio_access a);

/* Whether mfn is one of the devices the hypervisor registered at boot. */
bool mmio_guarded(unsigned long mfn);

/* What dom0 may do with machine frame mfn. */
enum mmio_access mmio_access(unsigned long mfn);

/*
 * Frames the hypervisor takes over while dom0 runs: an MSI-X table and
 * its pending-bit array once an entry of it is set up for dom0 (Xen's
 * mmio_ro_ranges).  dom0's new mappings of [first, last] are made
 * read-only while at least one hold remains; holds of the same range
 * are counted.  mmio_hold_ro is false when no slot is left.
 */
bool mmio_hold_ro(unsigned long first, unsigned long last);
void mmio_release_ro(unsigned long first, unsigned long last);

#endif /* ASM_X86_MMIO_GUARD_H */

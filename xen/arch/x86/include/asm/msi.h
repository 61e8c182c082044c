/*
 * MSI/MSI-X interrupts lent to the hardware domain as PIRQs
 * (arch/x86/msi.c; the flow is in docs/dom0.md).  The *_locked calls
 * are made by arch/x86/pirq.c with pirq_lock held; -ENOENT from them
 * means "not an MSI PIRQ of this domain", for pirq.c to try its GSIs.
 */
#ifndef ASM_X86_MSI_H
#define ASM_X86_MSI_H

#include <xen/types.h>
#include <xen/sched.h>

struct physdev_map_pirq;

/* PHYSDEVOP_map_pirq of an MSI type (map->pirq and, for MULTI_MSI,
 * map->entry_nr are written back). */
int msi_map(struct domain *d, struct physdev_map_pirq *map);
int msi_unmap(struct domain *d, int pirq);             /* -ENOENT: not MSI */

bool msi_pirq_named(const struct domain *d, int pirq); /* pirq_lock held */
int msi_bind_locked(struct domain *d, int pirq, unsigned int port);
bool msi_unbind_locked(struct domain *d, int pirq);
int msi_port_locked(const struct domain *d, int pirq);  /* -ENOENT: not MSI */

/* PHYSDEVOP_restore_msi(_ext): rewrite a device's messages. */
int msi_restore(unsigned int seg, unsigned int bus, unsigned int devfn);
/* PHYSDEVOP_prepare_msix (off: release_msix). */
int msi_prepare_msix(unsigned int seg, unsigned int bus, unsigned int devfn,
                     bool off);
/* dom0's config write of size bytes at reg of seg:bus:devfn (through
 * 0xcf8/0xcfc, segment 0, or through MMCONFIG, any segment): false to drop it, *val possibly adjusted
 * (Xen 4.17's MSI/MSI-X intercept; arch/x86/msi.c). */
bool msi_conf_write_ok(unsigned int seg, unsigned int bus, unsigned int devfn,
                       unsigned int reg, unsigned int size, uint32_t *val);
/* PHYSDEVOP_pci_device_remove: its MSIs go with it. */
void msi_forget_device(unsigned int seg, unsigned int bus, unsigned int devfn);

#endif /* ASM_X86_MSI_H */

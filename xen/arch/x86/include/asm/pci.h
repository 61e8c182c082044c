/*
 * PCI configuration space as the hypervisor reaches it (mechanism #1,
 * ports 0xcf8/0xcfc, for segment 0; MMCONFIG for the rest), and the devices it knows of: those
 * present at boot plus what dom0 announced (PHYSDEVOP_pci_device_add and
 * the older manage_pci_* forms), minus what it took away.  MSI is only
 * ever set up for a device dom0 announced, as Xen 4.17 without an IOMMU.
 */
#ifndef ASM_X86_PCI_H
#define ASM_X86_PCI_H

#include <xen/types.h>
#include <xen/spinlock.h>

/* Serialises every use of the 0xcf8/0xcfc pair (dom0's latched accesses
 * in pv/emul-io.c and the hypervisor's own). */
extern spinlock_t pci_conf_lock;

/* Dword/word/byte at reg (size 1, 2 or 4) of segment-0 device bus:devfn. */
uint32_t pci_conf_read(unsigned int bus, unsigned int devfn,
                       unsigned int reg, unsigned int size);
void pci_conf_write(unsigned int bus, unsigned int devfn, unsigned int reg,
                    unsigned int size, uint32_t val);

/* Config offset of the capability with this id, or 0. */
unsigned int pci_find_cap(unsigned int bus, unsigned int devfn,
                          unsigned int id);

/* The device registry (Xen's semantics and errnos). */
int pci_dev_add(unsigned int seg, unsigned int bus, unsigned int devfn);
int pci_dev_remove(unsigned int seg, unsigned int bus, unsigned int devfn);
/* Known at all, or (dom0s_only) announced by dom0. */
bool pci_dev_known(unsigned int seg, unsigned int bus, unsigned int devfn,
                   bool dom0s_only);

/* Any segment's configuration space: segment 0's first 256 bytes
 * through the ports, everything else through MMCONFIG while its area is
 * in use (all ones when unreachable).  Writes elsewhere than segment 0's
 * ports: pci_mmcfg_write. */
uint32_t pci_seg_conf_read(unsigned int seg, unsigned int bus,
                           unsigned int devfn, unsigned int reg,
                           unsigned int size);
unsigned int pci_seg_find_cap(unsigned int seg, unsigned int bus,
                              unsigned int devfn, unsigned int id);

/*
 * MMCONFIG (arch/x86/pci_mmcfg.c): every MCFG area guarded read-only for
 * dom0 at boot and used by the hypervisor while in use
 * (PHYSDEVOP_pci_mmcfg_reserved).  pci_mmcfg_decode: which area, if
 * any, frame mfn lies in and what it addresses.  pci_mmcfg_read/write:
 * false when no area in use holds seg:bus.  pci_mmcfg_each_bus: fn for
 * every (segment, bus) an area covers.
 */
enum mmcfg_frame { MMCFG_NONE, MMCFG_UNUSED, MMCFG_IN_USE };

void pci_mmcfg_init(void);
enum mmcfg_frame pci_mmcfg_decode(unsigned long mfn, unsigned int *seg,
                                  unsigned int *bus, unsigned int *devfn);
bool pci_mmcfg_read(unsigned int seg, unsigned int bus, unsigned int devfn,
                    unsigned int reg, unsigned int size, uint32_t *val);
bool pci_mmcfg_write(unsigned int seg, unsigned int bus, unsigned int devfn,
                     unsigned int reg, unsigned int size, uint32_t val);
void pci_mmcfg_each_bus(void (*fn)(unsigned int seg, unsigned int bus));
int pci_mmcfg_reserved(uint64_t addr, unsigned int seg, unsigned int start_bus,
                       unsigned int end_bus, uint32_t flags);

#define PCI_CAP_ID_MSI   0x05
#define PCI_CAP_ID_MSIX  0x11

#endif /* ASM_X86_PCI_H */

/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_physdev_op(cmd, arg): physical-device plumbing for the
 * hardware domain and driver domains: IRQ (PIRQ) setup and EOI, I/O
 * privilege, and telling the hypervisor about PCI devices.
 */

#ifndef PUBLIC_PHYSDEV_H
#define PUBLIC_PHYSDEV_H

#include "xen.h"

#ifndef __ASSEMBLY__

/* Signal end-of-interrupt for a PIRQ. */
#define PHYSDEVOP_eoi                   12
struct physdev_eoi
{
    uint32_t irq;               /* IN: PIRQ */
};
typedef struct physdev_eoi physdev_eoi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_eoi_t);

/*
 * Register a guest page holding one "needs EOI" bit per PIRQ, so the
 * guest can skip PHYSDEVOP_eoi when it isn't needed.  v2 additionally
 * makes the hypervisor leave the bits alone on unmask.
 */
#define PHYSDEVOP_pirq_eoi_gmfn_v1      17
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
#define PHYSDEVOP_pirq_eoi_gmfn         PHYSDEVOP_pirq_eoi_gmfn_v2
struct physdev_pirq_eoi_gmfn
{
    xen_pfn_t gmfn;             /* IN: guest frame of the bitmap */
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pirq_eoi_gmfn_t);

/* Ask how a PIRQ behaves. */
#define PHYSDEVOP_irq_status_query      5
struct physdev_irq_status_query
{
    uint32_t irq;               /* IN: PIRQ */
    uint32_t flags;             /* OUT: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_status_query_t);

#define _XENIRQSTAT_needs_eoi   (0)
#define XENIRQSTAT_needs_eoi    (1U << _XENIRQSTAT_needs_eoi)  /* EOI required */
#define _XENIRQSTAT_shared      (1)
#define XENIRQSTAT_shared       (1U << _XENIRQSTAT_shared)     /* line shared */

/* Set the virtual IOPL of the calling vCPU. */
#define PHYSDEVOP_set_iopl              6
struct physdev_set_iopl
{
    uint32_t iopl;              /* IN: 0-3 */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iopl_t);

/* Install an I/O permission bitmap (like the TSS one) for the vCPU. */
#define PHYSDEVOP_set_iobitmap          7
struct physdev_set_iobitmap
{
    XEN_GUEST_HANDLE(uint8) bitmap; /* IN: one bit per port, 1 = denied */
    uint32_t nr_ports;          /* IN: ports covered by the bitmap */
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iobitmap_t);

/* Read/write an IO-APIC register (hardware domain). */
#define PHYSDEVOP_apic_read             8
#define PHYSDEVOP_apic_write            9
struct physdev_apic
{
    uint64_t apic_physbase;     /* IN: IO-APIC physical base */
    uint32_t reg;               /* IN: register index */
    uint32_t value;             /* IN (write) / OUT (read) */
};
typedef struct physdev_apic physdev_apic_t;
DEFINE_XEN_GUEST_HANDLE(physdev_apic_t);

/* Allocate / release a CPU vector for an IRQ (hardware domain). */
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
struct physdev_irq
{
    uint32_t irq;               /* IN */
    uint32_t vector;            /* OUT (alloc) / IN (free) */
};
typedef struct physdev_irq physdev_irq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_t);

/* physdev_map_pirq.type */
#define MAP_PIRQ_TYPE_MSI               0x0
#define MAP_PIRQ_TYPE_GSI               0x1
#define MAP_PIRQ_TYPE_UNKNOWN           0x2
#define MAP_PIRQ_TYPE_MSI_SEG           0x3 /* MSI; bus carries segment << 16 */
#define MAP_PIRQ_TYPE_MULTI_MSI         0x4 /* entry_nr vectors at once */

/* Map a GSI or MSI(-X) to a PIRQ of a domain. */
#define PHYSDEVOP_map_pirq              13
struct physdev_map_pirq
{
    domid_t domid;              /* IN */
    int32_t type;               /* IN: MAP_PIRQ_TYPE_* */
    int32_t index;              /* IN: GSI, or MSI-X table index */
    int32_t pirq;               /* IN: wanted PIRQ or -1 / OUT: PIRQ used */
    int32_t bus;                /* IN: PCI bus (MSI) */
    int32_t devfn;              /* IN: PCI devfn (MSI) */
    int32_t entry_nr;           /* IN: MSI-X entry / IN+OUT: MULTI_MSI count */
    uint64_t table_base;        /* IN: MSI-X table base address */
};
typedef struct physdev_map_pirq physdev_map_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_map_pirq_t);

#define PHYSDEVOP_unmap_pirq            14
struct physdev_unmap_pirq
{
    domid_t domid;              /* IN */
    int32_t pirq;               /* IN */
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_unmap_pirq_t);

/* Older PCI add/remove (segment 0 only). */
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
struct physdev_manage_pci
{
    uint8_t bus;                /* IN */
    uint8_t devfn;              /* IN */
};
typedef struct physdev_manage_pci physdev_manage_pci_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_t);

/* Reprogram a device's MSI state after e.g. a resume. */
#define PHYSDEVOP_restore_msi           19
struct physdev_restore_msi
{
    uint8_t bus;                /* IN */
    uint8_t devfn;              /* IN */
};
typedef struct physdev_restore_msi physdev_restore_msi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_restore_msi_t);

#define PHYSDEVOP_manage_pci_add_ext    20
struct physdev_manage_pci_ext
{
    uint8_t bus;                /* IN */
    uint8_t devfn;              /* IN */
    uint32_t is_extfn;          /* IN: ARI extended function */
    uint32_t is_virtfn;         /* IN: SR-IOV virtual function */
    struct
    {
        uint8_t bus;
        uint8_t devfn;
    } physfn;                   /* IN: parent physical function */
};
typedef struct physdev_manage_pci_ext physdev_manage_pci_ext_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_ext_t);

/* Argument of the obsolete __HYPERVISOR_physdev_op_compat. */
struct physdev_op
{
    uint32_t cmd;               /* PHYSDEVOP_* */
    union
    {
        physdev_irq_status_query_t irq_status_query;
        physdev_set_iopl_t set_iopl;
        physdev_set_iobitmap_t set_iobitmap;
        physdev_apic_t apic_op;
        physdev_irq_t irq_op;
    } u;
};
typedef struct physdev_op physdev_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_op_t);

/* Tell the hypervisor how the hardware domain configured a GSI. */
#define PHYSDEVOP_setup_gsi             21
struct physdev_setup_gsi
{
    int32_t gsi;                /* IN */
    uint8_t triggering;         /* IN: 0 edge, 1 level */
    uint8_t polarity;           /* IN: 0 active high, 1 active low */
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_setup_gsi_t);

/* Get an unused PIRQ number. */
#define PHYSDEVOP_get_free_pirq         23
struct physdev_get_free_pirq
{
    int32_t type;               /* IN: MAP_PIRQ_TYPE_* */
    uint32_t pirq;              /* OUT */
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_get_free_pirq_t);

/* Report an MMCONFIG region and whether firmware reserved it. */
#define XEN_PCI_MMCFG_RESERVED          0x1
#define PHYSDEVOP_pci_mmcfg_reserved    24
struct physdev_pci_mmcfg_reserved
{
    uint64_t address;           /* IN: ECAM base */
    uint16_t segment;           /* IN */
    uint8_t start_bus;          /* IN */
    uint8_t end_bus;            /* IN */
    uint32_t flags;             /* IN: XEN_PCI_MMCFG_RESERVED */
};
typedef struct physdev_pci_mmcfg_reserved physdev_pci_mmcfg_reserved_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_mmcfg_reserved_t);

/* physdev_pci_device_add.flags */
#define XEN_PCI_DEV_EXTFN               0x1 /* ARI extended function */
#define XEN_PCI_DEV_VIRTFN              0x2 /* SR-IOV virtual function */
#define XEN_PCI_DEV_PXM                 0x4 /* optarr[0] = proximity domain */

/* Announce a PCI device (any segment). */
#define PHYSDEVOP_pci_device_add        25
struct physdev_pci_device_add
{
    uint16_t seg;               /* IN */
    uint8_t bus;                /* IN */
    uint8_t devfn;              /* IN */
    uint32_t flags;             /* IN: XEN_PCI_DEV_* */
    struct
    {
        uint8_t bus;
        uint8_t devfn;
    } physfn;                   /* IN: parent PF if XEN_PCI_DEV_VIRTFN */
    uint32_t optarr[XEN_FLEX_ARRAY_DIM]; /* IN: optional data by flags */
};
typedef struct physdev_pci_device_add physdev_pci_device_add_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_add_t);

/* These take a physdev_pci_device. */
#define PHYSDEVOP_pci_device_remove     26
#define PHYSDEVOP_restore_msi_ext       27
#define PHYSDEVOP_prepare_msix          30  /* set MSI-X table up before use */
#define PHYSDEVOP_release_msix          31
struct physdev_pci_device
{
    uint16_t seg;               /* IN */
    uint8_t bus;                /* IN */
    uint8_t devfn;              /* IN */
};
typedef struct physdev_pci_device physdev_pci_device_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_t);

/* Debug-port (USB EHCI debug) coordination around a controller reset. */
#define PHYSDEVOP_DBGP_RESET_PREPARE    1
#define PHYSDEVOP_DBGP_RESET_DONE       2
#define PHYSDEVOP_DBGP_BUS_UNKNOWN      0
#define PHYSDEVOP_DBGP_BUS_PCI          1
#define PHYSDEVOP_dbgp_op               29
struct physdev_dbgp_op
{
    uint8_t op;                 /* IN: PHYSDEVOP_DBGP_RESET_* */
    uint8_t bus;                /* IN: PHYSDEVOP_DBGP_BUS_* */
    union
    {
        physdev_pci_device_t pci;
    } u;                        /* IN: device when bus is PCI */
};
typedef struct physdev_dbgp_op physdev_dbgp_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_dbgp_op_t);

/* Old name of an obsolete command number, kept for reference. */
#define PHYSDEVOP_IRQ_UNMASK_NOTIFY     4

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_PHYSDEV_H */

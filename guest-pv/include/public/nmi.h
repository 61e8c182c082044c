/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_nmi_op(cmd, arg) and the reason bits found in
 * shared_info.arch.nmi_reason when the hardware domain gets a virtual NMI.
 */

#ifndef PUBLIC_NMI_H
#define PUBLIC_NMI_H

#include "xen.h"

/* shared_info.arch.nmi_reason bits */
#define _XEN_NMIREASON_io_error     0
#define XEN_NMIREASON_io_error      (1UL << _XEN_NMIREASON_io_error)  /* I/O check */
#define _XEN_NMIREASON_pci_serr     1
#define XEN_NMIREASON_pci_serr      (1UL << _XEN_NMIREASON_pci_serr)  /* PCI SERR */
#define _XEN_NMIREASON_unknown      2
#define XEN_NMIREASON_unknown       (1UL << _XEN_NMIREASON_unknown)   /* other */

/* arg: xennmi_callback.  Install the guest NMI handler. */
#define XENNMI_register_callback    0
/* arg unused.  Remove it again. */
#define XENNMI_unregister_callback  1

#ifndef __ASSEMBLY__
struct xennmi_callback
{
    uint64_t handler_address;   /* IN: entry point */
    uint64_t pad;               /* IN: must be zero */
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);
#endif

#endif /* PUBLIC_NMI_H */

/*
 * What the hardware domain itself may reach of the machine's I/O: the
 * ranges it can grant to other domains through XEN_DOMCTL_ioport_permission
 * and XEN_DOMCTL_iomem_permission (Xen checks that the caller holds what
 * it grants).  These are the same rules the hypervisor applies to dom0's
 * own port accesses (pv/emul-io.c) and I/O mappings (mm/mmio_guard.c).
 */
#ifndef ASM_X86_IOCAPS_H
#define ASM_X86_IOCAPS_H

#include <xen/types.h>

/* Ports [first, last] (last < 65536): none is the hypervisor's. */
bool hwdom_ioports_ok(unsigned int first, unsigned int last);
/* Frames [first, last]: below the physical address width, and none that
 * the hypervisor denies to dom0 outright. */
bool hwdom_iomem_ok(uint64_t first, uint64_t last);

#endif /* ASM_X86_IOCAPS_H */

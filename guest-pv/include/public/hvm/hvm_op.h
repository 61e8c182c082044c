/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_hvm_op(cmd, arg): operations for HVM/PVH guests and their
 * device models.  Only the command numbers, the memory-type values and
 * the parameter get/set argument are provided here.
 */

#ifndef PUBLIC_HVM_HVM_OP_H
#define PUBLIC_HVM_HVM_OP_H

#include "../xen.h"

#define HVMOP_set_param                 0   /* arg: xen_hvm_param */
#define HVMOP_get_param                 1   /* arg: xen_hvm_param */
#define HVMOP_set_pci_intx_level        2   /* obsolete, see dm_op */
#define HVMOP_set_isa_irq_level         3   /* obsolete, see dm_op */
#define HVMOP_set_pci_link_route        4   /* obsolete, see dm_op */
#define HVMOP_flush_tlbs                5
#define HVMOP_pagetable_dying           9
#define HVMOP_get_time                  10
#define HVMOP_xentrace                  11
#define HVMOP_set_mem_access            12  /* toolstack */
#define HVMOP_get_mem_access            13  /* toolstack */
#define HVMOP_get_mem_type              15
#define HVMOP_set_evtchn_upcall_vector  23
#define HVMOP_guest_request_vm_event    24
#define HVMOP_altp2m                    25

#define HVMOP_ALTP2M_INTERFACE_VERSION  0x00000001
#define HVMOP_altp2m_get_domain_state       1
#define HVMOP_altp2m_set_domain_state       2
#define HVMOP_altp2m_vcpu_enable_notify     3
#define HVMOP_altp2m_create_p2m             4
#define HVMOP_altp2m_destroy_p2m            5
#define HVMOP_altp2m_switch_p2m             6
#define HVMOP_altp2m_set_mem_access         7
#define HVMOP_altp2m_change_gfn             8
#define HVMOP_altp2m_set_mem_access_multi   9
#define HVMOP_altp2m_set_suppress_ve        10
#define HVMOP_altp2m_get_suppress_ve        11
#define HVMOP_altp2m_get_mem_access         12
#define HVMOP_altp2m_vcpu_disable_notify    13
#define HVMOP_altp2m_get_p2m_idx            14
#define HVMOP_altp2m_set_suppress_ve_multi  15
#define HVMOP_altp2m_set_visibility         16

/* ioreq-server buffered-ioreq modes */
#define HVM_IOREQSRV_BUFIOREQ_OFF       0
#define HVM_IOREQSRV_BUFIOREQ_LEGACY    1
#define HVM_IOREQSRV_BUFIOREQ_ATOMIC    2

#ifndef __ASSEMBLY__

/* Read or write one HVM_PARAM_* of a domain. */
struct xen_hvm_param
{
    domid_t domid;              /* IN */
    uint16_t pad;
    uint32_t index;             /* IN: HVM_PARAM_* */
    uint64_t value;             /* IN (set) / OUT (get) */
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

/* HVMOP_set_evtchn_upcall_vector: vCPU 'vcpu' takes its event upcalls as
 * an interrupt at 'vector' (0x10 and up) through its local APIC. */
struct xen_hvm_evtchn_upcall_vector
{
    uint32_t vcpu;              /* IN */
    uint8_t vector;             /* IN */
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;

/* HVMOP_get_time: the hypervisor's system time (ns since boot). */
struct xen_hvm_get_time
{
    uint64_t now;               /* OUT */
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;

/* Type of a guest frame (HVMOP_get_mem_type). */
typedef enum
{
    HVMMEM_ram_rw,              /* ordinary RAM */
    HVMMEM_ram_ro,              /* RAM, writes dropped */
    HVMMEM_mmio_dm,             /* emulated by the device model */
    HVMMEM_unused,
    HVMMEM_ioreq_server         /* claimed by an ioreq server */
} hvmmem_type_t;

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_HVM_HVM_OP_H */

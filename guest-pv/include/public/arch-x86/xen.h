/* SPDX-License-Identifier: MIT */
/*
 * x86 architecture part of the PV ABI: guest handles, basic scalar types
 * (xen_pfn_t, xen_ulong_t), the trap table, the full vCPU context used by
 * VCPUOP_initialise and the toolstack, and the arch slices of shared_info.
 */

/* Make sure the generic header (which includes us) is fully processed. */
#include "../xen.h"

#ifndef PUBLIC_ARCH_X86_XEN_H
#define PUBLIC_ARCH_X86_XEN_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/*
 * Guest handles.  A XEN_GUEST_HANDLE(t) is a pointer to guest memory
 * wrapped in a one-member struct, so it is 8 bytes and is not silently
 * interchangeable with a plain pointer.  Every handle type comes with a
 * const_ twin.  Each name may be defined only once per program.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type)          \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);            \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)        __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)          __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)
/* On x86_64 every handle is already 64 bits wide. */
#define XEN_GUEST_HANDLE_64(name)       XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val)  do { (hnd).p = (val); } while ( 0 )
#define set_xen_guest_handle(hnd, val)      set_xen_guest_handle_raw(hnd, val)

#if defined(__x86_64__) || defined(__ASSEMBLY__)
#include "xen-x86_64.h"
#else
#error "public headers: only the x86_64 PV ABI is provided"
#endif

#ifndef __ASSEMBLY__
/* A page-frame number (guest or machine, depending on context). */
typedef uint64_t xen_pfn_t;
#define PRI_xen_pfn     "lx"
#define PRIu_xen_pfn    "lu"

/* Natural register-sized unsigned integer of the ABI. */
typedef uint64_t xen_ulong_t;
#define PRI_xen_ulong   "lx"

/* 64-bit fields are naturally aligned on x86_64; no special types needed. */
#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif
#ifndef int64_aligned_t
#define int64_aligned_t int64_t
#endif
#endif

/* XEN_DOMCTL_{get,set}tscinfo's tsc_mode: the hypervisor decides
 * (native when it can), RDTSC always emulated, RDTSC always native. */
#define TSC_MODE_DEFAULT          0
#define TSC_MODE_ALWAYS_EMULATE   1
#define TSC_MODE_NEVER_EMULATE    2

/* This architecture has PV guests: start_info and the upcall mask exist. */
#define XEN_HAVE_PV_GUEST_ENTRY 1
#define XEN_HAVE_PV_UPCALL_MASK 1

/*
 * GDT pages from FIRST_RESERVED_GDT_PAGE on belong to the hypervisor (they
 * hold the FLAT_* descriptors); a guest GDT must stay below them.
 */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* Number of vcpu_info slots embedded in shared_info. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__

/*
 * trap_info.flags: bits 0-1 are the DPL allowed to raise the vector with
 * INT n; bit 2 set means "mask events on delivery" (interrupt gate).
 */
#define TI_GET_DPL(_ti)         ((_ti)->flags & 3)
#define TI_GET_IF(_ti)          ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl)   ((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if)     ((_ti)->flags |= ((!!(_if)) << 2))

/*
 * One entry of the virtual IDT (HYPERVISOR_set_trap_table takes an array
 * terminated by an entry whose address is 0).
 */
struct trap_info
{
    uint8_t vector;     /* IN: exception/interrupt vector */
    uint8_t flags;      /* IN: TI_* DPL and event-mask bits */
    uint16_t cs;        /* IN: code selector of the handler */
    uint64_t address;   /* IN: handler entry point */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

typedef uint64_t tsc_timestamp_t;

/* vcpu_guest_context.flags bits. */
#define VGCF_I387_VALID                 (1 << 0)
#define VGCF_IN_KERNEL                  (1 << 2)
#define _VGCF_i387_valid                0
#define VGCF_i387_valid                 (1 << _VGCF_i387_valid)  /* fpu_ctxt is live */
#define _VGCF_in_kernel                 2
#define VGCF_in_kernel                  (1 << _VGCF_in_kernel)   /* vCPU was in kernel mode */
#define _VGCF_failsafe_disables_events  3
#define VGCF_failsafe_disables_events   (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events   4
#define VGCF_syscall_disables_events    (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                    5
#define VGCF_online                     (1 << _VGCF_online)      /* vCPU is up */

/*
 * Complete architectural state of one PV vCPU.  IN for VCPUOP_initialise
 * and the toolstack's setvcpucontext, OUT for getvcpucontext.
 */
struct vcpu_guest_context
{
    struct { char x[512]; } fpu_ctxt;   /* FXSAVE image */
    uint64_t flags;                     /* VGCF_* */
    struct cpu_user_regs user_regs;     /* general registers */
    struct trap_info trap_ctxt[256];    /* virtual IDT, indexed by vector */
    uint64_t ldt_base, ldt_ents;        /* LDT linear address and entries */
    uint64_t gdt_frames[16];            /* frames (MFNs) backing the GDT */
    uint64_t gdt_ents;                  /* number of GDT entries in use */
    uint64_t kernel_ss, kernel_sp;      /* stack used on ring-3 -> kernel */
    uint64_t ctrlreg[8];                /* CR0-CR7; CR3 holds a CR3 value */
    uint64_t debugreg[8];               /* DR0-DR7 */
    uint64_t event_callback_eip;        /* CALLBACKTYPE_event entry */
    uint64_t failsafe_callback_eip;     /* CALLBACKTYPE_failsafe entry */
    uint64_t syscall_callback_eip;      /* CALLBACKTYPE_syscall entry */
    uint64_t vm_assist;                 /* bitmap of VMASST_TYPE_* enabled */
    uint64_t fs_base;                   /* FS base */
    uint64_t gs_base_kernel;            /* GS base while in kernel mode */
    uint64_t gs_base_user;              /* GS base while in user mode */
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/* Arch part of shared_info: P2M bookkeeping published for the toolstack. */
struct arch_shared_info
{
    uint64_t max_pfn;                   /* guest: highest PFN + 1 in its P2M */
    /* guest: MFN of the top page of the 3-level P2M frame list */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    uint64_t nmi_reason;                /* hypervisor: reason bits for a virtual NMI */
    /* guest: linear (virtually mapped) P2M, see SIF_VIRT_P2M_4TOOLS */
    uint64_t p2m_cr3;                   /* CR3 value of the space mapping the P2M */
    uint64_t p2m_vaddr;                 /* virtual address of the linear P2M */
    uint64_t p2m_generation;            /* bumped (odd while updating) on changes */
};
typedef struct arch_shared_info arch_shared_info_t;

/* Arch domain-creation config (toolstack -> hypervisor, domctl). */
struct xen_arch_domainconfig
{
#define _XEN_X86_EMU_LAPIC      0
#define XEN_X86_EMU_LAPIC       (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET       1
#define XEN_X86_EMU_HPET        (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM         2
#define XEN_X86_EMU_PM          (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC        3
#define XEN_X86_EMU_RTC         (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC     4
#define XEN_X86_EMU_IOAPIC      (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC        5
#define XEN_X86_EMU_PIC         (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA        6
#define XEN_X86_EMU_VGA         (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU      7
#define XEN_X86_EMU_IOMMU       (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT        8
#define XEN_X86_EMU_PIT         (1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ   9
#define XEN_X86_EMU_USE_PIRQ    (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI       10
#define XEN_X86_EMU_VPCI        (1U << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL         (XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET |  \
                                 XEN_X86_EMU_PM | XEN_X86_EMU_RTC |      \
                                 XEN_X86_EMU_IOAPIC | XEN_X86_EMU_PIC |  \
                                 XEN_X86_EMU_VGA | XEN_X86_EMU_IOMMU |   \
                                 XEN_X86_EMU_PIT | XEN_X86_EMU_USE_PIRQ | \
                                 XEN_X86_EMU_VPCI)
    uint32_t emulation_flags;   /* IN: XEN_X86_EMU_*; 0 for a PV guest */
#define XEN_X86_MSR_RELAXED     (1u << 0)
    uint32_t misc_flags;        /* IN: XEN_X86_MSR_RELAXED */
};
#define XEN_X86_MISC_FLAGS_MAX  XEN_X86_MSR_RELAXED

/* One CPUID leaf of a domain's policy (toolstack interfaces). */
typedef struct xen_cpuid_leaf
{
#define XEN_CPUID_NO_SUBLEAF 0xffffffffu
    uint32_t leaf, subleaf;     /* subleaf is XEN_CPUID_NO_SUBLEAF if unused */
    uint32_t a, b, c, d;        /* eax..edx */
} xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);

/* One MSR of a domain's policy. */
typedef struct xen_msr_entry
{
    uint32_t idx;   /* MSR index */
    uint32_t flags; /* must be 0 */
    uint64_t val;
} xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

#endif /* !__ASSEMBLY__ */

/*
 * "Forced emulation" prefix: ud2 followed by the bytes 'x' 'e' 'n'.  A PV
 * guest puts it in front of CPUID to get the hypervisor-filtered view.
 */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX  .byte 0x0f,0x0b,0x78,0x65,0x6e ;
#define XEN_CPUID           XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX  ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID           XEN_EMULATE_PREFIX "cpuid"
#endif

/* Port 0xe9 debug console (HVM guests; writes go to the hypervisor log). */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#endif /* PUBLIC_ARCH_X86_XEN_H */

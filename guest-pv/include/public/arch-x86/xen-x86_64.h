/* SPDX-License-Identifier: MIT */
/*
 * x86_64 PV guest ABI: the virtual address-space split between guest and
 * hypervisor, the flat segment selectors PV guests run with, and the
 * register frame (struct cpu_user_regs) exchanged with the hypervisor.
 *
 * Only the 64-bit ABI exists in this project; there is no x86_32 variant.
 */

/*
 * Pull in the arch header first (outside our guard) so that including this
 * file on its own still yields a complete set of definitions.
 */
#include "xen.h"

#ifndef PUBLIC_ARCH_X86_XEN_X86_64_H
#define PUBLIC_ARCH_X86_XEN_X86_64_H

/*
 * Flat segment selectors.  They point at descriptors in the hypervisor's
 * reserved GDT area (entries starting at FIRST_RESERVED_GDT_ENTRY) with
 * RPL 3: a 64-bit PV kernel runs in ring 3 just like its user space, so
 * kernel and user selectors are the same values.
 */
#define FLAT_RING3_CS32     0xe023  /* 32-bit (compat) code, ring 3 */
#define FLAT_RING3_CS64     0xe033  /* 64-bit code, ring 3 */
#define FLAT_RING3_DS32     0xe02b  /* 32-bit data, ring 3 */
#define FLAT_RING3_DS64     0x0000  /* long mode ignores data segments: null */
#define FLAT_RING3_SS32     0xe02b
#define FLAT_RING3_SS64     0xe02b

#define FLAT_KERNEL_DS64    FLAT_RING3_DS64
#define FLAT_KERNEL_DS32    FLAT_RING3_DS32
#define FLAT_KERNEL_DS      FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64    FLAT_RING3_CS64
#define FLAT_KERNEL_CS32    FLAT_RING3_CS32
#define FLAT_KERNEL_CS      FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64    FLAT_RING3_SS64
#define FLAT_KERNEL_SS32    FLAT_RING3_SS32
#define FLAT_KERNEL_SS      FLAT_KERNEL_SS64

#define FLAT_USER_DS64      FLAT_RING3_DS64
#define FLAT_USER_DS32      FLAT_RING3_DS32
#define FLAT_USER_DS        FLAT_USER_DS64
#define FLAT_USER_CS64      FLAT_RING3_CS64
#define FLAT_USER_CS32      FLAT_RING3_CS32
#define FLAT_USER_CS        FLAT_USER_CS64
#define FLAT_USER_SS64      FLAT_RING3_SS64
#define FLAT_USER_SS32      FLAT_RING3_SS32
#define FLAT_USER_SS        FLAT_USER_SS64

/*
 * The hypervisor owns the first 16 PML4 slots (8 TiB) of the upper
 * canonical half: [HYPERVISOR_VIRT_START, HYPERVISOR_VIRT_END).  A PV
 * guest can never map anything there.  The first 256 GiB of that hole is
 * the read-only machine-to-physical (M2P) table, which guests may read.
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START   xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END     xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif

#define MACH2PHYS_VIRT_START    xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END      xen_mk_ulong(__MACH2PHYS_VIRT_END)
/* One 8-byte entry (a PFN) per machine frame. */
#define MACH2PHYS_NR_ENTRIES    ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)

#ifndef machine_to_phys_mapping
/* Guest view of the M2P table: index by MFN, read the guest PFN. */
#define machine_to_phys_mapping ((unsigned long *)HYPERVISOR_VIRT_START)
#endif

/* Which base register HYPERVISOR_set_segment_base writes. */
#define SEGBASE_FS          0   /* FS base */
#define SEGBASE_GS_USER     1   /* GS base that user mode sees */
#define SEGBASE_GS_KERNEL   2   /* GS base that kernel mode sees */
#define SEGBASE_GS_USER_SEL 3   /* load the user GS selector (value = sel) */

/*
 * vcpu_guest_context.flags bit: the vCPU was stopped inside a SYSCALL
 * entry path, so HYPERVISOR_iret must return with SYSRET semantics.
 */
#define _VGCF_in_syscall    8
#define VGCF_in_syscall     (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL     VGCF_in_syscall

#ifndef __ASSEMBLY__

/*
 * Frame a 64-bit PV kernel pushes on its stack before HYPERVISOR_iret.
 * rax/r11/rcx are clobbered by the hypercall itself and restored from
 * here; 'flags' takes VGCF_in_syscall; the rest is an ordinary iret frame.
 */
struct iret_context
{
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

/*
 * Register views.  Each general register is a 64-bit slot that can also be
 * addressed by its narrower x86 names (rax/eax/ax/al/ah, r8/r8d/r8w/r8b,
 * ...).  These are anonymous unions (C11); the layout is just a uint64_t.
 */
#define PUBLIC_REG_AHL(n)           \
    union                           \
    {                               \
        uint64_t r##n##x;           \
        uint32_t e##n##x;           \
        uint16_t n##x;              \
        struct                      \
        {                           \
            uint8_t n##l;           \
            uint8_t n##h;           \
        };                          \
    }
#define PUBLIC_REG_L(n)             \
    union                           \
    {                               \
        uint64_t r##n;              \
        uint32_t e##n;              \
        uint16_t n;                 \
        uint8_t n##l;               \
    }
#define PUBLIC_REG_W(n)             \
    union                           \
    {                               \
        uint64_t r##n;              \
        uint32_t e##n;              \
        uint16_t n;                 \
    }
#define PUBLIC_REG_N(num)           \
    union                           \
    {                               \
        uint64_t r##num;            \
        uint32_t r##num##d;         \
        uint16_t r##num##w;         \
        uint8_t r##num##b;          \
    }

/*
 * Guest register state as seen on entry to / exit from the hypervisor.
 * Order and padding are ABI (this is also the frame the hypervisor builds
 * on its own stack, and it is embedded in vcpu_guest_context).
 */
struct cpu_user_regs
{
    PUBLIC_REG_N(15);
    PUBLIC_REG_N(14);
    PUBLIC_REG_N(13);
    PUBLIC_REG_N(12);
    PUBLIC_REG_L(bp);
    PUBLIC_REG_AHL(b);
    PUBLIC_REG_N(11);
    PUBLIC_REG_N(10);
    PUBLIC_REG_N(9);
    PUBLIC_REG_N(8);
    PUBLIC_REG_AHL(a);
    PUBLIC_REG_AHL(c);
    PUBLIC_REG_AHL(d);
    PUBLIC_REG_L(si);
    PUBLIC_REG_L(di);
    uint32_t error_code;        /* hardware error code (or 0) */
    uint32_t entry_vector;      /* hypervisor-private: why we entered */
    PUBLIC_REG_W(ip);
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask;  /* event mask saved across a bounce */
    uint8_t _pad1[3];
    PUBLIC_REG_W(flags);        /* rflags; IF reflects the event mask */
    PUBLIC_REG_L(sp);
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

#undef PUBLIC_REG_AHL
#undef PUBLIC_REG_L
#undef PUBLIC_REG_W
#undef PUBLIC_REG_N

/* CR3 value <-> page-frame number of the top-level page table. */
#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

/* Per-vCPU arch state living in struct vcpu_info. */
struct arch_vcpu_info
{
    uint64_t cr2;   /* OUT: faulting address of the last guest #PF */
    uint64_t pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* Callback entry points are plain 64-bit virtual addresses. */
typedef uint64_t xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_ARCH_X86_XEN_X86_64_H */

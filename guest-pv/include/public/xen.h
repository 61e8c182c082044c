/* SPDX-License-Identifier: MIT */
/*
 * Core PV ABI: hypercall numbers, virtual IRQs, page-table update
 * commands (mmu_update / mmuext_op), VM assists, reserved domain ids,
 * multicall entries, and the pages shared with every PV guest
 * (shared_info with its vcpu_info slots, and start_info).
 *
 * Only the newest interface revision is described; the compatibility
 * renames Xen offers for old __XEN_INTERFACE_VERSION__ values are absent.
 */

#ifndef PUBLIC_XEN_H
#define PUBLIC_XEN_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/*
 * Helpers that give numeric constants an explicit C type (and expand to
 * the bare number in assembly).
 */
#ifndef __ASSEMBLY__
#define __xen_mk_uint(x)    x ## U
#define __xen_mk_ulong(x)   x ## UL
#ifndef __xen_mk_ullong
#define __xen_mk_ullong(x)  x ## ULL
#endif
#define xen_mk_uint(x)      __xen_mk_uint(x)
#define xen_mk_ulong(x)     __xen_mk_ulong(x)
#define xen_mk_ullong(x)    __xen_mk_ullong(x)
#else
#define xen_mk_uint(x)      x
#define xen_mk_ulong(x)     x
#define xen_mk_ullong(x)    x
#endif

/* Interface revision these headers describe (Xen 4.14+ numbering). */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00

#include "arch-x86/xen.h"

#ifndef __ASSEMBLY__
/* Handles to commonly used scalar arrays. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

/* Dimension to use for a trailing variable-length array member. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM  /* C99 flexible array member */
#elif defined(__GNUC__)
#define XEN_FLEX_ARRAY_DIM  0
#else
#define XEN_FLEX_ARRAY_DIM  1
#endif
#endif /* !__ASSEMBLY__ */

/*
 * Hypercall numbers.  A PV guest invokes entry N with a "call" to offset
 * N * 32 of its hypercall page; arguments go in rdi, rsi, rdx, r10, r8
 * and the result comes back in rax (negative XEN_E* on failure).
 */
#define __HYPERVISOR_set_trap_table             0
#define __HYPERVISOR_mmu_update                 1
#define __HYPERVISOR_set_gdt                    2
#define __HYPERVISOR_stack_switch               3
#define __HYPERVISOR_set_callbacks              4
#define __HYPERVISOR_fpu_taskswitch             5
#define __HYPERVISOR_sched_op_compat            6   /* obsolete */
#define __HYPERVISOR_platform_op                7
#define __HYPERVISOR_set_debugreg               8
#define __HYPERVISOR_get_debugreg               9
#define __HYPERVISOR_update_descriptor          10
/* 11 is unused */
#define __HYPERVISOR_memory_op                  12
#define __HYPERVISOR_multicall                  13
#define __HYPERVISOR_update_va_mapping          14
#define __HYPERVISOR_set_timer_op               15
#define __HYPERVISOR_event_channel_op_compat    16  /* obsolete */
#define __HYPERVISOR_xen_version                17
#define __HYPERVISOR_console_io                 18
#define __HYPERVISOR_physdev_op_compat          19  /* obsolete */
#define __HYPERVISOR_grant_table_op             20
#define __HYPERVISOR_vm_assist                  21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                       23
#define __HYPERVISOR_vcpu_op                    24
#define __HYPERVISOR_set_segment_base           25  /* x86_64 only */
#define __HYPERVISOR_mmuext_op                  26
#define __HYPERVISOR_xsm_op                     27
#define __HYPERVISOR_nmi_op                     28
#define __HYPERVISOR_sched_op                   29
#define __HYPERVISOR_callback_op                30
#define __HYPERVISOR_xenoprof_op                31
#define __HYPERVISOR_event_channel_op           32
#define __HYPERVISOR_physdev_op                 33
#define __HYPERVISOR_hvm_op                     34
#define __HYPERVISOR_sysctl                     35
#define __HYPERVISOR_domctl                     36
#define __HYPERVISOR_kexec_op                   37
#define __HYPERVISOR_tmem_op                    38  /* removed feature */
#define __HYPERVISOR_argo_op                    39
#define __HYPERVISOR_xenpmu_op                  40
#define __HYPERVISOR_dm_op                      41
#define __HYPERVISOR_hypfs_op                   42

/* 48-55 are left to each architecture. */
#define __HYPERVISOR_arch_0                     48  /* x86: mca */
#define __HYPERVISOR_arch_1                     49  /* x86: paging_domctl_cont */
#define __HYPERVISOR_arch_2                     50
#define __HYPERVISOR_arch_3                     51
#define __HYPERVISOR_arch_4                     52
#define __HYPERVISOR_arch_5                     53
#define __HYPERVISOR_arch_6                     54
#define __HYPERVISOR_arch_7                     55

/*
 * Virtual IRQs: events the hypervisor raises itself.  Bind them to a port
 * with EVTCHNOP_bind_virq.  "Per-vCPU" ones are bound separately on each
 * vCPU; the others are global and may be bound only once per domain.
 */
#define VIRQ_TIMER      0   /* per-vCPU: timer (set_timer_op / singleshot) */
#define VIRQ_DEBUG      1   /* per-vCPU: debug key pressed on the console */
#define VIRQ_CONSOLE    2   /* global: hypervisor console input (dom0) */
#define VIRQ_DOM_EXC    3   /* global: a domain crashed/shut down (dom0) */
#define VIRQ_TBUF       4   /* global: trace buffer ready */
#define VIRQ_DEBUGGER   6   /* global: a domain's vCPU paused for a debugger */
#define VIRQ_XENOPROF   7   /* per-vCPU: profiling sample buffer */
#define VIRQ_CON_RING   8   /* global: hypervisor console ring has data */
#define VIRQ_PCPU_STATE 9   /* global: physical CPU hotplug */
#define VIRQ_MEM_EVENT  10  /* global: memory event ring */
#define VIRQ_ARGO       11  /* per-domain: Argo message */
#define VIRQ_ENOMEM     12  /* global: hypervisor heap low */
#define VIRQ_XENPMU     13  /* per-vCPU: PMU interrupt */

/* 16-23 are left to each architecture. */
#define VIRQ_ARCH_0     16  /* x86: machine-check (VIRQ_MCA) */
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23

#define NR_VIRQS        24

/*
 * HYPERVISOR_mmu_update(reqs, count, done, foreigndom).
 * The command lives in the low 2 bits of mmu_update.ptr (entries are
 * 8-byte aligned, so those bits are free):
 *
 *  MMU_NORMAL_PT_UPDATE:        ptr = machine address of a PTE (any level)
 *                               val = new PTE contents; validated.
 *  MMU_MACHPHYS_UPDATE:         ptr = MFN << PAGE_SHIFT, val = PFN;
 *                               sets the M2P entry of a page we own.
 *  MMU_PT_UPDATE_PRESERVE_AD:   like NORMAL, but keeps the hardware-set
 *                               Accessed/Dirty bits already in the PTE.
 *  MMU_PT_UPDATE_NO_TRANSLATE:  like NORMAL, for translated guests: the
 *                               address is not run through the P2M.
 *
 * foreigndom: the domain whose frames 'val' names (DOMID_SELF normally).
 */
#define MMU_NORMAL_PT_UPDATE        0
#define MMU_MACHPHYS_UPDATE         1
#define MMU_PT_UPDATE_PRESERVE_AD   2
#define MMU_PT_UPDATE_NO_TRANSLATE  3

/*
 * HYPERVISOR_mmuext_op(ops, count, done, foreigndom): page-table
 * management beyond writing single entries.
 *
 *  cmd                        arg1             arg2
 *  PIN_L{1,2,3,4}_TABLE       mfn              -     validate + pin a table
 *  UNPIN_TABLE                mfn              -     drop the pin
 *  NEW_BASEPTR                mfn              -     switch kernel CR3
 *  NEW_USER_BASEPTR           mfn              -     set user-mode top table
 *  TLB_FLUSH_LOCAL            -                -
 *  INVLPG_LOCAL               linear_addr      -
 *  TLB_FLUSH_MULTI            -                vcpumask
 *  INVLPG_MULTI               linear_addr      vcpumask
 *  TLB_FLUSH_ALL              -                -
 *  INVLPG_ALL                 linear_addr      -
 *  FLUSH_CACHE                -                -     wbinvd on this CPU
 *  FLUSH_CACHE_GLOBAL         -                -     wbinvd everywhere
 *  SET_LDT                    linear_addr      nr_ents
 *  CLEAR_PAGE                 mfn              -     zero a page
 *  COPY_PAGE                  mfn (dst)        src_mfn
 *  MARK_SUPER/UNMARK_SUPER    mfn              -     superpage tracking
 */
#define MMUEXT_PIN_L1_TABLE         0
#define MMUEXT_PIN_L2_TABLE         1
#define MMUEXT_PIN_L3_TABLE         2
#define MMUEXT_PIN_L4_TABLE         3
#define MMUEXT_UNPIN_TABLE          4
#define MMUEXT_NEW_BASEPTR          5
#define MMUEXT_TLB_FLUSH_LOCAL      6
#define MMUEXT_INVLPG_LOCAL         7
#define MMUEXT_TLB_FLUSH_MULTI      8
#define MMUEXT_INVLPG_MULTI         9
#define MMUEXT_TLB_FLUSH_ALL        10
#define MMUEXT_INVLPG_ALL           11
#define MMUEXT_FLUSH_CACHE          12
#define MMUEXT_SET_LDT              13
/* 14 is unused */
#define MMUEXT_NEW_USER_BASEPTR     15
#define MMUEXT_CLEAR_PAGE           16
#define MMUEXT_COPY_PAGE            17
#define MMUEXT_FLUSH_CACHE_GLOBAL   18
#define MMUEXT_MARK_SUPER           19
#define MMUEXT_UNMARK_SUPER         20

#ifndef __ASSEMBLY__
struct mmuext_op
{
    uint32_t cmd;                   /* IN: MMUEXT_* */
    union
    {
        xen_pfn_t mfn;              /* IN: target frame */
        uint64_t linear_addr;       /* IN: guest virtual address */
    } arg1;
    union
    {
        uint32_t nr_ents;           /* IN: SET_LDT entry count */
        XEN_GUEST_HANDLE(const_void) vcpumask; /* IN: *_MULTI vCPU bitmap */
        xen_pfn_t src_mfn;          /* IN: COPY_PAGE source */
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
#endif

/*
 * HYPERVISOR_update_va_mapping(va, pte, flags): flags say which TLB
 * maintenance to do after the write.  Low 2 bits: flush type.  Bit 2:
 * scope.  With UVMF_MULTI the rest of 'flags' is a pointer to a vCPU
 * bitmap (so UVMF_MULTI itself is 0 and the pointer is OR-ed in).
 */
#define UVMF_NONE           (xen_mk_ulong(0) << 0)  /* no flush */
#define UVMF_TLB_FLUSH      (xen_mk_ulong(1) << 0)  /* full TLB flush */
#define UVMF_INVLPG         (xen_mk_ulong(2) << 0)  /* flush just this va */
#define UVMF_FLUSHTYPE_MASK (xen_mk_ulong(3) << 0)
#define UVMF_MULTI          (xen_mk_ulong(0) << 2)  /* vCPUs in the mask */
#define UVMF_LOCAL          (xen_mk_ulong(0) << 2)  /* this vCPU only */
#define UVMF_ALL            (xen_mk_ulong(1) << 2)  /* every vCPU of the guest */

/* HYPERVISOR_console_io(cmd, count, buffer). */
#define CONSOLEIO_write     0   /* print count bytes */
#define CONSOLEIO_read      1   /* read up to count bytes of input (dom0) */

/* HYPERVISOR_vm_assist(cmd, type): opt-in guest conveniences. */
#define VMASST_CMD_enable               0
#define VMASST_CMD_disable              1

#define VMASST_TYPE_4gb_segments        0   /* 32-bit only */
#define VMASST_TYPE_4gb_segments_notify 1   /* 32-bit only */
#define VMASST_TYPE_writable_pagetables 2   /* trap-and-emulate PTE writes */
#define VMASST_TYPE_pae_extended_cr3    3   /* 32-bit only */
#define VMASST_TYPE_architectural_iopl  4   /* iopl behaves like hardware */
#define VMASST_TYPE_runstate_update_flag 5  /* XEN_RUNSTATE_UPDATE marker */
#define VMASST_TYPE_m2p_strict          32  /* no M2P slot in user-mode L4 tables */

/*
 * Reserved domain ids.  DOMID_SELF in an argument means "the caller";
 * DOMID_IO and DOMID_XEN are owners of special frames (MMIO, hypervisor
 * pages); DOMID_COW owns shared copy-on-write pages.
 */
#define DOMID_FIRST_RESERVED    xen_mk_uint(0x7FF0)
#define DOMID_SELF              xen_mk_uint(0x7FF0)
#define DOMID_IO                xen_mk_uint(0x7FF1)
#define DOMID_XEN               xen_mk_uint(0x7FF2)
#define DOMID_COW               xen_mk_uint(0x7FF3)
#define DOMID_INVALID           xen_mk_uint(0x7FF4)
#define DOMID_IDLE              xen_mk_uint(0x7FFF)
#define DOMID_MASK              xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

/* One request for HYPERVISOR_mmu_update. */
struct mmu_update
{
    uint64_t ptr;   /* IN: machine address (or MFN) | MMU_* command */
    uint64_t val;   /* IN: value to write */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/*
 * One call in a HYPERVISOR_multicall batch.  The batch stops at the first
 * entry whose hypercall could not be issued; otherwise each result is
 * written back individually.
 */
struct multicall_entry
{
    xen_ulong_t op;         /* IN: __HYPERVISOR_* number */
    xen_ulong_t result;     /* OUT: return value of that hypercall */
    xen_ulong_t args[6];    /* IN: its arguments */
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Per-vCPU time record (pvclock).  Guest time is computed as
 *   system_time + ((tsc - tsc_timestamp) << or >> tsc_shift) * mul >> 32
 * (shift left if tsc_shift >= 0, right by -tsc_shift otherwise).
 * The hypervisor makes 'version' odd while it rewrites the record and
 * even again afterwards; readers retry if it was odd or changed.
 */
struct vcpu_time_info
{
    uint32_t version;           /* OUT: seqlock-style update counter */
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* OUT: TSC at the moment of the update */
    uint64_t system_time;       /* OUT: ns since boot at that moment */
    uint32_t tsc_to_system_mul; /* OUT: 32.32 fixed-point TSC->ns factor */
    int8_t tsc_shift;           /* OUT: pre-scale of the TSC delta */
    uint8_t flags;              /* OUT: XEN_PVCLOCK_* */
    uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0) /* TSC is synchronised */
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1) /* vCPU was paused meanwhile */

/*
 * Per-vCPU event and time state.  The first XEN_LEGACY_MAX_VCPUS live in
 * shared_info; VCPUOP_register_vcpu_info can move one anywhere.
 *
 * Event delivery: the hypervisor sets a port's bit in evtchn_pending[],
 * then the word's bit in evtchn_pending_sel, then evtchn_upcall_pending,
 * and makes an upcall unless evtchn_upcall_mask is set.  The guest clears
 * them in the opposite order.
 */
struct vcpu_info
{
    uint8_t evtchn_upcall_pending;  /* OUT: set when events are waiting */
    uint8_t evtchn_upcall_mask;     /* IN: guest's "interrupts disabled" */
    xen_ulong_t evtchn_pending_sel; /* OUT: which evtchn_pending[] words */
    struct arch_vcpu_info arch;
    vcpu_time_info_t time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The shared-info page (one per domain, 4 KiB).  A PV guest finds its
 * machine address in start_info.shared_info.
 */
struct shared_info
{
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];

    /*
     * 2-level event channel bitmaps, one bit per port (4096 ports).
     * pending: set by the hypervisor, cleared by the guest.
     * mask: owned by the guest; a masked port stays pending but does not
     * raise an upcall (EVTCHNOP_unmask re-checks it).
     */
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];

    /*
     * Wall-clock time at system_time == 0, i.e. boot.  Same odd/even
     * version protocol as vcpu_time_info.
     */
    uint32_t wc_version;
    uint32_t wc_sec;        /* seconds since 1970, low 32 bits */
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;     /* seconds, high 32 bits */
#define xen_wc_sec_hi wc_sec_hi

    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;

/*
 * start_info: built by the domain builder for a PV guest; rsi points to
 * it at entry.
 *
 * Initial virtual layout handed to a PV guest, one contiguous region
 * starting at the kernel's virtual base, every item page-aligned and
 * packed in this order:
 *   1. the kernel image
 *   2. the initial ramdisk, if any          (mod_start, mod_len)
 *   3. the P2M array, one MFN per PFN       (mfn_list, nr_pages) -- unless
 *      XEN_ELFNOTE_INIT_P2M moved it elsewhere
 *   4. this start_info page (dom0: followed by its console info)
 *   5. domU only: the xenstore ring page, then the console ring page
 *   6. the bootstrap page tables            (pt_base, nr_pt_frames; CR3)
 *   7. the bootstrap stack                  (rsp)
 * The region ends on a 4 MiB boundary with at least 512 KiB of mapped
 * slack after the stack.  It maps the first pseudo-physical pages 1:1 in
 * order; everything is writable except the page-table pages (read-only).
 */
#define MAX_GUEST_CMDLINE 1024
struct start_info
{
    char magic[32];             /* "xen-<version>-x86_64" */
    uint64_t nr_pages;          /* total pages given to the domain */
    uint64_t shared_info;       /* machine address of the shared-info page */
    uint32_t flags;             /* SIF_* */
    xen_pfn_t store_mfn;        /* MFN of the xenstore ring page */
    uint32_t store_evtchn;      /* port for xenstore notifications */
    union
    {
        struct
        {
            xen_pfn_t mfn;      /* MFN of the PV console ring page */
            uint32_t evtchn;    /* port for console notifications */
        } domU;
        struct
        {
            uint32_t info_off;  /* offset of dom0_vga_console_info here */
            uint32_t info_size; /* its size */
        } dom0;
    } console;
    uint64_t pt_base;           /* virtual address of the top-level table */
    uint64_t nr_pt_frames;      /* frames used by the bootstrap tables */
    uint64_t mfn_list;          /* virtual address of the P2M array */
    uint64_t mod_start;         /* virtual address (or PFN) of the ramdisk */
    uint64_t mod_len;           /* ramdisk size in bytes */
    int8_t cmd_line[MAX_GUEST_CMDLINE]; /* kernel command line, NUL ended */
    /* Set if the P2M was placed outside the initial mapping: */
    uint64_t first_p2m_pfn;     /* first PFN of the P2M area */
    uint64_t nr_p2m_frames;     /* number of frames in it */
};
typedef struct start_info start_info_t;

#endif /* !__ASSEMBLY__ */

/* start_info.flags */
#define SIF_PRIVILEGED      (1 << 0)    /* may use privileged operations */
#define SIF_INITDOMAIN      (1 << 1)    /* this is dom0 */
#define SIF_MULTIBOOT_MOD   (1 << 2)    /* mod_start is a module list */
#define SIF_MOD_START_PFN   (1 << 3)    /* mod_start is a PFN, not a va */
#define SIF_VIRT_P2M_4TOOLS (1 << 4)    /* tools use the linear P2M */
#define SIF_PM_MASK         (0xFF << 8) /* reserved for power management */

#ifndef __ASSEMBLY__

/*
 * Entry of the module list that mod_start points to when
 * SIF_MULTIBOOT_MOD is set (addresses relative to the list).
 */
struct xen_multiboot_mod_list
{
    uint32_t mod_start;     /* offset of the module's first byte */
    uint32_t mod_end;       /* offset just past its last byte */
    uint32_t cmdline;       /* offset of its NUL-terminated command line */
    uint32_t pad;
};

/*
 * Boot console information dom0 gets (start_info.console.dom0, and the
 * XENPF_firmware_info VBE calls) describing the text or framebuffer mode
 * the hypervisor left the display in.
 */
typedef struct dom0_vga_console_info
{
    uint8_t video_type;             /* XEN_VGATYPE_* */
#define XEN_VGATYPE_TEXT_MODE_3     0x03
#define XEN_VGATYPE_VESA_LFB        0x23
#define XEN_VGATYPE_EFI_LFB         0x70
    union
    {
        struct
        {
            uint16_t font_height;   /* scan lines per character */
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct
        {
            uint16_t width, height;     /* pixels */
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;          /* framebuffer address, low 32 bits */
            uint32_t lfb_size;          /* size in 64 KiB units */
            /* position and width of each colour channel in a pixel */
            uint8_t red_pos, red_size;
            uint8_t green_pos, green_size;
            uint8_t blue_pos, blue_size;
            uint8_t rsvd_pos, rsvd_size;
            uint32_t gbl_caps;          /* VBE capabilities */
            uint16_t mode_attrs;        /* VBE mode attributes */
            uint16_t pad;
            uint32_t ext_lfb_base;      /* framebuffer address, high 32 bits */
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;
#define xen_vga_console_info    dom0_vga_console_info
#define xen_vga_console_info_t  dom0_vga_console_info_t

/* 128-bit domain handle (UUID) chosen by the toolstack. */
typedef uint8_t xen_domain_handle_t[16];

typedef struct
{
    uint8_t a[16];
} xen_uuid_t;

/*
 * Build a xen_uuid_t from the usual textual groups
 * aaaaaaaa-bbbb-cccc-dddd-e1e2e3e4e5e6 (a: 32 bits, b/c/d: 16 bits).
 */
#define XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)            \
    {{ ((a) >> 24) & 0xFF, ((a) >> 16) & 0xFF,                          \
       ((a) >> 8) & 0xFF, (a) & 0xFF,                                   \
       ((b) >> 8) & 0xFF, (b) & 0xFF,                                   \
       ((c) >> 8) & 0xFF, (c) & 0xFF,                                   \
       ((d) >> 8) & 0xFF, (d) & 0xFF,                                   \
       e1, e2, e3, e4, e5, e6 }}
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)             \
    ((xen_uuid_t)XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6))

/* Variable-size bitmap passed to toolstack interfaces (domctl/sysctl). */
struct xenctl_bitmap
{
    XEN_GUEST_HANDLE_64(uint8) bitmap;  /* IN/OUT: the bits */
    uint32_t nr_bits;                   /* IN: bits available */
};
typedef struct xenctl_bitmap xenctl_bitmap_t;

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_XEN_H */

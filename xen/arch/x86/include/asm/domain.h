/*
 * The x86 parts of struct domain and struct vcpu: for PV guests, the
 * virtual CPU state the hypervisor keeps on the guest's behalf (trap
 * table, callbacks, kernel stack, segment bases, page-table bases) and the
 * guest register frame saved while the vCPU is descheduled.
 */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <asm/regs.h>
#include <asm/page.h>
#include <asm/hvm/hvm.h>

struct pv_vcpu {
    struct trap_info trap_ctxt[256];   /* virtual IDT, by vector */
    unsigned long kernel_ss, kernel_sp;/* stack for user -> kernel entry */
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long nmi_callback_eip;
    unsigned long syscall32_callback_eip;  /* recorded, unused (no compat) */
    bool event_mask_on_callback;       /* CALLBACKF_mask_events per type */
    bool failsafe_mask_on_callback;
    bool syscall_mask_on_callback;
    bool failsafe_pending;             /* data selectors refused at resume */
    unsigned long fs_base;
    unsigned long gs_base_kernel;      /* GS base while in guest kernel */
    unsigned long gs_base_user;        /* ...and in guest user mode */
    unsigned long guest_table;         /* MFN of the kernel L4 (CR3 >> 12) */
    unsigned long guest_table_user;    /* MFN of the user L4, 0: none */
    bool in_kernel;                    /* guest kernel (vs user) mode */
    bool fpu_ts;                       /* virtual CR0.TS (fpu_taskswitch) */
    unsigned int iopl;                 /* virtual IOPL (PHYSDEVOP_set_iopl) */
    uint64_t mcg_status;               /* virtual MCG_STATUS (pv/vmce.c) */
    unsigned long debugreg[8];
    unsigned long ldt_base, ldt_ents;
    unsigned long gdt_frames[16];
    unsigned int gdt_ents;
};

struct arch_vcpu {
    /* Guest registers while the vCPU is not running; while it runs they
     * live in the guest frame at the top of its CPU's stack. */
    struct cpu_user_regs user_regs;
    struct pv_vcpu pv;
    struct hvm_vcpu hvm;               /* HVM domains only */
    /* FXSAVE area for the guest's FPU/SSE state: the default state until
     * the vCPU first runs, then whatever it left. */
    uint8_t fpu_ctxt[512] __attribute__((__aligned__(16)));
};

struct arch_domain {
    bool is_pv;
    bool is_hvm;                       /* set by hvm_domain_init() */
    struct hvm_domain hvm;
    /* Its page tables, pins, base pointers and GDT/LDT frames (lock
     * order: asm/pv/mm.h). */
    spinlock_t mm_lock;
    unsigned long vm_assist;           /* VMASST_TYPE_* bits enabled */
    /* Where the guest's hypercall page lives (MFN), if it asked for one. */
    unsigned long hypercall_page_mfn;
    /* Its pseudo-physical memory map (XENMEM_set_memory_map), packed
     * 20-byte E820 entries; NULL until set.  Both fields change together
     * under e820_lock, and readers copy them out under it. */
    spinlock_t e820_lock;
    void *e820;
    unsigned int nr_e820;
    /* XEN_DOMCTL_{get,set}tscinfo (arch/x86/tsc_info.c); RDTSC itself is
     * never emulated here, so no offset or scale is kept. */
    uint32_t tsc_mode;
    uint32_t tsc_incarnation;
    /* XEN_DOMCTL_set_cpu_policy's result (asm/cpu_policy.h); NULL: the
     * PV default.  Set only before the domain first runs. */
    struct cpu_policy *cpu_policy;
    /* PHYSDEVOP_pirq_eoi_gmfn_v1/v2 (arch/x86/pirq_eoi.c): the guest's
     * page of "needs EOI" bits by PIRQ, mapped with a writable type
     * reference until the domain dies; NULL: none.  Under pirq_lock. */
    unsigned long *pirq_eoi_map;
    bool pirq_auto_unmask;             /* v1: an EOI unmasks the port */
};

#endif /* ASM_X86_DOMAIN_H */

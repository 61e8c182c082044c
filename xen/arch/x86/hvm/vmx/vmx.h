/*
 * Shared by the VMX backend's files (hvm/vmx/): per-vCPU state, the
 * VMX instructions, and what vmx.c and exit.c tell each other.
 */
#ifndef HVM_VMX_VMX_H
#define HVM_VMX_VMX_H

#include <xen/types.h>
#include <asm/regs.h>
#include <asm/hvm/hvm.h>
#include "vmcs.h"

struct vmx_vcpu {
    void *vmcs;
    uint64_t vmcs_pa;
    int active_cpu;             /* where the VMCS is active, or -1 */
    int last_cpu;               /* where it last ran, or -1 */
    bool launched;              /* VMRESUME, not VMLAUNCH */
    bool initialised;           /* controls and host rip written */
    bool boot_pending;          /* boot state still to write */
    struct hvm_boot_state boot;
    uint16_t vpid;              /* 0: VPIDs not in use */

    /* Guest state the layer may ask for while the VMCS is not current
     * (a vCPU just switched out, say): refreshed at every exit. */
    uint64_t cr0, cr4;          /* as the guest sees them */
    uint64_t cr3, efer;
    uint32_t cs_ar, ss_ar;
    uint16_t cs_sel;
    uint32_t cs_limit;
    uint64_t cs_base;
    uint32_t interruptibility;  /* STI/MOV SS shadow, virtual-NMI
                                 * blocking at the last exit */
    uint64_t exit_rip;          /* rip at the last exit */

    /* MSRs VMX does not switch: loaded around each run. */
    uint64_t star, lstar, cstar, sfmask, kernel_gs;
    unsigned long dr6;
    unsigned long cr2;          /* VMX switches no CR2: by hand as well */
    uint8_t tpr;                /* CR8: kept, never reaches the APIC */

    /* Events for the next entry. */
    uint32_t inject_info;       /* INTR_VALID if pending */
    uint32_t inject_errcode, inject_len;
    bool intr_window;           /* exit as soon as it can take one */
    bool nmi_window;            /* the same for an NMI */
    uint32_t proc_ctls;         /* as last written */
};

static inline struct vmx_vcpu *vmx_of(const struct vcpu *v)
{
    return v->arch.hvm.vendor;
}

static inline unsigned long vmread(unsigned long field)
{
    unsigned long val = 0;

    __asm__ volatile ( "vmread %1, %0" : "+rm" (val) : "r" (field) : "cc" );
    return val;
}

/* False if the CPU refused the write (no current VMCS, bad field). */
static inline bool vmwrite(unsigned long field, unsigned long val)
{
    bool fail;

    __asm__ volatile ( "vmwrite %2, %1; setna %0"
                       : "=qm" (fail) : "r" (field), "rm" (val) : "cc" );
    return !fail;
}

/* Globals computed once at probe time (vmx.c). */
struct vmx_caps {
    uint32_t revision;
    uint32_t pin, proc, proc2, exit, entry;
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
    uint64_t cr0_mask, cr4_mask;
    uint64_t ept_vpid_cap;
    uint32_t preempt_ticks;     /* timer value per entry, 0: no timer */
    bool virt_nmi;              /* virtual NMIs and NMI-window exiting */
};
extern struct vmx_caps vmx_caps;

/* exit.c: decode the exit that just happened on v (VMCS current, the
 * frame up to date) into *e, injecting or handling what stays inside
 * the backend. */
void vmx_decode_exit(struct vcpu *v, struct cpu_user_regs *regs,
                     struct hvm_exit *e);
/* vmx.c: an exception for the next entry (vector, error code or -1). */
void vmx_inject_exception(struct vcpu *v, unsigned int vector, int ec);

#endif /* HVM_VMX_VMX_H */

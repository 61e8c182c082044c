/*
 * VMX exits into the layer's terms (struct hvm_exit).  The exits the
 * layer handles (CPUID, MSRs, VMCALL, HLT, port I/O, EPT violations)
 * are described; what stays inside the backend is done here: intercepted
 * exceptions are reflected, VMX and other refused instructions get #UD,
 * control-register exits keep the CPU's fixed bits out of the guest's
 * sight and CR8 away from the host's APIC.  Anything else crashes the
 * domain, after a line with the exit reason and qualification.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include "vmx.h"

#define CR4_VMXE        (1UL << 13)
#define CR4_SMXE        (1UL << 14)

static void crash(struct vcpu *v, struct hvm_exit *e, const char *why)
{
    printk(XENLOG_ERR "VMX: d%u v%u: exit reason %#lx qualification %#lx\n",
           v->domain->domain_id, v->vcpu_id, (unsigned long)e->code,
           vmread(VMCS_EXIT_QUAL));
    e->kind = HVM_EXIT_CRASH;
    e->why = why;
}

static unsigned int insn_len(void)
{
    return vmread(VMCS_EXIT_INSN_LEN);
}

/* The general register n of an exit qualification (rsp from the frame,
 * which holds the guest's). */
static uint64_t *gpr(struct cpu_user_regs *r, unsigned int n)
{
    switch ( n & 15 )
    {
    case 0: return &r->rax;
    case 1: return &r->rcx;
    case 2: return &r->rdx;
    case 3: return &r->rbx;
    case 4: return &r->rsp;
    case 5: return &r->rbp;
    case 6: return &r->rsi;
    case 7: return &r->rdi;
    case 8: return &r->r8;
    case 9: return &r->r9;
    case 10: return &r->r10;
    case 11: return &r->r11;
    case 12: return &r->r12;
    case 13: return &r->r13;
    case 14: return &r->r14;
    default: return &r->r15;
    }
}

/*
 * A MOV to CR0/CR4 that would change a bit the CPU owns (CR0.NE, fixed
 * on in VMX operation; CR4.VMXE/SMXE): VMXE and SMXE are refused (#GP,
 * as without VMX/SMX); for the others the guest's view (the read shadow)
 * takes the new value and the instruction runs again, now without an
 * exit, so the CPU does the rest (paging, long mode) itself.
 */
static void mov_to_cr(struct vcpu *v, unsigned int cr, uint64_t val,
                      struct hvm_exit *e)
{
    unsigned long mask = cr == 0 ? vmx_caps.cr0_mask : vmx_caps.cr4_mask;
    unsigned long shadow_field = cr == 0 ? VMCS_CR0_SHADOW : VMCS_CR4_SHADOW;
    unsigned long shadow = vmread(shadow_field);

    if ( cr == 4 && (val & (CR4_VMXE | CR4_SMXE)) )
        return vmx_inject_exception(v, 13, 0);
    vmwrite(shadow_field, (shadow & ~mask) | (val & mask));
    e->insn_len = 0;                /* run it again */
}

static void cr_access(struct vcpu *v, struct cpu_user_regs *regs,
                      struct hvm_exit *e)
{
    struct vmx_vcpu *vx = vmx_of(v);
    unsigned long q = vmread(VMCS_EXIT_QUAL);
    unsigned int cr = q & 15, type = (q >> 4) & 3;
    uint64_t *r = gpr(regs, q >> 8);
    uint64_t val = *r;

    if ( !(vx->efer & EFER_LMA) || !(vx->cs_ar & AR_L) )
        val = (uint32_t)val;
    if ( type == 0 && (cr == 0 || cr == 4) )
        return mov_to_cr(v, cr, val, e);
    if ( cr == 8 && type == 0 )
    {
        if ( val > 15 )
            return vmx_inject_exception(v, 13, 0);
        vx->tpr = val;
        e->insn_len = insn_len();
        return;
    }
    if ( cr == 8 && type == 1 )
    {
        *r = vx->tpr;
        e->insn_len = insn_len();
        return;
    }
    crash(v, e, "unexpected control-register exit");
}

/* An intercepted exception or NMI. */
static void exception(struct vcpu *v, struct hvm_exit *e)
{
    struct vmx_vcpu *vx = vmx_of(v);
    uint32_t info = vmread(VMCS_EXIT_INTR_INFO);
    unsigned int vector = info & 0xff, type = (info >> INTR_TYPE_SHIFT) & 7;

    if ( type == INTR_TYPE_NMI )
    {
        /* The host's NMI, taken while the guest ran: hand it on. */
        __asm__ volatile ( "int $2" );
        return;
    }
    if ( vector == 1 )
    {
        /* The CPU leaves DR6 alone on an intercepted #DB: the exit
         * qualification has what it would have set (B0-3, BD, BS). */
        vx->dr6 |= vmread(VMCS_EXIT_QUAL) & 0x600f;
        vx->inject_info = INTR_VALID | (type << INTR_TYPE_SHIFT) | 1;
        vx->inject_errcode = 0;
        vx->inject_len = type == INTR_TYPE_PRIV_SW ? insn_len() : 0;
        return;
    }
    if ( vector == 17 )
        return vmx_inject_exception(v, 17, 0);
    crash(v, e, "unexpected exception exit");
}

static void decode_io(struct hvm_exit *e)
{
    unsigned long q = vmread(VMCS_EXIT_QUAL);

    e->kind = HVM_EXIT_IO;
    e->io_size = (q & 7) + 1;               /* 1, 2 or 4 */
    e->io_in = q & 8;
    e->io_string = q & 0x30;                /* string or REP */
    e->io_port = q >> 16;
    e->insn_len = insn_len();
}

void vmx_decode_exit(struct vcpu *v, struct cpu_user_regs *regs,
                     struct hvm_exit *e)
{
    uint32_t reason = vmread(VMCS_EXIT_REASON);

    e->code = reason;
    e->kind = HVM_EXIT_NONE;
    e->insn_len = 0;
    if ( reason & EXIT_REASON_ENTRY_FAILED )
        return crash(v, e, "VM entry failed (guest state or MSR load)");
    switch ( reason & 0xffff )
    {
    case EXIT_REASON_EXT_INTR:
    case EXIT_REASON_INIT:
    case EXIT_REASON_SIPI:
    case EXIT_REASON_IO_SMI:
    case EXIT_REASON_OTHER_SMI:
        return;                 /* the host takes it once IF is back */
    case EXIT_REASON_INTR_WINDOW:
    case EXIT_REASON_NMI_WINDOW:
        return;                 /* the next entry offers the vector */
    case EXIT_REASON_PREEMPT_TIMER:
        return;                 /* the host looks at its interrupts */
    case EXIT_REASON_EXC_NMI:
        return exception(v, e);
    case EXIT_REASON_CPUID:
        e->kind = HVM_EXIT_CPUID;
        e->insn_len = insn_len();
        return;
    case EXIT_REASON_RDMSR:
    case EXIT_REASON_WRMSR:
        e->kind = (reason & 0xffff) == EXIT_REASON_WRMSR ? HVM_EXIT_WRMSR
                                                         : HVM_EXIT_RDMSR;
        e->insn_len = insn_len();
        return;
    case EXIT_REASON_VMCALL:
        e->kind = HVM_EXIT_HYPERCALL;
        e->insn_len = insn_len();
        return;
    case EXIT_REASON_HLT:
        e->kind = HVM_EXIT_HLT;
        e->insn_len = insn_len();
        return;
    case EXIT_REASON_IO:
        return decode_io(e);
    case EXIT_REASON_EPT_VIOLATION:
        /* Not logged: the local APIC's page is reached this way at every
         * access; the layer reports the faults it cannot handle. */
        e->kind = HVM_EXIT_NPF;
        e->gpa = vmread(VMCS_GUEST_PHYS_ADDR);
        e->npf_fetch = vmread(VMCS_EXIT_QUAL) & EPT_QUAL_FETCH;
        /* A linear address, but not the access to its translation: the
         * guest's own page-table walk. */
        e->npf_walk = (vmread(VMCS_EXIT_QUAL) &
                       (EPT_QUAL_GLA_VALID | EPT_QUAL_GLA_XLAT)) ==
                      EPT_QUAL_GLA_VALID;
        return;
    case EXIT_REASON_CR_ACCESS:
        return cr_access(v, regs, e);
    case EXIT_REASON_INVD:
        e->insn_len = insn_len();       /* nothing to write back */
        return;
    case EXIT_REASON_GETSEC:
    case EXIT_REASON_VMCLEAR: case EXIT_REASON_VMLAUNCH:
    case EXIT_REASON_VMPTRLD: case EXIT_REASON_VMPTRST:
    case EXIT_REASON_VMREAD: case EXIT_REASON_VMRESUME:
    case EXIT_REASON_VMWRITE: case EXIT_REASON_VMXOFF:
    case EXIT_REASON_VMXON: case EXIT_REASON_INVEPT:
    case EXIT_REASON_INVVPID: case EXIT_REASON_VMFUNC:
    case EXIT_REASON_MONITOR: case EXIT_REASON_MWAIT:
    case EXIT_REASON_XSETBV:
        /* No nested virtualisation, SMX, MONITOR/MWAIT or XSAVE offered. */
        return vmx_inject_exception(v, 6, -1);
    case EXIT_REASON_TRIPLE_FAULT:
        return crash(v, e, "triple fault");
    case EXIT_REASON_TASK_SWITCH:
        return crash(v, e, "hardware task switch");
    case EXIT_REASON_EPT_MISCONFIG:
        printk(XENLOG_ERR "VMX: EPT misconfiguration at gpa %#lx\n",
               vmread(VMCS_GUEST_PHYS_ADDR));
        return crash(v, e, "EPT misconfiguration");
    default:
        return crash(v, e, "unhandled exit");
    }
}

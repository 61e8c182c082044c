/*
 * Emulation of the privileged instructions a PV guest executes at CPL 3.
 *
 * pv_emulate_privileged_op(regs) runs for a #GP(0) from guest context:
 * it fetches the instruction bytes at RIP (the guest's own mapping, so a
 * fetch that faults becomes a #PF for the guest), decodes them
 * (emul-decode.c) and emulates what Xen 4.17 emulates for a 64-bit PV
 * guest:
 *   cpuid                 the PV CPUID policy (cpuid.c)
 *   rdmsr / wrmsr         the MSR allowlist (emul-msr.c); #GP otherwise
 *   mov to/from CR0/2/3/4 CR0 with the virtual TS; CR4 writes ignored
 *   mov to/from DR0-7     the vCPU's virtual debug registers
 *   clts, wbinvd          virtual TS; cache flush for dom0 only
 *   cli, sti              no-ops when the virtual IOPL allows them
 *   in/out/ins/outs       emul-io.c
 * Everything else (hlt among them: Xen does not emulate it either) is
 * "not emulated", and the caller reflects the #GP.  The privileged ones
 * are emulated only in guest kernel mode.
 *
 * pv_emulate_forced_cpuid(regs) runs for a #UD: the bytes
 * 0f 0b 'x' 'e' 'n' 0f a2 (ud2 with Xen's signature, then cpuid) are how
 * a PV kernel asks for the emulated CPUID policy.
 *
 * Both return true when the instruction was emulated (RIP advanced) or an
 * exception was injected in its place, false when the caller should
 * reflect the original fault.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/traps.h>
#include <asm/pv/hypercalls.h>
#include <asm/pv/debugreg.h>
#include "emulate.h"

#define DR6_BS              (1UL << 14)    /* single-step */
#define DR6_RESERVED_ONES   0xffff0ff0UL
#define DR7_RESERVED_ONES   0x00000400UL

/* CR4 bits a PV guest sees from the hardware setting (Xen shows MCE too,
 * but our CPUID policy hides MCE). */
#define PV_CR4_VISIBLE (X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT)

uint64_t *pv_emul_gpr(struct cpu_user_regs *regs, unsigned int n)
{
    switch ( n )
    {
    case 0:  return &regs->rax;
    case 1:  return &regs->rcx;
    case 2:  return &regs->rdx;
    case 3:  return &regs->rbx;
    case 4:  return &regs->rsp;
    case 5:  return &regs->rbp;
    case 6:  return &regs->rsi;
    case 7:  return &regs->rdi;
    case 8:  return &regs->r8;
    case 9:  return &regs->r9;
    case 10: return &regs->r10;
    case 11: return &regs->r11;
    case 12: return &regs->r12;
    case 13: return &regs->r13;
    case 14: return &regs->r14;
    }
    return &regs->r15;
}

/*
 * Copy up to `want` instruction bytes from the guest's RIP.  *avail gets
 * how many arrived; *faulted says whether a fault (rather than the end
 * of guest address space) stopped the copy short.
 */
static void fetch_insn(const struct cpu_user_regs *regs, uint8_t *buf,
                       unsigned int want, unsigned int *avail, bool *faulted)
{
    const void *rip = (const void *)regs->rip;
    unsigned int n = want;

    while ( n && !guest_range_ok(rip, n) )
        n--;
    *avail = n ? n - raw_copy_from_guest(buf, rip, n) : 0;
    *faulted = *avail < n;
}

/* After an emulated instruction: what the CPU does when one retires. */
static void retire(struct cpu_user_regs *regs)
{
    regs->rflags &= ~X86_EFLAGS_RF;
    if ( regs->rflags & X86_EFLAGS_TF )
    {
        current->arch.pv.debugreg[6] |= DR6_BS;
        pv_inject_exception(regs, TRAP_debug, 0);
    }
}

static enum emul_result emulate_rdmsr(struct cpu_user_regs *regs)
{
    uint64_t val;

    if ( pv_msr_read(current, regs->ecx, &val) )
    {
        pv_inject_gp(regs, 0);
        return EMUL_INJECTED;
    }
    regs->rax = (uint32_t)val;
    regs->rdx = val >> 32;
    return EMUL_DONE;
}

static enum emul_result emulate_wrmsr(struct cpu_user_regs *regs)
{
    uint64_t val = ((uint64_t)regs->edx << 32) | regs->eax;

    if ( pv_msr_write(current, regs->ecx, val) )
    {
        pv_inject_gp(regs, 0);
        return EMUL_INJECTED;
    }
    return EMUL_DONE;
}

static bool read_cr(struct vcpu *v, unsigned int cr, unsigned long *val)
{
    switch ( cr )
    {
    case 0:
        *val = (read_cr0() & ~X86_CR0_TS) |
               (v->arch.pv.fpu_ts ? X86_CR0_TS : 0);
        return true;
    case 2:
        /* The address of the last #PF delivered to the guest. */
        *val = v->vcpu_info ? v->vcpu_info->arch.cr2 : 0;
        return true;
    case 3:
        *val = v->arch.pv.guest_table << PAGE_SHIFT;
        return true;
    case 4:
        *val = read_cr4() & PV_CR4_VISIBLE;
        return true;
    }
    return false;
}

/*
 * CR0: only TS may change (it is fpu_taskswitch).  CR2: the guest's own
 * copy.  CR4: Linux writes it and relies on the write not faulting; no
 * guest-controlled CR4 bit is honoured yet, so the write is dropped.
 * CR3 (a page-table switch) is left to MMUEXT_NEW_BASEPTR for now.
 */
static bool write_cr(struct vcpu *v, unsigned int cr, unsigned long val)
{
    switch ( cr )
    {
    case 0:
        if ( (val ^ read_cr0()) & ~X86_CR0_TS )
            return false;
        do_fpu_taskswitch(!!(val & X86_CR0_TS), 0, 0, 0, 0);
        return true;
    case 2:
        if ( v->vcpu_info )
            v->vcpu_info->arch.cr2 = val;
        return true;
    case 4:
        return true;
    }
    return false;
}

/* DR4/DR5 alias DR6/DR7 (the guest cannot set CR4.DE). */
static unsigned int dr_alias(unsigned int dr)
{
    return (dr == 4 || dr == 5) ? dr + 2 : dr;
}

static bool read_dr(struct vcpu *v, unsigned int dr, unsigned long *val)
{
    dr = dr_alias(dr);
    if ( dr > 7 )
        return false;
    if ( dr == 6 )
        pv_debugregs_collect(&v->arch.pv);  /* status collected so far */
    *val = v->arch.pv.debugreg[dr];
    if ( dr == 6 )
        *val |= DR6_RESERVED_ONES;
    else if ( dr == 7 )
        *val |= DR7_RESERVED_ONES;
    return true;
}

static bool write_dr(unsigned int dr, unsigned long val)
{
    dr = dr_alias(dr);
    return dr <= 7 && do_set_debugreg(dr, val, 0, 0, 0) == 0;
}

/* The CR/DR moves: the GPR side is always 64-bit in long mode. */
static bool mov_ctrl(struct cpu_user_regs *regs, const struct pv_insn *insn)
{
    struct vcpu *v = current;
    uint64_t *gpr = pv_emul_gpr(regs, insn->gpr);
    unsigned long val;

    switch ( insn->kind )
    {
    case INSN_MOV_FROM_CR:
        if ( !read_cr(v, insn->ctrl, &val) )
            return false;
        *gpr = val;
        return true;
    case INSN_MOV_TO_CR:
        return write_cr(v, insn->ctrl, *gpr);
    case INSN_MOV_FROM_DR:
        if ( !read_dr(v, insn->ctrl, &val) )
            return false;
        *gpr = val;
        return true;
    default:
        return write_dr(insn->ctrl, *gpr);
    }
}

static enum emul_result done_if(bool ok)
{
    return ok ? EMUL_DONE : EMUL_REFUSED;
}

/* Emulate a decoded instruction. */
static enum emul_result emulate_one(struct cpu_user_regs *regs,
                                    const struct pv_insn *insn)
{
    struct vcpu *v = current;

    switch ( insn->kind )
    {
    case INSN_CPUID:
        pv_cpuid(regs->eax, regs->ecx, regs);
        return EMUL_DONE;
    case INSN_RDMSR:
        return emulate_rdmsr(regs);
    case INSN_WRMSR:
        return emulate_wrmsr(regs);
    case INSN_CLTS:
        do_fpu_taskswitch(0, 0, 0, 0, 0);
        return EMUL_DONE;
    case INSN_WBINVD:
        /* Only a domain that drives hardware needs caches written back. */
        if ( v->domain->is_privileged )
            wbinvd();
        return EMUL_DONE;
    case INSN_CLI:
    case INSN_STI:
        /* Allowed by IOPL, yet without effect: the guest masks events
         * through vcpu_info, never through EFLAGS.IF. */
        return done_if(pv_iopl_ok(v));
    case INSN_IN:
    case INSN_OUT:
    case INSN_INS:
    case INSN_OUTS:
        return pv_emulate_io(regs, insn);
    default:
        return done_if(mov_ctrl(regs, insn));
    }
}

/*
 * What guest user mode may have emulated: CPUID, and what IOPL governs.
 * String I/O is excluded because user code may be 32-bit, where its
 * operands differ; the decoder only knows 64-bit code.
 */
static bool allowed_in_user_mode(enum insn_kind kind)
{
    switch ( kind )
    {
    case INSN_CPUID:
    case INSN_CLI:
    case INSN_STI:
    case INSN_IN:
    case INSN_OUT:
        return true;
    default:
        return false;
    }
}

/* Fetch and decode at RIP: EMUL_DONE with *insn filled in, or why not. */
static enum emul_result fetch_and_decode(struct cpu_user_regs *regs,
                                         struct pv_insn *insn)
{
    uint8_t buf[INSN_MAX_LEN];
    unsigned int avail;
    bool faulted;

    fetch_insn(regs, buf, sizeof(buf), &avail, &faulted);
    switch ( pv_insn_decode(buf, avail, insn) )
    {
    case INSN_OK:
        return EMUL_DONE;
    case INSN_TRUNCATED:
        if ( !faulted )
            return EMUL_REFUSED;
        /* As Xen: the fetch fault becomes a #PF, error code 0. */
        pv_inject_page_fault(regs, regs->rip + avail, 0);
        return EMUL_INJECTED;
    default:
        return EMUL_REFUSED;
    }
}

bool pv_emulate_privileged_op(struct cpu_user_regs *regs)
{
    struct pv_insn insn;
    enum emul_result rc = fetch_and_decode(regs, &insn);

    if ( rc == EMUL_DONE )
    {
        if ( !current->arch.pv.in_kernel && !allowed_in_user_mode(insn.kind) )
            return false;
        rc = emulate_one(regs, &insn);
    }
    switch ( rc )
    {
    case EMUL_DONE:
        regs->rip += insn.len;
        retire(regs);
        return true;
    case EMUL_RETRY:
    case EMUL_INJECTED:
        return true;
    default:
        return false;
    }
}

bool pv_emulate_forced_cpuid(struct cpu_user_regs *regs)
{
    uint8_t buf[FORCED_CPUID_LEN];
    unsigned int avail;
    bool faulted;

    fetch_insn(regs, buf, sizeof(buf), &avail, &faulted);
    if ( !pv_insn_is_forced_cpuid(buf, avail) )
        return false;
    pv_cpuid(regs->eax, regs->ecx, regs);
    regs->rip += FORCED_CPUID_LEN;
    retire(regs);
    return true;
}

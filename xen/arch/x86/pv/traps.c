/*
 * Exceptions and events for PV guests: reflecting faults to the guest
 * kernel through its trap table, delivering event upcalls, and the
 * kernel/user mode switch that both rely on.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/guest_access.h>
#include <public/callback.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/traps.h>
#include <asm/pv/debugreg.h>
#include <asm/pv/mm.h>
#include <asm/pv/syscall.h>

void pv_toggle_guest_mode(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    pv->in_kernel = !pv->in_kernel;
    /* The hardware GS base holds the active mode's base; the shadow
     * holds the other.  swapgs exchanges exactly those two. */
    __asm__ volatile ( "swapgs" ::: "memory" );
    write_cr3(((pv->in_kernel || !pv->guest_table_user) ? pv->guest_table
                                                         : pv->guest_table_user)
              << PAGE_SHIFT);
}

/* Flags the guest may not see set on entry to a handler. */
#define BOUNCE_CLEAR_FLAGS (X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | \
                            X86_EFLAGS_AC | X86_EFLAGS_DF | X86_EFLAGS_VM)

/*
 * Build the PV exception frame on the guest kernel stack and redirect the
 * guest to `target`.  The frame is rcx, r11, then the nmid words of
 * `mid` (an error code; the four data selectors of a failsafe callback),
 * then rip, cs, rflags, rsp, ss.  Returns false if the frame could not be
 * written.
 */
static bool bounce(struct cpu_user_regs *regs, unsigned long target,
                   bool mask_events, const unsigned long *mid,
                   unsigned int nmid)
{
    struct vcpu *v = current;
    struct vcpu_info *vi = v->vcpu_info;
    bool was_kernel = v->arch.pv.in_kernel;
    uint8_t old_mask = vi->evtchn_upcall_mask;
    unsigned long frame[11], rsp, *f = frame;
    unsigned int n;

    if ( !was_kernel )
    {
        pv_toggle_guest_mode(v);
        rsp = v->arch.pv.kernel_sp;
    }
    else
        rsp = regs->rsp;

    *f++ = regs->rcx;
    *f++ = regs->r11;
    for ( unsigned int i = 0; i < nmid && i < 4; i++ )
        *f++ = mid[i];
    *f++ = regs->rip;
    /* The interrupted context's CS: RPL 0 means "was in the guest kernel",
     * and the upcall mask rides in bits 32-39 as the ABI says. */
    *f++ = (was_kernel ? (regs->cs & ~3UL) : regs->cs) |
           ((unsigned long)old_mask << 32);
    *f++ = (regs->rflags & ~X86_EFLAGS_IF) | (old_mask ? 0 : X86_EFLAGS_IF);
    *f++ = regs->rsp;
    *f++ = regs->ss;
    n = f - frame;

    rsp = (rsp & ~15UL) - n * sizeof(unsigned long);
    if ( copy_to_guest_ptr((void *)rsp, frame, n * sizeof(unsigned long)) )
        return false;

    if ( mask_events )
        vi->evtchn_upcall_mask = 1;
    regs->rsp = rsp;
    regs->ss = FLAT_KERNEL_SS;
    regs->cs = FLAT_KERNEL_CS;
    regs->rip = target;
    regs->rflags = (regs->rflags & ~BOUNCE_CLEAR_FLAGS) | X86_EFLAGS_IF;
    return true;
}

static void __noreturn crash_current(struct cpu_user_regs *regs, const char *why)
{
    show_registers(regs);
    domain_crash(current->domain, why);
    /* The domain's vCPUs are paused: this CPU goes on with something else. */
    raise_softirq(SCHEDULE_SOFTIRQ);
    local_irq_enable();
    do_softirq();
    panic("crashed vCPU still running");
}

void pv_inject_exception(struct cpu_user_regs *regs, unsigned int vector,
                         uint32_t error_code)
{
    struct vcpu *v = current;
    const struct trap_info *ti = &v->arch.pv.trap_ctxt[vector];
    bool has_error = vector < TRAP_nr && ((TRAP_HAS_ERRCODE_MASK >> vector) & 1);
    unsigned long ec = error_code;

    if ( !ti->address )
    {
        printk(XENLOG_WARNING "d%uv%u: unhandled exception %u (no trap handler)\n",
               v->domain->domain_id, v->vcpu_id, vector);
        crash_current(regs, "exception without a registered handler");
    }
    if ( !bounce(regs, ti->address, TI_GET_IF(ti), &ec, has_error) )
        crash_current(regs, "cannot write exception frame to the guest stack");
}

void pv_inject_page_fault(struct cpu_user_regs *regs, unsigned long addr,
                          uint32_t error_code)
{
    current->vcpu_info->arch.cr2 = addr;
    pv_inject_exception(regs, TRAP_page_fault, error_code);
}

/* An int $n from the guest faults with #GP(n << 3 | 2) when the IDT gate is
 * not accessible: that is how software interrupts reach us. */
static bool pv_software_interrupt(struct cpu_user_regs *regs)
{
    unsigned int vector = regs->error_code >> 3;
    const struct trap_info *ti;

    if ( (regs->error_code & 7) != 2 || vector > 255 )
        return false;
    ti = &current->arch.pv.trap_ctxt[vector];
    /* The gate's DPL must allow the caller's privilege level. */
    if ( !ti->address || (TI_GET_DPL(ti) < (current->arch.pv.in_kernel ? 1 : 3)) )
        return false;
    regs->rip += 2;                           /* int $n is two bytes */
    if ( !bounce(regs, ti->address, TI_GET_IF(ti), NULL, 0) )
        crash_current(regs, "cannot write interrupt frame to the guest stack");
    return true;
}

/*
 * int $0x80 has its own gate open to ring 3, so guest system calls through
 * it arrive directly, whatever DPL the guest gave its handler (as on Xen).
 * Without a handler it becomes the #GP the guest would have seen.
 */
void pv_handle_int80(struct cpu_user_regs *regs)
{
    const struct trap_info *ti = &current->arch.pv.trap_ctxt[0x80];

    if ( !ti->address )
    {
        regs->rip -= 2;                   /* the fault points at the int */
        pv_inject_gp(regs, (0x80 << 3) | 2);
        return;
    }
    if ( !bounce(regs, ti->address, TI_GET_IF(ti), NULL, 0) )
        crash_current(regs, "cannot write int 0x80 frame to the guest stack");
}

void pv_handle_exception(struct cpu_user_regs *regs)
{
    unsigned int vector = regs->entry_vector;
    unsigned long cr2 = vector == TRAP_page_fault ? read_cr2() : 0;

    /*
     * The gate turned interrupts off so that CR2 could be read before a
     * nested fault changes it.  Now they go back on (as for hypercalls):
     * the fault paths take page-table locks, and a CPU must never spin
     * for one with interrupts off while the holder waits for it to
     * answer a TLB flush (lock order in asm/pv/mm.h).
     */
    local_irq_enable();
    switch ( vector )
    {
    case TRAP_gp_fault:
        if ( pv_software_interrupt(regs) )
            return;
        if ( regs->error_code == 0 && pv_emulate_privileged_op(regs) )
            return;
        break;
    case TRAP_invalid_op:
        if ( pv_emulate_forced_cpuid(regs) )
            return;
        break;
    case TRAP_page_fault:
        if ( pv_ldt_fault(regs, cr2) )
            return;                       /* an LDT page, mapped or refused */
        if ( pv_ro_page_fault(regs, cr2) )
            return;                       /* a page-table write, emulated */
        if ( pv_mmio_ro_write_fault(regs, cr2) )
            return;                       /* dom0's read-only MMIO store */
        /* The guest kernel runs in ring 3, but its faults must look like
         * supervisor faults: clear the user bit as Xen does. */
        pv_inject_page_fault(regs, cr2,
                             current->arch.pv.in_kernel ?
                             regs->error_code & ~PFEC_user_mode :
                             regs->error_code);
        return;
    case TRAP_no_device:
        /* The guest set TS (fpu_taskswitch): as Xen, clear it as the #NM
         * goes to the guest, so the faulting instruction can run again. */
        current->arch.pv.fpu_ts = false;
        clts();
        break;
    case TRAP_debug:
        /* The guest reads DR6 through get_debugreg: hand it over. */
        pv_debugregs_collect(&current->arch.pv);
        break;
    case TRAP_int3:
    case TRAP_overflow:
        /* These arrive as traps: RIP is already past the instruction. */
        break;
    }
    pv_inject_exception(regs, vector, regs->error_code);
}

/*
 * The iretq at the end of ret_to_guest faulted (see guest-entry.S).  The
 * fault was taken in ring 0 with this CPU's stack pointer at the guest
 * frame's rip slot, so the hardware frame and the exception entry's
 * registers lie below that slot, overlapping the guest frame's register
 * block -- but those registers are the guest's, popped by RESTORE_ALL and
 * pushed again unchanged, and rip..ss above are untouched.  Put the
 * registers back and treat the fault as the guest's own, raised in the
 * context the return was going to: Xen does the same.  The bounce that
 * may follow returns to the flat kernel selectors and a canonical handler
 * address, which cannot fault again.
 */
void __noreturn pv_return_fault(struct cpu_user_regs *regs)
{
    struct cpu_user_regs *g = guest_cpu_user_regs();
    unsigned int vector = regs->entry_vector;
    uint32_t error_code = regs->error_code;

    memmove(g, regs, __builtin_offsetof(struct cpu_user_regs, error_code));
    g->entry_vector = vector;
    g->error_code = error_code;
    pv_handle_exception(g);
    reset_stack_and_jump(ret_to_guest);
}

/*
 * The guest's data segment selectors could not all be loaded when its
 * vCPU was resumed (the ones that failed are null now; the context switch
 * set failsafe_pending).  As on Xen, the guest kernel hears of it through
 * its failsafe callback, whose frame carries the selectors it had (ds,
 * es, fs, gs: still in the saved register block) between r11 and rip.  A
 * guest without one just goes on with the null selectors.
 */
static void failsafe_callback(struct cpu_user_regs *regs, struct vcpu *v)
{
    const struct cpu_user_regs *had = &v->arch.user_regs;
    unsigned long segs[4] = { had->ds, had->es, had->fs, had->gs };

    v->arch.pv.failsafe_pending = false;
    if ( !v->arch.pv.failsafe_callback_eip )
        return;
    if ( !bounce(regs, v->arch.pv.failsafe_callback_eip,
                 v->arch.pv.failsafe_mask_on_callback, segs, 4) )
        crash_current(regs, "cannot write failsafe frame to the guest stack");
}

static bool is_canonical_rip(unsigned long rip)
{
    return ((long)rip >> 47) == 0 || ((long)rip >> 47) == -1;
}

static bool upcall_wanted(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->vcpu_info;

    return vi && READ_ONCE(vi->evtchn_upcall_pending) &&
           !READ_ONCE(vi->evtchn_upcall_mask) && v->arch.pv.event_callback_eip;
}

void pv_prepare_return(struct cpu_user_regs *regs)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *v;

    for ( ; ; )
    {
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            local_irq_disable();
            continue;
        }
        v = current;
        if ( v->arch.pv.failsafe_pending )
        {
            failsafe_callback(regs, v);
            continue;
        }
        if ( upcall_wanted(v) )
        {
            if ( !bounce(regs, v->arch.pv.event_callback_eip, true, NULL, 0) )
                crash_current(regs, "cannot write event frame to the guest stack");
            continue;
        }
        /* An instruction (a syscall, an emulated one) that ended at the
         * top of the lower half leaves a RIP iretq would fault on: the
         * guest gets the #GP(0) there that it would get itself. */
        if ( !is_canonical_rip(regs->rip) )
        {
            pv_inject_gp(regs, 0);
            continue;
        }
        break;
    }
    /* PV guests always run with interrupts on and IOPL 0. */
    regs->rflags = (regs->rflags | X86_EFLAGS_IF) & ~X86_EFLAGS_IOPL;
}

void pv_syscall_entry(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    local_irq_enable();
    if ( v->arch.pv.in_kernel )
    {
        pv_hypercall(regs);
        return;
    }
    /* A system call from guest user space goes to the guest kernel. */
    if ( !v->arch.pv.syscall_callback_eip )
    {
        pv_inject_ud(regs);
        return;
    }
    if ( !bounce(regs, v->arch.pv.syscall_callback_eip,
                 v->arch.pv.syscall_mask_on_callback, NULL, 0) )
        crash_current(regs, "cannot write syscall frame to the guest stack");
}

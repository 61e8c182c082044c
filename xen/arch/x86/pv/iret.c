/*
 * The iret hypercall: how a PV kernel (which runs in ring 3 and cannot
 * use iretq to change privilege) returns from an exception or event
 * handler, possibly to guest user mode.
 *
 * The guest pushes a struct iret_context on its stack and issues the
 * hypercall; we restore the interrupted context from it, switch to user
 * mode if the saved CS has RPL 3, and re-derive the event mask from the
 * saved IF flag.  Any selector (GDT or LDT) and any RIP are taken: the
 * return itself sorts out what the CPU refuses.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv/hypercalls.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/traps.h>

/* Flags a guest can set in its own RFLAGS (no IOPL, no VM, no VIF/VIP). */
#define GUEST_RFLAGS_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |   \
                           X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF |   \
                           X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_NT |   \
                           X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_ID)

long do_iret(unsigned long a1, unsigned long a2, unsigned long a3,
             unsigned long a4, unsigned long a5)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    struct vcpu *v = current;
    struct iret_context ctx;

    if ( copy_from_guest_ptr(&ctx, (void *)regs->rsp, sizeof(ctx)) )
    {
        domain_crash(v->domain, "iret: unreadable iret context on the stack");
        return -EFAULT;
    }

    /* Return to user mode: saved CS RPL 3 (the kernel's frames say 0). */
    /* (The CS slot's upper bits may hold the saved event mask.) */
    if ( (ctx.cs & 3) == 3 && v->arch.pv.in_kernel )
    {
        if ( !v->arch.pv.guest_table_user )
        {
            domain_crash(v->domain, "iret to user mode without user page tables");
            return -EINVAL;
        }
        pv_toggle_guest_mode(v);
    }

    regs->rip = ctx.rip;
    regs->cs = (uint16_t)ctx.cs | 3;     /* the guest's privilege, at most */
    regs->rsp = ctx.rsp;
    regs->ss = (uint16_t)ctx.ss | 3;
    regs->rflags = (ctx.rflags & GUEST_RFLAGS_MASK) | X86_EFLAGS_IF |
                   X86_EFLAGS_MBS;
    if ( !(ctx.flags & VGCF_in_syscall) )
    {
        regs->r11 = ctx.r11;
        regs->rcx = ctx.rcx;
    }
    /* The saved IF says whether events were enabled in that context. */
    v->vcpu_info->evtchn_upcall_mask = !(ctx.rflags & X86_EFLAGS_IF);
    regs->rax = ctx.rax;           /* the dispatcher leaves %rax alone */

    /* Nothing here checks the selectors or the RIP: the CPU's own iretq
     * in ret_to_guest does, against the guest's GDT and LDT exactly as
     * the hardware would, and what it refuses becomes the guest's fault
     * in the frame it tried to return to (pv_return_fault()), as on
     * Xen. */
    return ctx.rax;
}

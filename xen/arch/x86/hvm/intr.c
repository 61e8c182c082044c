/*
 * Interrupt delivery to HVM vCPUs: before each entry, the highest
 * interrupt the vCPU should take is injected if the guest can take it
 * now, or else the vendor is asked for an exit as soon as it can (the
 * interrupt window).  The sources, in Xen's order: an NMI IPI (vector
 * 2, not held back by RFLAGS.IF, blocked from the NMI's delivery until
 * the guest's next IRET as on a CPU: the vendor tracks that), the event-channel
 * callback vector (hvm_op.c; straight to the guest, level-like until the
 * guest clears evtchn_upcall_pending), then the local APIC (vlapic.c;
 * by priority above the processor priority, moved from IRR to ISR when
 * injected, until the guest's EOI).
 *
 * HLT sleeps (VPF_blocked) unless one of them is deliverable; whoever
 * makes one deliverable sets it first and then looks for VPF_blocked
 * (event channels, vlapic.c's kick), so no wake-up is lost.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>

static void intr_assist(struct vcpu *v)
{
    const struct cpu_user_regs *regs = guest_cpu_user_regs();
    int vec = hvm_upcall_vector(v);
    bool apic = false;

    if ( v->arch.hvm.vlapic )
        hvm_vendor->set_vtpr(v, vlapic_cr8(v));
    if ( vec < 0 )
    {
        vec = vlapic_pending(v);
        apic = vec >= 0;
    }
    if ( vec < 0 )
    {
        hvm_vendor->intr_window(v, false);
        return;
    }
    if ( !(regs->rflags & X86_EFLAGS_IF) || hvm_vendor->intr_blocked(v) )
    {
        hvm_vendor->intr_window(v, true);
        return;
    }
    hvm_vendor->intr_window(v, false);
    hvm_vendor->inject_intr(v, vec);
    if ( apic )
        vlapic_ack(v, vec);
}

/* An NMI goes first, as on a CPU (interrupts then see the queued event
 * and ask for their window).  true if one is pending but blocked. */
static bool nmi_assist(struct vcpu *v)
{
    if ( !READ_ONCE(v->arch.hvm.nmi_pending) )
        return false;
    if ( hvm_vendor->nmi_blocked(v) )
        return true;
    __atomic_store_n(&v->arch.hvm.nmi_pending, false, __ATOMIC_SEQ_CST);
    hvm_vendor->inject_nmi(v);
    return false;
}

void hvm_intr_assist(struct vcpu *v)
{
    bool nmi_waits = nmi_assist(v);

    intr_assist(v);
    hvm_vendor->nmi_window(v, nmi_waits);
}

void hvm_raise_nmi(struct vcpu *v)
{
    __atomic_store_n(&v->arch.hvm.nmi_pending, true, __ATOMIC_SEQ_CST);
}

bool hvm_event_deliverable(struct vcpu *v)
{
    const struct cpu_user_regs *regs = guest_cpu_user_regs();

    if ( READ_ONCE(v->arch.hvm.nmi_pending) && !hvm_vendor->nmi_blocked(v) )
        return true;                    /* IF does not hold an NMI back */

    if ( !(regs->rflags & X86_EFLAGS_IF) || hvm_vendor->intr_blocked(v) )
        return false;
    return hvm_upcall_vector(v) >= 0 || vlapic_pending(v) >= 0;
}

/* As SCHEDOP_block (Xen's HLT is one): a pending upcall with no vector
 * to deliver it does not end the sleep. */
void hvm_halt(struct vcpu *v)
{
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    if ( hvm_event_deliverable(v) )
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
    else
        raise_softirq(SCHEDULE_SOFTIRQ);
}

/*
 * HVMOP_set_param / HVMOP_get_param for HVM guests, and the event upcall
 * through HVM_PARAM_CALLBACK_IRQ.
 *
 * Only the callback parameter does anything yet: with the VECTOR type, a
 * vCPU whose vcpu_info has evtchn_upcall_pending set is offered that
 * vector as an external interrupt at each entry (level-like: again and
 * again until the guest clears the flag), as on Xen.  The vector goes
 * straight to the guest, bypassing its local APIC, so there is nothing
 * to EOI (hvm/intr.c injects it).  The GSI and PCI INTx types need an emulated IO-APIC
 * (not done: -EOPNOTSUPP).  A guest sets only the callback parameter
 * (-EPERM for the others, which belong to the toolstack); it reads the
 * callback back, every other parameter reads 0.  Another domain's
 * parameters: not done (-EOPNOTSUPP for dom0, -EPERM otherwise).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include <asm/hvm/hvm.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

#define CALLBACK_TYPE(v)    ((v) >> 56)

static long set_callback(struct domain *d, uint64_t val)
{
    switch ( CALLBACK_TYPE(val) )
    {
    case HVM_PARAM_CALLBACK_TYPE_VECTOR:
        /* Any vector, as on Xen (only bits 7-0 count): a low one merely
         * reaches the guest through its exception's IDT entry. */
        break;
    case HVM_PARAM_CALLBACK_TYPE_GSI:
        if ( val == 0 )
            break;                          /* "none" */
        /* fall through */
    default:
        return -EOPNOTSUPP;
    }
    WRITE_ONCE(d->arch.hvm.callback_irq, val);
    return 0;
}

static long param_op(unsigned int op, void *arg)
{
    struct xen_hvm_param p;
    struct domain *d = current->domain, *t;
    bool self;
    long rc = 0;

    if ( copy_from_guest_ptr(&p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.index >= HVM_NR_PARAMS )
        return -EINVAL;
    if ( !(t = get_domain_or_self(p.domid)) )
        return -ESRCH;
    self = t == d;
    put_domain(t);
    if ( !self )
        return d->is_privileged ? -EOPNOTSUPP : -EPERM;
    if ( op == HVMOP_set_param )
        return p.index == HVM_PARAM_CALLBACK_IRQ ? set_callback(d, p.value)
                                                 : -EPERM;
    p.value = p.index == HVM_PARAM_CALLBACK_IRQ ? d->arch.hvm.callback_irq : 0;
    if ( copy_to_guest_ptr(arg, &p, sizeof(p)) )
        rc = -EFAULT;
    return rc;
}

long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    switch ( op )
    {
    case HVMOP_set_param:
    case HVMOP_get_param:
        return param_op(op, (void *)arg);
    }
    return -ENOSYS;
}

/* The callback vector to offer at the coming entry, or -1.  It goes to
 * the guest directly, not through its local APIC (nothing to EOI), and
 * ahead of the APIC's own interrupts, as on Xen. */
int hvm_upcall_vector(struct vcpu *v)
{
    uint64_t cb = READ_ONCE(v->domain->arch.hvm.callback_irq);
    bool want = CALLBACK_TYPE(cb) == HVM_PARAM_CALLBACK_TYPE_VECTOR &&
                v->vcpu_info && READ_ONCE(v->vcpu_info->evtchn_upcall_pending);

    return want ? (int)(cb & 0xff) : -1;
}

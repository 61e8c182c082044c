/*
 * HVMOP_set_param / HVMOP_get_param for HVM guests, and the event upcall
 * through HVM_PARAM_CALLBACK_IRQ.
 *
 * Only the callback parameter does anything yet: with the VECTOR type, a
 * vCPU whose vcpu_info has evtchn_upcall_pending set is offered that
 * vector as an external interrupt at each entry (level-like: again and
 * again until the guest clears the flag), as on Xen.  The vector goes
 * straight to the guest, bypassing its local APIC, so there is nothing
 * to EOI (hvm/intr.c injects it).  The GSI and PCI INTx types need an
 * emulated IO-APIC (not done: -EOPNOTSUPP).
 *
 * The other parameters belong to the toolstack: a privileged domain sets
 * and reads them for an HVM domain it builds (the xenstore and console
 * rings' frames and ports, which the guest then reads; libxc's other
 * frame numbers, kept as given).  A guest sets only the callback
 * parameter (-EPERM for the others) and reads all of its own.  Another
 * domain's, without privilege: -EPERM; a PV domain's: -EINVAL, as Xen.
 *
 * HVMOP_set_evtchn_upcall_vector gives one vCPU of the caller's domain a
 * vector of its own (0x10 and up): whenever its evtchn_upcall_pending
 * goes from 0 to 1 the vector is requested at its local APIC (the guest
 * acknowledges it with an EOI), besides whatever the domain-wide callback
 * does.  Setting it requests it once straight away, as Xen 4.17 does, so
 * that an event that came before is not left waiting.
 *
 * HVMOP_flush_tlbs (argument NULL, else -EINVAL) flushes the guest TLBs of
 * all the caller's vCPUs before it returns; HVMOP_get_time reads the
 * system time.  Other sub-ops: -ENOSYS.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/event.h>
#include <xen/time.h>
#include <asm/current.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

#define CALLBACK_TYPE(v)    ((v) >> 56)

BUILD_BUG_ON(HVM_NR_PARAMS != HVM_NR_PARAMS_MAX);

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

/* What the caller (self: the guest itself) may set at index i. */
static long set_param(struct domain *t, bool self, uint32_t i, uint64_t val)
{
    if ( i == HVM_PARAM_CALLBACK_IRQ )
        return set_callback(t, val);
    if ( self )
        return -EPERM;
    WRITE_ONCE(t->arch.hvm.params[i], val);
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
    if ( !self && !d->is_privileged )
        rc = -EPERM;
    else if ( !t->arch.is_hvm )
        rc = -EINVAL;
    else if ( op == HVMOP_set_param )
        rc = set_param(t, self, p.index, p.value);
    else
    {
        p.value = p.index == HVM_PARAM_CALLBACK_IRQ
                  ? READ_ONCE(t->arch.hvm.callback_irq)
                  : READ_ONCE(t->arch.hvm.params[p.index]);
        if ( copy_to_guest_ptr(arg, &p, sizeof(p)) )
            rc = -EFAULT;
    }
    put_domain(t);
    return rc;
}

static long set_upcall_vector(void *arg)
{
    struct xen_hvm_evtchn_upcall_vector u;
    struct domain *d = current->domain;
    struct vcpu *v;

    if ( !d->arch.is_hvm )
        return -EINVAL;                 /* a PV caller (hvm_op is there too) */
    if ( copy_from_guest_ptr(&u, arg, sizeof(u)) )
        return -EFAULT;
    if ( u.vector < 0x10 )
        return -EINVAL;
    if ( u.vcpu >= d->max_vcpus || !(v = d->vcpu[u.vcpu]) )
        return -ENOENT;
    WRITE_ONCE(v->arch.hvm.upcall_vector, u.vector);
    vlapic_raise(v, u.vector);
    return 0;
}

void arch_evtchn_upcall(struct vcpu *v)
{
    unsigned int vector;

    if ( !v->domain->arch.is_hvm )
        return;
    if ( (vector = READ_ONCE(v->arch.hvm.upcall_vector)) )
        vlapic_raise(v, vector);
}

static long flush_tlbs(unsigned long arg)
{
    struct domain *d = current->domain;

    if ( !d->arch.is_hvm )
        return -EINVAL;
    if ( arg )
        return -EINVAL;                 /* the ABI's argument must be NULL */
    hvm_p2m_changed(d);
    return 0;
}

static long get_time(void *arg)
{
    struct xen_hvm_get_time t = { .now = NOW() };

    return copy_to_guest_ptr(arg, &t, sizeof(t)) ? -EFAULT : 0;
}

long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    switch ( op )
    {
    case HVMOP_set_param:
    case HVMOP_get_param:
        return param_op(op, (void *)arg);
    case HVMOP_set_evtchn_upcall_vector:
        return set_upcall_vector((void *)arg);
    case HVMOP_flush_tlbs:
        return flush_tlbs(arg);
    case HVMOP_get_time:
        return get_time((void *)arg);
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

/*
 * The toolstack's vCPU domctls: XEN_DOMCTL_setvcpucontext,
 * getvcpucontext and hypercall_init, as a domain builder uses them to
 * start a PV domain it has built (Xen 4.17's rules and errnos).
 *
 * Arch contract (x86: arch/x86/pv/vcpu_context.c, hypercall_page.c):
 *   arch_set_info_guest / arch_update_info_guest / arch_get_info_guest
 *     as in xen/vcpu.h.
 *   int arch_hypercall_init(struct domain *d, unsigned long gmfn);
 *     Fill frame gmfn of d with hypercall stubs: 0, -EINVAL if it is not
 *     d's, -EPERM if it may not be written.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <xen/domctl.h>
#include <xen/domctl_vcpu.h>
#include <public/domctl.h>
#include <asm/current.h>

int arch_hypercall_init(struct domain *d, unsigned long gmfn);

/* No context: reset the vCPU (down, without a context), as on Xen. */
static long reset(struct domain *d, struct vcpu *v)
{
    long rc = domain_pause_by_controller(d);

    if ( rc )
        return rc;
    rc = vcpu_reset_context(v);
    domain_unpause_by_controller(d);
    return rc;
}

/*
 * A context for vCPU vc->vcpu of d.  Not for the caller's own domain:
 * the domain is paused around the load, so that no vCPU of it runs while
 * its state changes (Xen: -EINVAL).  A NULL context resets the vCPU.
 */
long domctl_setvcpucontext(struct domain *d,
                           const struct xen_domctl_vcpucontext *vc)
{
    struct vcpu_guest_context *c;
    struct vcpu *v;
    long rc;

    if ( d == current->domain || vc->vcpu >= d->max_vcpus ||
         !(v = d->vcpu[vc->vcpu]) )
        return -EINVAL;
    if ( !vc->ctxt.p )
        return reset(d, v);
    if ( !(c = xmalloc(struct vcpu_guest_context)) )
        return -ENOMEM;
    if ( copy_from_guest_ptr(c, vc->ctxt.p, sizeof(*c)) )
        rc = -EFAULT;
    else if ( (rc = domain_pause_by_controller(d)) == 0 )
    {
        rc = vcpu_set_context(v, c, true);
        domain_unpause_by_controller(d);
    }
    xfree(c);
    return rc;
}

/* vCPU vc->vcpu's context, into the caller's buffer; -ENODATA for a vCPU
 * that never had one.  Not the calling vCPU itself (it is running). */
long domctl_getvcpucontext(struct domain *d,
                           const struct xen_domctl_vcpucontext *vc)
{
    struct vcpu_guest_context *c;
    struct vcpu *v;
    bool paused;
    long rc;

    if ( vc->vcpu >= d->max_vcpus || !(v = d->vcpu[vc->vcpu]) ||
         v == current )
        return -EINVAL;
    if ( !v->initialised )
        return -ENODATA;
    if ( !(c = xmalloc(struct vcpu_guest_context)) )
        return -ENOMEM;
    /* Another domain's vCPUs are paused off their CPUs while read; one's
     * own other vCPUs may be read as they are (values of a moment). */
    paused = d != current->domain && !domain_pause_by_controller(d);
    arch_get_info_guest(v, c);
    if ( paused )
        domain_unpause_by_controller(d);
    rc = copy_to_guest_ptr(vc->ctxt.p, c, sizeof(*c)) ? -EFAULT : 0;
    xfree(c);
    return rc;
}

long domctl_hypercall_init(struct domain *d,
                           const struct xen_domctl_hypercall_init *hi)
{
    return arch_hypercall_init(d, hi->gmfn);
}

/*
 * The x86 part of the domctl sub-ops this hypervisor implements: the
 * arch half of a createdomain configuration, what getdomaininfo reports
 * of it, the guest address size, and the x86-only sub-ops (TSC info).  Only 64-bit PV guests exist here.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/domctl.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <public/domctl.h>

#include "tsc_info.h"
#include "cpu_policy_ops.h"

/*
 * HVM needs the hardware (SVM with nested paging) and HAP: there is no
 * shadow paging here, so HVM without HAP is -EINVAL, as on a Xen built
 * without it.  Emulated devices, as Xen's creation checks them: a PV
 * guest may have the PIT's ports or nothing; an HVM domU the local APIC
 * alone (PVH, what libxl asks for) or everything but vPCI (a full HVM
 * guest with a device model, which this hypervisor cannot run, so it is
 * -EOPNOTSUPP here too).  Anything else known: Xen's -EOPNOTSUPP.
 */
int arch_check_domain_config(uint32_t cdf_flags,
                             const struct xen_arch_domainconfig *a)
{
    bool hvm = cdf_flags & XEN_DOMCTL_CDF_hvm;

    if ( hvm && !hvm_enabled() )
        return -EINVAL;
    if ( a->misc_flags & ~XEN_X86_MSR_RELAXED )
        return -EINVAL;
    if ( a->emulation_flags & ~XEN_X86_EMU_ALL )
        return -EINVAL;
    /* Xen checks the devices when it creates the domain, after the flags:
     * an HVM domain without the APIC is -EOPNOTSUPP there; one without
     * HAP it would shadow, which this hypervisor cannot. */
    if ( hvm && a->emulation_flags != XEN_X86_EMU_LAPIC )
        return -EOPNOTSUPP;
    if ( hvm )
        return (cdf_flags & XEN_DOMCTL_CDF_hap) ? 0 : -EINVAL;
    if ( a->emulation_flags & ~XEN_X86_EMU_PIT )
        return -EOPNOTSUPP;
    return 0;
}

int arch_domain_configure(struct domain *d)
{
    if ( d->cdf_flags & XEN_DOMCTL_CDF_hvm )
        return hvm_domain_init(d);
    return 0;
}

void arch_domain_default_config(struct domain *d)
{
    /* As Xen: a PV hardware domain has the PIT flag whatever it asked. */
    if ( d->is_privileged )
        d->arch_config.emulation_flags |= XEN_X86_EMU_PIT;
}

/* Guest-physical address width Xen reports (its hap_paddr_bits): the
 * CPU's guest width if it gives one, else its physical width. */
static unsigned int gpaddr_bits(void)
{
    struct cpuid_leaf r;
    unsigned int bits;

    cpuid(0x80000000, &r);
    if ( r.a < 0x80000008 )
        return paddr_bits;
    cpuid(0x80000008, &r);
    bits = (r.a >> 16) & 0xff;
    return bits ? min(bits, 52U) : paddr_bits;
}

void arch_fill_domain_info(const struct domain *d,
                           struct xen_domctl_getdomaininfo *info)
{
    info->arch_config.emulation_flags = d->arch_config.emulation_flags;
    if ( d->arch.is_hvm )
        info->flags |= XEN_DOMINF_hvm_guest | XEN_DOMINF_hap;
    info->gpaddr_bits = gpaddr_bits();
}

/*
 * Only 64-bit PV guests: 64 is accepted (nothing to change) and reported.
 * 32 would make a compat guest, which this build cannot run; Xen built or
 * booted without 32-bit PV support (CONFIG_PV32 / pv=no-32) answers
 * -EOPNOTSUPP, and so do we.  Any other size is -EINVAL.
 */
long arch_set_address_size(struct domain *d, unsigned int size)
{
    if ( size == 64 )
        return 0;
    return size == 32 ? -EOPNOTSUPP : -EINVAL;
}

unsigned int arch_get_address_size(const struct domain *d)
{
    return 64;
}

long arch_do_domctl(struct domain *d, struct xen_domctl *op, bool *copyback)
{
    long rc;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_gettscinfo:
        rc = tsc_info_get(d, &op->u.tsc_info);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_settscinfo:
        return tsc_info_set(d, &op->u.tsc_info);
    case XEN_DOMCTL_gethvmcontext:
        rc = hvm_get_context(d, &op->u.hvmcontext);
        *copyback = !rc;                /* the size, or what was written */
        return rc;
    case XEN_DOMCTL_sethvmcontext:
        return hvm_set_context(d, &op->u.hvmcontext);
    case XEN_DOMCTL_get_cpu_policy:
        rc = domctl_get_cpu_policy(d, &op->u.cpu_policy);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_set_cpu_policy:
        rc = domctl_set_cpu_policy(d, &op->u.cpu_policy);
        *copyback = rc != 0;    /* err_* name what was refused */
        return rc;
    }
    return -ENOSYS;
}

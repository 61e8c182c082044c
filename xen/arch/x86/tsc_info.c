/*
 * XEN_DOMCTL_gettscinfo / settscinfo: the TSC mode libxl sets on every
 * domain it builds (and reads for a save).  Xen 4.17 may emulate RDTSC
 * (trapping it with CR4.TSD); this hypervisor never does, so a guest's
 * RDTSC is always the host TSC.  Hence:
 *   TSC_MODE_NEVER_EMULATE   accepted: native, as in Xen.
 *   TSC_MODE_DEFAULT         accepted at the host's rate (gtsc_khz 0 or
 *                            cpu_khz): native.  Xen would emulate too when
 *                            it deems the host TSC unsafe (no invariant
 *                            TSC); here it stays native.  Another rate
 *                            would need emulation: -EOPNOTSUPP.
 *   TSC_MODE_ALWAYS_EMULATE  -EOPNOTSUPP (Xen emulates).
 *   anything else            -EINVAL, as Xen.
 * Neither acts on the caller's own domain (-EINVAL, as Xen, which pauses
 * the target).  Each successful set makes incarnation the given one + 1.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <public/domctl.h>
#include <asm/current.h>
#include <asm/processor.h>

#include "tsc_info.h"

/* The TSC in ns at the host's rate, as Xen's native-mode answer. */
static uint64_t tsc_ns(void)
{
    uint64_t mul = (1000000ULL << 32) / (cpu_khz ?: 1);   /* 32.32 ns/tick */

    return (uint64_t)(((unsigned __int128)rdtsc() * mul) >> 32);
}

long tsc_info_get(const struct domain *d, struct xen_domctl_tsc_info *t)
{
    if ( d == current->domain )
        return -EINVAL;
    t->tsc_mode = d->arch.tsc_mode;
    t->incarnation = d->arch.tsc_incarnation;
    if ( d->arch.tsc_mode == TSC_MODE_NEVER_EMULATE )
    {
        t->elapsed_nsec = 0;
        t->gtsc_khz = 0;
    }
    else
    {
        t->elapsed_nsec = tsc_ns();
        t->gtsc_khz = cpu_khz;
    }
    return 0;
}

long tsc_info_set(struct domain *d, const struct xen_domctl_tsc_info *t)
{
    if ( d == current->domain )
        return -EINVAL;
    switch ( t->tsc_mode )
    {
    case TSC_MODE_DEFAULT:
        if ( t->gtsc_khz && t->gtsc_khz != cpu_khz )
            return -EOPNOTSUPP;         /* another rate: emulation */
        break;
    case TSC_MODE_NEVER_EMULATE:
        break;
    case TSC_MODE_ALWAYS_EMULATE:
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
    d->arch.tsc_mode = t->tsc_mode;
    d->arch.tsc_incarnation = t->incarnation + 1;
    return 0;
}

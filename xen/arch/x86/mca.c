/*
 * HYPERVISOR_mca for the hardware domain: what Linux's dom0 machine-check
 * logger (drivers/xen/mcelog.c) needs to register /dev/mcelog as it does
 * on Xen 4.17.
 *
 * XEN_MC_physcpuinfo describes the online physical CPUs, in a packed
 * array by CPU number; a null handle asks for their count only.  The
 * identification (CPUID leaves, vendor and brand strings, MCG_CAP) is
 * the calling CPU's, given for every CPU: the hypervisor runs on
 * identical CPUs.  XEN_MC_fetch answers XEN_MC_NODATA: no machine-check
 * handler here collects records (a #MC still stops the machine), so
 * VIRQ_MCA, which dom0 binds, never fires.  Acknowledging is accepted.
 * Injection and domain notification are not implemented (-EOPNOTSUPP).
 *
 * Xen's checks in Xen's order: another domain -EPERM, -EFAULT, a wrong
 * interface version -EACCES, an unknown command -EINVAL.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/guest_access.h>
#include <public/arch-x86/xen-mca.h>
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv/hypercalls.h>

#define MSR_IA32_MCG_CAP  0x179
#define CPUID1_EDX_MCA    (1u << 14)

/* The 12 bytes of a vendor (ebx, edx, ecx) or 16 of a brand leaf. */
static void id_string(char *out, uint32_t leaf, bool vendor)
{
    struct cpuid_leaf r;
    uint32_t w[4];

    cpuid(leaf, &r);
    if ( vendor )
    {
        w[0] = r.b; w[1] = r.d; w[2] = r.c; w[3] = 0;
    }
    else
    {
        w[0] = r.a; w[1] = r.b; w[2] = r.c; w[3] = r.d;
    }
    memcpy(out, w, sizeof(w));
}

static void describe(xen_mc_logical_cpu_t *l, unsigned int cpu)
{
    struct cpuid_leaf r;
    uint32_t max_ext;
    unsigned int family;

    memset(l, 0, sizeof(*l));
    l->mc_cpunr = cpu;
    l->mc_apicid = x86_cpu_to_apicid[cpu];
    l->mc_coreid = cpu;
    l->mc_ncores = l->mc_ncores_active = nr_cpu_ids;
    l->mc_nthreads = 1;
    cpuid(0, &r);
    l->mc_cpuid_level = r.a;
    id_string(l->mc_vendorid, 0, true);
    cpuid(1, &r);
    family = (r.a >> 8) & 0xf;
    l->mc_family = family == 0xf ? family + ((r.a >> 20) & 0xff) : family;
    l->mc_model = ((r.a >> 4) & 0xf) | (family >= 6 ? ((r.a >> 12) & 0xf0) : 0);
    l->mc_step = r.a & 0xf;
    l->mc_cpu_caps[0] = r.d;
    l->mc_cpu_caps[4] = r.c;
    l->mc_cache_alignment = ((r.b >> 8) & 0xff) * 8;
    cpuid(0x80000000u, &r);
    max_ext = r.a;
    if ( max_ext >= 0x80000001u )
    {
        cpuid(0x80000001u, &r);
        l->mc_cpu_caps[1] = r.d;
        l->mc_cpu_caps[6] = r.c;
    }
    if ( max_ext >= 0x80000004u )
        for ( unsigned int i = 0; i < 3; i++ )
            id_string(l->mc_brandid + 16 * i, 0x80000002u + i, false);
    if ( l->mc_cpu_caps[0] & CPUID1_EDX_MCA )
    {
        l->mc_msrvalues[0].reg = MSR_IA32_MCG_CAP;
        if ( !rdmsr_safe(MSR_IA32_MCG_CAP, &l->mc_msrvalues[0].value) )
            l->mc_nmsrvals = 1;
    }
}

static long physcpuinfo(struct xen_mc *op, void *arg)
{
    struct xen_mc_physcpuinfo *p = &op->u.mc_physcpuinfo;
    unsigned int n = num_online_cpus(), done = 0, cpu;
    xen_mc_logical_cpu_t l;

    if ( p->info.p )
    {
        if ( !p->ncpus )
            return -EINVAL;
        /* Xen takes the room as signed: from 2^31 up its allocation of
         * a negative count fails. */
        if ( (int32_t)p->ncpus < 0 )
            return -ENOMEM;
        n = min(n, p->ncpus);
        for_each_online_cpu ( cpu )
        {
            if ( done == n )
                break;
            describe(&l, cpu);
            if ( copy_to_guest_ptr(p->info.p + done, &l, sizeof(l)) )
                return -EFAULT;
            done++;
        }
    }
    p->ncpus = n;
    return copy_to_guest_ptr(arg, op, sizeof(*op)) ? -EFAULT : 0;
}

static long fetch(struct xen_mc *op, void *arg)
{
    struct xen_mc_fetch *f = &op->u.mc_fetch;
    uint32_t which = f->flags & (XEN_MC_NONURGENT | XEN_MC_URGENT);

    if ( which != XEN_MC_NONURGENT && which != XEN_MC_URGENT )
        return -EINVAL;
    if ( !(f->flags & XEN_MC_ACK) && !f->data.p )
        return -EINVAL;
    /* Nothing was collected, so nothing is handed out or acked. */
    f->flags = f->flags & XEN_MC_ACK ? XEN_MC_OK : XEN_MC_NODATA;
    return copy_to_guest_ptr(arg, op, sizeof(*op)) ? -EFAULT : 0;
}

long do_mca(unsigned long arg, unsigned long a2, unsigned long a3,
            unsigned long a4, unsigned long a5)
{
    struct xen_mc op;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest_ptr(&op, (void *)arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_MCA_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XEN_MC_physcpuinfo:
        return physcpuinfo(&op, (void *)arg);
    case XEN_MC_fetch:
        return fetch(&op, (void *)arg);
    case XEN_MC_notifydomain:
    case XEN_MC_msrinject:
    case XEN_MC_mceinject:
        return -EOPNOTSUPP;
    }
    return -EINVAL;
}

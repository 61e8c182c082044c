/*
 * HYPERVISOR_sysctl: the toolstack's view of the machine (layouts in
 * public/sysctl.h).  Implemented: physinfo, sched_id, getdomaininfolist,
 * readconsole, getcpuinfo, cputopoinfo, numainfo (sysctl_info.c),
 * cpupool_op (cpupool.c), scheduler_op (sysctl_sched.c);
 * everything else is -ENOSYS.  Checks in Xen's order: copy in (-EFAULT),
 * interface version (-EACCES), privilege (-EPERM).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <public/sysctl.h>
#include <asm/current.h>

static long domaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int n = 0;
    domid_t next = l->first_domain;
    struct domain *d;

    while ( n < l->max_domains && (d = get_domain_next_from(next)) != NULL )
    {
        domctl_fill_info(d, &info);
        next = d->domain_id + 1;
        put_domain(d);
        if ( copy_to_guest_ptr((uint8_t *)l->buffer.p + n * sizeof(info),
                               &info, sizeof(info)) )
            return -EFAULT;
        n++;
        if ( next == DOMID_FIRST_RESERVED )
            break;
    }
    l->num_domains = n;
    return 0;
}

/* One sysctl at a time, as Xen; a caller finding it taken retries the
 * hypercall rather than spinning (see domctl.c's lock). */
static DEFINE_SPINLOCK(sysctl_lock);

static long dispatch(struct xen_sysctl *op, bool *copyback)
{
    switch ( op->cmd )
    {
    case XEN_SYSCTL_physinfo:
        sysctl_physinfo(&op->u.physinfo);
        return 0;
    case XEN_SYSCTL_sched_id:
        op->u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
        return 0;
    case XEN_SYSCTL_getdomaininfolist:
        return domaininfolist(&op->u.getdomaininfolist);
    case XEN_SYSCTL_readconsole:
        return sysctl_readconsole(&op->u.readconsole);
    case XEN_SYSCTL_getcpuinfo:
        return sysctl_getcpuinfo(&op->u.getcpuinfo);
    case XEN_SYSCTL_cputopoinfo:
        return sysctl_cputopoinfo(&op->u.cputopoinfo);
    case XEN_SYSCTL_numainfo:
        return sysctl_numainfo(&op->u.numainfo);
    case XEN_SYSCTL_cpupool_op:
        return sysctl_cpupool_op(&op->u.cpupool_op);
    case XEN_SYSCTL_scheduler_op:
        return sysctl_scheduler_op(&op->u.scheduler_op);
    }
    return arch_do_sysctl(op, copyback);
}

long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    struct xen_sysctl op;
    bool copyback = false;
    long rc;

    if ( copy_from_guest_ptr(&op, (void *)arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( !spin_trylock(&sysctl_lock) )
        return hypercall_create_continuation(__HYPERVISOR_sysctl, 1, arg);
    rc = dispatch(&op, &copyback);
    spin_unlock(&sysctl_lock);
    /* As Xen: every sub-op that succeeded hands the whole record back
     * (and a few, as Xen's do, when they failed). */
    if ( (!rc || copyback) && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

/*
 * HYPERVISOR_sysctl: the toolstack's view of the machine (layouts in
 * public/sysctl.h).  Implemented: physinfo, sched_id, getdomaininfolist;
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
#include <xen/guest_access.h>
#include <public/sysctl.h>
#include <asm/current.h>

static void physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = num_online_cpus();
    pi->nr_cpus = num_online_cpus();
    pi->max_cpu_id = NR_CPUS - 1;
    pi->nr_nodes = 1;
    pi->max_node_id = 0;
    pi->cpu_khz = cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv;
    pi->total_pages = total_heap_pages();
    pi->free_pages = total_free_pages();
    pi->max_mfn = max_page - 1;
}

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

long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest_ptr(&op, (void *)arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !current->domain->is_privileged )
        return -EPERM;

    switch ( op.cmd )
    {
    case XEN_SYSCTL_physinfo:
        physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
        rc = 0;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = domaininfolist(&op.u.getdomaininfolist);
        break;
    default:
        return -ENOSYS;
    }
    if ( !rc && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

/*
 * XEN_SYSCTL_cpupool_op.  This hypervisor has a single CPU pool: pool 0,
 * holding every online CPU and every domain, scheduled by credit.  The
 * sub-ops answer as Xen 4.17 answers for its boot-time pool 0; what only
 * a second pool could do (creating one, taking a CPU out of pool 0) is
 * refused with -EOPNOTSUPP rather than pretended.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <public/sysctl.h>
#include <asm/current.h>

static unsigned int pool0_domains(void)
{
    unsigned int n = 0;
    domid_t next = 0;
    struct domain *d;

    while ( (d = get_domain_next_from(next)) != NULL )
    {
        next = d->domain_id + 1;
        put_domain(d);
        n++;
        if ( next == DOMID_FIRST_RESERVED )
            break;
    }
    return n;
}

/* Xen walks the pools from the id asked for up: only 0 finds one. */
static long pool_info(struct xen_sysctl_cpupool_op *op)
{
    if ( op->cpupool_id != 0 )
        return -ENOENT;
    op->sched_id = XEN_SCHEDULER_CREDIT;
    op->n_dom = pool0_domains();
    return xenctl_cpumask_to_guest(&op->cpumap, &cpu_online_map);
}

static long add_cpu(const struct xen_sysctl_cpupool_op *op)
{
    if ( op->cpupool_id != 0 )
        return -ENOENT;
    /* Every online CPU is in pool 0 already: none is free to add. */
    if ( op->cpu == XEN_SYSCTL_CPUPOOL_PAR_ANY )
        return -ENODEV;
    if ( op->cpu >= nr_cpu_ids )
        return -EINVAL;
    return -ENODEV;
}

static long remove_cpu(const struct xen_sysctl_cpupool_op *op)
{
    unsigned int cpu = op->cpu;

    if ( op->cpupool_id != 0 )
        return -ENOENT;
    if ( cpu == XEN_SYSCTL_CPUPOOL_PAR_ANY )
        for ( cpu = nr_cpu_ids; cpu-- > 0 && !cpu_online(cpu); )
            ;
    if ( cpu >= nr_cpu_ids )
        return -EINVAL;
    /* CPU 0 never leaves pool 0, nor does an offline CPU (as Xen). */
    if ( cpu == 0 || !cpu_online(cpu) )
        return -EINVAL;
    return -EOPNOTSUPP;             /* no free-CPU state here */
}

static long move_domain(const struct xen_sysctl_cpupool_op *op)
{
    /* Xen takes the id as a domid_t: the upper bits are dropped. */
    struct domain *d = get_domain_by_id((domid_t)op->domid);
    bool self;

    if ( !d )
        return -ESRCH;
    self = d == current->domain;
    put_domain(d);
    if ( self )
        return -EPERM;
    return op->cpupool_id == 0 ? 0 : -ENOENT;
}

long sysctl_cpupool_op(struct xen_sysctl_cpupool_op *op)
{
    switch ( op->op )
    {
    case XEN_SYSCTL_CPUPOOL_OP_CREATE:
        return op->cpupool_id == 0 ? -EEXIST : -EOPNOTSUPP;
    case XEN_SYSCTL_CPUPOOL_OP_DESTROY:
        /* Pool 0 always has CPUs and domains. */
        return op->cpupool_id == 0 ? -EBUSY : -ENOENT;
    case XEN_SYSCTL_CPUPOOL_OP_INFO:
        return pool_info(op);
    case XEN_SYSCTL_CPUPOOL_OP_ADDCPU:
        return add_cpu(op);
    case XEN_SYSCTL_CPUPOOL_OP_RMCPU:
        return remove_cpu(op);
    case XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN:
        return move_domain(op);
    case XEN_SYSCTL_CPUPOOL_OP_FREEINFO:
    {
        cpumask_t none;

        memset(&none, 0, sizeof(none));
        return xenctl_cpumask_to_guest(&op->cpumap, &none);
    }
    }
    return -ENOSYS;
}

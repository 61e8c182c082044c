/*
 * HYPERVISOR_domctl: the toolstack's control of single domains (layouts
 * in public/domctl.h).  Implemented: createdomain (PV), getdomaininfo,
 * pausedomain,
 * unpausedomain, destroydomain, max_mem, getvcpuinfo, scheduler_op (the
 * credit scheduler).  Everything else is -ENOSYS.
 *
 * Checks in Xen 4.17's order: the argument is copied in (-EFAULT), its
 * interface version must match (-EACCES), the caller must be privileged
 * (-EPERM), the target must exist (-ESRCH).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/domctl.h>
#include <xen/vcpu.h>
#include <xen/guest_access.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <public/domctl.h>
#include <public/sched.h>
#include <asm/current.h>

static uint64_t vcpu_cpu_time(const struct vcpu *v)
{
    struct vcpu_runstate_info r;

    vcpu_runstate_get(v, &r);
    return r.time[RUNSTATE_running];
}

void domctl_fill_info(const struct domain *d,
                      struct xen_domctl_getdomaininfo *info)
{
    bool all_blocked = true, any_running = false;
    unsigned int online = 0, max_id = XEN_INVALID_MAX_VCPU_ID;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *v = d->vcpu[i];
        unsigned long f;

        if ( !v )
            continue;
        max_id = i;
        f = READ_ONCE(v->pause_flags);
        info->cpu_time += vcpu_cpu_time(v);
        if ( f & VPF_down )
            continue;
        online++;
        if ( !(f & VPF_blocked) )
            all_blocked = false;
        if ( v->runstate.state == RUNSTATE_running )
            any_running = true;
    }
    if ( d->is_dying )
        info->flags |= XEN_DOMINF_dying;
    if ( d->is_shutting_down )
        info->flags |= XEN_DOMINF_shutdown |
                       ((d->shutdown_code & XEN_DOMINF_shutdownmask)
                        << XEN_DOMINF_shutdownshift);
    if ( READ_ONCE(d->controller_pause_count) )
        info->flags |= XEN_DOMINF_paused;
    if ( online && all_blocked )
        info->flags |= XEN_DOMINF_blocked;
    if ( any_running )
        info->flags |= XEN_DOMINF_running;
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = d->shared_info ? __pa(d->shared_info) >> PAGE_SHIFT
                                             : 0;
    info->nr_online_vcpus = online;
    info->max_vcpu_id = max_id;
}

static long getvcpuinfo(const struct domain *d,
                        struct xen_domctl_getvcpuinfo *vi)
{
    const struct vcpu *v;
    unsigned long f;

    if ( vi->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = d->vcpu[vi->vcpu]) )
        return -ESRCH;
    f = READ_ONCE(v->pause_flags);
    vi->online = !(f & VPF_down);
    vi->blocked = !!(f & VPF_blocked);
    vi->running = v->runstate.state == RUNSTATE_running;
    vi->cpu_time = vcpu_cpu_time(v);
    vi->cpu = READ_ONCE(v->processor);
    return 0;
}

static long scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *op)
{
    struct xen_domctl_sched_credit *c = &op->u.credit;

    if ( op->sched_id != XEN_SCHEDULER_CREDIT )
        return -EINVAL;
    switch ( op->cmd )
    {
    case XEN_DOMCTL_SCHEDOP_putinfo:
        return sched_set_params(d, c->weight,
                                c->cap == 0xffff ? SCHED_CAP_KEEP : c->cap);
    case XEN_DOMCTL_SCHEDOP_getinfo:
        c->weight = d->sched_weight;
        c->cap = d->sched_cap;
        return 0;
    }
    return -EINVAL;
}

/* Where the search for a free domain id goes on from. */
static domid_t domid_rover;

static domid_t free_domid(void)
{
    for ( unsigned int i = 1; i < DOMID_FIRST_RESERVED; i++ )
    {
        domid_t id = (domid_rover + i) % DOMID_FIRST_RESERVED;

        if ( id && !domain_id_in_use(id) )
            return domid_rover = id;
    }
    return DOMID_INVALID;
}

static long createdomain(struct xen_domctl *op)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    domid_t id = op->domain;
    struct domain *d;
    int rc;

    /* PV only so far; a xenstore domain is an ordinary one here. */
    if ( (c->flags & ~XEN_DOMCTL_CDF_xs_domain) || c->iommu_opts ||
         c->vmtrace_size || c->cpupool_id ||
         !c->max_vcpus || c->max_vcpus > MAX_VIRT_CPUS ||
         XEN_DOMCTL_GRANT_version(c->grant_opts) > 2 ||
         (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask) ||
         (c->arch.emulation_flags & ~XEN_X86_EMU_PIT) || c->arch.misc_flags )
        return -EINVAL;
    if ( id && id < DOMID_FIRST_RESERVED )
    {
        if ( domain_id_in_use(id) )
            return -EEXIST;
    }
    else if ( (id = free_domid()) == DOMID_INVALID )
        return -ENOMEM;
    /* Empty and paused: nothing runs until the toolstack has made its
     * vCPUs (max_vcpus), built it, given vCPU 0 a context and unpaused
     * it. */
    if ( !(d = domain_create_empty(id, c->max_vcpus, &rc)) )
        return rc;
    if ( c->max_grant_frames > 0 )
        grant_table_set_max(d, c->max_grant_frames);
    if ( (rc = evtchn_set_max_port(d, c->max_evtchn_port)) != 0 )
    {
        domain_destroy(d);
        return rc;
    }
    op->domain = id;
    return 0;
}

/* The caller's own domain and dom0 cannot be destroyed from here. */
static long destroy(struct domain *d)
{
    if ( d == current->domain || d->is_privileged )
        return -EINVAL;
    domain_destroy(d);
    return 0;
}

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    struct xen_domctl op;
    struct domain *d;
    long rc;
    bool copyback = false;

    if ( copy_from_guest_ptr(&op, (void *)arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !current->domain->is_privileged )
        return -EPERM;

    if ( op.cmd == XEN_DOMCTL_createdomain )
    {
        rc = createdomain(&op);
        if ( !rc && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
            rc = -EFAULT;       /* it exists; the toolstack can find it */
        return rc;
    }
    if ( op.cmd == XEN_DOMCTL_getdomaininfo )
    {
        domid_t from = op.domain == DOMID_SELF ? current->domain->domain_id
                                               : op.domain;

        if ( !(d = get_domain_next_from(from)) )
            return -ESRCH;
        domctl_fill_info(d, &op.u.getdomaininfo);
        op.domain = d->domain_id;
        put_domain(d);
        return copy_to_guest_ptr((void *)arg, &op, sizeof(op)) ? -EFAULT : 0;
    }

    if ( !(d = get_domain_or_self(op.domain)) )
        return -ESRCH;

    switch ( op.cmd )
    {
    case XEN_DOMCTL_pausedomain:
        rc = domain_pause_by_controller(d);
        break;
    case XEN_DOMCTL_unpausedomain:
        rc = domain_unpause_by_controller(d);
        break;
    case XEN_DOMCTL_destroydomain:
        rc = destroy(d);
        break;
    case XEN_DOMCTL_max_vcpus:
        rc = d == current->domain ? -EINVAL
                                  : domain_set_vcpus(d, op.u.max_vcpus.max);
        break;
    case XEN_DOMCTL_max_mem:
        /* Below what it holds now is allowed: it only stops growth. */
        d->max_pages = op.u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
        rc = 0;
        break;
    case XEN_DOMCTL_getvcpuinfo:
        rc = getvcpuinfo(d, &op.u.getvcpuinfo);
        copyback = !rc;
        break;
    case XEN_DOMCTL_scheduler_op:
        rc = scheduler_op(d, &op.u.scheduler_op);
        copyback = !rc && op.u.scheduler_op.cmd == XEN_DOMCTL_SCHEDOP_getinfo;
        break;
    default:
        rc = -ENOSYS;
    }
    put_domain(d);
    if ( copyback && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

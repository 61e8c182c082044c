/*
 * HYPERVISOR_domctl: the toolstack's control of single domains (layouts
 * in public/domctl.h; the sub-ops implemented are listed in
 * docs/hypercalls.md).  Everything else is -ENOSYS.
 *
 * Checks in Xen 4.17's order: the argument is copied in (-EFAULT), its
 * interface version must match (-EACCES), the target must exist (-ESRCH;
 * by id, DOMID_SELF names none), the caller must be privileged (-EPERM);
 * then the sub-op runs under the domctl lock (destroydomain: see
 * destroy()).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/domctl.h>
#include <xen/domctl_vcpu.h>
#include <xen/vcpu.h>
#include <xen/guest_access.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <public/domctl.h>
#include <public/sched.h>
#include <xen/hypercall.h>
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
    /* Xen's "dying" is dead: torn down, not while pages still go. */
    if ( d->is_dead )
        info->flags |= XEN_DOMINF_dying;
    if ( __atomic_load_n(&d->is_shut_down, __ATOMIC_ACQUIRE) )
        info->flags |= XEN_DOMINF_shutdown;
    /* As Xen, the code is reported whatever the state: "none yet" (all
     * ones, from creation) fills every bit from the shift up. */
    info->flags |= d->shutdown_code << XEN_DOMINF_shutdownshift;
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
    domctl_fill_config(d, info);
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

    /* Xen's order: the id first, then the configuration. */
    if ( id && id < DOMID_FIRST_RESERVED )
    {
        if ( domain_id_in_use(id) )
            return -EEXIST;
    }
    else if ( (id = free_domid()) == DOMID_INVALID )
        return -ENOMEM;
    if ( (rc = domctl_check_create(c)) != 0 )
        return rc;
    /* Empty and paused: nothing runs until the toolstack has made its
     * vCPUs (max_vcpus), built it, given vCPU 0 a context and unpaused
     * it. */
    if ( !(d = domain_create_empty(id, c->max_vcpus, &rc)) )
        return rc;
    domctl_apply_create(d, c);
    if ( (rc = arch_domain_configure(d)) != 0 )
    {
        domain_destroy(d);
        return rc;
    }
    grant_table_set_max(d, c->max_grant_frames < 0 ? GNTTAB_DEFAULT_MAX_FRAMES
                                                   : c->max_grant_frames);
    if ( (rc = evtchn_set_max_port(d, c->max_evtchn_port)) != 0 )
    {
        domain_destroy(d);
        return rc;
    }
    op->domain = id;
    return 0;
}

/*
 * One domctl at a time, as Xen: the toolstack's operations on a domain
 * (create, pause, destroy, configure) never interleave.  A caller that
 * finds it taken is sent back to retry the hypercall (a continuation)
 * rather than spinning: the holder may be waiting for one of the
 * caller's own vCPUs to leave its CPU, which a spinning vCPU never does.
 */
static DEFINE_SPINLOCK(domctl_lock);

/*
 * The caller's own domain and dom0 cannot be destroyed from here.  As on
 * Xen, only the first step (the domain stopped and marked dying) is taken
 * under the domctl lock; the teardown proper runs under the domain's own
 * kill lock, in steps: preempted, the caller re-issues the same domctl (a
 * continuation), and whoever calls next -- this caller, or another one
 * destroying the same domain -- takes it on from where it stopped.  Other
 * domctls go on meanwhile: the domain stays listed, getdomaininfo sees
 * its pages go, and it leaves the list when the last step is done; a
 * call that still holds it then gets 0, one that looks it up later
 * -ESRCH.  Called without the domctl lock.
 */
static long destroy(struct domain *d, unsigned long arg)
{
    int rc;

    if ( d == current->domain || d->is_privileged )
        return -EINVAL;
    if ( !spin_trylock(&domctl_lock) )
        goto again;
    domain_kill_start(d);
    spin_unlock(&domctl_lock);
    if ( !spin_trylock(&d->kill_lock) )
        goto again;             /* another caller's step under way */
    rc = domain_kill(d, true);
    spin_unlock(&d->kill_lock);
    if ( rc != -ERESTART )
        return rc;
 again:
    return hypercall_create_continuation(__HYPERVISOR_domctl, 1, arg);
}

/* The domain a sub-op acts on, as Xen looks it up: by id only (no
 * DOMID_SELF); none for createdomain; getdomaininfo may go on without
 * one (it then looks for the next id). */
static int lookup(const struct xen_domctl *op, struct domain **dp)
{
    *dp = NULL;
    if ( op->cmd == XEN_DOMCTL_createdomain )
        return 0;
    *dp = get_domain_by_id_any(op->domain);
    if ( !*dp && op->cmd != XEN_DOMCTL_getdomaininfo )
        return -ESRCH;
    return 0;
}

/* Xen's default policy: the control domain may do anything; a xenstore
 * domain may also read domain information. */
static bool permitted(const struct xen_domctl *op)
{
    const struct domain *cd = current->domain;

    if ( cd->is_privileged )
        return true;
    return op->cmd == XEN_DOMCTL_getdomaininfo &&
           (cd->cdf_flags & XEN_DOMCTL_CDF_xs_domain);
}

/* d (with a reference) if the caller named one, else the next domain at
 * or above the id asked for; ids in the reserved range name none. */
static long getdomaininfo(struct xen_domctl *op, struct domain *d)
{
    if ( !d && op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    if ( !d && !(d = get_domain_next_from(op->domain)) )
        return -ESRCH;
    domctl_fill_info(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    put_domain(d);
    return 0;
}

static long dispatch(struct xen_domctl *op, struct domain *d, bool *copyback)
{
    long rc;

    /* A dying domain (its teardown under way) can only be looked at or
     * destroyed further (destroy(), not here); to everything else it is
     * gone already.  Its first step marks it under this lock, so the test
     * holds. */
    if ( d && d->is_dying && op->cmd != XEN_DOMCTL_getdomaininfo )
        return -ESRCH;
    switch ( op->cmd )
    {
    case XEN_DOMCTL_createdomain:
        rc = createdomain(op);
        *copyback = !rc;        /* on -EFAULT it exists; it can be found */
        return rc;
    case XEN_DOMCTL_getdomaininfo:
        rc = getdomaininfo(op, d);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_pausedomain:
        return domain_pause_by_controller(d);
    case XEN_DOMCTL_unpausedomain:
        return domain_unpause_by_controller(d);
    case XEN_DOMCTL_max_vcpus:
        return d == current->domain ? -EINVAL
                                    : domain_set_vcpus(d, op->u.max_vcpus.max);
    case XEN_DOMCTL_max_mem:
        return domctl_max_mem(d, &op->u.max_mem);
    case XEN_DOMCTL_getvcpuinfo:
        rc = getvcpuinfo(d, &op->u.getvcpuinfo);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_scheduler_op:
        rc = scheduler_op(d, &op->u.scheduler_op);
        *copyback = !rc && op->u.scheduler_op.cmd == XEN_DOMCTL_SCHEDOP_getinfo;
        return rc;
    case XEN_DOMCTL_setdomainhandle:
        return domctl_setdomainhandle(d, &op->u.setdomainhandle);
    case XEN_DOMCTL_settimeoffset:
        return domctl_settimeoffset(d, &op->u.settimeoffset);
    case XEN_DOMCTL_set_address_size:
    case XEN_DOMCTL_get_address_size:
        rc = domctl_address_size(d, op->cmd, &op->u.address_size);
        *copyback = !rc && op->cmd == XEN_DOMCTL_get_address_size;
        return rc;
    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity:
        return domctl_vcpu_affinity(d, op->cmd, &op->u.vcpuaffinity);
    case XEN_DOMCTL_setnodeaffinity:
    case XEN_DOMCTL_getnodeaffinity:
        return domctl_node_affinity(d, op->cmd, &op->u.nodeaffinity);
    case XEN_DOMCTL_iomem_permission:
        return domctl_iomem_permission(d, &op->u.iomem_permission);
    case XEN_DOMCTL_ioport_permission:
        return domctl_ioport_permission(d, &op->u.ioport_permission);
    case XEN_DOMCTL_irq_permission:
        return domctl_irq_permission(d, &op->u.irq_permission);
    case XEN_DOMCTL_setvcpucontext:
        return domctl_setvcpucontext(d, &op->u.vcpucontext);
    case XEN_DOMCTL_getvcpucontext:
        return domctl_getvcpucontext(d, &op->u.vcpucontext);
    case XEN_DOMCTL_hypercall_init:
        return domctl_hypercall_init(d, &op->u.hypercall_init);
    }
    return arch_do_domctl(d, op, copyback);
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
    if ( (rc = lookup(&op, &d)) != 0 )
        return rc;
    if ( !permitted(&op) )
        rc = -EPERM;
    else if ( op.cmd == XEN_DOMCTL_destroydomain )
        rc = destroy(d, arg);           /* its own locking */
    else if ( !spin_trylock(&domctl_lock) )
        rc = hypercall_create_continuation(__HYPERVISOR_domctl, 1, arg);
    else
    {
        rc = dispatch(&op, d, &copyback);
        if ( op.cmd == XEN_DOMCTL_getdomaininfo )
            d = NULL;                   /* getdomaininfo() dropped it */
        spin_unlock(&domctl_lock);
    }
    if ( d )
        put_domain(d);
    if ( copyback && copy_to_guest_ptr((void *)arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

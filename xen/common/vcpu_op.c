/*
 * The vcpu_op hypercall: bringing vCPUs up and down, registering the
 * per-vCPU shared areas (vcpu_info, runstate, time), and the per-vCPU
 * timers that raise VIRQ_TIMER.
 *
 * Arch contract:
 *   int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
 *     Validate c and load it as v's initial state (v is down and not
 *     running).  0 or -errno (-EINVAL for a bad context).
 *   bool arch_vcpu_takes_hvm_context(const struct domain *d);
 *   int arch_set_hvm_context(struct vcpu *v, const struct vcpu_hvm_context *c);
 *     d's vCPUs are HVM ones: VCPUOP_initialise passes Xen's
 *     vcpu_hvm_context instead, checked and loaded as arch_set_info_guest
 *     does (same conditions, same errnos).
 *   int arch_update_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
 *     v has a context and is not running: reload its registers from c,
 *     -EOPNOTSUPP if c names other page tables, GDT or LDT.
 *   void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c);
 *     v's context as the toolstack reads it (v is not running).
 *   int arch_vcpu_reset(struct vcpu *v);
 *     v is not running: give back what its context holds (page-table
 *     base pointers, GDT frames).
 *   void *arch_map_guest_frame(struct domain *d, unsigned long gfn);
 *   void arch_unmap_guest_frame(void *va);
 *     Map one of d's own frames, named by the guest's frame number, into
 *     the hypervisor for as long as common code keeps it (vcpu_info, the
 *     event FIFO's pages), taking a reference that keeps it from being
 *     freed or changing use, or NULL if d may not hand it over.  The
 *     unmap may free the page: never with interrupts off.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/time.h>
#include <xen/vcpu.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_vcpu.h>
#include <public/sched.h>
#include <asm/current.h>

/* Why v may not be given its first context now, or 0 (domain lock held). */
static long first_context_refused(struct vcpu *v)
{
    if ( !v->vcpu_info )
        return -EINVAL;       /* nowhere to deliver its events (vCPU 32+) */
    if ( READ_ONCE(v->domain->is_dying) )
        return -EINVAL;       /* its tables are being given back: a base
                               * pointer loaded now would never be */
    if ( v->initialised )
        return -EEXIST;
    if ( !(READ_ONCE(v->pause_flags) & VPF_down) || READ_ONCE(v->is_running) )
        return -EBUSY;        /* cannot happen: up needs a context */
    return 0;
}

/*
 * Load ctxt into v; the one implementation behind VCPUOP_initialise and
 * the toolstack's XEN_DOMCTL_setvcpucontext (by_controller).
 *
 * A vCPU gets its first context once.  The test of `initialised` and the
 * load are one step under the domain lock: two callers racing for the
 * same vCPU must not both load a context, or the second would rewrite a
 * vCPU the first may have brought up already (its GDT frames, say,
 * losing their type while the vCPU's CPU still uses them).  The guest's
 * loser gets -EEXIST.  VCPUOP_up takes the same lock, so a vCPU that is
 * up or being brought up is always initialised and never loaded again
 * by the guest.  The toolstack pauses the domain first (so v is off its
 * CPU) and may reload an initialised vCPU's registers
 * (arch_update_info_guest); its VGCF_online decides whether v is up, as
 * on Xen, so that unpausing the domain starts it.
 */
long vcpu_set_context(struct vcpu *v, const struct vcpu_guest_context *ctxt,
                      bool by_controller)
{
    struct domain *d = v->domain;
    long rc;

    spin_lock(&d->domain_lock);
    rc = first_context_refused(v);
    if ( rc == -EEXIST && by_controller )
        rc = arch_update_info_guest(v, ctxt);
    else if ( !rc && (rc = arch_set_info_guest(v, ctxt)) == 0 )
        v->initialised = true;
    if ( !rc && by_controller )
    {
        if ( ctxt->flags & VGCF_online )
            vcpu_unpause_flag(v, VPF_down);
        else
            vcpu_pause_flag(v, VPF_down);
    }
    spin_unlock(&d->domain_lock);
    return rc;
}

/* VCPUOP_initialise for an HVM vCPU: the same rules, another format. */
static long vcpu_set_hvm_context(struct vcpu *v, void *arg)
{
    struct vcpu_hvm_context ctxt;
    long rc;

    if ( copy_from_guest_ptr(&ctxt, arg, sizeof(ctxt)) )
        return -EFAULT;
    spin_lock(&v->domain->domain_lock);
    if ( !(rc = first_context_refused(v)) &&
         (rc = arch_set_hvm_context(v, &ctxt)) == 0 )
        v->initialised = true;
    spin_unlock(&v->domain->domain_lock);
    return rc;
}

/*
 * The toolstack's vCPU reset (setvcpucontext without a context): v goes
 * down and forgets its context (the arch part gives back its tables), so
 * that a new first context may be loaded, by the toolstack or by
 * VCPUOP_initialise.  As on Xen, taking the last vCPU down this way does
 * not shut the domain down.  The caller has paused the domain.
 */
long vcpu_reset_context(struct vcpu *v)
{
    struct domain *d = v->domain;
    long rc = -EINVAL;

    spin_lock(&d->domain_lock);
    if ( !READ_ONCE(d->is_dying) && (rc = arch_vcpu_reset(v)) == 0 )
    {
        vcpu_pause_flag(v, VPF_down);
        vcpu_unpause_flag(v, VPF_blocked);
        v->initialised = false;
    }
    spin_unlock(&d->domain_lock);
    return rc;
}

static long vcpu_initialise(struct vcpu *v, void *arg)
{
    struct vcpu_guest_context *ctxt;
    long rc;

    if ( arch_vcpu_takes_hvm_context(v->domain) )
        return vcpu_set_hvm_context(v, arg);
    if ( !(ctxt = xmalloc(struct vcpu_guest_context)) )
        return -ENOMEM;
    if ( copy_from_guest_ptr(ctxt, arg, sizeof(*ctxt)) )
        rc = -EFAULT;
    else
        rc = vcpu_set_context(v, ctxt, false);
    xfree(ctxt);
    return rc;
}

static long vcpu_up(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool ok;

    spin_lock(&d->domain_lock);
    ok = v->initialised && v->vcpu_info;
    if ( ok )
        vcpu_unpause_flag(v, VPF_down);
    spin_unlock(&d->domain_lock);
    return ok ? 0 : -EINVAL;
}

/* Switch v to the vcpu_info the guest names; under the domain lock. */
static long vcpu_map_info(struct vcpu *v,
                          const struct vcpu_register_vcpu_info *info)
{
    struct vcpu_info *new;
    void *page;

    if ( v->vcpu_info_page )
        return -EINVAL;                  /* one-way, once */
    /* Only its own, or one that is down: a running vCPU's events must
     * not move under it (Xen's rule and errno). */
    if ( v != current && !(READ_ONCE(v->pause_flags) & VPF_down) )
        return -EINVAL;
    if ( !(page = arch_map_guest_frame(v->domain, info->mfn)) )
        return -EINVAL;
    new = (struct vcpu_info *)((char *)page + info->offset);
    /* Carry the pending and mask state over, then switch for good. */
    if ( v->vcpu_info )
        *new = *v->vcpu_info;
    else
    {
        memset(new, 0, sizeof(*new));
        new->evtchn_upcall_mask = 1;
    }
    /* Make the guest rescan: every selector bit, and an upcall (as Xen
     * does).  With the selector bits already set, later events would not
     * raise the upcall themselves.  v is down or the caller, so it looks
     * at the new area before it runs guest code again: no kick needed. */
    new->evtchn_pending_sel = ~0UL;
    new->evtchn_upcall_pending = 1;
    v->vcpu_info_page = page;
    __atomic_store_n(&v->vcpu_info, new, __ATOMIC_RELEASE);
    arch_evtchn_upcall(v);              /* that upcall, by other means too */
    vcpu_update_time(v);
    return 0;
}

static long vcpu_register_info(struct vcpu *v, void *arg)
{
    struct vcpu_register_vcpu_info info;
    long rc;

    if ( copy_from_guest_ptr(&info, arg, sizeof(info)) )
        return -EFAULT;
    if ( info.rsvd )
        return -EINVAL;
    /* Inside the page and naturally aligned, else -ENXIO as on Xen 4.17. */
    if ( info.offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         (info.offset & (__alignof__(struct vcpu_info) - 1)) )
        return -ENXIO;
    spin_lock(&v->domain->domain_lock);
    rc = vcpu_map_info(v, &info);
    spin_unlock(&v->domain->domain_lock);
    return rc;
}

/*
 * Taking down the last vCPU that is up would leave a domain that can
 * never run again: as on Xen, the domain is powered off instead.  Under
 * the domain lock, so that two vCPUs taking themselves down at once
 * cannot each see the other still up.
 */
long vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool last = true;

    spin_lock(&d->domain_lock);
    for ( unsigned int i = 0; i < d->max_vcpus && last; i++ )
        if ( d->vcpu[i] && d->vcpu[i] != v &&
             !(READ_ONCE(d->vcpu[i]->pause_flags) & VPF_down) )
            last = false;
    if ( !last )
        vcpu_pause_flag(v, VPF_down);
    spin_unlock(&d->domain_lock);
    if ( last )
        domain_shutdown(d, SHUTDOWN_poweroff);
    return 0;
}

static long vcpu_register_runstate(struct vcpu *v, void *arg)
{
    struct vcpu_register_runstate_memory_area area;

    if ( copy_from_guest_ptr(&area, arg, sizeof(area)) )
        return -EFAULT;
    if ( area.addr.p && !guest_range_ok(area.addr.v, sizeof(struct vcpu_runstate_info)) )
        return -EINVAL;
    v->runstate_guest = area.addr.v;
    /* Publish at once if it is ourselves (the guest reads it next). */
    if ( v == current )
        vcpu_runstate_publish(v);
    return 0;
}

static long vcpu_singleshot(struct vcpu *v, void *arg)
{
    struct vcpu_set_singleshot_timer t;

    if ( copy_from_guest_ptr(&t, arg, sizeof(t)) )
        return -EFAULT;
    /* VCPU_SSHOTTMR_future is accepted and ignored, as by Xen 4.17: a
     * deadline in the past (0 and 2^63 up included) fires at once
     * (kernels relied on that). */
    set_timer(&v->singleshot_timer, guest_deadline(t.timeout_abs_ns, NOW()));
    return 0;
}

static long vcpu_periodic(struct vcpu *v, void *arg)
{
    struct vcpu_set_periodic_timer t;

    if ( copy_from_guest_ptr(&t, arg, sizeof(t)) )
        return -EFAULT;
    /* Xen's bounds: at least 1 ms, so no guest can flood a CPU, and no
     * more than STIME_DELTA_MAX, so that the time of the next tick cannot
     * wrap into the past (a timer re-armed in the past for ever would
     * hold its CPU in the timer softirq). */
    if ( t.period_ns < MILLISECS(1) || t.period_ns > STIME_DELTA_MAX )
        return -EINVAL;
    v->periodic_period = t.period_ns;
    v->periodic_last_event = NOW();
    if ( v == current )
        vcpu_periodic_timer_work(v);
    /* Otherwise it starts when the vCPU next runs. */
    return 0;
}

static long vcpu_get_runstate(struct vcpu *v, void *arg)
{
    struct vcpu_runstate_info info;

    vcpu_runstate_get(v, &info);
    return copy_to_guest_ptr(arg, &info, sizeof(info));
}

static long vcpu_op_on(unsigned long cmd, struct vcpu *v, void *arg)
{
    switch ( cmd )
    {
    case VCPUOP_initialise:
        return vcpu_initialise(v, arg);
    case VCPUOP_up:
        return vcpu_up(v);
    case VCPUOP_down:
        return vcpu_down(v);
    case VCPUOP_is_up:
        return !(READ_ONCE(v->pause_flags) & VPF_down);
    case VCPUOP_get_runstate_info:
        return vcpu_get_runstate(v, arg);
    case VCPUOP_register_runstate_memory_area:
        return vcpu_register_runstate(v, arg);
    case VCPUOP_set_periodic_timer:
        return vcpu_periodic(v, arg);
    case VCPUOP_stop_periodic_timer:
        v->periodic_period = 0;
        stop_timer(&v->periodic_timer);
        return 0;
    case VCPUOP_set_singleshot_timer:
        /* Only a vCPU's own timer, as in Xen: it is tied to its CPU. */
        return v == current ? vcpu_singleshot(v, arg) : -EINVAL;
    case VCPUOP_stop_singleshot_timer:
        if ( v != current )
            return -EINVAL;
        stop_timer(&v->singleshot_timer);
        return 0;
    case VCPUOP_register_vcpu_info:
        return vcpu_register_info(v, arg);
    }
    return -ENOSYS;
}

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg,
                unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;

    if ( vcpuid >= d->max_vcpus || !d->vcpu[vcpuid] )
        return -ENOENT;
    return vcpu_op_on(cmd, d->vcpu[vcpuid], (void *)arg);
}

/* t + delta (both >= 0), at most STIME_MAX: never wraps into the past. */
static s_time_t stime_add(s_time_t t, s_time_t delta)
{
    return t > STIME_MAX - delta ? STIME_MAX : t + delta;
}

static void singleshot_fired(void *data)
{
    send_guest_vcpu_virq(data, VIRQ_TIMER);
}

/*
 * The periodic timer ticks in the vCPU's own time, as in Xen: it is
 * stopped while the vCPU is not running (schedule()) and looked at again
 * when it runs, so a tick that fell due meanwhile is delivered then, and
 * a blocked vCPU is not woken by it.
 */
void vcpu_periodic_timer_work(struct vcpu *v)
{
    s_time_t now, next;

    if ( !v->periodic_period )
        return;
    now = NOW();
    next = stime_add(v->periodic_last_event, v->periodic_period);
    if ( now >= next )
    {
        send_guest_vcpu_virq(v, VIRQ_TIMER);
        v->periodic_last_event = now;
        next = stime_add(now, v->periodic_period);
    }
    set_timer(&v->periodic_timer, next);
}

static void periodic_fired(void *data)
{
    vcpu_periodic_timer_work(data);
}

void vcpu_timers_init(struct vcpu *v)
{
    /* PV vCPUs start with a 100 Hz tick; kernels that keep their own
     * time stop it (VCPUOP_stop_periodic_timer). */
    v->periodic_period = MILLISECS(10);
    v->periodic_last_event = NOW();
    init_timer(&v->singleshot_timer, singleshot_fired, v, v->processor);
    init_timer(&v->periodic_timer, periodic_fired, v, v->processor);
}

void vcpu_timers_kill(struct vcpu *v)
{
    kill_timer(&v->singleshot_timer);
    kill_timer(&v->periodic_timer);
}

/*
 * set_timer_op: the old single-shot interface; 0 stops the timer.  As on
 * Xen, a deadline from 2^63 up (negative as system time) or 2^50 ns
 * (about 13 days) or more ahead fires in 100 ms instead: old kernels
 * passed such values when their own time arithmetic wrapped, and firing
 * at once would make them spin.
 */
#define SET_TIMER_OP_HORIZON (1LL << 50)

long do_set_timer_op(unsigned long timeout, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;
    s_time_t now = NOW();

    if ( !timeout )
        stop_timer(&v->singleshot_timer);
    else if ( (long)timeout < 0 ||
              (s_time_t)timeout - now >= SET_TIMER_OP_HORIZON )
        set_timer(&v->singleshot_timer, now + MILLISECS(100));
    else
        set_timer(&v->singleshot_timer, guest_deadline(timeout, now));
    return 0;
}

/*
 * Domain and vCPU life cycle: creation, lookup, shutdown, crash and
 * destruction.  Policy only; the x86 parts come in through the arch_*
 * hooks documented in xen/sched.h.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/softirq.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <public/sched.h>
#include <xen/time.h>
#include <xen/vcpu.h>
#include <xen/hypercall.h>
#include <asm/processor.h>

struct domain *domain_list;
struct domain *idle_domain;
static DEFINE_SPINLOCK(domlist_lock);
static uint64_t next_unique_id;

/* A builder gives vCPU 0 its context at boot (start_of_day); the
 * toolstack's domains start with every vCPU down and without one. */
static struct vcpu *vcpu_create(struct domain *d, unsigned int id,
                                bool start_of_day)
{
    struct vcpu *v = xzalloc(struct vcpu);

    if ( !v )
        return NULL;
    v->vcpu_id = id;
    v->domain = d;
    /* Spread a domain's vCPUs; the scheduler moves them as load needs. */
    v->processor = is_idle_domain(d) ? id
                                     : (d->domain_id + id) % num_online_cpus();
    INIT_LIST_HEAD(&v->runq_elem);
    /* Only vCPU 0 starts up; the guest brings the others up itself. */
    v->pause_flags = ((id == 0 && start_of_day) || is_idle_domain(d)) ? 0
                                                                     : VPF_down;
    if ( READ_ONCE(d->controller_pause_count) )
        v->pause_flags |= VPF_paused;
    if ( d->shared_info && id < XEN_LEGACY_MAX_VCPUS )
        v->vcpu_info = &d->shared_info->vcpu_info[id];
    if ( arch_vcpu_create(v) )
    {
        xfree(v);
        return NULL;
    }
    v->initialised = id == 0 && start_of_day;
    v->runstate.state = v->pause_flags ? RUNSTATE_offline : RUNSTATE_runnable;
    v->runstate.state_entry_time = NOW();
    vcpu_timers_init(v);
    d->vcpu[id] = v;
    return v;
}

/* Stop every vCPU timer of d; none fires after this returns. */
static void vcpus_kill_timers(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_timers_kill(d->vcpu[i]);
}

static void vcpus_destroy(struct domain *d)
{
    vcpus_kill_timers(d);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            arch_vcpu_destroy(d->vcpu[i]);
            xfree(d->vcpu[i]);
        }
    xfree(d->vcpu);
}

static void domain_free(struct domain *d)
{
    grant_table_destroy(d);
    if ( d->vcpu )
        vcpus_destroy(d);
    arch_domain_destroy(d);
    if ( d->shared_info )
    {
        free_shared_xen_page(virt_to_page(d->shared_info));
    }
    xfree(d);
}


static bool domain_link(struct domain *d);

static struct domain *create(domid_t id, unsigned int max_vcpus,
                             bool privileged, bool empty, int *err)
{
    struct domain *d;
    unsigned int i;

    *err = -EINVAL;
    if ( !max_vcpus || max_vcpus > MAX_VIRT_CPUS )
        return NULL;
    *err = -EEXIST;
    if ( id != DOMID_IDLE_INTERNAL && domain_id_in_use(id) )
        return NULL;
    *err = -ENOMEM;
    if ( !(d = xzalloc(struct domain)) )
        return NULL;
    d->domain_id = id;
    d->refcnt = 1;                   /* the domain list's */
    d->unique_id = __atomic_add_fetch(&next_unique_id, 1, __ATOMIC_RELAXED);
    d->is_privileged = privileged;
    d->max_vcpus = max_vcpus;
    d->controller_pause_count = empty;
    d->shutdown_code = ~0U;          /* none yet (Xen's "invalid" code) */
    spin_lock_init(&d->page_alloc_lock);
    INIT_LIST_HEAD(&d->sched_elem);
    spin_lock_init(&d->console_lock);
    spin_lock_init(&d->domain_lock);
    spin_lock_init(&d->kill_lock);
    INIT_LIST_HEAD(&d->page_list);
    snprintf(d->name, sizeof(d->name), "d%u", id);

    if ( !is_idle_domain(d) )
    {
        if ( !(d->shared_info = alloc_xenheap_page()) )
            goto fail;
        memset(d->shared_info, 0, PAGE_SIZE);
        share_xen_page_with_guest(virt_to_page(d->shared_info), d);
    }
    if ( !(d->vcpu = xzalloc_array(struct vcpu *, max_vcpus)) )
        goto fail;
    if ( (*err = arch_domain_create(d)) != 0 )
        goto fail;
    *err = -ENOMEM;
    /* Idle vCPUs come into being with their CPUs (scheduler_cpu_init). */
    for ( i = 0; i < max_vcpus && !is_idle_domain(d) && !empty; i++ )
        if ( !vcpu_create(d, i, true) )
            goto fail;
    if ( (*err = evtchn_init(d)) != 0 )
        goto fail;
    if ( !is_idle_domain(d) &&
         (*err = grant_table_init(d, GNTTAB_DEFAULT_MAX_FRAMES)) != 0 )
        goto fail;

    if ( !is_idle_domain(d) )
    {
        sched_add_domain(d);
        if ( !domain_link(d) )
        {
            sched_remove_domain(d);
            *err = -EEXIST;
            goto fail;
        }
    }
    *err = 0;
    return d;

 fail:
    evtchn_destroy(d);
    domain_free(d);
    return NULL;
}

struct domain *domain_create(domid_t id, unsigned int max_vcpus,
                             bool privileged, int *err)
{
    return create(id, max_vcpus, privileged, false, err);
}

struct domain *domain_create_empty(domid_t id, unsigned int max_vcpus,
                                   int *err)
{
    return create(id, max_vcpus, false, true, err);
}

int domain_set_vcpus(struct domain *d, unsigned int n)
{
    if ( !n || n > d->max_vcpus )
        return -EINVAL;
    for ( unsigned int i = 0; i < n; i++ )
    {
        struct vcpu *v;

        if ( d->vcpu[i] )
            continue;
        if ( !(v = vcpu_create(d, i, false)) )
            return -ENOMEM;
        evtchn_vcpu_created(v);
        sched_add_vcpu(v);
    }
    return 0;
}

bool get_domain(struct domain *d)
{
    unsigned int n = __atomic_load_n(&d->refcnt, __ATOMIC_RELAXED);

    do {
        if ( !n )
            return false;
    } while ( !__atomic_compare_exchange_n(&d->refcnt, &n, n + 1, false,
                                           __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED) );
    return true;
}

void put_domain(struct domain *d)
{
    unsigned int n = __atomic_sub_fetch(&d->refcnt, 1, __ATOMIC_ACQ_REL);

    BUG_ON(n == ~0U);
    if ( !n )
        domain_free(d);
}

/* With domlist_lock: a listed domain has the list's reference, so
 * get_domain() cannot fail here. */
static struct domain *find_locked(domid_t id)
{
    struct domain *d;

    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id == id )
            return d;
    return NULL;
}

/* List d; false if its id was taken meanwhile (two creators racing). */
static bool domain_link(struct domain *d)
{
    bool free;

    spin_lock(&domlist_lock);
    if ( (free = !find_locked(d->domain_id)) )
    {
        d->next_in_list = domain_list;
        domain_list = d;
    }
    spin_unlock(&domlist_lock);
    return free;
}

/* A dying domain is left to the toolstack's lookup alone: nothing else
 * may start a new use of it. */
static struct domain *lookup(domid_t id, bool dying_too)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    if ( (d = find_locked(id)) != NULL && (dying_too || !d->is_dying) )
        get_domain(d);
    else
        d = NULL;
    spin_unlock(&domlist_lock);
    return d;
}

struct domain *get_domain_by_id(domid_t id)
{
    return lookup(id, false);
}

struct domain *get_domain_by_id_any(domid_t id)
{
    return lookup(id, true);
}

struct domain *get_domain_or_self(domid_t id)
{
    struct domain *cd = current->domain;

    if ( id == DOMID_SELF || id == cd->domain_id )
        return get_domain(cd) ? cd : NULL;
    return get_domain_by_id(id);
}

bool domain_id_in_use(domid_t id)
{
    bool used;

    spin_lock(&domlist_lock);
    used = find_locked(id) != NULL;
    spin_unlock(&domlist_lock);
    return used;
}

struct domain *get_domain_next_from(domid_t id)
{
    struct domain *d, *best = NULL;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id >= id && (!best || d->domain_id < best->domain_id) )
            best = d;
    if ( best )
        get_domain(best);
    spin_unlock(&domlist_lock);
    return best;
}

/* Take d off the list (it was on it). */
static void domain_unlink(struct domain *d)
{
    struct domain **pp;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            break;
        }
    spin_unlock(&domlist_lock);
}

/* A preemptible teardown looks for other work on its CPU after every
 * so many units of work (a page looked at; a page table let go counts
 * for all of them), and always makes some progress first. */
#define KILL_CHECK_EVERY 64

static bool kill_preempted(bool preemptible, unsigned long *units)
{
    if ( *units < KILL_CHECK_EVERY )
        return false;
    *units = 0;
    return preemptible && hypercall_preempt_check();
}

/*
 * One round over d's pages: each page seen once (kill_left of them; the
 * list only shrinks now), moved from the head to the tail so that a
 * preempted round goes on where it stopped.  A page someone else's put
 * takes off the list meanwhile may leave another seen twice: harmless,
 * the second look finds nothing left to do.
 */
static int teardown_pass(struct domain *d, unsigned int pass, bool preemptible)
{
    unsigned long units = 0;
    struct page_info *pg;

    while ( d->kill_left )
    {
        if ( kill_preempted(preemptible, &units) )
            return -ERESTART;
        spin_lock(&d->page_alloc_lock);
        pg = list_first_entry_or_null(&d->page_list, struct page_info, list);
        if ( pg )
            list_move_tail(&pg->list, &d->page_list);
        spin_unlock(&d->page_alloc_lock);
        if ( !pg )
            break;
        d->kill_left--;
        units += arch_teardown_page(d, pg, pass) ? KILL_CHECK_EVERY : 1;
    }
    return 0;
}

/* The arch's passes over every page (see arch_teardown_page()). */
static int teardown_tables(struct domain *d, bool preemptible)
{
    int rc = 0;

    free_batch_resume(&d->kill_freed);
    for ( ; d->kill_pass < ARCH_TEARDOWN_PASSES; d->kill_pass++ )
    {
        if ( !d->kill_left )
        {
            spin_lock(&d->page_alloc_lock);
            d->kill_left = d->tot_pages;
            spin_unlock(&d->page_alloc_lock);
        }
        if ( (rc = teardown_pass(d, d->kill_pass, preemptible)) != 0 )
            break;
        d->kill_left = 0;
    }
    free_batch_suspend(&d->kill_freed);
    return rc;
}

/*
 * Give every page back.  The caller guarantees no vCPU of d runs any
 * more and its tables hold nothing (teardown_tables()).  Each page in
 * turn loses d's remaining holds on it (a pin, the allocation
 * reference) through the ordinary puts: the put that reaches zero frees
 * it, and a page someone else still holds (another domain's grant or
 * foreign mapping) is disowned for their last put to free.  Either way it
 * leaves d's list, and since a put elsewhere may take any page off the
 * list at any moment, the walk always starts again at its head.
 */
static int relinquish_pages(struct domain *d, bool preemptible)
{
    struct page_info *pg;
    unsigned long units = 0;
    int rc = 0;

    /* One TLB flush for all the frees, at the very end. */
    free_batch_resume(&d->kill_freed);
    for ( ; ; units++ )
    {
        if ( kill_preempted(preemptible, &units) )
        {
            rc = -ERESTART;
            break;
        }
        spin_lock(&d->page_alloc_lock);
        pg = list_first_entry_or_null(&d->page_list, struct page_info, list);
        spin_unlock(&d->page_alloc_lock);
        if ( !pg )
            break;
        arch_relinquish_page(d, pg);
    }
    free_batch_suspend(&d->kill_freed);
    ASSERT(rc || !d->tot_pages);
    return rc;
}

/*
 * Let go of the registered vcpu_info pages: the mapping holds a reference
 * (and a writable type) on a page of d's, which would otherwise keep that
 * page from ever being freed.  No vCPU runs and no event is sent any
 * more, so nothing writes to them after this.
 */
static void vcpus_unmap_info(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !v->vcpu_info_page )
            continue;
        v->vcpu_info = NULL;
        arch_unmap_guest_frame(v->vcpu_info_page);
        v->vcpu_info_page = NULL;
    }
}

/* Tell the toolstack (dom0) that some domain shut down or is gone. */
static void notify_dom_exc(void)
{
    struct domain *d0 = get_domain_by_id(0);

    if ( d0 )
    {
        send_guest_global_virq(d0, VIRQ_DOM_EXC);
        put_domain(d0);
    }
}

/* Stop d for good: after this nothing of d runs, nothing new starts
 * using it, and what it held through its vCPUs and event channels is
 * let go.  Work that does not grow with the domain's memory. */
static void kill_start(struct domain *d)
{
    free_batch_init(&d->kill_freed);
    spin_lock(&domlist_lock);
    d->is_dying = true;             /* lookups but the toolstack's fail */
    spin_unlock(&domlist_lock);
    /* assign_pages() tests is_dying under this lock: once we have held
     * it, no page can join d's list behind the relinquish below. */
    spin_lock(&d->page_alloc_lock);
    spin_unlock(&d->page_alloc_lock);
    /* Likewise a toolstack's setvcpucontext (vcpu_set_context() tests
     * is_dying under the domain lock): none is half done after this, so
     * the relinquish below sees every base pointer and GDT frame. */
    spin_lock(&d->domain_lock);
    spin_unlock(&d->domain_lock);
    sched_remove_domain(d);     /* no vCPU of d runs or is queued after */
    vcpus_kill_timers(d);
    evtchn_destroy(d);          /* drops its references to guest pages */
    vcpus_unmap_info(d);        /* so do the vcpu_info mappings */
}

/* The steps of domain_kill(), in order; d->kill_step is the next one. */
enum { KILL_START, KILL_GRANTS, KILL_TABLES, KILL_PAGES, KILL_FREE,
       KILL_DONE };

/* The pages freed on the way reach the heap (flushed already), a few at
 * a time. */
static int free_pages(struct domain *d, bool preemptible)
{
    unsigned long units = 0;

    while ( !free_batch_drain(&d->kill_freed, KILL_CHECK_EVERY) )
    {
        units += KILL_CHECK_EVERY;
        if ( kill_preempted(preemptible, &units) )
            return -ERESTART;
    }
    return 0;
}

/* d is torn down: the toolstack sees it dead, then gone. */
static void kill_finish(struct domain *d)
{
    d->is_dead = true;
    domain_unlink(d);
    put_domain(d);              /* the list's reference */
    /* As on Xen, the toolstack hears once more when the domain has gone
     * from the list (getdomaininfo no longer finds it). */
    notify_dom_exc();
}

void domain_kill_start(struct domain *d)
{
    ASSERT(d != current->domain);
    if ( d->kill_step != KILL_START )
        return;
    kill_start(d);
    d->kill_step = KILL_GRANTS;
}

int domain_kill(struct domain *d, bool preemptible)
{
    int rc = 0;

    ASSERT(d != current->domain);
    switch ( d->kill_step )
    {
    case KILL_START:
        domain_kill_start(d);
        /* fall through */
    case KILL_GRANTS:
        /* Its grant mappings go while its page tables still exist: the
         * entries are cleared in place and the granters' pages let go. */
        if ( (rc = grant_table_release_mappings(d, preemptible)) != 0 )
            break;
        d->kill_step = KILL_TABLES;
        /* fall through */
    case KILL_TABLES:
        if ( (rc = teardown_tables(d, preemptible)) != 0 )
            break;
        /* Base pointers and GDTs: a few puts per vCPU, on tables that
         * hold nothing any more. */
        arch_domain_relinquish_memory(d);
        d->kill_step = KILL_PAGES;
        /* fall through */
    case KILL_PAGES:
        if ( (rc = relinquish_pages(d, preemptible)) != 0 )
            break;
        /* None of its pages left, none in use: one flush for all. */
        free_batch_flush(&d->kill_freed);
        d->kill_step = KILL_FREE;
        /* fall through */
    case KILL_FREE:
        if ( (rc = free_pages(d, preemptible)) != 0 )
            break;
        d->kill_step = KILL_DONE;
        kill_finish(d);
        break;
    case KILL_DONE:
        break;
    }
    return rc;
}

void domain_destroy(struct domain *d)
{
    /* The last step drops the list's reference, perhaps the only other
     * one: ours keeps d (and its lock) valid until we are done. */
    get_domain(d);
    spin_lock(&d->kill_lock);
    domain_kill(d, false);
    spin_unlock(&d->kill_lock);
    put_domain(d);
}

static const char *const shutdown_names[] = {
    "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
};

static void dom0_shutdown_machine(unsigned int reason)
{
    switch ( reason )
    {
    case SHUTDOWN_poweroff:
        machine_power_off();
    case SHUTDOWN_reboot:
        machine_restart();
    default:
        printk(XENLOG_ERR "Domain 0 crashed: the machine stops here.\n");
        machine_power_off();
    }
}

/*
 * Two vCPUs of d may shut it down at once: the first one in wins.  The
 * toolstack sees the shutdown (is_shut_down) only once the reason is
 * recorded and the vCPUs are stopped, and always before the VIRQ: a
 * toolstack woken by VIRQ_DOM_EXC must find the domain shut down, or it
 * would sleep again and never hear of it.
 */
void domain_shutdown(struct domain *d, unsigned int reason)
{
    unsigned int i;

    if ( __atomic_exchange_n(&d->is_shutting_down, true, __ATOMIC_ACQ_REL) )
        return;
    d->shutdown_code = reason;
    printk("Domain %u shut down: %s\n", d->domain_id,
           reason < ARRAY_SIZE(shutdown_names) ? shutdown_names[reason]
                                               : "unknown reason");
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_pause_flag(d->vcpu[i], VPF_shutdown);
    if ( d->domain_id == 0 )
        dom0_shutdown_machine(reason);
    __atomic_store_n(&d->is_shut_down, true, __ATOMIC_RELEASE);
    notify_dom_exc();
}

int domain_pause_by_controller(struct domain *d)
{
    if ( d == current->domain )
        return -EINVAL;
    if ( __atomic_fetch_add(&d->controller_pause_count, 1,
                            __ATOMIC_SEQ_CST) == 0 )
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
                vcpu_pause_flag_sync(d->vcpu[i], VPF_paused);
    return 0;
}

int domain_unpause_by_controller(struct domain *d)
{
    unsigned int n = READ_ONCE(d->controller_pause_count);

    do {
        if ( !n )
            return -EINVAL;         /* not paused by the toolstack */
    } while ( !__atomic_compare_exchange_n(&d->controller_pause_count, &n,
                                           n - 1, false, __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST) );
    if ( n == 1 )
        d->creation_finished = true;
    if ( n == 1 )
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
                vcpu_unpause_flag(d->vcpu[i], VPF_paused);
    return 0;
}

void domain_crash(struct domain *d, const char *why)
{
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
}

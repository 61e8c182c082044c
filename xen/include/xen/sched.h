/*
 * Domains and virtual CPUs: the objects that the rest of the hypervisor
 * schedules, accounts memory to and delivers events to.
 *
 * Arch contract (x86: arch/x86/domain.c):
 *   int arch_domain_create(struct domain *d);
 *     Set up the arch part (page-table templates, per-domain mappings).
 *     0 or -errno; on failure arch_domain_destroy() is still called.
 *   void arch_domain_destroy(struct domain *d);
 *     Free what arch_domain_create() and later arch code attached.
 *   int arch_vcpu_create(struct vcpu *v);
 *   void arch_vcpu_destroy(struct vcpu *v);
 *     Likewise per vCPU.
 *   void arch_context_switch(struct vcpu *prev, struct vcpu *next);
 *     Save prev's state, load next's, and continue in next: for a guest
 *     vCPU this does not return (it resumes the guest on a fresh stack);
 *     for the idle vCPU it returns into the idle loop.
 *   void arch_domain_relinquish_memory(struct domain *d);
 *     Drop the references d's vCPUs hold on its pages (page-table bases,
 *     descriptor tables), before the pages themselves go.
 *   #define ARCH_TEARDOWN_PASSES n  (asm/domain.h)
 *   bool arch_teardown_page(struct domain *d, struct page_info *pg,
 *                           unsigned int pass);
 *     d is dying and pg was on its page list a moment ago.  Before any
 *     page is given back, every page goes through passes 0..n-1 in turn
 *     (each pass sees every page before the next begins): if pg is the
 *     kind of page the pass is for, let go now of what it holds on other
 *     pages, in work that does not grow with the domain's size (x86: the
 *     entries of level-(pass+1) page tables, bottom level first, so that
 *     no release recurses through a tree).  true if it did such work
 *     (the caller looks for preemption then).
 *   void arch_relinquish_page(struct domain *d, struct page_info *pg);
 *     d is dying and pg was on its page list a moment ago: if it still is,
 *     drop d's own holds on it (its pin, the allocation reference) with
 *     ordinary puts, and take it off the list, freed by the last put or
 *     disowned (domain_disown_page) while others still hold it.  If it is
 *     no longer d's (freed meanwhile by someone else's put), nothing.
 *   void arch_cpu_guest_init(unsigned int cpu);
 *     On cpu, on its own stack, before its idle loop first runs: make the
 *     CPU able to enter and leave every kind of guest the arch supports
 *     (x86: the PV syscall stubs, and the HVM extension when present).
 *   bool arch_vcpu_event_deliverable(struct vcpu *v);
 *     v is current, in a hypercall, and has just set VPF_blocked
 *     (vcpu_block()): true if the guest could take an event or interrupt
 *     the moment it resumed, so it must not sleep.  PV: an upcall is
 *     pending.  x86 HVM (Xen's rule): an NMI it can take, or, with
 *     RFLAGS.IF set and no interrupt shadow, a callback-vector upcall or
 *     an APIC interrupt above its priority; a pending upcall with no
 *     vector to deliver it does not count.  Whoever makes something
 *     deliverable later wakes v itself (vcpu_unpause_flag(VPF_blocked)),
 *     after making it visible.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/list.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/smp.h>
#include <xen/mm.h>
#include <public/xen.h>
#include <public/vcpu.h>
#include <asm/domain.h>

#define DOMID_IDLE_INTERNAL 0x7fff   /* the idle domain's id (internal) */
#define MAX_VIRT_CPUS 128

/* vCPU pause flags: a vCPU runs only when none is set. */
#define VPF_blocked   (1UL << 0)     /* SCHEDOP_block / poll */
#define VPF_down      (1UL << 1)     /* not brought up (VCPUOP_down) */
#define VPF_paused    (1UL << 2)     /* paused by the toolstack */
#define VPF_shutdown  (1UL << 3)     /* its domain is shutting down */

/* Multicall progress, so a preempted sub-call can be resumed. */
struct mc_state {
    bool active;                     /* inside do_multicall */
    bool preempted;                  /* the sub-call asked to continue */
    struct multicall_entry call;     /* the sub-call being run */
};

/* The credit scheduler's per-vCPU state (xen/common/sched_credit.c). */
struct sched_vcpu {
    s_time_t credit;                 /* ns it may run before it is OVER */
    int prio;                        /* SCHED_PRI_*, higher runs first */
    bool parked;                     /* capped and out of credit */
    bool active;                     /* ran or wanted to since accounting */
    s_time_t start;                  /* when it last started running */
};

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    unsigned int processor;          /* physical CPU it runs on */
    unsigned long pause_flags;       /* VPF_*: runnable when zero */
    bool is_running;                 /* loaded on its CPU right now */
    struct vcpu_info *vcpu_info;     /* its slot (shared_info or registered) */
    struct list_head runq_elem;      /* scheduler queue link */
    struct sched_vcpu sched;         /* the credit scheduler's state */
    /* Physical CPUs it may run on (hard: never elsewhere) and prefers
     * (soft, recorded only); under its CPU's scheduler lock. */
    cpumask_t cpu_hard_affinity;
    cpumask_t cpu_soft_affinity;
    bool initialised;                /* has a context (under domain_lock) */
    void *vcpu_info_page;            /* registered vcpu_info page, if any */
    struct vcpu_runstate_info runstate;
    struct vcpu_runstate_info *runstate_guest; /* guest copy, if registered */
    struct timer singleshot_timer;   /* VIRQ_TIMER sources */
    struct timer periodic_timer;
    s_time_t periodic_period;        /* 0: no periodic timer */
    s_time_t periodic_last_event;    /* when it last ticked */
    struct mc_state mc_state;
    struct arch_vcpu arch;
};

struct grant_table;

/* Ranges one kind of I/O capability of a domain can hold. */
#define IO_CAPS_MAX 32

struct domain {
    domid_t domain_id;
    uint64_t unique_id;              /* never reused, unlike domain_id */
    char name[32];
    bool is_privileged;              /* dom0: may use privileged ops */
    bool is_console;                 /* may write the hypervisor console */
    spinlock_t console_lock;         /* console_line, console_len */
    char console_line[128];          /* a domU's console output so far */
    unsigned int console_len;
    unsigned int refcnt;             /* see get_domain(); 0: being freed */
    bool is_dying;                   /* being destroyed: no new uses, no
                                      * lookup but the toolstack's */
    bool is_dead;                    /* torn down (XEN_DOMINF_dying) */
    /* domain_kill()'s progress, under kill_lock (see there). */
    spinlock_t kill_lock;
    unsigned int kill_step;
    unsigned int kill_pass;          /* KILL_TABLES: arch pass under way */
    unsigned long kill_left;         /* pages of this pass not yet seen */
    struct free_batch kill_freed;    /* its pages freed so far, unflushed */
    bool is_shutting_down;           /* domain_shutdown() has begun */
    bool is_shut_down;               /* ... and finished: what the
                                      * toolstack sees (XEN_DOMINF_shutdown),
                                      * set before VIRQ_DOM_EXC is sent */
    unsigned int shutdown_code;      /* SHUTDOWN_* when shutting down */
    unsigned int controller_pause_count; /* XEN_DOMCTL_pausedomain nesting */
    bool creation_finished;          /* first unpaused by the toolstack:
                                      * its CPU policy is fixed from then */
    /* vCPU contexts: a vCPU's `initialised` is tested and its context
     * loaded (VCPUOP_initialise), or it is brought up, under this lock. */
    spinlock_t domain_lock;

    spinlock_t page_alloc_lock;      /* page_list, tot_pages */
    struct list_head page_list;      /* pages owned, through page_info.list */
    unsigned long tot_pages;
    unsigned long max_pages;

    struct shared_info *shared_info;
    struct grant_table *grant_table;
    unsigned int max_vcpus;
    struct vcpu **vcpu;

    /* Credit scheduler parameters and its list of domains. */
    unsigned int sched_weight;       /* relative share, 1..65535 */
    unsigned int sched_cap;          /* % of one CPU at most, 0: no cap */
    struct list_head sched_elem;

    /* Toolstack configuration (domctl_config.c, domctl_affinity.c,
     * domctl_perm.c), all under the domctl lock. */
    xen_domain_handle_t handle;      /* XEN_DOMCTL_setdomainhandle */
    unsigned int cdf_flags;          /* XEN_DOMCTL_CDF_* at creation */
    struct xen_arch_domainconfig arch_config;
    int64_t time_offset_seconds;     /* added to the shared wallclock */
    uint64_t node_affinity;          /* NUMA nodes, bit n: node n */
    bool node_affinity_set;          /* else: follows its vCPUs (auto) */
    struct io_caps {                 /* granted by the hardware domain */
        unsigned int nr;
        struct { uint64_t s, e; } r[IO_CAPS_MAX]; /* sorted, disjoint */
    } iomem_caps, ioport_caps;

    struct domain *next_in_list;
    struct arch_domain arch;
};

extern struct domain *domain_list;
extern struct domain *idle_domain;

#define is_idle_domain(d) ((d)->domain_id == DOMID_IDLE_INTERNAL)
#define is_idle_vcpu(v) is_idle_domain((v)->domain)
#define idle_vcpu(cpu) (idle_domain->vcpu[cpu])

/* Create a domain with max_vcpus vCPUs (all down but vCPU 0).  Returns
 * the domain or NULL, reason in *err. */
struct domain *domain_create(domid_t id, unsigned int max_vcpus,
                             bool privileged, int *err);
/* The toolstack's kind (XEN_DOMCTL_createdomain): no vCPUs yet, paused
 * by the controller.  Then domain_set_vcpus() creates vCPUs 0..n-1 that
 * do not exist yet (n <= max_vcpus, else -EINVAL), all down and without
 * a context. */
struct domain *domain_create_empty(domid_t id, unsigned int max_vcpus,
                                   int *err);
int domain_set_vcpus(struct domain *d, unsigned int n);
/*
 * Tear a domain down, in steps: mark it dying (still listed, found only
 * by the toolstack's lookup), stop its vCPUs, close its event channels,
 * release the grant mappings it holds (while its page tables exist), let
 * its page tables go bottom level first, give its pages back (those
 * others still hold are freed by their last put_page()), and finally
 * mark it dead and take it off the list.  The structure itself stays
 * until the last reference goes.
 *
 * preemptible: return -ERESTART whenever the CPU has other work
 * (hypercall_preempt_check()), to be called again until it returns 0;
 * the work done so far is kept in d.  Otherwise run to the end.  0 also
 * when d is dead already.  The caller holds d->kill_lock.  Not for the
 * caller's own domain.
 *
 * domain_kill_start() is the first step alone (nothing if done): it
 * marks d dying and stops it, in work that does not grow with its
 * memory.  The caller holds the domctl lock (or is the boot CPU) as well
 * as kill_lock or not: no other domctl is half done on d then, and every
 * later one sees it dying.  domain_kill() starts with it if need be.
 */
void domain_kill_start(struct domain *d);
int domain_kill(struct domain *d, bool preemptible);
/* domain_kill(d, false) under d->kill_lock. */
void domain_destroy(struct domain *d);

/*
 * References.  A struct domain lives while it has one: the domain list
 * holds one from creation to domain_destroy(), and every user that is
 * not one of the domain's own running vCPUs takes one for as long as it
 * holds the pointer (a hypercall naming another domain, a timer, ...).
 * The last put_domain() frees the structure (grant table, vCPUs, arch
 * state).  A reference keeps the memory valid, not the domain alive:
 * users still check is_dying where it matters.
 *
 * The caller's own domain (current->domain) needs no reference while
 * its vCPU runs: domain_destroy() waits until no vCPU of it is on a CPU.
 */
bool get_domain(struct domain *d);          /* false if already freed */
void put_domain(struct domain *d);
/* The live (listed, not dying) domain with this id, with a reference,
 * or NULL. */
struct domain *get_domain_by_id(domid_t id);
/* The listed domain with this id, dying or not (the toolstack's view:
 * domctl), with a reference, or NULL. */
struct domain *get_domain_by_id_any(domid_t id);
/* Like get_domain_by_id(), DOMID_SELF naming the caller's domain. */
struct domain *get_domain_or_self(domid_t id);
/* The listed domain (dying or not) with the smallest id >= id, with a
 * reference, or NULL. */
struct domain *get_domain_next_from(domid_t id);
/* Whether a domain with this id is listed (a snapshot). */
bool domain_id_in_use(domid_t id);
/* The toolstack's pause, nested; not of the caller's own domain
 * (-EINVAL).  Unpausing a domain it has not paused is -EINVAL. */
int domain_pause_by_controller(struct domain *d);
int domain_unpause_by_controller(struct domain *d);
/* Record the reason and stop all its vCPUs; dom0's shutdown ends the
 * machine (power off, reboot, or crash report). */
void domain_shutdown(struct domain *d, unsigned int reason);
/* A guest misbehaved beyond repair: report and shut it down as crashed. */
void domain_crash(struct domain *d, const char *why);

/* Pause/unpause a vCPU for a reason flag (VPF_*). */
void vcpu_pause_flag(struct vcpu *v, unsigned long flag);
void vcpu_unpause_flag(struct vcpu *v, unsigned long flag);
/* Make a blocked vCPU runnable (an event arrived). */
void vcpu_wake(struct vcpu *v);
/* Block the current vCPU until an event (SCHEDOP_block semantics). */
void vcpu_block(void);
/* Like vcpu_pause_flag(), and wait until v's state is saved off its CPU.
 * Not for the caller's own vCPU. */
void vcpu_pause_flag_sync(struct vcpu *v, unsigned long flag);
/* Called by arch_context_switch() once prev's registers are saved: from
 * then on prev may run on another CPU. */
void sched_context_saved(struct vcpu *prev);

/* Scheduler membership of a domain: added by domain_create(); removed by
 * domain_destroy() after it has paused every vCPU synchronously. */
void sched_add_domain(struct domain *d);
void sched_remove_domain(struct domain *d);
/* A vCPU created after its domain joined (domain_set_vcpus()). */
void sched_add_vcpu(struct vcpu *v);
/* Credit parameters.  weight 0 and cap SCHED_CAP_KEEP leave a value as
 * it is; weight must be <= 65535, cap (percent) <= 100 * vCPUs.
 * 0 or -EINVAL. */
#define SCHED_CAP_KEEP (~0U)
#define SCHED_DEFAULT_WEIGHT 256
int sched_set_params(struct domain *d, unsigned int weight, unsigned int cap);
/* The round-robin time slice every CPU gives a vCPU at most before the
 * next of its priority (ms; the caller keeps it within 1..1000). */
unsigned int sched_tslice_ms(void);
void sched_set_tslice_ms(unsigned int ms);

/* Hard and soft affinity of v (XEN_DOMCTL_setvcpuaffinity): -EINVAL if
 * hard has no online CPU, else 0; from then on v runs only on CPUs of
 * hard (it leaves a CPU outside it at that CPU's next scheduling point). */
int sched_set_affinity(struct vcpu *v, const cpumask_t *hard,
                       const cpumask_t *soft);

/* The scheduler: pick and switch (SCHEDULE_SOFTIRQ handler). */
void scheduler_init(void);
/* Per-CPU part, on each secondary CPU as it starts. */
void scheduler_cpu_init(unsigned int cpu);
void schedule(void);
/* Start running guest vCPUs on this CPU (after boot). */
void __noreturn scheduler_start(void);

int arch_domain_create(struct domain *d);
void arch_domain_destroy(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);
void arch_context_switch(struct vcpu *prev, struct vcpu *next);
void arch_domain_relinquish_memory(struct domain *d);
struct page_info;
bool arch_teardown_page(struct domain *d, struct page_info *pg,
                        unsigned int pass);
void arch_relinquish_page(struct domain *d, struct page_info *pg);
void arch_cpu_guest_init(unsigned int cpu);
bool arch_vcpu_event_deliverable(struct vcpu *v);

/* The hypervisor-side "current domain". */
#define current_domain (current->domain)

#endif /* XEN_SCHED_H */

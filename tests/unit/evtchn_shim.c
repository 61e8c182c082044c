/*
 * Host shim for the event-channel unit tests (see evtchn_shim.h).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <xen/time.h>
#include <asm/pv/mm.h>
#include "shim/shim.h"
#include "evtchn_shim.h"
#include <xen/vcpu.h>

#include <stdlib.h>

__thread struct vcpu *shim_current_vcpu;
__thread unsigned int shim_cpu;

bool shim_preempt;
unsigned int shim_continuations;

void shim_run_as(struct vcpu *v, unsigned int cpu)
{
    shim_current_vcpu = v;
    shim_cpu = cpu;
}

/* ------------------------------------------------------------------
 * xmalloc
 */

static long live_objects;

long shim_live_objects(void)
{
    return __atomic_load_n(&live_objects, __ATOMIC_SEQ_CST);
}

void *xmalloc_aligned(size_t size, size_t align)
{
    void *p;

    if ( align < sizeof(void *) )
        align = sizeof(void *);
    if ( posix_memalign(&p, align, size ? size : 1) )
        return NULL;
    __atomic_fetch_add(&live_objects, 1, __ATOMIC_SEQ_CST);
    return p;
}

void *xzalloc_aligned(size_t size, size_t align)
{
    void *p = xmalloc_aligned(size, align);

    if ( p )
        memset(p, 0, size);
    return p;
}

void *xmalloc_bytes(size_t size)
{
    return xmalloc_aligned(size, 16);
}

void *xzalloc_bytes(size_t size)
{
    return xzalloc_aligned(size, 16);
}

void xfree(void *p)
{
    if ( !p )
        return;
    __atomic_fetch_sub(&live_objects, 1, __ATOMIC_SEQ_CST);
    free(p);
}

/* ------------------------------------------------------------------
 * Scheduler, softirqs, timers
 */

#define MAX_TRACKED 64

static struct { const struct vcpu *v; unsigned int n; } wakes[MAX_TRACKED];
static unsigned int kicks[64];
static __thread unsigned int local_schedules;
static DEFINE_SPINLOCK(track_lock);

void vcpu_unpause_flag(struct vcpu *v, unsigned long flag)
{
    unsigned long old = __atomic_fetch_and(&v->pause_flags, ~flag,
                                           __ATOMIC_SEQ_CST);
    unsigned int i;

    if ( !(old & flag) )
        return;
    spin_lock(&track_lock);
    for ( i = 0; i < MAX_TRACKED && wakes[i].v && wakes[i].v != v; i++ )
        ;
    if ( i < MAX_TRACKED )
    {
        wakes[i].v = v;
        wakes[i].n++;
    }
    spin_unlock(&track_lock);
}

unsigned int shim_wakes(const struct vcpu *v)
{
    unsigned int n = 0;

    spin_lock(&track_lock);
    for ( unsigned int i = 0; i < MAX_TRACKED && wakes[i].v; i++ )
        if ( wakes[i].v == v )
            n = wakes[i].n;
    spin_unlock(&track_lock);
    return n;
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    if ( nr == SCHEDULE_SOFTIRQ && cpu < ARRAY_SIZE(kicks) )
        __atomic_fetch_add(&kicks[cpu], 1, __ATOMIC_SEQ_CST);
}

unsigned int shim_kicks(unsigned int cpu)
{
    return __atomic_load_n(&kicks[cpu], __ATOMIC_SEQ_CST);
}

void raise_softirq(unsigned int nr)
{
    if ( nr == SCHEDULE_SOFTIRQ )
        local_schedules++;
}

unsigned int shim_local_schedules(void)
{
    return local_schedules;
}

void init_timer(struct timer *t, void (*fn)(void *), void *data,
                unsigned int cpu)
{
    memset(t, 0, sizeof(*t));
    t->function = fn;
    t->data = data;
    t->cpu = cpu;
}

struct timer *shim_last_timer;

/* System time: a fixed moment well after boot (poll timeouts in the past
 * are clamped to it). */
s_time_t NOW(void)
{
    return SECONDS(10);
}

void set_timer(struct timer *t, s_time_t expires)
{
    shim_last_timer = t;
    BUG_ON(t->killed);
    t->expires = expires;
    t->heap_index = 1;
}

void stop_timer(struct timer *t)
{
    t->heap_index = 0;
}

void kill_timer(struct timer *t)
{
    t->heap_index = 0;
    t->killed = true;
}

bool timer_is_active(const struct timer *t)
{
    return t->heap_index != 0;
}

bool shim_fire_timer(struct timer *t)
{
    if ( !t->heap_index )
        return false;
    t->heap_index = 0;
    t->function(t->data);
    return true;
}

bool hypercall_preempt_check(void)
{
    return shim_preempt;
}

long hypercall_create_continuation(unsigned int op, unsigned int nr_args, ...)
{
    shim_continuations++;
    return op;
}

/* ------------------------------------------------------------------
 * Guest copies: guest pointers are host pointers; the first 4 KiB
 * stand for unmapped guest memory.
 */

bool guest_range_ok(const void *p, unsigned long n)
{
    return (unsigned long)p >= 4096;
}

unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n)
{
    memcpy(to, from, n);
    return 0;
}

unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n)
{
    memcpy(to, from, n);
    return 0;
}

/* ------------------------------------------------------------------
 * PV page references on the shim frame table
 */

/* Interrupt-disabling locks this thread holds (see spin_lock_irqsave_):
 * the counts are atomic and need no page-table lock, but a put may free
 * the page and flush every TLB, which must never happen under one. */
static __thread unsigned int irqsave_depth;

int get_page_and_type(struct page_info *pg, struct domain *d,
                      unsigned long type)
{
    unsigned long t = pg->u.inuse.type_info;

    ASSERT(!irqsave_depth);
    if ( pg->owner != d || !(pg->count_info & PGC_allocated) )
        return -EINVAL;
    if ( (t & PGT_count_mask) && (t & PGT_type_mask) != type )
        return -EINVAL;
    pg->count_info++;
    pg->u.inuse.type_info = type | ((t & PGT_count_mask) + 1);
    return 0;
}

void put_page_and_type(struct page_info *pg)
{
    ASSERT(!irqsave_depth);
    BUG_ON(!(pg->u.inuse.type_info & PGT_count_mask));
    BUG_ON((pg->count_info & PGC_count_mask) < 2);
    pg->u.inuse.type_info--;
    pg->count_info--;
}

/* The event FIFO's guest pages (arch_map_guest_frame(), contract in
 * common/vcpu_op.c), as for a PV guest: frame numbers are MFNs, held with
 * a writable type reference while mapped. */
void *arch_map_guest_frame(struct domain *d, unsigned long gfn)
{
    if ( !mfn_valid(_mfn(gfn)) ||
         get_page_and_type(mfn_to_page(_mfn(gfn)), d, PGT_writable_page) )
        return NULL;
    return mfn_to_virt(_mfn(gfn));
}

void arch_unmap_guest_frame(void *va)
{
    put_page_and_type(virt_to_page(va));
}

void shim_give_frame(struct domain *d, unsigned long mfn)
{
    struct page_info *pg = mfn_to_page(_mfn(mfn));

    pg->owner = d;
    pg->count_info = PGC_allocated | 1;
    pg->u.inuse.type_info = 0;
    memset(mfn_to_virt(_mfn(mfn)), 0, PAGE_SIZE);
}

unsigned long shim_frame_refs(unsigned long mfn)
{
    return (mfn_to_page(_mfn(mfn))->count_info & PGC_count_mask) - 1;
}

/* ------------------------------------------------------------------
 * Interrupt-disabling lock variants: nothing to disable on the host.
 * Weak, in case the common shim grows its own.
 */

__attribute__((weak)) unsigned long spin_lock_irqsave_(spinlock_t *l)
{
    spin_lock(l);
    irqsave_depth++;
    return 0;
}

__attribute__((weak)) void spin_unlock_irqrestore(spinlock_t *l,
                                                  unsigned long flags)
{
    irqsave_depth--;
    spin_unlock(l);
}

/* ------------------------------------------------------------------
 * PIRQs: a small model of the architecture's table (which PIRQs each
 * domain was lent, and the port each is bound to)
 */

#define SHIM_PIRQS 16

static struct {
    struct domain *owner;
    unsigned int port;
} shim_pirq[SHIM_PIRQS];

void shim_lend_pirq(struct domain *d, uint32_t pirq)
{
    BUG_ON(pirq >= SHIM_PIRQS);
    shim_pirq[pirq].owner = d;
    shim_pirq[pirq].port = 0;
}

unsigned int shim_pirq_port(uint32_t pirq)
{
    return pirq < SHIM_PIRQS ? shim_pirq[pirq].port : 0;
}

int arch_pirq_bind(struct domain *d, uint32_t pirq, unsigned int port)
{
    if ( pirq >= SHIM_PIRQS || shim_pirq[pirq].owner != d )
        return -EPERM;
    if ( shim_pirq[pirq].port )
        return -EEXIST;
    shim_pirq[pirq].port = port;
    return 0;
}

void arch_pirq_unbind(struct domain *d, uint32_t pirq)
{
    BUG_ON(pirq >= SHIM_PIRQS || shim_pirq[pirq].owner != d);
    BUG_ON(!shim_pirq[pirq].port);
    shim_pirq[pirq].port = 0;
}

/* The shim's vCPUs are PV-like: upcalls are the pending flag alone. */
void arch_evtchn_upcall(struct vcpu *v)
{
    (void)v;
}

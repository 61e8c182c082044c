/*
 * Timer events.  Each CPU owns a binary min-heap of its active timers,
 * keyed by expiry, under a per-CPU lock.  The hardware one-shot timer is
 * always programmed for the heap's top; its interrupt raises TIMER_SOFTIRQ,
 * and the softirq runs every expired timer with the lock dropped.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include <xen/spinlock.h>
#include <xen/softirq.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/processor.h>

#define HEAP_INITIAL 64

struct timer_queue {
    spinlock_t lock;
    struct timer **heap;      /* heap[1..size]; index 0 unused */
    unsigned int size;
    unsigned int capacity;    /* slots in heap[], index 0 included */
    struct timer *running;    /* whose function runs right now */
};

static struct timer_queue queues[NR_CPUS];

static void heap_swap(struct timer **h, unsigned int a, unsigned int b)
{
    struct timer *t = h[a];

    h[a] = h[b];
    h[b] = t;
    h[a]->heap_index = a;
    h[b]->heap_index = b;
}

static void sift_up(struct timer **h, unsigned int i)
{
    for ( ; i > 1 && h[i / 2]->expires > h[i]->expires; i /= 2 )
        heap_swap(h, i, i / 2);
}

static void sift_down(struct timer **h, unsigned int size, unsigned int i)
{
    for ( ; ; )
    {
        unsigned int l = 2 * i, m = i;

        if ( l <= size && h[l]->expires < h[m]->expires )
            m = l;
        if ( l + 1 <= size && h[l + 1]->expires < h[m]->expires )
            m = l + 1;
        if ( m == i )
            return;
        heap_swap(h, i, m);
        i = m;
    }
}

static void heap_remove(struct timer_queue *q, struct timer *t)
{
    unsigned int i = t->heap_index;

    heap_swap(q->heap, i, q->size);
    q->size--;
    t->heap_index = 0;
    if ( i <= q->size )
    {
        sift_up(q->heap, i);
        sift_down(q->heap, q->size, i);
    }
}

/* Double the heap when full: every vCPU brings timers, so no fixed size
 * fits all machines.  Never called from hard-interrupt context. */
static void heap_grow(struct timer_queue *q)
{
    struct timer **bigger = xmalloc_array(struct timer *, q->capacity * 2);

    BUG_ON(!bigger);
    memcpy(bigger, q->heap, q->capacity * sizeof(*bigger));
    xfree(q->heap);
    q->heap = bigger;
    q->capacity *= 2;
}

static void heap_insert(struct timer_queue *q, struct timer *t)
{
    if ( q->size + 1 >= q->capacity )
        heap_grow(q);
    q->heap[++q->size] = t;
    t->heap_index = q->size;
    sift_up(q->heap, q->size);
}

/* Lock the queue that t lives on. */
/* Lock the queue t is on; t may move (migrate_timer()) until we hold it. */
static struct timer_queue *lock_timer(struct timer *t, unsigned long *flags)
{
    for ( ; ; )
    {
        unsigned int cpu = READ_ONCE(t->cpu);
        struct timer_queue *q = &queues[cpu];

        spin_lock_irqsave(&q->lock, *flags);
        if ( likely(t->cpu == cpu) )
            return q;
        spin_unlock_irqrestore(&q->lock, *flags);
    }
}

/* What the hardware timer is set to for q: its earliest expiry, or 0
 * (off) when q is empty.  An expiry at or before 0 is long past: it is
 * programmed as 1, since 0 would switch the timer off and strand every
 * timer of this CPU. */
static s_time_t next_deadline(const struct timer_queue *q)
{
    return q->size ? max(q->heap[1]->expires, (s_time_t)1) : 0;
}

static void reprogram(struct timer_queue *q, unsigned int cpu)
{
    if ( cpu != smp_processor_id() )
        cpu_raise_softirq(cpu, TIMER_SOFTIRQ);   /* it reprograms itself */
    else
        arch_timer_program(next_deadline(q));
}

void init_timer(struct timer *t, void (*fn)(void *), void *data,
                unsigned int cpu)
{
    memset(t, 0, sizeof(*t));
    t->function = fn;
    t->data = data;
    t->cpu = cpu;
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);
    bool was_first;

    if ( t->killed )
        goto out;
    if ( t->heap_index )
        heap_remove(q, t);
    t->expires = expires;
    heap_insert(q, t);
    was_first = q->heap[1] == t;
    if ( was_first )
        reprogram(q, t->cpu);
 out:
    spin_unlock_irqrestore(&q->lock, flags);
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
    for ( ; ; )
    {
        unsigned int old = READ_ONCE(t->cpu);
        struct timer_queue *a, *b;
        unsigned long flags;
        bool queued;

        if ( old == cpu )
            return;
        /* Both queues, in CPU order, so two migrations cannot deadlock. */
        a = &queues[min(old, cpu)];
        b = &queues[max(old, cpu)];
        spin_lock_irqsave(&a->lock, flags);
        spin_lock(&b->lock);
        if ( t->cpu != old )
        {
            spin_unlock(&b->lock);
            spin_unlock_irqrestore(&a->lock, flags);
            continue;                     /* moved meanwhile: again */
        }
        queued = t->heap_index;
        if ( queued )
            heap_remove(&queues[old], t);
        t->cpu = cpu;
        if ( queued )
        {
            heap_insert(&queues[cpu], t);
            if ( queues[cpu].heap[1] == t )
                reprogram(&queues[cpu], cpu);
        }
        spin_unlock(&b->lock);
        spin_unlock_irqrestore(&a->lock, flags);
        return;
    }
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);

    if ( t->heap_index )
        heap_remove(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

void kill_timer(struct timer *t)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);

    t->killed = true;
    if ( t->heap_index )
        heap_remove(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
    /* Wait until its function runs nowhere (it may have run on the CPU it
     * was on before a migration). */
    for ( unsigned int cpu = 0; cpu < NR_CPUS; cpu++ )
        while ( READ_ONCE(queues[cpu].running) == t )
            cpu_relax();
}

bool timer_is_active(const struct timer *t)
{
    return t->heap_index != 0;
}

/* TIMER_SOFTIRQ: run what has expired, then program the next expiry. */
static void timer_softirq(void)
{
    unsigned int cpu = smp_processor_id();
    struct timer_queue *q = &queues[cpu];
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    while ( q->size && q->heap[1]->expires <= NOW() )
    {
        struct timer *t = q->heap[1];

        heap_remove(q, t);
        q->running = t;
        spin_unlock_irqrestore(&q->lock, flags);
        t->function(t->data);
        spin_lock_irqsave(&q->lock, flags);
        q->running = NULL;
    }
    arch_timer_program(next_deadline(q));
    spin_unlock_irqrestore(&q->lock, flags);
}

void timer_interrupt(void)
{
    raise_softirq(TIMER_SOFTIRQ);
}

void timer_cpu_init(unsigned int cpu)
{
    struct timer_queue *q = &queues[cpu];

    spin_lock_init(&q->lock);
    if ( !q->heap )
    {
        q->heap = xzalloc_array(struct timer *, HEAP_INITIAL);
        q->capacity = HEAP_INITIAL;
    }
    BUG_ON(!q->heap);
}

void timers_init(void)
{
    open_softirq(TIMER_SOFTIRQ, timer_softirq);
    timer_cpu_init(0);
}

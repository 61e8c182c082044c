/*
 * Timer events: run a function on a given CPU at a given system time.
 * Each CPU keeps its pending timers in a heap ordered by expiry and
 * programs its one-shot hardware timer for the earliest; expired timers
 * run from TIMER_SOFTIRQ with interrupts enabled.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>

struct timer {
    s_time_t expires;
    void (*function)(void *data);
    void *data;
    unsigned int cpu;         /* CPU whose queue holds it */
    unsigned int heap_index;  /* position in that heap; 0: not queued */
    bool killed;
};

void init_timer(struct timer *t, void (*fn)(void *), void *data,
                unsigned int cpu);
/* (Re)arm t to fire at expires; a past time fires as soon as possible. */
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
/* Move t (armed or not) to cpu's queue: timers follow their vCPU, so they
 * fire where it runs. */
void migrate_timer(struct timer *t, unsigned int cpu);
/* Stop t for good; after kill_timer returns, fn is not running anywhere. */
void kill_timer(struct timer *t);
bool timer_is_active(const struct timer *t);

/* Per-CPU setup, on each CPU before its timers are used. */
void timer_cpu_init(unsigned int cpu);
void timers_init(void);

#endif /* XEN_TIMER_H */

/*
 * Softirqs: deferred work flagged from interrupt context and run later on
 * the same CPU with interrupts enabled — from the idle loop and before
 * returning to a guest.
 */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

#include <xen/types.h>

enum {
    TIMER_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler_t)(void);

void open_softirq(unsigned int nr, softirq_handler_t fn);
void raise_softirq(unsigned int nr);                    /* this CPU */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr); /* any CPU; kicks it */
bool softirq_pending(unsigned int cpu);
void do_softirq(void);

/*
 * Arch hook: make cpu notice newly raised softirqs (an IPI that wakes it
 * from halt).  Never called for the current CPU.
 */
void arch_kick_cpu(unsigned int cpu);

#endif /* XEN_SOFTIRQ_H */

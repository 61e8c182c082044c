/*
 * Ticket spinlocks: fair (FIFO) between CPUs, so that no CPU can starve
 * another under contention.  The irqsave variants also disable interrupts,
 * for locks that interrupt handlers take.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

typedef struct spinlock {
    union {
        uint32_t head_tail;
        struct {
            uint16_t head;   /* ticket being served */
            uint16_t tail;   /* next ticket to hand out */
        };
    };
    int16_t owner_cpu;       /* for debugging recursion and dumps */
    uint16_t recurse_cnt;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { { 0 }, -1, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    *l = (spinlock_t)SPIN_LOCK_UNLOCKED;
}

void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
bool spin_is_locked(const spinlock_t *l);
unsigned long spin_lock_irqsave_(spinlock_t *l);
void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags);
void spin_lock_irq(spinlock_t *l);
void spin_unlock_irq(spinlock_t *l);
/* Recursive locks may be re-taken by the CPU that holds them. */
void spin_lock_recursive(spinlock_t *l);
void spin_unlock_recursive(spinlock_t *l);

#define spin_lock_irqsave(l, f) ((f) = spin_lock_irqsave_(l))

#endif /* XEN_SPINLOCK_H */

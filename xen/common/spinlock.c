/*
 * Ticket spinlocks.  A CPU takes a ticket by atomically incrementing the
 * tail and waits until the head reaches it; unlocking advances the head.
 * This serves waiters in arrival order, so no CPU starves.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/processor.h>
#include <asm/current.h>

void spin_lock(spinlock_t *l)
{
    uint16_t ticket = __atomic_fetch_add(&l->tail, 1, __ATOMIC_ACQUIRE);

    while ( __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != ticket )
        cpu_relax();
    l->owner_cpu = smp_processor_id();
}

void spin_unlock(spinlock_t *l)
{
    ASSERT(l->owner_cpu == (int16_t)smp_processor_id());
    l->owner_cpu = -1;
    __atomic_store_n(&l->head, l->head + 1, __ATOMIC_RELEASE);
}

bool spin_trylock(spinlock_t *l)
{
    uint32_t old = __atomic_load_n(&l->head_tail, __ATOMIC_RELAXED);
    uint32_t want;
    uint16_t head = old & 0xffff, tail = old >> 16;

    if ( head != tail )
        return false;
    want = (uint32_t)head | ((uint32_t)(uint16_t)(tail + 1) << 16);
    if ( !__atomic_compare_exchange_n(&l->head_tail, &old, want, false,
                                      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
        return false;
    l->owner_cpu = smp_processor_id();
    return true;
}

bool spin_is_locked(const spinlock_t *l)
{
    uint32_t v = __atomic_load_n(&l->head_tail, __ATOMIC_RELAXED);

    return (v & 0xffff) != (v >> 16);
}

unsigned long spin_lock_irqsave_(spinlock_t *l)
{
    unsigned long flags = local_irq_save();

    spin_lock(l);
    return flags;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
    spin_unlock(l);
    local_irq_restore(flags);
}

void spin_lock_irq(spinlock_t *l)
{
    local_irq_disable();
    spin_lock(l);
}

void spin_unlock_irq(spinlock_t *l)
{
    spin_unlock(l);
    local_irq_enable();
}

void spin_lock_recursive(spinlock_t *l)
{
    if ( l->owner_cpu == (int16_t)smp_processor_id() && spin_is_locked(l) )
    {
        l->recurse_cnt++;
        return;
    }
    spin_lock(l);
}

void spin_unlock_recursive(spinlock_t *l)
{
    if ( l->recurse_cnt )
    {
        l->recurse_cnt--;
        return;
    }
    spin_unlock(l);
}

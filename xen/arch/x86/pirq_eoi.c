/*
 * The PIRQ "needs EOI" page (PHYSDEVOP_pirq_eoi_gmfn_v1 and _v2).
 *
 * A guest may give the hypervisor one of its pages as a bitmap indexed
 * by PIRQ: the bit of a PIRQ is set when binding it makes an EOI
 * necessary (a level GSI, held masked until PHYSDEVOP_eoi; an MSI the
 * device cannot mask) and cleared when it does not (an edge GSI, a
 * maskable MSI).  Linux then reads the bit instead of EOI-ing every
 * interrupt.  As in Xen 4.17 the bit is written at bind time only: an
 * unbind leaves it, and bindings made before the page was given are not
 * written into it.  v1 also makes each PHYSDEVOP_eoi unmask the PIRQ's
 * port; v2 leaves EOI as it was.
 *
 * As Xen: any domain may register (a domU without PIRQs gets a page no
 * bit is ever set in); a frame that is not the caller's, or cannot be
 * typed writable (a page table, a descriptor page), is -EINVAL; a second
 * registration, of either version, is -EBUSY and the first page stays.
 * The page is held (general and writable type reference, so it never
 * becomes a page table while the hypervisor writes it) until the domain
 * relinquishes its memory.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/vcpu.h>
#include <asm/pirq.h>

#define LONG_BITS (8 * sizeof(unsigned long))

int pirq_eoi_map_register(struct domain *d, unsigned long gfn, bool v1)
{
    unsigned long *map = arch_map_guest_frame(d, gfn);
    unsigned long flags;
    bool taken;

    if ( !map )
        return -EINVAL;
    spin_lock_irqsave(&pirq_lock, flags);
    taken = d->arch.pirq_eoi_map != NULL;
    if ( !taken )
    {
        d->arch.pirq_eoi_map = map;
        if ( v1 )
            d->arch.pirq_auto_unmask = true;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( taken )
    {
        arch_unmap_guest_frame(map);
        return -EBUSY;
    }
    return 0;
}

void pirq_eoi_map_release(struct domain *d)
{
    unsigned long flags, *map;

    spin_lock_irqsave(&pirq_lock, flags);
    map = d->arch.pirq_eoi_map;
    d->arch.pirq_eoi_map = NULL;
    d->arch.pirq_auto_unmask = false;
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( map )
        arch_unmap_guest_frame(map);
}

/* With pirq_lock: record whether pirq, just bound, needs an EOI. */
void pirq_eoi_mark(struct domain *d, unsigned int pirq, bool needs_eoi)
{
    unsigned long *map = d->arch.pirq_eoi_map;
    unsigned long bit = 1UL << (pirq % LONG_BITS);

    if ( !map || pirq >= NR_PIRQS )
        return;
    /* The guest shares the word: change only our bit, atomically. */
    if ( needs_eoi )
        __atomic_fetch_or(&map[pirq / LONG_BITS], bit, __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&map[pirq / LONG_BITS], ~bit, __ATOMIC_SEQ_CST);
}

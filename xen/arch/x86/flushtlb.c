/*
 * TLB shootdown across CPUs: flush locally, ask every other online CPU to
 * flush with an IPI, and wait until all of them have.  Used when a frame
 * changes owner or type, where a stale translation on any CPU would let a
 * guest keep access it no longer has.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>

static cpumask_t flush_pending;
static DEFINE_SPINLOCK(flush_lock);

/* Do this CPU's flush if one was asked of it. */
static void flush_if_asked(unsigned int cpu)
{
    if ( cpumask_test_cpu(cpu, &flush_pending) )
    {
        flush_tlb_all_local();
        cpumask_clear_cpu(cpu, &flush_pending);
    }
}

static void flush_ipi(struct cpu_user_regs *regs)
{
    flush_if_asked(smp_processor_id());
}

void flush_tlb_init(void)
{
    set_vector_handler(INVALIDATE_TLB_VECTOR, flush_ipi);
}

/*
 * Callers may hold mm locks (asm/pv/mm.h): nobody spins for those with
 * interrupts off, so every other CPU takes the IPI.  A flusher itself may
 * have interrupts off (the boot CPU; or another flusher): while it waits,
 * for flush_lock or for the answers, it does whatever flush is asked of
 * it, so two flushers never wait for each other.
 */
void flush_tlb_all_cpus(void)
{
    unsigned int cpu, self = smp_processor_id();
    bool others = false;

    while ( !spin_trylock(&flush_lock) )
    {
        flush_if_asked(self);
        cpu_relax();
    }
    for_each_online_cpu ( cpu )
        if ( cpu != self )
        {
            cpumask_set_cpu(cpu, &flush_pending);
            send_ipi(cpu, INVALIDATE_TLB_VECTOR);
            others = true;
        }
    flush_tlb_all_local();
    /* Each CPU clears its bit from the IPI handler (or its own wait).  A
     * CPU that never answers would leave stale translations behind: that
     * is fatal. */
    for ( unsigned long spins = 0; others && cpumask_weight(&flush_pending);
          spins++ )
    {
        if ( spins == 100000000UL )
            panic("TLB shootdown: a CPU did not answer the flush IPI");
        cpu_relax();
    }
    spin_unlock(&flush_lock);
}

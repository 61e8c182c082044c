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

static void flush_ipi(struct cpu_user_regs *regs)
{
    flush_tlb_all_local();
    cpumask_clear_cpu(smp_processor_id(), &flush_pending);
}

void flush_tlb_init(void)
{
    set_vector_handler(INVALIDATE_TLB_VECTOR, flush_ipi);
}

void flush_tlb_all_cpus(void)
{
    unsigned int cpu, self = smp_processor_id();
    bool others = false;

    spin_lock(&flush_lock);
    for_each_online_cpu ( cpu )
        if ( cpu != self )
        {
            cpumask_set_cpu(cpu, &flush_pending);
            send_ipi(cpu, INVALIDATE_TLB_VECTOR);
            others = true;
        }
    flush_tlb_all_local();
    /* Each CPU clears its bit from the IPI handler.  A CPU that never
     * answers would leave stale translations behind: that is fatal. */
    for ( unsigned long spins = 0; others && cpumask_weight(&flush_pending);
          spins++ )
    {
        if ( spins == 100000000UL )
            panic("TLB shootdown: a CPU did not answer the flush IPI");
        cpu_relax();
    }
    spin_unlock(&flush_lock);
}

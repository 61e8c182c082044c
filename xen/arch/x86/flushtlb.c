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

/*
 * Shootdowns started and finished, counted under flush_lock (so they
 * finish in the order they start).  A stamp s = started + 1 read after an
 * entry changed is covered once finished >= s: that shootdown began after
 * the change, so every CPU it interrupted (all that may hold guest
 * translations) dropped whatever it had cached before.
 */
static unsigned long flushes_started, flushes_finished;

unsigned long tlb_stamp(void)
{
    /* The entry change that made the translation stale comes first. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return __atomic_load_n(&flushes_started, __ATOMIC_SEQ_CST) + 1;
}

bool tlb_stamp_flushed(unsigned long stamp)
{
    return __atomic_load_n(&flushes_finished, __ATOMIC_ACQUIRE) >= stamp;
}

/*
 * CPUs that switched to the idle page tables and have not left them
 * since: they hold no translation of any guest's page tables (the CR3
 * switch dropped them, and guest entries are never global), so a flush
 * for guest mappings need not interrupt them.  This matters when the
 * idle CPUs are busy (scrubbing free memory): answering a flush IPI is
 * then no longer free, and a guest building its page tables asks for
 * thousands.
 */
static cpumask_t guest_tlb_clean;

void flush_note_idle_tables(void)
{
    cpumask_set_cpu(smp_processor_id(), &guest_tlb_clean);
}

void flush_note_guest_tables(void)
{
    /* A locked RMW: ordered before the CR3 load that follows, so that a
     * flusher either sees the bit clear or its entry change is visible
     * to our page walks. */
    cpumask_clear_cpu(smp_processor_id(), &guest_tlb_clean);
}

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
static void flush_cpus(bool guest_only)
{
    unsigned int cpu, self = smp_processor_id();
    unsigned long gen;
    bool others = false;

    while ( !spin_trylock(&flush_lock) )
    {
        flush_if_asked(self);
        cpu_relax();
    }
    gen = flushes_started + 1;
    __atomic_store_n(&flushes_started, gen, __ATOMIC_SEQ_CST);
    /* Our entry changes before the test of guest_tlb_clean (see there). */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for_each_online_cpu ( cpu )
        if ( cpu != self &&
             !(guest_only && cpumask_test_cpu(cpu, &guest_tlb_clean)) )
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
    __atomic_store_n(&flushes_finished, gen, __ATOMIC_RELEASE);
    spin_unlock(&flush_lock);
}

void flush_tlb_all_cpus(void)
{
    flush_cpus(false);
}

void flush_guest_tlbs(void)
{
    flush_cpus(true);
}

void arch_flush_freed_pages(void)
{
    flush_guest_tlbs();
}

/*
 * Softirqs: one pending bitmap per CPU.  Raising sets a bit (and kicks the
 * target CPU if it is another one); do_softirq() runs the handlers for the
 * set bits, lowest number first, until none is left.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/smp.h>
#include <asm/processor.h>

static softirq_handler_t handlers[NR_SOFTIRQS];
static unsigned long pending[NR_CPUS];

void open_softirq(unsigned int nr, softirq_handler_t fn)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    handlers[nr] = fn;
}

void raise_softirq(unsigned int nr)
{
    __atomic_fetch_or(&pending[smp_processor_id()], 1UL << nr, __ATOMIC_SEQ_CST);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    unsigned long old = __atomic_fetch_or(&pending[cpu], 1UL << nr,
                                          __ATOMIC_SEQ_CST);

    /* Already pending means a kick is on its way or it will be seen. */
    if ( !(old & (1UL << nr)) && cpu != smp_processor_id() )
        arch_kick_cpu(cpu);
}

bool softirq_pending(unsigned int cpu)
{
    return __atomic_load_n(&pending[cpu], __ATOMIC_ACQUIRE) != 0;
}

void do_softirq(void)
{
    unsigned int cpu = smp_processor_id();
    unsigned long bits;

    while ( (bits = __atomic_exchange_n(&pending[cpu], 0, __ATOMIC_ACQ_REL)) )
    {
        for ( unsigned int nr = 0; nr < NR_SOFTIRQS; nr++ )
            if ( (bits & (1UL << nr)) && handlers[nr] )
                handlers[nr]();
    }
}

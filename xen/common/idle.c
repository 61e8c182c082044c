/*
 * The idle loop and the common tail of secondary-CPU start-up.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/sched.h>
#include <xen/timer.h>
#include <asm/processor.h>

cpumask_t cpu_online_map;

void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for ( ; ; )
    {
        do_softirq();
        /* Free memory left dirty is zeroed while there is nothing else
         * to do, a batch at a time so that softirqs are seen promptly. */
        if ( scrub_free_pages() )
            continue;
        /* Check and halt with interrupts off, so that a softirq raised by
         * an interrupt in between cannot be slept through: sti;hlt only
         * takes interrupts once halted. */
        local_irq_disable();
        if ( softirq_pending(cpu) )
            local_irq_enable();
        else
            safe_halt();
    }
}

void start_secondary_common(void)
{
    unsigned int cpu = smp_processor_id();

    timer_cpu_init(cpu);
    scheduler_cpu_init(cpu);
    arch_cpu_guest_init(cpu);
    cpumask_set_cpu(cpu, &cpu_online_map);
    local_irq_enable();
    idle_loop();
}

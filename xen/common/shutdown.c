/*
 * Machine-level shutdown policy: stop the other CPUs, ask the arch code to
 * power off or restart, and halt forever should every method fail, so the
 * machine never runs on in a half-stopped state.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/shutdown.h>
#include <asm/processor.h>

static void __noreturn halt_forever(void)
{
    for ( ; ; )
    {
        local_irq_disable();
        halt();
    }
}

void machine_halt(void)
{
    local_irq_disable();
    arch_stop_other_cpus();
    printk("System halted.\n");
    halt_forever();
}

void machine_power_off(void)
{
    local_irq_disable();
    arch_stop_other_cpus();
    printk("Powering off.\n");
    arch_power_off();
    console_force_unlock();
    printk(XENLOG_ERR "Power off failed: every method was tried. Halting.\n");
    halt_forever();
}

void machine_restart(void)
{
    local_irq_disable();
    arch_stop_other_cpus();
    printk("Restarting.\n");
    arch_restart();
    console_force_unlock();
    printk(XENLOG_ERR "Restart failed: every method was tried. Halting.\n");
    halt_forever();
}

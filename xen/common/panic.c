/*
 * panic, BUG, WARN and ASSERT: the paths for broken hypervisor invariants.
 *
 * panic prints its message and a backtrace, then restarts the machine (or
 * halts with "noreboot"), so that an unattended run always ends.  The line
 * "Panic on CPU" is what test harnesses look for.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/console.h>
#include <xen/shutdown.h>
#include <asm/processor.h>
#include <asm/current.h>
#include <asm/traps.h>

static bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static unsigned int panicking;

static unsigned long current_rbp(void)
{
    return (unsigned long)__builtin_frame_address(0);
}

void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    local_irq_disable();
    console_force_unlock();
    if ( __atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST) )
        machine_halt();   /* a second panic (maybe on another CPU): stop */

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);

    printk(XENLOG_ERR "****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %u:\n", smp_processor_id());
    printk(XENLOG_ERR "%s\n", buf);
    printk(XENLOG_ERR "****************************************\n");
    show_backtrace(current_rbp());

    if ( opt_noreboot )
        machine_halt();
    machine_restart();
}

void __bug(const char *file, int line)
{
    struct cpu_user_regs regs;

    console_force_unlock();
    printk(XENLOG_ERR "BUG at %s:%d\n", file, line);
    arch_capture_regs(&regs);
    show_registers(&regs);
    panic("BUG at %s:%d", file, line);
}

void __warn(const char *file, int line)
{
    printk(XENLOG_WARNING "WARNING at %s:%d\n", file, line);
    show_backtrace(current_rbp());
}

void __assert_failed(const char *expr, const char *file, int line)
{
    struct cpu_user_regs regs;

    console_force_unlock();
    printk(XENLOG_ERR "Assertion '%s' failed at %s:%d\n", expr, file, line);
    arch_capture_regs(&regs);
    show_registers(&regs);
    panic("Assertion '%s' failed at %s:%d", expr, file, line);
}

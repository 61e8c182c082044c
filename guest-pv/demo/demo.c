/*
 * demo.c - the default dom0 of `make run`: a small PV kernel that shows
 * the hypervisor at work.  It binds VIRQ_TIMER, sleeps in SCHEDOP_block
 * between 100 ms single-shot timers, prints a heartbeat every five
 * seconds with its run time (from the runstate area), echoes what is
 * typed on the serial console (VIRQ_CONSOLE says there is some,
 * CONSOLEIO_read takes it), answers VIRQ_DEBUG (the hypervisor's 'q'
 * debug key) with a line, and powers the machine off when 'q' is typed.
 */
#include <pvtest.h>
#include <pv/events.h>
#include <public/vcpu.h>

const char test_title[] = "dom0 demo: type to echo, 'q' powers off";

static volatile unsigned long ticks;

static volatile unsigned long debug_virqs, console_virqs;

static void on_debug(evtchn_port_t port, struct pv_regs *regs, void *data)
{
    (void)port;
    (void)regs;
    (void)data;
    debug_virqs++;
}

static void on_console(evtchn_port_t port, struct pv_regs *regs, void *data)
{
    (void)port;
    (void)regs;
    (void)data;
    console_virqs++;
}

/* Bind virq on vCPU 0 to fn; false if the hypervisor refused. */
static bool bind_virq(unsigned int virq, evtchn_handler_t fn)
{
    struct evtchn_bind_virq bind = { .virq = virq, .vcpu = 0 };

    if ( HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind) )
        return false;
    evtchn_bind(bind.port, fn, NULL);
    return true;
}

static void on_timer(evtchn_port_t port, struct pv_regs *regs, void *data)
{
    (void)port;
    (void)regs;
    (void)data;
    ticks++;
}

/* Guest system time in ns, coarse: the last value the hypervisor wrote. */
static uint64_t system_time(void)
{
    return shared_info->vcpu_info[0].time.system_time;
}

static void arm_timer(void)
{
    struct vcpu_set_singleshot_timer t = {
        .timeout_abs_ns = system_time() + 100000000ULL,
    };

    hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, &t);
}

static bool echo_input(void)
{
    char buf[64];
    long n = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf);

    for ( long i = 0; i < n; i++ )
        if ( buf[i] == 'q' )
            return false;
    if ( n > 0 )
        HYPERVISOR_console_io(CONSOLEIO_write, n, buf);
    return true;
}

static void heartbeat(void)
{
    struct vcpu_runstate_info r;

    hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, &r);
    printf("dom0 demo: up %lu s, ran %lu ms, %lu timer events,"
           " %lu console events\n",
           (unsigned long)(ticks / 10),
           (unsigned long)(r.time[RUNSTATE_running] / 1000000),
           (unsigned long)ticks, (unsigned long)console_virqs);
}

void test_main(void)
{
    unsigned long debug_seen = 0;

    if ( !bind_virq(VIRQ_TIMER, on_timer) || !bind_virq(VIRQ_DEBUG, on_debug) ||
         !bind_virq(VIRQ_CONSOLE, on_console) )
    {
        xtest_error("cannot bind VIRQ_TIMER, VIRQ_DEBUG or VIRQ_CONSOLE");
        return;
    }
    events_enable();
    printf("dom0 demo: a PV kernel on the hypervisor.  Type to echo; "
           "'q' powers off.\n");
    for ( unsigned long seen = 0; ; )
    {
        arm_timer();
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
        if ( debug_virqs != debug_seen )
        {
            debug_seen = debug_virqs;
            printf("dom0 demo: VIRQ_DEBUG received\n");
        }
        if ( !echo_input() )
            break;
        if ( ticks / 50 != seen )
        {
            seen = ticks / 50;
            heartbeat();
        }
    }
    printf("\ndom0 demo: powering off\n");
}

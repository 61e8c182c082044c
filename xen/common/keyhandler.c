/*
 * Serial input routing and debug keys.
 *
 * There are no UART interrupts yet, so a 10 ms timer on the boot CPU
 * polls the console: bytes for dom0 raise VIRQ_CONSOLE in dom0 (its
 * console driver then reads them with CONSOLEIO_read), and keys typed
 * while the input is switched to the hypervisor (CTRL-a three times) run
 * the debug key handlers below.
 *
 *   h  list the keys
 *   q  dump every domain and vCPU, and send VIRQ_DEBUG to each vCPU (the
 *      guest's cue to dump its own state, as in Xen)
 *   r  dump each CPU's scheduling state
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/keyhandler.h>
#include <public/xen.h>

#define POLL_PERIOD MILLISECS(10)

static struct timer poll_timer;

static const char *const runstate_names[] = {
    "running", "runnable", "blocked", "offline",
};

static void dump_vcpu(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->vcpu_info;

    printk("    vCPU %u: CPU %u, %s, pause flags %#lx, credit %ld us,"
           " upcall pending %u mask %u\n", v->vcpu_id, v->processor,
           runstate_names[v->runstate.state & 3], v->pause_flags,
           (long)(v->sched.credit / 1000),
           vi ? vi->evtchn_upcall_pending : 0, vi ? vi->evtchn_upcall_mask : 0);
}

static void dump_domains(void)
{
    struct domain *d;

    printk("'q' pressed -> dumping domain info (now %#lx)\n",
           (unsigned long)NOW());
    for ( unsigned int id = 0;
          id < DOMID_FIRST_RESERVED && (d = get_domain_next_from(id)) != NULL;
          id = d->domain_id + 1, put_domain(d) )
    {
        printk("  Domain %u (%s): %lu pages, max %lu, weight %u, cap %u%s%s\n",
               d->domain_id, d->name, d->tot_pages, d->max_pages,
               d->sched_weight, d->sched_cap,
               d->is_shutting_down ? ", shut down" : "",
               d->controller_pause_count ? ", paused" : "");
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
            {
                dump_vcpu(d->vcpu[i]);
                send_guest_vcpu_virq(d->vcpu[i], VIRQ_DEBUG);
            }
    }
}

static void show_help(void)
{
    printk("'h' pressed -> debug keys: h help, q domains (and VIRQ_DEBUG),"
           " r scheduler\n");
}

void handle_debug_key(char key)
{
    switch ( key )
    {
    case 'h':
        show_help();
        break;
    case 'q':
        dump_domains();
        break;
    case 'r':
        sched_dump();
        break;
    default:
        printk("'%c' (%#x): no such debug key; 'h' lists them\n",
               key >= ' ' && key <= '~' ? key : '?', (unsigned char)key);
    }
}

static void poll_input(void *unused)
{
    char keys[16];
    bool for_dom0, to_xen;
    unsigned int n = console_poll_input(keys, sizeof(keys), &for_dom0, &to_xen);
    struct domain *dom0;

    set_timer(&poll_timer, NOW() + POLL_PERIOD);
    if ( to_xen )
        show_help();
    for ( unsigned int i = 0; i < n; i++ )
        handle_debug_key(keys[i]);
    if ( for_dom0 && (dom0 = get_domain_by_id(0)) != NULL )
    {
        send_guest_global_virq(dom0, VIRQ_CONSOLE);
        put_domain(dom0);
    }
}

void console_input_start(void)
{
    init_timer(&poll_timer, poll_input, NULL, smp_processor_id());
    set_timer(&poll_timer, NOW() + POLL_PERIOD);
}

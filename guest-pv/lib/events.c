/*
 * events.c - 2-level event channel delivery for the test kernels.
 *
 * The hypervisor marks a port pending in shared_info->evtchn_pending,
 * the word's bit in vcpu_info->evtchn_pending_sel, then sets
 * evtchn_upcall_pending and (if the vCPU's mask is clear) calls our
 * event callback.  We consume in the reverse order: upcall flag first,
 * then the selector, then the port bits, so nothing set meanwhile is
 * lost.
 */
#include <pvtest.h>

#define NR_PORTS EVTCHN_2L_NR_CHANNELS
#define BITS_PER_WORD 64

struct port_binding
{
    evtchn_handler_t fn;
    void *data;
};

static struct port_binding bindings[NR_PORTS];

volatile unsigned long events_upcalls;
volatile unsigned long events_unbound;

static void set_bit_atomic(unsigned int nr, volatile xen_ulong_t *words)
{
    __asm__ __volatile__ ("lock btsq %1, %0"
                          : "+m" (words[nr / BITS_PER_WORD])
                          : "Ir" ((unsigned long)(nr % BITS_PER_WORD))
                          : "memory");
}

static void clear_bit_atomic(unsigned int nr, volatile xen_ulong_t *words)
{
    __asm__ __volatile__ ("lock btrq %1, %0"
                          : "+m" (words[nr / BITS_PER_WORD])
                          : "Ir" ((unsigned long)(nr % BITS_PER_WORD))
                          : "memory");
}

static unsigned long xchg_ulong(volatile xen_ulong_t *p, unsigned long v)
{
    __asm__ __volatile__ ("xchgq %0, %1" : "+r" (v), "+m" (*p) :: "memory");
    return v;
}

void evtchn_mask(evtchn_port_t port)
{
    set_bit_atomic(port, shared_info->evtchn_mask);
}

long evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };

    /* The hypercall re-raises the upcall if the port is already pending. */
    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

void evtchn_clear(evtchn_port_t port)
{
    clear_bit_atomic(port, shared_info->evtchn_pending);
}

bool evtchn_pending(evtchn_port_t port)
{
    return (shared_info->evtchn_pending[port / BITS_PER_WORD] >>
            (port % BITS_PER_WORD)) & 1;
}

void evtchn_bind(evtchn_port_t port, evtchn_handler_t fn, void *data)
{
    if ( port >= NR_PORTS )
        return;
    bindings[port].fn = fn;
    bindings[port].data = data;
    if ( fn )
        evtchn_unmask(port);
    else
        evtchn_mask(port);
}

static void handle_word(unsigned int w, struct pv_regs *regs)
{
    unsigned long pending = shared_info->evtchn_pending[w] &
                            ~shared_info->evtchn_mask[w];

    while ( pending )
    {
        unsigned int bit = __builtin_ctzl(pending);
        evtchn_port_t port = w * BITS_PER_WORD + bit;

        pending &= pending - 1;
        evtchn_clear(port);
        if ( bindings[port].fn )
            bindings[port].fn(port, regs, bindings[port].data);
        else
            events_unbound++;
    }
}

void events_dispatch(struct pv_regs *regs)
{
    struct vcpu_info *v = vcpu0();

    events_upcalls++;
    do
    {
        unsigned long sel;

        v->evtchn_upcall_pending = 0;
        barrier();
        sel = xchg_ulong(&v->evtchn_pending_sel, 0);
        while ( sel )
        {
            unsigned int w = __builtin_ctzl(sel);

            sel &= sel - 1;
            handle_word(w, regs);
        }
    } while ( ACCESS_ONCE(v->evtchn_upcall_pending) );
}

void events_enable(void)
{
    struct vcpu_info *v = vcpu0();

    v->evtchn_upcall_mask = 0;
    barrier();
    /*
     * Something may have become pending while we were masked; any
     * hypercall makes the hypervisor deliver it on the way back.
     */
    if ( ACCESS_ONCE(v->evtchn_upcall_pending) )
        HYPERVISOR_xen_version(XENVER_version, NULL);
}

void events_disable(void)
{
    vcpu0()->evtchn_upcall_mask = 1;
    barrier();
}

bool events_enabled(void)
{
    return !ACCESS_ONCE(vcpu0()->evtchn_upcall_mask);
}

/*
 * events.c - 2-level event channel delivery for the test kernels.
 *
 * The hypervisor marks a port pending in shared_info->evtchn_pending,
 * the word's bit in the evtchn_pending_sel of the vCPU the port is bound
 * to (its notify vCPU), then sets that vCPU's evtchn_upcall_pending and
 * (if its mask is clear) calls our event callback there.  We consume in
 * the reverse order: upcall flag first, then the selector, then the port
 * bits, so nothing set meanwhile is lost.
 *
 * Several vCPUs: the pending words are shared, the selectors are not.  A
 * vCPU works on its own vcpu_info only and takes from a word only the
 * ports bound to it; another vCPU's port in the same word is left for
 * that vCPU, whose selector has the word's bit too.  Taking a port is an
 * atomic test-and-clear of its pending bit, so a port is handled once
 * even if a poller or another vCPU looks at it at the same time.
 */
#include <pvtest.h>

#define NR_PORTS EVTCHN_2L_NR_CHANNELS
#define BITS_PER_WORD 64

struct port_binding
{
    evtchn_handler_t fn;
    void *data;
    unsigned int vcpu;              /* its notify vCPU, when fn is set */
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

/* Clear the bit; true if this call was the one that cleared it. */
static bool test_and_clear_bit_atomic(unsigned int nr,
                                      volatile xen_ulong_t *words)
{
    bool was;

    __asm__ __volatile__ ("lock btrq %2, %0"
                          : "+m" (words[nr / BITS_PER_WORD]), "=@ccc" (was)
                          : "Ir" ((unsigned long)(nr % BITS_PER_WORD))
                          : "memory");
    return was;
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

/* The vCPU a port notifies, as the hypervisor has it (0 if it will not
 * say: a closed port). */
static unsigned int notify_vcpu(evtchn_port_t port)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };

    if ( HYPERVISOR_event_channel_op(EVTCHNOP_status, &st) )
        return 0;
    return st.vcpu;
}

void evtchn_bind(evtchn_port_t port, evtchn_handler_t fn, void *data)
{
    if ( port >= NR_PORTS )
        return;
    bindings[port].fn = NULL;
    barrier();
    bindings[port].data = data;
    bindings[port].vcpu = fn ? notify_vcpu(port) : 0;
    barrier();
    bindings[port].fn = fn;
    if ( fn )
        evtchn_unmask(port);
    else
        evtchn_mask(port);
}

long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu)
{
    struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);

    if ( !rc && port < NR_PORTS )
        bindings[port].vcpu = vcpu;
    return rc;
}

/*
 * Is port, pending in a word this vCPU was told about, for this vCPU?  A
 * port with a handler carries its notify vCPU; one without is rare (it
 * only gets counted), so the hypervisor is asked.
 */
static bool port_is_ours(evtchn_port_t port, unsigned int me)
{
    if ( ACCESS_ONCE(bindings[port].fn) )
        return bindings[port].vcpu == me;
    return notify_vcpu(port) == me;
}

static void handle_port(evtchn_port_t port, struct pv_regs *regs)
{
    evtchn_handler_t fn = ACCESS_ONCE(bindings[port].fn);

    if ( fn )
        fn(port, regs, bindings[port].data);
    else
        __atomic_fetch_add(&events_unbound, 1, __ATOMIC_SEQ_CST);
}

static void handle_word(unsigned int me, unsigned int w, struct pv_regs *regs)
{
    unsigned long pending = shared_info->evtchn_pending[w] &
                            ~shared_info->evtchn_mask[w];

    while ( pending )
    {
        unsigned int bit = __builtin_ctzl(pending);
        evtchn_port_t port = w * BITS_PER_WORD + bit;

        pending &= pending - 1;
        /* Cleared before the handler runs: a new event during it is a
         * new pending bit, not lost. */
        if ( port_is_ours(port, me) &&
             test_and_clear_bit_atomic(port, shared_info->evtchn_pending) )
            handle_port(port, regs);
    }
}

void events_dispatch(struct pv_regs *regs)
{
    unsigned int me = pv_vcpu_id();
    struct vcpu_info *v = pv_vcpu_info(me);

    __atomic_fetch_add(&events_upcalls, 1, __ATOMIC_SEQ_CST);
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
            handle_word(me, w, regs);
        }
    } while ( ACCESS_ONCE(v->evtchn_upcall_pending) );
}

void events_enable(void)
{
    struct vcpu_info *v = pv_this_vcpu_info();

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
    pv_this_vcpu_info()->evtchn_upcall_mask = 1;
    barrier();
}

bool events_enabled(void)
{
    return !ACCESS_ONCE(pv_this_vcpu_info()->evtchn_upcall_mask);
}

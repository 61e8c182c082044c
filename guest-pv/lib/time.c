/*
 * time.c - reading the pvclock.
 *
 * The hypervisor publishes, per vCPU, a TSC stamp and the system time at
 * that stamp with a scale; a reader extrapolates with the current TSC.
 * The record's version is odd while it is being rewritten, and changes
 * with every rewrite, so a read is retried until it saw one stable
 * version on both sides.
 */
#include <pvtest.h>
#include <pv/time.h>

static inline uint64_t read_tsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* (delta << or >> shift) * mul / 2^32, without overflow. */
static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if ( shift < 0 )
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t pv_system_time(unsigned int vcpu)
{
    volatile struct vcpu_time_info *t = &shared_info->vcpu_info[vcpu].time;
    uint32_t version;
    uint64_t stamp, base, now;
    uint32_t mul;
    int8_t shift;

    do {
        version = t->version;
        __asm__ volatile ( "" ::: "memory" );
        stamp = t->tsc_timestamp;
        base = t->system_time;
        mul = t->tsc_to_system_mul;
        shift = t->tsc_shift;
        now = read_tsc();
        __asm__ volatile ( "" ::: "memory" );
    } while ( (version & 1) || version != t->version );
    return base + scale(now - stamp, mul, shift);
}

bool pv_is_initdomain(void)
{
    return start_info->flags & SIF_INITDOMAIN;
}

/* A port nobody signals, to sleep on with SCHEDOP_poll's timeout. */
static evtchn_port_t quiet_port;

void pv_sleep_until(uint64_t t)
{
    struct sched_poll p = { .nr_ports = 1, .timeout = t };

    if ( !quiet_port )
    {
        struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
                                           .remote_dom = DOMID_SELF };

        if ( HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au) )
            xtest_crash("pv_sleep_until: no event channel to sleep on");
        quiet_port = au.port;
    }
    set_xen_guest_handle(p.ports, &quiet_port);
    while ( pv_system_time(0) < t )
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

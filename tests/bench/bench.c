/*
 * bench.c - the benchmark kernel of `make bench` (tests/bench/run.sh).
 *
 * It boots as dom0 with two vCPUs and prints "BENCH <name> <value> ns"
 * lines, then powers off.  bench.mode=smp (two physical CPUs) measures:
 *   null_hypercall     one XENVER_version hypercall, entry to exit
 *   event_round_trip   vCPU 0 -> vCPU 1 -> vCPU 0 over two IPI event
 *                      channels, each side waiting in SCHEDOP_poll
 *   timer_latency      how late a single-shot timer's VIRQ_TIMER is seen,
 *                      from the deadline to the poll returning
 * bench.mode=switch (one physical CPU) measures:
 *   vcpu_switch        SCHEDOP_yield between two vCPUs of the guest on
 *                      one CPU: each yield is a hypercall and a switch
 * Every value is the median of several batches (or samples), in
 * nanoseconds of pvclock time.  Nothing here passes or fails.
 */
#include <pvtest.h>

#define BATCHES 5

const char test_title[] = "bench: hypercall, event, timer and switch costs";

static uint8_t stack1[16384] __aligned(16);
static volatile evtchn_port_t port0, port1;
static volatile bool go, stop;

static uint64_t median(uint64_t *v, unsigned int n)
{
    for ( unsigned int i = 1; i < n; i++ )
        for ( unsigned int j = i; j && v[j - 1] > v[j]; j-- )
        {
            uint64_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v[n / 2];
}

static void report(const char *name, uint64_t ns)
{
    printf("BENCH %s %lu ns\n", name, (unsigned long)ns);
}

static void bench_null(void)
{
    uint64_t per[BATCHES];
    const unsigned int n = 20000;

    for ( unsigned int b = 0; b < BATCHES; b++ )
    {
        uint64_t t0 = pv_system_time(0);

        for ( unsigned int i = 0; i < n; i++ )
            HYPERVISOR_xen_version(XENVER_version, NULL);
        per[b] = (pv_system_time(0) - t0) / n;
    }
    report("null_hypercall", median(per, BATCHES));
}

static evtchn_port_t bind_ipi(unsigned int vcpu)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };

    if ( HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &b) )
        xtest_crash("bind_ipi on vCPU %u failed", vcpu);
    return b.port;
}

static void send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    HYPERVISOR_event_channel_op(EVTCHNOP_send, &s);
}

/* Wait for port (polling), then clear it. */
static void wait_port(evtchn_port_t port)
{
    struct sched_poll p = { .nr_ports = 1 };

    set_xen_guest_handle(p.ports, &port);
    while ( !evtchn_pending(port) )
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    evtchn_clear(port);
}

static void __noreturn echo_vcpu(unsigned int id)
{
    port1 = bind_ipi(id);
    while ( !go )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    for ( ; ; )
    {
        wait_port(port1);
        send(port0);
    }
}

static void __noreturn yield_vcpu(unsigned int id)
{
    (void)id;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

static bool start_vcpu1(vcpu_entry_t fn)
{
    long rc = pv_vcpu_start(1, fn, stack1, sizeof(stack1));

    if ( rc )
        printf("BENCH-ERROR cannot start vCPU 1 (%ld): is dom0_max_vcpus=2"
               " honoured?\n", rc);
    return rc == 0;
}

static void bench_events(void)
{
    uint64_t per[BATCHES];
    const unsigned int n = 2000;

    port0 = bind_ipi(0);
    if ( !start_vcpu1(echo_vcpu) )
        return;
    while ( !port1 )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    go = true;
    for ( unsigned int b = 0; b < BATCHES; b++ )
    {
        uint64_t t0 = pv_system_time(0);

        for ( unsigned int i = 0; i < n; i++ )
        {
            send(port1);
            wait_port(port0);
        }
        per[b] = (pv_system_time(0) - t0) / n;
    }
    report("event_round_trip", median(per, BATCHES));
}

static void bench_timer(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    uint64_t late[101];

    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv) )
        xtest_crash("bind_virq(VIRQ_TIMER) failed");
    for ( unsigned int i = 0; i < ARRAY_SIZE(late); i++ )
    {
        struct vcpu_set_singleshot_timer t = {
            .timeout_abs_ns = pv_system_time(0) + NS_PER_MS,
        };

        evtchn_clear(bv.port);
        HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
        wait_port(bv.port);
        late[i] = pv_system_time(0) - t.timeout_abs_ns;
    }
    report("timer_latency", median(late, ARRAY_SIZE(late)));
}

static void bench_switch(void)
{
    uint64_t per[BATCHES];
    const unsigned int n = 5000;

    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    if ( !start_vcpu1(yield_vcpu) )
        return;
    for ( unsigned int b = 0; b < BATCHES; b++ )
    {
        uint64_t t0 = pv_system_time(0);

        for ( unsigned int i = 0; i < n; i++ )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        /* Each of our yields runs vCPU 1, whose yield comes back. */
        per[b] = (pv_system_time(0) - t0) / (2 * n);
    }
    report("vcpu_switch", median(per, BATCHES));
}

void test_main(void)
{
    char mode[16] = "smp";

    kernel_cmdline_value("bench.mode", mode, sizeof(mode));
    if ( !strcmp(mode, "switch") )
        bench_switch();
    else
    {
        bench_null();
        bench_timer();
        bench_events();
    }
    printf("BENCH-DONE\n");
}

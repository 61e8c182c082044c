/*
 * vcpu-info-high.c - vCPUs past the 32 that shared_info has room for.
 *
 * shared_info holds vcpu_info for vCPUs 0-31 only (XEN_LEGACY_MAX_VCPUS).
 * A higher vCPU has none until the guest registers one, and until then
 * it cannot be given a context or brought up: VCPUOP_initialise and
 * VCPUOP_up are -EINVAL (events or exceptions for it would have nowhere
 * to go).  Registering one marks everything pending in it (selector all
 * ones, upcall pending) so that the guest rescans, as Xen does.  Then the
 * vCPU starts, its pvclock is kept in the registered area, and, once it
 * has consumed that first upcall, an IPI to it marks the area's selector
 * and upcall_pending again and wakes its SCHEDOP_poll.
 *
 * pvtest-hv: dom0_max_vcpus=34
 */
#include <pvtest.h>
#include <public/errno.h>

#define HIGH 33

const char test_title[] = "vcpu-info-high: vCPUs past 31 need a registered vcpu_info";

static uint8_t stack_high[16384] __aligned(16);
static struct vcpu_info info_high __aligned(64);
static volatile evtchn_port_t high_port;
static volatile unsigned int stage;        /* 1 bound, 2 woken */
static volatile uint64_t high_time;

static void __noreturn high(unsigned int id)
{
    struct evtchn_bind_ipi b = { .vcpu = id };
    evtchn_port_t port;
    struct sched_poll p = { .nr_ports = 1 };
    uint64_t limit;

    high_time = info_high.time.system_time;
    /* Take the upcall registration raised, as an event handler would. */
    info_high.evtchn_upcall_pending = 0;
    __atomic_exchange_n(&info_high.evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &b) )
        stage = 99;
    port = b.port;
    high_port = port;
    stage = 1;
    set_xen_guest_handle(p.ports, &port);
    limit = high_time + 5 * NS_PER_S;
    p.timeout = limit;
    while ( !evtchn_pending(port) && info_high.time.system_time < limit )
        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
    if ( evtchn_pending(port) && info_high.evtchn_upcall_pending &&
         (info_high.evtchn_pending_sel & (1UL << (port / 64))) )
        stage = 2;
    else
        stage = 98;
    for ( ; ; )
        HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
}

static void wait_stage(unsigned int s)
{
    uint64_t limit = pv_system_time(0) + 5 * NS_PER_S;

    while ( stage < s && pv_system_time(0) < limit )
        pv_sleep_until(pv_system_time(0) + NS_PER_MS);
}

void test_main(void)
{
    struct vcpu_register_vcpu_info r = {
        .mfn = va_to_mfn((unsigned long)&info_high),
        .offset = (unsigned long)&info_high & 4095,
    };
    struct evtchn_send send;

    check_eq(pv_vcpu_start(HIGH, high, stack_high, sizeof(stack_high)),
             -XEN_EINVAL, "VCPUOP_initialise without a vcpu_info");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, HIGH, NULL), -XEN_EINVAL,
             "VCPUOP_up without a vcpu_info");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, HIGH, NULL), 0,
             "VCPUOP_is_up without a vcpu_info");
    if ( !check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, HIGH, &r),
                         "VCPUOP_register_vcpu_info") )
        return;
    check_eq(info_high.evtchn_upcall_pending, 1,
             "upcall_pending in a newly registered vcpu_info");
    check_eq(info_high.evtchn_pending_sel, ~0UL,
             "the selector in a newly registered vcpu_info");
    check_eq(info_high.evtchn_upcall_mask, 1,
             "upcall_mask in a newly registered vcpu_info");
    if ( !check_rc_setup(pv_vcpu_start(HIGH, high, stack_high, sizeof(stack_high)),
                         "starting the vCPU once it has a vcpu_info") )
        return;
    wait_stage(1);
    if ( !check_eq(stage, 1, "the high vCPU bound its IPI") )
        return;
    check(high_time != 0, "the registered vcpu_info carries no pvclock");
    send.port = high_port;
    check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send),
                   "EVTCHNOP_send");
    wait_stage(2);
    check_eq(stage, 2, "the IPI woke the high vCPU and marked its vcpu_info");
}

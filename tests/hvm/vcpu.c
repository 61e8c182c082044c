/*
 * vcpu.c - vcpu_op, set_timer_op and blocking from a PVH guest.
 *
 * The runstate area is a guest-virtual address, written by the
 * hypervisor through the guest's page tables (at registration and at
 * each switch): it must show vCPU 0 running.  vcpu_info moves to a frame
 * the guest names by its own (guest-physical) frame number; the
 * hypervisor's time record then appears there.  A single-shot timer in
 * the past fires at once: VIRQ_TIMER becomes pending in shared_info
 * (mapped with add_to_physmap).  (SCHEDOP_block is not tried: without an
 * upcall vector Xen 4.17 never counts an event as deliverable to an HVM
 * vCPU and sleeps for good.)  A vCPU that was never given a context cannot be brought up,
 * and is reported down.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>

const char test_title[] = "vcpu: runstate, vcpu_info and timers from PVH";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint8_t vi_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static struct vcpu_runstate_info runstate;

static unsigned long gpfn_of(const void *p)
{
    return ((unsigned long)p - PV_VIRT_BASE) >> PAGE_SHIFT;
}

static volatile shared_info_t *map_shared_info(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    return (volatile shared_info_t *)si_page;
}

static void runstate_area(void)
{
    struct vcpu_register_runstate_memory_area r = { .addr.v = &runstate };

    runstate.state = 0x55;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &r),
             0, "register_runstate_memory_area");
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    xtest_info("runstate: state %d, running %lu ns", runstate.state,
               (unsigned long)runstate.time[RUNSTATE_running]);
    check_eq(runstate.state, RUNSTATE_running, "runstate state");
}

static void vcpu_info_move(void)
{
    struct vcpu_register_vcpu_info vi = { .mfn = gpfn_of(vi_page),
                                          .offset = 64 };
    volatile struct vcpu_info *v = (volatile struct vcpu_info *)(vi_page + 64);

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), 0,
             "register_vcpu_info");
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    xtest_info("moved vcpu_info: time version %u mul %u",
               v->time.version, v->time.tsc_to_system_mul);
    check(v->time.tsc_to_system_mul != 0, "no time record in the moved vcpu_info");
    vi.offset = PAGE_SIZE - 8;
    check(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi) < 0,
          "a second registration accepted");
}

static void timer_and_block(volatile shared_info_t *si)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = 1 };
    unsigned int w, b;

    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv),
                         "bind_virq(VIRQ_TIMER)") )
        return;
    w = bv.port / (8 * sizeof(xen_ulong_t));
    b = bv.port % (8 * sizeof(xen_ulong_t));
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
             "singleshot timer in the past");
    /* The timer fires from the hypervisor's timer softirq: soon. */
    for ( unsigned int i = 0; i < 1000 && !(si->evtchn_pending[w] & (1UL << b)); i++ )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(si->evtchn_pending[w] & (1UL << b), "VIRQ_TIMER port %u not pending",
          bv.port);
    /* Xen 4.17 ignores the flag: a past timer fires either way. */
    t.flags = VCPU_SSHOTTMR_future;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
             "a past timer with VCPU_SSHOTTMR_future");
    check_eq(HYPERVISOR_set_timer_op(0), 0, "set_timer_op(0)");
}

static void other_vcpu(void)
{
    long rc = HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL);

    xtest_info("vCPU 1 is_up %ld", rc);
    if ( rc == -XEN_ENOENT )
        return;                         /* a single-vCPU dom0 */
    check_eq(rc, 0, "vCPU 1 is up before anyone started it");
    rc = HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL);
    xtest_info("VCPUOP_up of vCPU 1 without a context: %ld", rc);
    check_eq(rc, -XEN_EINVAL, "VCPUOP_up without a context");
}

void test_main(void)
{
    volatile shared_info_t *si = map_shared_info();

    runstate_area();
    vcpu_info_move();
    timer_and_block(si);
    other_vcpu();
}

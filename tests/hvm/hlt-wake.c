/*
 * hlt-wake.c - a PVH vCPU that halts with interrupts on sleeps until an
 * event, and the event then arrives through the callback vector.
 *
 * A single-shot timer (VCPUOP_set_singleshot_timer) 5 ms ahead raises
 * VIRQ_TIMER; `sti; hlt` must not come back before the timer's time (the
 * vCPU really slept: no stale wake-up) and must come back with the
 * upcall taken at the callback vector.  Three rounds, with system time
 * read from the vCPU's time record in shared_info.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

const char test_title[] = "hlt-wake: HLT sleeps until a timer event's upcall";

#define VECTOR 0xf3
#define DELAY_NS (5 * 1000 * 1000ULL)

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static volatile unsigned int upcalls;

static void upcall(void)
{
    volatile shared_info_t *si = (volatile shared_info_t *)si_page;

    upcalls++;
    si->vcpu_info[0].evtchn_upcall_pending = 0;
    __atomic_store_n(&si->vcpu_info[0].evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    for ( unsigned int i = 0; i < sizeof(si->evtchn_pending) / sizeof(si->evtchn_pending[0]); i++ )
        __atomic_store_n(&si->evtchn_pending[i], 0, __ATOMIC_SEQ_CST);
}

static void setup(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct xen_hvm_param p = {
        .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ,
        .value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | VECTOR };

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") ||
         !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv),
                         "bind_virq(VIRQ_TIMER)") )
        xtest_exit();
    /* Only the single-shot timer may wake the vCPU: the default 10 ms
     * periodic VIRQ_TIMER would otherwise end a sleep early wherever a
     * round takes longer than a period (a slow console, an emulator). */
    if ( !check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL),
                         "stop_periodic_timer") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;     /* for pv_system_time() */
    shared_info->vcpu_info[0].evtchn_upcall_mask = 0;
    pvh_set_irq_handler(VECTOR, upcall);
    if ( !check_rc_setup(hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param, &p),
                         "HVM_PARAM_CALLBACK_IRQ") )
        xtest_exit();
}

void test_main(void)
{
    setup();
    for ( unsigned int round = 0; round < 3; round++ )
    {
        uint64_t due = pv_system_time(0) + DELAY_NS, woke;
        struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = due };
        unsigned int before = upcalls;

        if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t),
                       0, "set_singleshot_timer") )
            break;
        __asm__ __volatile__ ("sti; hlt; cli" ::: "memory");
        woke = pv_system_time(0);
        xtest_info("round %u: woke %ld us after the due time, %u upcalls",
                   round, (long)(woke - due) / 1000, upcalls - before);
        check(woke >= due, "round %u: woke %lu ns early", round,
              (unsigned long)(due - woke));
        check(upcalls > before, "round %u: no upcall", round);
    }
}

/*
 * sched-block.c - SCHEDOP_block from a PVH vCPU, with Xen 4.17's rule for
 * HVM vCPUs: it returns at once only if an interrupt could be delivered
 * to the guest right now (a callback-vector upcall or an APIC interrupt
 * above the priority, with RFLAGS.IF set); a pending upcall with no way
 * to deliver it does not count.  Otherwise the vCPU sleeps until woken:
 * here by its APIC timer (one-shot, DELAY_NS ahead).
 *   1. no callback vector, IF on, evtchn_upcall_pending set: sleeps
 *      (ours returned at once: it counted the bare pending flag, as PV);
 *   2. callback vector set, upcall pending, IF off: sleeps (the upcall is
 *      blocked by IF), and the upcall arrives once IF is on;
 *   3. an APIC interrupt pending above the priority, IF off: sleeps;
 *   4. callback vector set, IF on, nothing pending: the single-shot
 *      timer's VIRQ_TIMER wakes it with the upcall.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

const char test_title[] = "sched-block: SCHEDOP_block's wake-up rules for HVM";

#define CB_VECTOR   0xf3
#define TIMER_VEC   0x50
#define SELF_VEC    0x60
#define DELAY_NS    (20 * 1000 * 1000ULL)
#define TMICT_20MS  2000000u            /* 100 MHz, divide by 1 */

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static volatile uint32_t *apic;
static volatile unsigned int upcalls, ticks, selfs;
static evtchn_port_t virq_port;

static int isr_vector(void)
{
    for ( int w = 7; w >= 0; w-- )
    {
        uint32_t bits = lapic_read(apic, APIC_ISR + w * 16);

        if ( bits )
            return w * 32 + 31 - __builtin_clz(bits);
    }
    return -1;
}

static void clear_events(void)
{
    volatile shared_info_t *si = (volatile shared_info_t *)si_page;

    si->vcpu_info[0].evtchn_upcall_pending = 0;
    __atomic_store_n(&si->vcpu_info[0].evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    for ( unsigned int i = 0; i < ARRAY_SIZE(si->evtchn_pending); i++ )
        __atomic_store_n(&si->evtchn_pending[i], 0, __ATOMIC_SEQ_CST);
}

/* One handler for all three vectors: the APIC's own have an ISR bit. */
static void irq(void)
{
    int vec = isr_vector();

    if ( vec == TIMER_VEC || vec == SELF_VEC )
    {
        if ( vec == TIMER_VEC )
            ticks++;
        else
            selfs++;
        lapic_write(apic, APIC_EOI, 0);
        return;
    }
    upcalls++;
    clear_events();
}

static int set_callback(uint64_t val)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF,
                               .index = HVM_PARAM_CALLBACK_IRQ, .value = val };

    return hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param, &p);
}

static void setup(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };

    apic = lapic_map();
    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") ||
         !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv),
                         "bind_virq(VIRQ_TIMER)") ||
         !check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL),
                         "stop_periodic_timer") )
        xtest_exit();
    virq_port = bv.port;
    shared_info = (shared_info_t *)si_page;     /* for pv_system_time() */
    clear_events();
    pvh_set_irq_handler(CB_VECTOR, irq);
    pvh_set_irq_handler(TIMER_VEC, irq);
    pvh_set_irq_handler(SELF_VEC, irq);
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    lapic_write(apic, APIC_TDCR, 0xb);          /* divide by 1 */
    lapic_write(apic, APIC_LVTT, TIMER_VEC);
}

/* Mark an upcall pending by hand, as an event with no way in would. */
static void upcall_pending(void)
{
    shared_info->vcpu_info[0].evtchn_upcall_pending = 1;
}

/* SCHEDOP_block with the APIC timer DELAY_NS ahead: how long it slept. */
static uint64_t block_once(bool irqs_on)
{
    uint64_t t0;
    long rc;

    lapic_write(apic, APIC_TMICT, TMICT_20MS);
    t0 = pv_system_time(0);
    if ( irqs_on )
        __asm__ __volatile__ ("sti" ::: "memory");
    rc = HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    __asm__ __volatile__ ("cli" ::: "memory");
    check_eq(rc, 0, "SCHEDOP_block");
    return pv_system_time(0) - t0;
}

static void slept(const char *how, uint64_t ns)
{
    xtest_info("%s: SCHEDOP_block returned after %lu us", how,
               (unsigned long)(ns / 1000));
    check(ns >= DELAY_NS / 2, "%s: returned after %lu us, not asleep until "
          "the APIC timer", how, (unsigned long)(ns / 1000));
}

static void open_window(void)
{
    __asm__ __volatile__ ("sti; nop; nop; nop; cli" ::: "memory");
}

void test_main(void)
{
    uint64_t ns;

    setup();

    /* 1: a pending upcall nothing can deliver. */
    ticks = upcalls = 0;
    upcall_pending();
    slept("no callback, upcall pending, IF on", block_once(true));
    check_eq(ticks, 1, "1: APIC timer interrupts");
    lapic_write(apic, APIC_TMICT, 0);
    clear_events();

    /* 2: the callback vector blocked by IF. */
    if ( !check_rc_setup(set_callback(((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR
                                       << 56) | CB_VECTOR),
                         "HVM_PARAM_CALLBACK_IRQ") )
        return;
    ticks = upcalls = 0;
    upcall_pending();
    slept("callback vector, upcall pending, IF off", block_once(false));
    check_eq(upcalls, 0, "2: upcalls before IF is on");
    open_window();
    check_eq(upcalls, 1, "2: upcalls once IF is on");
    check_eq(ticks, 1, "2: APIC timer interrupts once IF is on");

    /* 3: an APIC interrupt pending, IF off. */
    ticks = selfs = 0;
    lapic_write(apic, APIC_ICR, APIC_ICR_SELF | SELF_VEC);
    slept("APIC interrupt pending, IF off", block_once(false));
    open_window();
    check_eq(selfs, 1, "3: self-IPI once IF is on");
    check_eq(ticks, 1, "3: APIC timer interrupts once IF is on");

    /* 4: the usual case: woken by an event through the callback vector. */
    {
        uint64_t due = pv_system_time(0) + DELAY_NS / 4;
        struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = due };

        upcalls = 0;
        lapic_write(apic, APIC_LVTT, APIC_LVT_MASKED | TIMER_VEC);
        check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
                 "set_singleshot_timer");
        __asm__ __volatile__ ("sti" ::: "memory");
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
        __asm__ __volatile__ ("cli" ::: "memory");
        ns = pv_system_time(0);
        check(ns >= due, "4: woke %lu ns before the timer",
              (unsigned long)(due - ns));
        check_eq(upcalls, 1, "4: upcalls after the VIRQ_TIMER wake-up");
    }
}

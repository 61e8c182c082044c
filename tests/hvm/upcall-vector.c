/*
 * upcall-vector.c - event upcalls through a per-vCPU vector
 * (HVMOP_set_evtchn_upcall_vector, as Linux uses it on PVH when the
 * hypervisor offers it): the vector is raised in the vCPU's local APIC,
 * so the handler acknowledges it with an EOI.
 *
 * With shared_info mapped, the local APIC software-enabled and an event
 * channel looped back to itself: after the vector is set, each send
 * interrupts the guest at that vector once interrupts are on (never
 * while they are off), the handler sees evtchn_upcall_pending and the
 * port, and after its EOI the vector is neither in service nor
 * requested; again for several rounds.  The domain-wide callback
 * (HVM_PARAM_CALLBACK_IRQ) stays unset throughout.  Moving vcpu_info
 * (VCPUOP_register_vcpu_info) marks an upcall pending, which raises the
 * vector as well, and sends go on working.  A bad vCPU or a
 * vector below 0x10 is refused (-ENOENT, -EINVAL).  Whether setting the
 * vector raises it once at once is not checked (Xen 4.17's releases
 * differ there).
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>
#include <public/errno.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

const char test_title[] = "upcall-vector: event upcalls through a per-vCPU APIC vector";

#define VECTOR 0xe3

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static volatile shared_info_t *const si = (volatile shared_info_t *)si_page;
static volatile uint32_t *apic;
static uint8_t vi_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
/* vCPU 0's vcpu_info: in shared_info, later moved to vi_page. */
static volatile struct vcpu_info *vi;
static volatile unsigned int upcalls, port_seen;
static evtchn_port_t port, send_port;

static bool port_pending(evtchn_port_t p)
{
    return si->evtchn_pending[p / 64] & (1UL << (p % 64));
}

static bool apic_bit(unsigned int map, unsigned int vec)
{
    return apic[(map + (vec / 32) * 16) / 4] & (1u << (vec % 32));
}

static void upcall(void)
{
    upcalls++;
    if ( vi->evtchn_upcall_pending && port_pending(port) )
        port_seen++;
    vi->evtchn_upcall_pending = 0;
    __atomic_store_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&si->evtchn_pending[port / 64], ~(1UL << (port % 64)),
                       __ATOMIC_SEQ_CST);
    apic[APIC_EOI / 4] = 0;
}

static long set_vector(uint32_t vcpu, uint8_t vector)
{
    struct xen_hvm_evtchn_upcall_vector u = { .vcpu = vcpu, .vector = vector };

    return hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_evtchn_upcall_vector, &u);
}

static void setup(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") ||
         !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                         "alloc_unbound") )
        xtest_exit();
    bi.remote_port = au.port;
    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi),
                         "bind_interdomain") )
        xtest_exit();
    port = au.port;
    send_port = bi.local_port;
    vi = &si->vcpu_info[0];
    vi->evtchn_upcall_mask = 0;
    pvh_set_irq_handler(VECTOR, upcall);
    apic = lapic_map();
    apic[APIC_SVR / 4] = APIC_SVR_ENABLE | 0xff;
}

static long send(void)
{
    struct evtchn_send s = { .port = send_port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &s);
}

/* Interrupts on for a moment: a pending interrupt is taken at once. */
static void window(void)
{
    __asm__ __volatile__ ("sti; nop; nop; nop; cli" ::: "memory");
    for ( unsigned int i = 0; i < 100; i++ )
        __asm__ __volatile__ ("sti; pause; cli" ::: "memory");
}

static void refused(void)
{
    check_eq(set_vector(1000, VECTOR), -XEN_ENOENT, "vCPU 1000");
    check_eq(set_vector(0, 0x0f), -XEN_EINVAL, "vector 0x0f");
    check_eq(set_vector(0, 0), -XEN_EINVAL, "vector 0");
}

/* Moving vcpu_info marks an upcall pending (the guest must rescan): that
 * raises the vector too; so do sends afterwards. */
static void move_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = {
        .mfn = ((unsigned long)vi_page - PV_VIRT_BASE) >> PAGE_SHIFT };
    unsigned int before = upcalls;

    if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), 0,
                   "register_vcpu_info") )
        return;
    vi = (volatile struct vcpu_info *)vi_page;
    window();
    check(upcalls == before + 1, "%u upcalls after moving vcpu_info, expected 1",
          upcalls - before);
    before = upcalls;
    check_eq(send(), 0, "send after the move");
    window();
    check(upcalls == before + 1, "%u upcalls for a send after the move",
          upcalls - before);
}

void test_main(void)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF,
                               .index = HVM_PARAM_CALLBACK_IRQ };

    refused();
    setup();
    if ( !check_eq(set_vector(0, VECTOR), 0, "set_evtchn_upcall_vector") )
        return;
    window();
    xtest_info("%u upcalls right after setting the vector", upcalls);
    /* Nothing left pending after that one (if any). */
    vi->evtchn_upcall_pending = 0;
    for ( unsigned int round = 0; round < 5; round++ )
    {
        unsigned int before = upcalls, seen = port_seen;

        check_eq(send(), 0, "send");
        for ( unsigned int i = 0; i < 1000; i++ )
            __asm__ __volatile__ ("pause");
        check_eq(upcalls, before, "an upcall with interrupts off");
        window();
        check(upcalls == before + 1, "round %u: %u upcalls, expected 1",
              round, upcalls - before);
        check(port_seen == seen + 1, "round %u: the handler did not see the port",
              round);
        check(!apic_bit(APIC_ISR, VECTOR) && !apic_bit(APIC_IRR, VECTOR),
              "round %u: vector still in ISR/IRR after the EOI", round);
    }
    move_vcpu_info();
    check_eq(hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, &p), 0,
             "get HVM_PARAM_CALLBACK_IRQ");
    check_eq(p.value, 0, "the domain-wide callback");
}

/*
 * evtchn-pingpong-fifo.c - dom0 <-> domU round trips on the FIFO event
 * ABI (the test itself is in pingpong.h).
 *
 * Both sides switch to FIFO first (control block and one event-array
 * page, every word MASKED, as Linux sets them up) and keep their ports
 * masked: a masked port is never linked into a queue, yet an event on it
 * must still set its PENDING bit and wake a vCPU polling on it -- the
 * way Linux's paravirtual spinlocks wait.
 *
 * pvtest-domU: name=peer,mem=16M self
 * pvtest-timeout: 120
 */
#include "pingpong.h"

const char test_title[] = "evtchn-pingpong-fifo: 10,000 round trips, FIFO ABI";

#define CB_PFN      16          /* free boot pages (see docs/pv-tests.md) */
#define ARRAY_PFN   17
#define P_BIT (1U << EVTCHN_FIFO_PENDING)
#define M_BIT (1U << EVTCHN_FIFO_MASKED)

static volatile event_word_t *array;

static void pingpong_abi_init(void)
{
    struct evtchn_init_control ic = { .control_gfn = pfn_to_mfn(CB_PFN),
                                      .vcpu = 0 };
    struct evtchn_expand_array ea = { .array_gfn = pfn_to_mfn(ARRAY_PFN) };

    memset((void *)pfn_to_va(CB_PFN), 0, PAGE_SIZE);
    array = (void *)pfn_to_va(ARRAY_PFN);
    for ( unsigned int i = 0; i < PAGE_SIZE / sizeof(event_word_t); i++ )
        array[i] = M_BIT;
    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic),
                         "EVTCHNOP_init_control") ||
         !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_expand_array, &ea),
                         "EVTCHNOP_expand_array") )
        xtest_exit();
}

static bool port_pending(evtchn_port_t port)
{
    return __atomic_load_n(&array[port], __ATOMIC_SEQ_CST) & P_BIT;
}

static void port_clear(evtchn_port_t port)
{
    __atomic_fetch_and(&array[port], ~P_BIT, __ATOMIC_SEQ_CST);
}

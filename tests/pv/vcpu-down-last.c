/*
 * vcpu-down-last.c - VCPUOP_down of the last vCPU that is up shuts the
 * domain down (poweroff), as on Xen 4.17: dom0 there halts the machine
 * when its only vCPU goes down (checked by hand on the oracle; a dom0
 * test cannot report after its own shutdown, hence a domU here).
 *
 * The domU brings vCPU 1 up, which takes itself down again: that one is
 * not the last, so the domain lives on.  Then vCPU 0 takes itself down:
 * the domain must shut down with reason poweroff (dom0 waits for that),
 * and the call must not return (the domU prints no result line of its
 * own unless it fails).  Ours only: boot-time domU.
 *
 * pvtest-domU: name=last,mem=16M,vcpus=2 self
 * pvtest-domU-result: none
 */
#include <pvtest.h>
#include "peer.h"

const char test_title[] = "vcpu-down-last: the last vCPU going down powers the domain off";

static uint8_t stack1[16384] __aligned(16);
static volatile bool v1_ran;

static void __noreturn second(unsigned int id)
{
    v1_ran = true;
    HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
    xtest_crash("vCPU %u runs after VCPUOP_down", id);
}

static void domu_main(void)
{
    uint64_t limit = pv_system_time(0) + 5 * NS_PER_S;
    long rc;

    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    while ( (!v1_ran || HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == 1) &&
            pv_system_time(0) < limit )
        pv_sleep_until(pv_system_time(0) + NS_PER_MS);
    if ( !check(v1_ran && HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == 0,
                "vCPU 1 did not run and go down") )
        return;
    xtest_info("vCPU 1 is down, the domain lives on; now vCPU 0");
    rc = HYPERVISOR_vcpu_op(VCPUOP_down, 0, NULL);
    xtest_fail("VCPUOP_down of the last vCPU returned %ld", rc);
}

void test_main(void)
{
    evtchn_port_t dom_exc;

    if ( !pv_is_initdomain() )
    {
        domu_main();
        return;
    }
    dom_exc = bind_dom_exc();
    expect_shutdown(1, dom_exc, 20 * NS_PER_S, SHUTDOWN_poweroff, false);
}

/*
 * runstate-read.c - VCPUOP_get_runstate_info of a vCPU that keeps
 * changing state is read whole.
 *
 * vCPU 1 blocks and wakes all the time (SCHEDOP_poll with a timeout
 * already past, and yields); vCPU 0 reads vCPU 1's runstate as fast as it
 * can.  The four times always add up to the time since vCPU 1 began
 * (system time at the read, within the read's own duration), so the sum
 * never goes back and never runs ahead of the clock.  A copy torn
 * between two states (the new state with the old entry time) counts the
 * same stretch twice.
 *
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>

#define RUN_NS (1 * NS_PER_S)

const char test_title[] = "runstate-read: another vCPU's runstate is never torn";

static uint8_t stack1[16384] __aligned(16);
static volatile bool stop;
static volatile unsigned long flips;

static void __noreturn flipper(unsigned int id)
{
    while ( !stop )
    {
        struct sched_poll p = { .nr_ports = 0, .timeout = 1 };

        HYPERVISOR_sched_op(SCHEDOP_poll, &p);
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        flips++;
    }
    for ( ; ; )
        HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
}

static uint64_t total(const struct vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

void test_main(void)
{
    struct vcpu_runstate_info r;
    uint64_t end, last = 0, worst_back = 0, worst_ahead = 0, base = 0;
    unsigned long reads = 0, back = 0, ahead = 0;

    if ( !check_rc_setup(pv_vcpu_start(1, flipper, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    end = pv_system_time(0) + RUN_NS;
    while ( pv_system_time(0) < end )
    {
        uint64_t t0 = pv_system_time(0), t1, sum;

        if ( HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 1, &r) )
        {
            xtest_error("VCPUOP_get_runstate_info failed");
            return;
        }
        t1 = pv_system_time(0);
        sum = total(&r);
        /* The sum is the time since vCPU 1 was created, as of a moment
         * between t0 and t1: base is the earliest that creation can be,
         * from the first read (t1 would be late by however long vCPU 0
         * was kept off its CPU after the call). */
        if ( !base )
            base = t0 - sum;
        if ( sum < last )
        {
            back++;
            if ( last - sum > worst_back )
                worst_back = last - sum;
        }
        if ( base + sum > t1 + 1000 * 1000 )
        {
            ahead++;
            if ( base + sum - t1 > worst_ahead )
                worst_ahead = base + sum - t1;
        }
        last = sum;
        reads++;
    }
    stop = true;
    printf("%lu reads, %lu state flips: total went back %lu times (worst"
           " %lu us), ran ahead of the clock %lu times (worst %lu us)\n",
           reads, (unsigned long)flips, back,
           (unsigned long)(worst_back / 1000), ahead,
           (unsigned long)(worst_ahead / 1000));
    check(!back, "vCPU 1's runstate total went back %lu times", back);
    check(!ahead, "vCPU 1's runstate total ran ahead %lu times", ahead);
}

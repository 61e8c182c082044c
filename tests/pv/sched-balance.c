/*
 * sched-balance.c - proportional share across two physical CPUs, which
 * needs load balancing (ours only: the domains are boot-time domUs).
 *
 * Two domUs with two spinning vCPUs each, weights 256 and 512.  Of the
 * 2 CPUs' time the light one must get a third and the heavy one two
 * thirds (within 10%): the heavy domain's vCPUs only get that by running
 * on both CPUs most of the time, so vCPUs must move between CPUs as the
 * credit runs out.
 *
 * pvtest-smp: 2
 * pvtest-domU: name=light,mem=8M,vcpus=2,weight=256 self
 * pvtest-domU: name=heavy,mem=8M,vcpus=2,weight=512 self
 */
#include "sched-share.h"

#define WINDOW (3 * NS_PER_S)

const char test_title[] = "sched-balance: weights 256:512, 2 vCPUs each, 2 CPUs";

void test_main(void)
{
    uint64_t ran[2], wall;

    if ( !pv_is_initdomain() )
        domu_spin();
    wall = measure(2, ran, WINDOW);
    printf("weights 256:512 on 2 CPUs: %lu : %lu ms of 2 x %lu ms\n",
           (unsigned long)(ran[0] / NS_PER_MS), (unsigned long)(ran[1] / NS_PER_MS),
           (unsigned long)(wall / NS_PER_MS));
    check(ran[0] > 0 && within_10pc(ran[1], ran[0], 2, 1),
          "CPU time %lu : %lu ms is not 1:2 within 10%%",
          (unsigned long)(ran[0] / NS_PER_MS), (unsigned long)(ran[1] / NS_PER_MS));
    check(within_10pc(ran[0] + ran[1], 2 * wall, 1, 1),
          "the four spinners used %lu of 2 x %lu ms",
          (unsigned long)((ran[0] + ran[1]) / NS_PER_MS),
          (unsigned long)(wall / NS_PER_MS));
}

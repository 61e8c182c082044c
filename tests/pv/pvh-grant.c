/*
 * pvh-grant.c - a PV dom0 maps a page a PVH domU granted it.
 *
 * The domU (tests/hvm/grant as a domU) names the page in its grant entry
 * by guest-physical frame number; the hypervisor must translate it
 * through the domU's p2m (a PV granter's frame is the machine frame).
 * dom0 retries the mapping until the domU has granted (read-only,
 * reference 10), checks the page's contents, waits for the domU's write
 * of the page's first word (the domU saw the mapping), unmaps, checks
 * that a writable mapping is refused, and waits for the domU's poweroff (the
 * domU checks it saw the mapping come and go).  Ours only (boot-time
 * domUs).
 *
 * pvtest-cpu: qemu64,+smep,+smap,+svm,+npt
 * pvtest-domU: name=granter,mem=16M,type=pvh tests/hvm/build/grant.elf
 */
#include <pvtest.h>
#include <public/grant_table.h>
#include "peer.h"

const char test_title[] = "pvh-grant: PV dom0 maps a PVH domU's grant";

#define DOMU 1
#define REF 10
#define PFN_MAP 0x50

void test_main(void)
{
    evtchn_port_t exc = bind_dom_exc();
    uint64_t deadline = pv_system_time(0) + 20 * NS_PER_S;
    volatile uint64_t *p = (volatile uint64_t *)pfn_to_va(PFN_MAP);
    grant_handle_t h;
    int16_t st;

    while ( (st = peer_map(DOMU, REF, PFN_MAP, GNTMAP_host_map | GNTMAP_readonly,
                           &h)) != GNTST_okay && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    if ( !check_eq(st, GNTST_okay, "mapping the domU's grant") )
        xtest_exit();
    check_eq(p[3], 0x6772616e74000003UL, "word 3 of the granted page");
    check_eq(p[511], 0x6772616e740001ffUL, "word 511 of the granted page");
    /* The domU writes its page's first word once it saw the mapping. */
    while ( p[0] != 0x5a5a5a5a5a5a5a5aUL && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check_eq(p[0], 0x5a5a5a5a5a5a5a5aUL, "the domU's write, seen through the grant");
    check_eq(peer_unmap(PFN_MAP, h), GNTST_okay, "unmapping it");
    check(peer_map(DOMU, REF, PFN_MAP, GNTMAP_host_map, &h) != GNTST_okay,
          "a writable mapping of a read-only grant");
    expect_shutdown(DOMU, exc, 30 * NS_PER_S, SHUTDOWN_poweroff, false);
}

/*
 * domain-race.c - hypercalls aimed at a domain while another vCPU
 * destroys it.
 *
 * vCPU 0 creates a domain with a fixed id, gives it pages and an event
 * channel, and destroys it, many times over.  vCPU 1 meanwhile keeps
 * naming that id in every kind of call that looks a domain up: grant
 * table size and version, reservation queries, populate_physmap,
 * getvcpuinfo, an unbound event channel in it, and mmu_update with it as
 * the foreign domain.  A call that finds the domain must be able to use
 * it to the end (the hypervisor holds a reference); one that does not
 * gets the usual "no such domain" answer (or, on Xen, "dying").  At the
 * end the hypervisor answers, every answer seen was one of the legal
 * ones, and the machine has its free pages back.  A stress test: the
 * use-after-free that domain references prevent did not show itself here
 * under QEMU TCG before they existed (the window is a few instructions).
 *
 * pvtest-smp: 2
 * pvtest-timeout: 120
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>

#define TARGET   42
#define CYCLES   150
#define PAGES    16

const char test_title[] = "domain-race: lookups of a domain being destroyed";

static char stack1[16384] __attribute__((aligned(16)));
static volatile bool go, stop;
static volatile unsigned long calls, strange;
static volatile long last_strange;
static const char *volatile last_call;
#define POKE_EXTENTS 256
static xen_pfn_t frames[PAGES], frames1[POKE_EXTENTS];

static void note(const char *call, long rc, bool ok)
{
    calls++;
    if ( !ok )
    {
        strange++;
        last_strange = rc;
        last_call = call;
    }
}

/* One round of lookups of TARGET; each answer must be a legal one. */
static void poke(void)
{
    struct gnttab_query_size qs = { .dom = TARGET };
    struct gnttab_get_version gv = { .dom = TARGET };
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = TARGET };
    struct evtchn_alloc_unbound au = { .dom = TARGET, .remote_dom = 0 };
    /* Many extents: a long stretch of work on the domain per lookup. */
    struct xen_memory_reservation r = { .nr_extents = POKE_EXTENTS,
                                        .domid = TARGET };
    domid_t id = TARGET;
    long rc;

    rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1);
    note("query_size", rc, !rc && (qs.status == GNTST_okay || qs.status == GNTST_bad_domain));
    rc = HYPERVISOR_grant_table_op(GNTTABOP_get_version, &gv, 1);
    note("get_version", rc, !rc || rc == -XEN_ESRCH);
    rc = HYPERVISOR_memory_op(XENMEM_current_reservation, &id);
    note("current_reservation", rc, rc >= 0 || rc == -XEN_ESRCH);
    for ( unsigned int i = 0; i < POKE_EXTENTS; i++ )
        frames1[i] = 0x100 + i;
    set_xen_guest_handle(r.extent_start, frames1);
    rc = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
    note("populate_physmap", rc, rc >= 0 && rc <= POKE_EXTENTS);
    rc = HYPERVISOR_domctl(&dc);
    note("getvcpuinfo", rc, !rc || rc == -XEN_ESRCH || rc == -XEN_EINVAL ||
             rc == -XEN_ENOENT);
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
    note("alloc_unbound", rc, !rc || rc == -XEN_ESRCH || rc == -XEN_ENOSPC ||
                             rc == -XEN_EINVAL);      /* Xen: dying */
    rc = HYPERVISOR_mmu_update(NULL, 0, NULL, TARGET);
    note("mmu_update", rc, !rc || rc == -XEN_ESRCH);
}

static void __noreturn second(unsigned int id)
{
    (void)id;
    while ( !go )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    while ( !stop )
        poke();
    go = false;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

/* Create TARGET, give it pages and a channel, destroy it. */
static bool cycle(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain, .domain = TARGET };
    struct xen_memory_reservation r = { .nr_extents = PAGES, .domid = TARGET };
    struct evtchn_alloc_unbound au = { .dom = TARGET, .remote_dom = 0 };
    long rc;

    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_evtchn_port = 1023;
    dc.u.createdomain.max_grant_frames = 4;
    dc.u.createdomain.max_maptrack_frames = 16;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "createdomain") )
        return false;
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_vcpus, .domain = TARGET };
    dc.u.max_vcpus.max = 1;
    check_rc_setup(HYPERVISOR_domctl(&dc), "max_vcpus");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = TARGET };
    dc.u.max_mem.max_memkb = 4 * 8192;     /* room for vCPU 1's extras */
    check_rc_setup(HYPERVISOR_domctl(&dc), "max_mem");
    for ( unsigned int i = 0; i < PAGES; i++ )
        frames[i] = i;
    set_xen_guest_handle(r.extent_start, frames);
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), PAGES,
             "populate_physmap");
    /* vCPU 1's channels may have filled the domain's ports already. */
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
    check(!rc || rc == -XEN_ENOSPC, "alloc_unbound in the new domain: %ld", rc);
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = TARGET };
    return check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain");
}

void test_main(void)
{
    uint64_t before, deadline;
    unsigned int i;

    before = free_pages();
    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    go = true;
    for ( i = 0; i < CYCLES && cycle(); i++ )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    stop = true;
    deadline = pv_system_time(0) + 10 * NS_PER_S;
    while ( go && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    printf("%u cycles, %lu calls from vCPU 1\n", i, calls);
    check(!go, "vCPU 1 did not stop");
    check_eq(i, CYCLES, "create/destroy cycles completed");
    check(calls > CYCLES, "vCPU 1 made only %lu calls", calls);
    check(!strange, "%lu answers that no live or absent domain gives "
          "(last: %s %ld)", strange, last_call, last_strange);
    if ( hv_is_xen() )
        return;     /* Xen frees a dead domain's pages in the background */
    check_eq(free_pages(), before, "free pages after the last destroy");
}

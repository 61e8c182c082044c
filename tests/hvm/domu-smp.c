/*
 * domu-smp.c - isolation between HVM domains that share CPUs: this image
 * as PVH dom0 and twice as a PVH domU, three vCPUs on two CPUs.  Both
 * domUs use the same guest-physical addresses for different memory, so a
 * translation left over from one (a reused ASID without a flush, a VMCB
 * or nested table mixed up on a switch or a move between CPUs) would
 * show the other's data.  Each domU fills a buffer with a pattern made of
 * its domain id, then for two seconds of system time keeps checking
 * it, yielding (switches) and calling the hypervisor in between, and
 * checks that CPUID still reports its own domain id and its vCPU's
 * initial APIC ID (0), whichever CPU it runs on.  dom0 spins for
 * three seconds; the runner wants each domU's SUCCESS.  Ours only.
 * Times are system time (the pvclock in shared_info), not TSC cycles,
 * so the run is as long on any TSC rate (Bochs counts one cycle per
 * instruction: there, VMX with the VMCS moving between two CPUs).
 *
 * pvtest-smp: 2
 * pvtest-domU: name=pvh1,mem=16M,type=pvh self
 * pvtest-domU: name=pvh2,mem=16M,type=pvh self
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/time.h>

const char test_title[] = "domu-smp: two PVH domUs and a PVH dom0 on two CPUs";

#define WORDS (64 * 1024 / 8)

static uint64_t buf[WORDS];
static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

/* shared_info at si_page, for pv_system_time(). */
static void map_time(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;
}

static uint32_t my_domid(void)
{
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 4, 0, &r);
    return r.c;
}

static uint32_t apic_id(void)
{
    struct cpuid_regs r;

    cpuid_native(1, 0, &r);
    return r.b >> 24;
}

static void as_domu(void)
{
    uint32_t id = my_domid();
    uint64_t end = pv_system_time(0) + 2 * NS_PER_S;
    uint64_t rounds = 0, bad = 0, apic_bad = 0;

    for ( unsigned int i = 0; i < WORDS; i++ )
        buf[i] = ((uint64_t)id << 32) | i;
    while ( pv_system_time(0) < end )
    {
        for ( unsigned int i = 0; i < WORDS; i += 61 )
            if ( buf[i] != (((uint64_t)id << 32) | i) )
                bad++;
        if ( my_domid() != id )
            bad++;
        if ( apic_id() != 0 )           /* vCPU 0, on either CPU */
            apic_bad++;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        HYPERVISOR_xen_version(XENVER_version, NULL);
        rounds++;
    }
    xtest_info("domain %u: %lu rounds, %lu mismatches", id,
               (unsigned long)rounds, (unsigned long)bad);
    check(id != 0, "a domU with domain id 0");
    check_eq(bad, 0, "foreign or stale data seen");
    check_eq(apic_bad, 0, "rounds where vCPU 0's initial APIC ID was not 0");
}

static void as_dom0(void)
{
    uint64_t end = pv_system_time(0) + 3 * NS_PER_S;

    while ( pv_system_time(0) < end )
        __asm__ __volatile__ ("pause");
    xtest_info("dom0 done");
}

void test_main(void)
{
    map_time();
    if ( pvh_start_info->flags & SIF_INITDOMAIN )
        as_dom0();
    else
        as_domu();
}

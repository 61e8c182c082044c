/*
 * bench-hvm.c - the PVH benchmark kernel of `make bench`
 * (tests/bench/run.sh boots it as dom0=pvh under -cpu qemu64,+svm,+npt).
 *
 *   hvm_null_hypercall   one XENVER_version hypercall through the hypercall
 *                        page (vmmcall): an exit, the dispatch, an entry
 *   hvm_exit_round_trip  one CPUID of the hypervisor leaf: an exit handled
 *                        without any hypercall machinery
 * Each value is the median of several batches, in nanoseconds of pvclock
 * time (shared_info mapped with add_to_physmap).  Nothing passes or fails.
 */
#include <pvtest.h>
#include <pv/pvh.h>

#define BATCHES 5
#define N 20000

const char test_title[] = "bench-hvm: HVM hypercall and exit costs";

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static uint64_t median(uint64_t *v, unsigned int n)
{
    for ( unsigned int i = 1; i < n; i++ )
        for ( unsigned int j = i; j && v[j - 1] > v[j]; j-- )
        {
            uint64_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v[n / 2];
}

static void measure(const char *name, void (*op)(void))
{
    uint64_t per[BATCHES];

    for ( unsigned int b = 0; b < BATCHES; b++ )
    {
        uint64_t t0 = pv_system_time(0);

        for ( unsigned int i = 0; i < N; i++ )
            op();
        per[b] = (pv_system_time(0) - t0) / N;
    }
    printf("BENCH %s %lu ns\n", name, (unsigned long)median(per, BATCHES));
}

static void null_hypercall(void)
{
    HYPERVISOR_xen_version(XENVER_version, NULL);
}

static void cpuid_exit(void)
{
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base, 0, &r);
}

void test_main(void)
{
    struct xen_add_to_physmap a = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
        .gpfn = ((unsigned long)si_page - PV_VIRT_BASE) >> PAGE_SHIFT };

    if ( HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a) )
    {
        printf("BENCH-ERROR add_to_physmap(shared_info) failed\n");
        return;
    }
    shared_info = (shared_info_t *)si_page;
    measure("hvm_null_hypercall", null_hypercall);
    measure("hvm_exit_round_trip", cpuid_exit);
    printf("BENCH-DONE\n");
}

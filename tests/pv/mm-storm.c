/*
 * mm-storm.c - page-table pins and base-pointer switches on two vCPUs at
 * once.
 *
 * Each vCPU owns a copy of the kernel's L4 (a read-only page of its own,
 * pinned) and an L1 table, and for a while, concurrently with the other:
 * unpins and re-pins its L1 (validating it each time), switches its base
 * pointer between the boot L4 and its copy (NEW_BASEPTR, which takes and
 * drops L4 type references of a shared L3 tree), and flushes every CPU's
 * TLB (MMUEXT_TLB_FLUSH_ALL).  Every call must succeed and nothing may be
 * left behind: afterwards each table unpins once more, then no longer
 * (-EINVAL), and its frame can be mapped writable again.
 * pvtest-timeout: 90
 */
#include <pvtest.h>
#include <public/errno.h>
#include <pv/mmops.h>

const char test_title[] = "mm-storm: pins and base pointers on two vCPUs";

#define ROUNDS   300
#define PFN_L4(v)  (0x50 + (v) * 2)     /* each vCPU's L4 copy */
#define PFN_L1(v)  (0x51 + (v) * 2)     /* ... and its L1 */
#define PTE_RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO   (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned long failures[2], done[2];
static volatile bool go;

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG);
}

/* Set up vCPU v's tables (on vCPU 0, before the storm). */
static bool prepare(unsigned int v)
{
    uint64_t *l4 = (uint64_t *)pfn_to_va(PFN_L4(v));
    uint64_t *l1 = (uint64_t *)pfn_to_va(PFN_L1(v));
    const uint64_t *boot = (const uint64_t *)start_info->pt_base;

    remap(PFN_L4(v), PTE_RW);
    remap(PFN_L1(v), PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
    {
        l4[i] = boot[i];           /* the hypervisor keeps its own slots */
        l1[i] = 0;
    }
    l1[3] = (pfn_to_mfn(0x60 + v) << PAGE_SHIFT) | PTE_RO | _PAGE_USER;
    return check_rc_setup(remap(PFN_L4(v), PTE_RO), "L4 copy read-only") &&
           check_rc_setup(remap(PFN_L1(v), PTE_RO), "L1 read-only") &&
           check_rc_setup(mmuext(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(PFN_L4(v))),
                          "pinning an L4 copy") &&
           check_rc_setup(mmuext(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(PFN_L1(v))),
                          "pinning an L1");
}

static void storm(unsigned int v)
{
    unsigned long boot = va_to_mfn(start_info->pt_base);
    unsigned long l4 = pfn_to_mfn(PFN_L4(v)), l1 = pfn_to_mfn(PFN_L1(v));

    for ( unsigned int i = 0; i < ROUNDS; i++ )
    {
        failures[v] += mmuext(MMUEXT_UNPIN_TABLE, l1) != 0;
        failures[v] += mmuext(MMUEXT_PIN_L1_TABLE, l1) != 0;
        failures[v] += mmuext(MMUEXT_NEW_BASEPTR, l4) != 0;
        failures[v] += mmuext(MMUEXT_TLB_FLUSH_ALL, 0) != 0;
        failures[v] += mmuext(MMUEXT_NEW_BASEPTR, boot) != 0;
    }
    done[v] = 1;
}

static void __noreturn second(unsigned int id)
{
    while ( !go )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    storm(id);
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

void test_main(void)
{
    uint64_t deadline;

    if ( !prepare(0) || !prepare(1) )
        return;
    if ( !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    go = true;
    storm(0);
    deadline = pv_system_time(0) + 30 * NS_PER_S;
    while ( !done[1] && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(done[1], "vCPU 1 did not finish its storm");
    for ( unsigned int v = 0; v < 2; v++ )
    {
        check_eq(failures[v], 0, "failed calls in a storm");
        check_eq(mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_L1(v))), 0, "last L1 unpin");
        check_eq(mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_L4(v))), 0, "L4 unpin");
        check_eq(mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_L1(v))), -XEN_EINVAL,
                 "unpin of an unpinned L1");
        check_eq(remap(PFN_L1(v), PTE_RW), 0, "the L1 frame writable again");
        check_eq(remap(PFN_L4(v), PTE_RW), 0, "the L4 frame writable again");
    }
}

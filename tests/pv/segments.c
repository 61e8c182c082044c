/*
 * segments.c - data segment selectors belong to their vCPU: two vCPUs
 * sharing one physical CPU (-smp 1) each keep their own %es and %ds
 * across hundreds of switches between them.
 *
 * vCPU 0 has a GDT of its own (set_gdt) with a data descriptor and loads
 * that selector; vCPU 1 has none and runs with null selectors.  Each
 * yields to the other and checks, every time it runs again, that its
 * selectors are the ones it left.
 *
 * pvtest-smp: 1
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "segments: selectors survive switches between vCPUs";

#define PFN_G    0x20
#define ROUNDS   200
#define SEL      0x13            /* entry 2 of vCPU 0's GDT, RPL 3 */
#define PTE_RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO   (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned int wrong[2], rounds[2];
static volatile bool stop;

#define read_sel(seg) ({ uint16_t s_;                                        \
                         __asm__ volatile ( "mov %%" seg ", %0" : "=r" (s_) ); \
                         s_; })

static void __noreturn second(unsigned int id)
{
    (void)id;
    __asm__ volatile ( "mov %0, %%es; mov %0, %%ds" :: "r" (0) );
    while ( !stop )
    {
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        wrong[1] += read_sel("es") != 0 || read_sel("ds") != 0;
        rounds[1]++;
    }
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

void test_main(void)
{
    volatile uint64_t *g = (volatile uint64_t *)pfn_to_va(PFN_G);
    xen_pfn_t mfn = pfn_to_mfn(PFN_G);
    uint16_t old_es = read_sel("es"), old_ds = read_sel("ds");

    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G), (mfn << 12) | PTE_RW,
                                 UVMF_INVLPG);
    for ( unsigned int i = 0; i < 512; i++ )
        g[i] = 0;
    g[2] = 0x00cff2000000ffffULL;            /* data, DPL 3 */
    HYPERVISOR_update_va_mapping(pfn_to_va(PFN_G), (mfn << 12) | PTE_RO,
                                 UVMF_INVLPG);
    if ( !check_rc_setup(HYPERVISOR_set_gdt(&mfn, 512), "set_gdt") ||
         !check_rc_setup(pv_vcpu_start(1, second, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    __asm__ volatile ( "mov %0, %%es; mov %0, %%ds" :: "r" (SEL) );
    for ( unsigned int i = 0; i < ROUNDS; i++ )
    {
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        wrong[0] += read_sel("es") != SEL || read_sel("ds") != SEL;
    }
    stop = true;
    __asm__ volatile ( "mov %0, %%es" :: "r" (old_es) );
    __asm__ volatile ( "mov %0, %%ds" :: "r" (old_ds) );
    printf("vCPU 1 ran %u rounds\n", rounds[1]);
    check(rounds[1] > 10, "vCPU 1 hardly ran (%u rounds)", rounds[1]);
    check_eq(wrong[0], 0, "times vCPU 0 found other selectors");
    check_eq(wrong[1], 0, "times vCPU 1 found other selectors");
    check_eq(HYPERVISOR_set_gdt(NULL, 0), 0, "set_gdt back to none");
}

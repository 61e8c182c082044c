/*
 * smp32.c - vCPU 1 of a PVH guest started in 32-bit protected mode:
 * VCPUOP_initialise with Xen's vcpu_hvm_context in VCPU_HVM_MODE_32B
 * (flat 4 GiB segments given as base, limit and attributes, a busy TSS,
 * CR0 = PE|ET, paging off), then VCPUOP_up.  vCPU 1 runs a 32-bit stub at
 * the given eip, on the given stack, with the given general registers
 * (it stores ebx, ebp and its esp where esi points), then takes itself
 * down with a vcpu_op hypercall from 32-bit code through the hypercall
 * page (ebx, ecx, edx arguments); VCPUOP_up resumes it after the call.
 * A 32-bit context with long mode in EFER is refused.
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>
#include <public/hvm/hvm_vcpu.h>

const char test_title[] = "smp32: vCPU 1 started in 32-bit protected mode";

struct ap_report {
    uint32_t ebx, ebp, esp, stage;
};

static volatile struct ap_report report;
static uint8_t ap_stack[4096] __aligned(16);

void ap32_entry(void);

/* esi: the report (physical), edi: the vcpu_op stub (physical). */
__asm__ (
    "    .pushsection .text\n"
    "    .code32\n"
    "    .globl ap32_entry\n"
    "ap32_entry:\n"
    "    movl %ebx, 0(%esi)\n"
    "    movl %ebp, 4(%esi)\n"
    "    movl %esp, 8(%esi)\n"
    "    movl $1, 12(%esi)\n"
    "    movl $2, %ebx\n"                   /* VCPUOP_down */
    "    movl $1, %ecx\n"                   /* vCPU 1 */
    "    xorl %edx, %edx\n"
    "    call *%edi\n"
    "    movl $2, 12(%esi)\n"               /* resumed by VCPUOP_up */
    "    movl $2, %ebx\n"
    "    movl $1, %ecx\n"
    "    xorl %edx, %edx\n"
    "    call *%edi\n"
    "1:  cli\n"
    "    hlt\n"
    "    jmp 1b\n"
    "    .code64\n"
    "    .popsection\n");

static uint32_t phys(const volatile void *p)
{
    return (unsigned long)p - PV_VIRT_BASE;
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

static bool wait_stage(uint32_t stage)
{
    uint64_t start = tsc();

    while ( report.stage < stage )
    {
        if ( tsc() - start > 40000000000ULL )
            return false;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static bool wait_down(void)
{
    uint64_t start = tsc();

    while ( HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == 1 )
    {
        if ( tsc() - start > 40000000000ULL )
            return false;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

void test_main(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_32B };
    struct vcpu_hvm_x86_32 *r = &c.cpu_regs.x86_32;
    uint32_t stack_top = phys(ap_stack + sizeof(ap_stack));

    if ( HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == -XEN_ENOENT )
    {
        xtest_error("dom0 has one vCPU");
        return;
    }
    r->eip = phys((void *)ap32_entry);
    r->esp = stack_top;
    r->ebx = 0x11223344;
    r->ebp = 0x55667788;
    r->esi = phys(&report);
    r->edi = pvh_hypercall_page_gpa() + __HYPERVISOR_vcpu_op * 32;
    r->eflags = 2;
    r->cr0 = 0x11;                                  /* PE, ET */
    r->cs_limit = r->ds_limit = r->ss_limit = r->es_limit = 0xffffffff;
    r->cs_ar = 0xc9b;
    r->ds_ar = r->ss_ar = r->es_ar = 0xc93;
    r->tr_limit = 0x67;
    r->tr_ar = 0x8b;

    r->efer = 1u << 10;                             /* LMA */
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EINVAL,
             "32-bit context with EFER.LMA");
    r->efer = 0;
    if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), 0,
                   "VCPUOP_initialise (32-bit)") ||
         !check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up") )
        return;
    if ( !check(wait_stage(1), "vCPU 1 never ran") )
        return;
    check_eq(report.ebx, 0x11223344, "vCPU 1's ebx");
    check_eq(report.ebp, 0x55667788, "vCPU 1's ebp");
    check_eq(report.esp, stack_top, "vCPU 1's esp");
    check(wait_down(), "vCPU 1 did not go down");
    check_eq(report.stage, 1, "vCPU 1 ran on after VCPUOP_down");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up again");
    check(wait_stage(2), "vCPU 1 did not resume after VCPUOP_up");
    check(wait_down(), "vCPU 1 did not go down again");
}

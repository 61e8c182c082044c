/*
 * smp.c - a second vCPU of a PVH guest: PVH dom0 on two CPUs (QEMU
 * -smp 2, dom0 gets two vCPUs) brings up vCPU 1 with VCPUOP_initialise
 * (Xen's vcpu_hvm_context, 64-bit mode: vCPU 0's paging, its own stack)
 * and VCPUOP_up, as Linux does for its secondary CPUs.
 *
 * Checked: the refusals (an unknown mode, a 64-bit context without
 * paging, a 32-bit one whose CS is not present or not code, a vCPU that
 * does not exist, a second initialise -EEXIST);
 * vCPU 1 runs at the given rip with the given registers and sees its own
 * local APIC (xAPIC ID 2, CPUID initial APIC ID 2, enabled, not BSP) and
 * the library's pv_vcpu_id() says 1 there, 0 on vCPU 0; a fixed IPI from
 * vCPU 0 to APIC ID 2 interrupts vCPU 1, which answers with an IPI to
 * APIC ID 0, and "all but self" reaches it too; a p2m change made by
 * vCPU 0 (shared_info moved over a page by XENMEM_add_to_physmap) is
 * seen by vCPU 1, spinning on that page in the guest, as soon as the
 * hypercall has returned (it must have been made to flush its nested
 * TLB; under QEMU's TCG this part passed even without the cross-CPU
 * flush, so it guards hardware only);
 * VCPUOP_down of itself stops vCPU 1 (is_up 0), VCPUOP_up resumes it
 * after its hypercall; in x2APIC mode vCPU 1's ID is 2 and its logical
 * ID 4 (cluster 0, bit 2: made from the x2APIC ID).
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>
#include <public/errno.h>
#include <public/hvm/hvm_vcpu.h>

const char test_title[] = "smp: vCPU 1 by VCPUOP_initialise/up, IPIs, TLB";

#define VEC_TO_AP   0x60
#define VEC_TO_BSP  0x61
#define MARKER      0x5a5a5a5a5a5a5a5aUL

static volatile uint32_t *apic;
static struct { uint16_t limit; uint64_t base; } __packed bsp_gdtr, bsp_idtr;
static uint8_t ap_stack[16384] __aligned(16);
static uint64_t remap_page[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static volatile unsigned int ap_alive, ap_got, bsp_got, ap_stage, bsp_stage;
static volatile uint64_t ap_rbx, ap_apic_id, ap_cpuid_id, ap_x2_id, ap_x2_ldr;
static volatile unsigned int ap_vcpu_id = ~0u;
static volatile uint64_t ap_seen_after, ap_back, ap_base;

void ap_entry(void);
void ap_main(uint64_t rdi);

/* vCPU 1 starts here in 64-bit mode with vCPU 0's paging: load vCPU 0's
 * descriptor tables and a real code selector (interrupt frames keep CS),
 * then C. */
__asm__ (
    "    .pushsection .text\n"
    "    .globl ap_entry\n"
    "ap_entry:\n"
    "    lgdt bsp_gdtr(%rip)\n"
    "    lidt bsp_idtr(%rip)\n"
    "    pushq $0x08\n"
    "    leaq 1f(%rip), %rax\n"
    "    pushq %rax\n"
    "    lretq\n"
    "1:  movl $0x10, %eax\n"
    "    movl %eax, %ds\n"
    "    movl %eax, %es\n"
    "    movl %eax, %ss\n"
    "    movq %rbx, ap_rbx(%rip)\n"
    "    call ap_main\n"
    "2:  hlt\n"
    "    jmp 2b\n"
    "    .popsection\n");

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Spin with interrupts on until *flag >= want or about 20 s of TSC. */
static bool wait_for(volatile unsigned int *flag, unsigned int want)
{
    uint64_t start = tsc();

    while ( *flag < want )
    {
        if ( tsc() - start > 40000000000ULL )
            return false;
        __asm__ __volatile__ ("sti; pause; cli" ::: "memory");
    }
    return true;
}

static int isr_vector(void)
{
    for ( int w = 7; w >= 0; w-- )
    {
        uint32_t bits = lapic_read(apic, APIC_ISR + w * 16);

        if ( bits )
            return w * 32 + 31 - __builtin_clz(bits);
    }
    return -1;
}

/* Both vCPUs: each sees its own APIC at the same address. */
static void irq(void)
{
    int vec = isr_vector();

    if ( vec == VEC_TO_AP )
        ap_got++;
    else if ( vec == VEC_TO_BSP )
        bsp_got++;
    lapic_write(apic, APIC_EOI, 0);
}

static void send(uint32_t dest_id, uint32_t icr)
{
    lapic_write(apic, APIC_ICR2, dest_id << 24);
    lapic_write(apic, APIC_ICR, icr);
}

static void cpuid1(uint32_t r[4])
{
    __asm__ __volatile__ ("cpuid" : "=a" (r[0]), "=b" (r[1]), "=c" (r[2]),
                          "=d" (r[3]) : "a" (1), "c" (0));
}

void ap_main(uint64_t rdi)
{
    uint32_t r[4];
    uint64_t v = 0;

    (void)rdi;
    ap_apic_id = lapic_read(apic, APIC_ID);
    ap_base = pvh_rdmsr(MSR_APIC_BASE);
    cpuid1(r);
    ap_cpuid_id = r[1] >> 24;
    ap_vcpu_id = pv_vcpu_id();
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    ap_alive = 1;

    /* Answer each IPI from vCPU 0 with one back. */
    for ( unsigned int answered = 0; answered < 2; answered++ )
    {
        wait_for(&ap_got, answered + 1);
        send(0, VEC_TO_BSP);
    }

    /* The TLB: keep reading the page until vCPU 0 says it moved. */
    ap_stage = 1;
    while ( bsp_stage < 1 )
        (void)*(volatile uint64_t *)&remap_page[256];
    ap_seen_after = *(volatile uint64_t *)&remap_page[256];
    ap_stage = 2;

    /* x2APIC: vCPU 1's ID and LDR. */
    probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN | APIC_BASE_EXTD);
    probe_rdmsr(0x802, &v);
    ap_x2_id = v;
    probe_rdmsr(0x80d, &v);
    ap_x2_ldr = v;
    ap_stage = 3;

    HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL);
    ap_back = 1;                        /* after VCPUOP_up again */
    HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL);
    for ( ;; )
        __asm__ __volatile__ ("cli; hlt");
}

static unsigned long read_cr(unsigned int n)
{
    unsigned long v = 0;

    switch ( n )
    {
    case 0: __asm__ __volatile__ ("mov %%cr0, %0" : "=r" (v)); break;
    case 3: __asm__ __volatile__ ("mov %%cr3, %0" : "=r" (v)); break;
    case 4: __asm__ __volatile__ ("mov %%cr4, %0" : "=r" (v)); break;
    }
    return v;
}

static void refusals(struct vcpu_hvm_context *good)
{
    struct vcpu_hvm_context c = *good;

    c.mode = 5;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EINVAL,
             "initialise with mode 5");
    c = *good;
    c.cpu_regs.x86_64.cr0 &= ~0x80000000UL;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EINVAL,
             "64-bit context without paging");
    c = (struct vcpu_hvm_context){ .mode = VCPU_HVM_MODE_32B };
    c.cpu_regs.x86_32.cr0 = 0x11;                   /* PE|ET */
    c.cpu_regs.x86_32.cs_limit = c.cpu_regs.x86_32.ss_limit = ~0u;
    c.cpu_regs.x86_32.ss_ar = 0xc93;
    c.cpu_regs.x86_32.tr_ar = 0x8b;
    c.cpu_regs.x86_32.cs_ar = 0;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EINVAL,
             "32-bit context with a not-present CS");
    c.cpu_regs.x86_32.cs_ar = 0xc93;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EINVAL,
             "32-bit context with a data segment for CS");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 2, good), -XEN_ENOENT,
             "initialise of vCPU 2");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "vCPU 1 up after refused contexts");
}

static bool bring_up(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_64B };

    __asm__ __volatile__ ("sgdt %0; sidt %1" : "=m" (bsp_gdtr), "=m" (bsp_idtr));
    c.cpu_regs.x86_64.rip = (unsigned long)ap_entry;
    c.cpu_regs.x86_64.rsp = (unsigned long)(ap_stack + sizeof(ap_stack));
    c.cpu_regs.x86_64.rbx = 0x1234567890UL;
    c.cpu_regs.x86_64.rflags = 2;
    c.cpu_regs.x86_64.cr0 = read_cr(0);
    c.cpu_regs.x86_64.cr3 = read_cr(3);
    c.cpu_regs.x86_64.cr4 = read_cr(4);
    c.cpu_regs.x86_64.efer = pvh_rdmsr(0xc0000080);
    refusals(&c);
    if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), 0,
                   "VCPUOP_initialise of vCPU 1") )
        return false;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), -XEN_EEXIST,
             "a second VCPUOP_initialise");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "vCPU 1 up before VCPUOP_up");
    if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up") )
        return false;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 1, "vCPU 1 is_up");
    if ( !check(wait_for(&ap_alive, 1), "vCPU 1 never ran") )
        return false;
    check_eq(ap_rbx, 0x1234567890UL, "vCPU 1's rbx");
    check_eq(ap_apic_id, 2u << 24, "vCPU 1's xAPIC ID");
    check_eq(ap_cpuid_id, 2, "vCPU 1's CPUID initial APIC ID");
    check_eq(ap_vcpu_id, 1, "pv_vcpu_id() on vCPU 1 (CPUID leaf base + 4)");
    check_eq(pv_vcpu_id(), 0, "pv_vcpu_id() on vCPU 0");
    check_eq(ap_base, APIC_BASE_ADDR | APIC_BASE_EN, "vCPU 1's APIC base");
    return true;
}

static void ipis(void)
{
    send(2, VEC_TO_AP);
    check(wait_for(&bsp_got, 1), "no answer to a fixed IPI to APIC ID 2");
    check_eq(ap_got, 1, "IPIs vCPU 1 took");
    send(0, APIC_ICR_ALL_BUT | VEC_TO_AP);
    check(wait_for(&bsp_got, 2), "no answer to an all-but-self IPI");
    check_eq(ap_got, 2, "IPIs vCPU 1 took");
}

/* Move shared_info over the page vCPU 1 is reading. */
static void tlb(void)
{
    struct xen_add_to_physmap a = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
        .gpfn = ((unsigned long)remap_page - PV_VIRT_BASE) >> PAGE_SHIFT };
    uint64_t start;

    for ( unsigned int i = 0; i < 512; i++ )
        remap_page[i] = MARKER;
    if ( !check(wait_for(&ap_stage, 1), "vCPU 1 did not reach the TLB step") )
        return;
    start = tsc();
    while ( tsc() - start < 10000000 )
        __asm__ __volatile__ ("pause");
    check_eq(HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a), 0,
             "add_to_physmap(shared_info) over the page");
    bsp_stage = 1;
    if ( !check(wait_for(&ap_stage, 2), "vCPU 1 did not finish the TLB step") )
        return;
    xtest_info("vCPU 1 read %#lx after the move", (unsigned long)ap_seen_after);
    check(ap_seen_after != MARKER,
          "vCPU 1 still read the old page after the p2m changed");
}

static void down_and_up(void)
{
    uint64_t start = tsc();

    check(wait_for(&ap_stage, 3), "vCPU 1 did not finish");
    xtest_info("vCPU 1 in x2APIC mode: ID %#lx, LDR %#lx",
               (unsigned long)ap_x2_id, (unsigned long)ap_x2_ldr);
    check_eq(ap_x2_id, 2, "vCPU 1's x2APIC ID");
    check_eq(ap_x2_ldr, 4, "vCPU 1's x2APIC LDR (from its ID)");
    while ( HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == 1 &&
            tsc() - start < 40000000000ULL )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "vCPU 1 is_up after its VCPUOP_down");
    check_eq(ap_back, 0, "vCPU 1 ran on after VCPUOP_down");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up again");
    start = tsc();
    while ( !ap_back && tsc() - start < 40000000000ULL )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check_eq(ap_back, 1, "vCPU 1 resumed after VCPUOP_up");
}

void test_main(void)
{
    long rc = HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL);

    if ( rc == -XEN_ENOENT )
    {
        xtest_error("dom0 has one vCPU");
        return;
    }
    apic = lapic_map();
    pvh_set_irq_handler(VEC_TO_AP, irq);
    pvh_set_irq_handler(VEC_TO_BSP, irq);
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    if ( !bring_up() )
        return;
    ipis();
    tlb();
    down_and_up();
}

/*
 * lapic-nmi.c - NMI and SMI IPIs through the local APIC, as Xen 4.17
 * delivers them to a PVH guest (ours dropped both delivery modes).
 * PVH dom0 on two vCPUs (vCPU 1 by VCPUOP_initialise, sharing vCPU 0's
 * IDT, spinning with interrupts off):
 *   - a self-NMI (shorthand "self", and to its own APIC ID) arrives at
 *     vector 2 at once, with RFLAGS.IF clear;
 *   - an NMI sent from inside the NMI handler waits: no nesting, nothing
 *     while the handler runs (it makes exits, so the hypervisor had the
 *     chance), delivered after the handler's IRET;
 *   - an NMI to APIC ID 2 reaches vCPU 1 (interrupts off there), "all
 *     but self" only vCPU 1, "all including self" both;
 *   - an SMI to itself: nothing happens (Xen ignores it) and the guest
 *     goes on.
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>
#include <public/hvm/hvm_vcpu.h>

const char test_title[] = "lapic-nmi: NMI and SMI IPIs";

#define ICR_NMI     0x400u
#define ICR_SMI     0x200u
#define ICR_ALL     (2u << 18)

static volatile uint32_t *apic;
static struct { uint16_t limit; uint64_t base; } __packed bsp_gdtr, bsp_idtr;
static uint8_t ap_stack[16384] __aligned(16);
static volatile unsigned int nmis[2], depth[2], nested[2];
static volatile unsigned int ap_alive, ap_stop, resend, inside_count;

void ap_entry(void);
void ap_main(void);

/* vCPU 1 starts in 64-bit mode with vCPU 0's paging: vCPU 0's
 * descriptor tables, a real code selector, then C. */
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
    "    call ap_main\n"
    "2:  hlt\n"
    "    jmp 2b\n"
    "    .popsection\n");

static void send(uint32_t dest_id, uint32_t icr)
{
    lapic_write(apic, APIC_ICR2, dest_id << 24);
    lapic_write(apic, APIC_ICR, icr);
}

/* A few instructions that exit: chances to inject whatever is pending. */
static void exits(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        (void)pv_vcpu_id();
}

static void nmi(void)
{
    unsigned int me = pv_vcpu_id() & 1;

    if ( depth[me]++ )
        nested[me]++;
    nmis[me]++;
    if ( me == 0 && resend )
    {
        resend = 0;
        send(0, APIC_ICR_SELF | ICR_NMI);
        exits(50);
        inside_count = nmis[0];
    }
    depth[me]--;
}

void ap_main(void)
{
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    ap_alive = 1;
    while ( !ap_stop )
        __asm__ __volatile__ ("cli; pause" ::: "memory");
    HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL);
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

/* Wait (bounded) for *p to reach want, making exits meanwhile. */
static bool wait_count(volatile unsigned int *p, unsigned int want)
{
    for ( unsigned long i = 0; i < 200000UL && *p < want; i++ )
        exits(1);
    return *p >= want;
}

static bool bring_up(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_64B };

    __asm__ __volatile__ ("sgdt %0; sidt %1" : "=m" (bsp_gdtr), "=m" (bsp_idtr));
    c.cpu_regs.x86_64.rip = (unsigned long)ap_entry;
    c.cpu_regs.x86_64.rsp = (unsigned long)(ap_stack + sizeof(ap_stack));
    c.cpu_regs.x86_64.rflags = 2;
    c.cpu_regs.x86_64.cr0 = read_cr(0);
    c.cpu_regs.x86_64.cr3 = read_cr(3);
    c.cpu_regs.x86_64.cr4 = read_cr(4);
    c.cpu_regs.x86_64.efer = pvh_rdmsr(0xc0000080);
    if ( !check_eq(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &c), 0,
                   "VCPUOP_initialise of vCPU 1") ||
         !check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up") )
        return false;
    return check(wait_count(&ap_alive, 1), "vCPU 1 never ran");
}

static void self_nmis(void)
{
    send(0, APIC_ICR_SELF | ICR_NMI);
    check_eq(nmis[0], 1, "self-NMI (shorthand) with interrupts off");
    send(lapic_read(apic, APIC_ID) >> 24, ICR_NMI);
    check_eq(nmis[0], 2, "NMI to its own APIC ID");

    /* Blocked from delivery until the handler's IRET. */
    resend = 1;
    send(0, APIC_ICR_SELF | ICR_NMI);
    check_eq(inside_count, 3, "NMIs seen inside the handler");
    exits(10);
    check_eq(nmis[0], 4, "the NMI sent from the handler, after its IRET");
    check_eq(nested[0], 0, "nested NMIs");

    /* SMI: ignored. */
    send(0, APIC_ICR_SELF | ICR_SMI);
    exits(10);
    check_eq(nmis[0], 4, "NMIs after a self-SMI");
}

static void other_nmis(void)
{
    send(2, ICR_NMI);
    check(wait_count(&nmis[1], 1), "no NMI on vCPU 1 (to APIC ID 2)");
    send(0, APIC_ICR_ALL_BUT | ICR_NMI);
    check(wait_count(&nmis[1], 2), "no NMI on vCPU 1 (all but self)");
    exits(10);
    check_eq(nmis[0], 4, "NMIs on vCPU 0 after all-but-self");
    send(0, ICR_ALL | ICR_NMI);
    check(wait_count(&nmis[1], 3), "no NMI on vCPU 1 (all including self)");
    check_eq(nmis[0], 5, "NMIs on vCPU 0 after all-including-self");
    check_eq(nested[1], 0, "nested NMIs on vCPU 1");
}

void test_main(void)
{
    apic = lapic_map();
    pvh_set_irq_handler(X86_EXC_NMI, nmi);
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    __asm__ __volatile__ ("cli" ::: "memory");
    self_nmis();
    if ( bring_up() )
    {
        other_nmis();
        ap_stop = 1;
    }
}

/*
 * ap-sipi.c - a secondary vCPU started the way a processor starts
 * another, with INIT and start-up IPIs through the local APIC, as Linux
 * as a PVH domU starts its APs once the MADT lists them (Xen 4.17 starts
 * them; ours dropped INIT and SIPI and Linux waited 10 s for each AP).
 * PVH dom0 on two vCPUs: vCPU 0 writes a few real-mode instructions at
 * 0x8000 (RAM in the map), sends INIT (level assert), INIT de-assert and
 * two SIPIs with vector 8 to APIC ID 2; vCPU 1 must come up (is_up) and
 * run them in real mode: with CS = 0x0800 it stores a marker and its CS
 * at 0x8100, then spins.  A SIPI before any INIT,
 * to a vCPU that is already running, changes nothing.  INIT to the
 * running vCPU 1 takes it down (is_up 0; VCPUOP_up refused: its context
 * is gone) and a SIPI starts it again at the real-mode code, as on Xen
 * 4.17 (ours ignored INIT to a running vCPU before).
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>
#include <public/errno.h>
#include <public/memory.h>

const char test_title[] = "ap-sipi: vCPU 1 started by INIT and SIPI";

#define CODE_PA     0x8000UL
#define DATA_PA     0x8100UL
#define ICR_INIT    0x00004500u         /* INIT, level assert */
#define ICR_INIT_DE 0x00008500u         /* INIT, level trigger, de-assert */
#define ICR_SIPI    0x00000600u

/* cli; mov %cs,%ax; xor %bx,%bx; mov %bx,%ds; mov %ax,0x8102;
 * movw $0x1234,0x8100; 1: jmp 1b  (16-bit code; CS stored before the
 * marker, which vCPU 0 waits for: Bochs interleaves the two vCPUs finely
 * enough to show the other order; no HLT: with interrupts off Xen takes
 * that as the vCPU going down) */
static const uint8_t real_code[] = {
    0xfa, 0x8c, 0xc8, 0x31, 0xdb, 0x8e, 0xdb, 0xa3, 0x02, 0x81,
    0xc7, 0x06, 0x00, 0x81, 0x34, 0x12, 0xeb, 0xfe,
};

static struct {
    uint64_t addr, size;
    uint32_t type;
} __packed e820[64];

static bool low_page_is_ram(void)
{
    struct xen_memory_map m = { .nr_entries = 64 };

    set_xen_guest_handle(m.buffer, e820);
    if ( HYPERVISOR_memory_op(XENMEM_memory_map, &m) )
        return false;
    for ( unsigned int i = 0; i < m.nr_entries; i++ )
        if ( e820[i].type == 1 && e820[i].addr <= CODE_PA &&
             e820[i].addr + e820[i].size >= CODE_PA + 0x1000 )
            return true;
    return false;
}

static void send(volatile uint32_t *apic, uint32_t icr)
{
    lapic_write(apic, APIC_ICR2, 2u << 24);     /* vCPU 1's APIC ID */
    lapic_write(apic, APIC_ICR, icr);
}

/* Wait (bounded) for vCPU 1 to be down; true once it is. */
static bool wait_down(void)
{
    for ( unsigned long i = 0; i < 200000UL; i++ )
    {
        if ( HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL) == 0 )
            return true;
        __asm__ __volatile__ ("pause");
    }
    return false;
}

/* Wait (bounded) for vCPU 1's marker; true once it is there. */
static bool wait_marker(volatile uint16_t *data)
{
    for ( unsigned long i = 0; i < 200000000UL; i++ )
    {
        if ( data[0] == 0x1234 )
            return true;
        __asm__ __volatile__ ("pause");
    }
    return false;
}

/*
 * SIPIs after an INIT to a running vCPU, as an OS sends them (Linux: a
 * second one 200 us after the first): one that comes while the vCPU is
 * still leaving its CPU is ignored (hvm/ap_start.c), so a few are sent
 * a short spin apart, each waited for briefly.  true once vCPU 1 ran.
 */
static bool sipi_until_marker(volatile uint32_t *apic, volatile uint16_t *data)
{
    for ( unsigned int n = 0; n < 100; n++ )
    {
        send(apic, ICR_SIPI | (CODE_PA >> 12));
        for ( unsigned long i = 0; i < 2000000UL; i++ )
        {
            if ( data[0] == 0x1234 )
                return true;
            __asm__ __volatile__ ("pause");
        }
    }
    return false;
}

void test_main(void)
{
    volatile uint16_t *data = pvh_phys(DATA_PA);
    volatile uint32_t *apic = lapic_map();

    if ( !check(low_page_is_ram(), "%#lx is not RAM in the map", CODE_PA) )
        return;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "vCPU 1 is down at first");
    memcpy(pvh_phys(CODE_PA), real_code, sizeof(real_code));
    data[0] = data[1] = 0;
    lapic_write(apic, APIC_SVR, 0x1ff);         /* software-enabled */

    send(apic, ICR_INIT);
    send(apic, ICR_INIT_DE);
    send(apic, ICR_SIPI | (CODE_PA >> 12));
    if ( check(wait_marker(data), "vCPU 1 never ran the real-mode code") )
        check_eq(data[1], CODE_PA >> 4, "vCPU 1's CS (vector << 8)");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 1,
             "vCPU 1 is up after the SIPI");

    /* The second SIPI of the usual pair, to a vCPU that runs: nothing. */
    data[0] = 0;
    send(apic, ICR_SIPI | (CODE_PA >> 12));
    for ( unsigned long i = 0; i < 20000000UL; i++ )
        __asm__ __volatile__ ("pause");
    check_eq(data[0], 0, "a SIPI to a running vCPU restarted it");

    /* INIT to the running vCPU: down, its context gone; SIPI: again. */
    send(apic, ICR_INIT);
    if ( !check(wait_down(), "vCPU 1 still up after INIT") )
        return;
    send(apic, ICR_INIT_DE);
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL,
             "VCPUOP_up after INIT");
    data[0] = data[1] = 0;
    if ( check(sipi_until_marker(apic, data),
               "vCPU 1 not restarted by SIPI after INIT") )
        check_eq(data[1], CODE_PA >> 4, "vCPU 1's CS after INIT-SIPI");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 1,
             "vCPU 1 is up after INIT-SIPI");
}

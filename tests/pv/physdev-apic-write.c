/*
 * physdev-apic-write.c - PHYSDEVOP_apic_write: a dom0 that programs the
 * IO-APIC itself asks, and the hypervisor decides (docs/dom0.md).
 *
 * As Xen 4.17 answers: an address with no IO-APIC is -EINVAL; writes to
 * the ID and version registers and to the high (destination) half of a
 * redirection entry are accepted and change nothing; SMI, NMI, INIT,
 * ExtINT and the reserved delivery modes are -EINVAL and change nothing.
 * A pin the hypervisor keeps (the console UART's, GSI 4) and a pin bound
 * to a port are left exactly as they are.  An unmasked write to a free
 * pin names its GSI by the vector field (the token alloc_irq_vector
 * gave): the RTC's GSI 8 written with 8 can then be bound as PIRQ 8
 * without map_pirq, takes its trigger mode from the write, is routed to
 * a vector of the hypervisor's (never dom0's), and delivers the RTC's
 * periodic interrupt.  A masked write names nothing.  Ours and Xen 4.17;
 * a pin past the IO-APIC's last is -EINVAL on ours only (Xen reads
 * beyond its pin table there).
 */
#include "pirq-util.h"

const char test_title[] = "physdev-apic-write: dom0's IO-APIC writes, filtered";

#define UART_GSI     4
#define FREE_GSI     10
#define RTE(pin)     (0x10 + 2 * (pin))
#define MASKED       (1u << 16)
#define LEVEL        (1u << 15)
#define ACTIVE_LOW   (1u << 13)
/* What dom0 programs (not the delivery status or remote IRR bits). */
#define RTE_PROGRAMMED(lo)  ((lo) & ~((1u << 12) | (1u << 14)))

static void test_ignored_registers(void)
{
    uint32_t id = ioapic_reg(0), ver = ioapic_reg(1);
    uint32_t hi = ioapic_reg(RTE(FREE_GSI) + 1);

    check_errno(ioapic_write(IOAPIC_BASE + 0x1000, RTE(FREE_GSI), MASKED),
                XEN_EINVAL, "apic_write where no IO-APIC is");
    check_eq(ioapic_write(IOAPIC_BASE, 0, id ^ 0x0f000000), 0,
             "apic_write of the ID register");
    check_eq(ioapic_reg(0), id, "... leaves the ID");
    check_eq(ioapic_write(IOAPIC_BASE, 1, 0), 0,
             "apic_write of the version register");
    check_eq(ioapic_reg(1), ver, "... leaves it");
    check_eq(ioapic_write(IOAPIC_BASE, RTE(FREE_GSI) + 1, hi ^ 0xff000000), 0,
             "apic_write of an entry's destination half");
    check_eq(ioapic_reg(RTE(FREE_GSI) + 1), hi, "... leaves it");
}

static void test_delivery_modes(void)
{
    uint32_t before = RTE_PROGRAMMED(ioapic_reg(RTE(FREE_GSI)));

    for ( unsigned int dm = 2; dm < 8; dm++ )
    {
        char what[64];

        snprintf(what, sizeof(what), "apic_write with delivery mode %u", dm);
        check_errno(ioapic_write(IOAPIC_BASE, RTE(FREE_GSI),
                                 dm << 8 | FREE_GSI), XEN_EINVAL, what);
    }
    check_eq(RTE_PROGRAMMED(ioapic_reg(RTE(FREE_GSI))), before,
             "GSI 10's entry after the refused writes");
}

/* The console UART's line is the hypervisor's (Xen: an IRQ in use). */
static void test_hypervisor_pin(void)
{
    uint32_t before = RTE_PROGRAMMED(ioapic_reg(RTE(UART_GSI)));

    xtest_info("GSI 4's entry: %#x", before);
    check_eq(ioapic_write(IOAPIC_BASE, RTE(UART_GSI), LEVEL | UART_GSI), 0,
             "apic_write of the console UART's pin");
    check_eq(RTE_PROGRAMMED(ioapic_reg(RTE(UART_GSI))), before,
             "... leaves its entry");
}

/* A masked write names nothing: PIRQ 10 stays unmapped. */
static void test_masked_write(void)
{
    check_eq(ioapic_write(IOAPIC_BASE, RTE(FREE_GSI),
                          MASKED | LEVEL | FREE_GSI), 0,
             "masked apic_write of GSI 10");
    check_errno(unmap_pirq(FREE_GSI), XEN_EINVAL,
                "unmap_pirq(10): the masked write mapped nothing");
}

static void test_rtc_pin(void)
{
    evtchn_port_t port;
    uint32_t lo, held;

    if ( !iopl_on() )
        return;
    check(bind_pirq(RTC_GSI, &port) != 0, "bind_pirq(8) before any mapping");
    /* Level, though the RTC's line is ISA edge: the write decides. */
    check_eq(ioapic_write(IOAPIC_BASE, RTE(RTC_GSI), LEVEL | RTC_GSI), 0,
             "apic_write of GSI 8: unmasked, level, vector field 8");
    if ( !check_rc_setup(bind_pirq(RTC_GSI, &port), "bind_pirq(8) after it") )
        return;
    lo = ioapic_reg(RTE(RTC_GSI));
    xtest_info("GSI 8's entry once bound: %#x", lo);
    check((lo & 0xff) >= 0x20 && (lo & 0xff) != RTC_GSI,
          "GSI 8 routed to vector %#x, not dom0's 8", lo & 0xff);
    check(lo & LEVEL, "GSI 8 is level-triggered, as written");
    check(!(lo & ACTIVE_LOW), "GSI 8 is active high, as written");
    /* Xen 4.17 uses lowest-priority logical delivery, ours fixed. */
    check(((lo >> 8) & 7) <= 1, "fixed or lowest-priority delivery");

    /* Bound: a write changes nothing. */
    held = RTE_PROGRAMMED(lo);
    check_eq(ioapic_write(IOAPIC_BASE, RTE(RTC_GSI), ACTIVE_LOW | 0x99), 0,
             "apic_write of the bound pin");
    check_eq(RTE_PROGRAMMED(ioapic_reg(RTE(RTC_GSI))), held,
             "... leaves its entry");

    evtchn_mask(port);
    evtchn_clear(port);
    rtc_periodic(true);
    check(wait_pending(port, 2000), "the RTC's interrupt raised PIRQ 8's port");
    rtc_periodic(false);
    check_eq(pirq_eoi(RTC_GSI), 0, "eoi(8)");
    check_eq(close_port(port), 0, "close PIRQ 8's port");
    check_eq(unmap_pirq(RTC_GSI), 0, "unmap_pirq(8): the write had mapped it");
}

/* Ours only: Xen looks past its pin table for these. */
static void test_past_last_pin(void)
{
    unsigned int pins = ((ioapic_reg(1) >> 16) & 0xff) + 1;

    if ( hv_is_xen() )
        return;
    check_errno(ioapic_write(IOAPIC_BASE, RTE(pins), pins), XEN_EINVAL,
                "apic_write past the last pin");
}

void test_main(void)
{
    test_ignored_registers();
    test_delivery_modes();
    test_hypervisor_pin();
    test_masked_write();
    test_rtc_pin();
    test_past_last_pin();
}

/*
 * physdev-pirq.c - dom0's physical interrupts: a GSI named as a PIRQ
 * (PHYSDEVOP_map_pirq), bound to an event channel (EVTCHNOP_bind_pirq)
 * and delivered, plus the garbage each of those operations refuses.
 *
 * Delivery: the CMOS RTC's periodic interrupt (ISA IRQ 8, GSI 8 on
 * QEMU's q35, edge-triggered) is switched on through ports 0x70/0x71;
 * the bound port must become pending, and stop once it is switched off.
 * PHYSDEVOP_apic_read reads the IO-APIC the MADT names (QEMU puts it at
 * 0xfec00000).  Bad arguments: unknown map types, GSIs and PIRQs out of
 * range, another domain's PIRQs, binding twice, EOI and unmap of PIRQs
 * never mapped.  Each errno is the one Xen 4.17 answers.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/physdev.h>
#include <pv/events.h>
#include <pv/time.h>

const char test_title[] = "physdev-pirq: GSIs as PIRQs for dom0, and their errors";

#define IOAPIC_BASE   0xfec00000UL
#define RTC_GSI       8
#define FREE_GSI      10         /* nothing on q35 drives it in this test */
#define NO_DOMAIN     1000

#define check_errno(rc, err, what) check_eq((rc), -(long)(err), (what))

static long physdev(int cmd, void *arg)
{
    return HYPERVISOR_physdev_op(cmd, arg);
}

static long map_gsi(domid_t dom, int type, int index, int *pirq)
{
    struct physdev_map_pirq m = { .domid = dom, .type = type,
                                  .index = index, .pirq = *pirq };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    *pirq = m.pirq;
    return rc;
}

static long unmap(domid_t dom, int pirq)
{
    struct physdev_unmap_pirq u = { .domid = dom, .pirq = pirq };

    return physdev(PHYSDEVOP_unmap_pirq, &u);
}

static long bind_pirq(uint32_t pirq, evtchn_port_t *port)
{
    struct evtchn_bind_pirq b = { .pirq = pirq };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &b);

    *port = b.port;
    return rc;
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c);
}

static long eoi(uint32_t pirq)
{
    struct physdev_eoi e = { .irq = pirq };

    return physdev(PHYSDEVOP_eoi, &e);
}

static long status(uint32_t pirq, uint32_t *flags)
{
    struct physdev_irq_status_query q = { .irq = pirq, .flags = 0xdead };
    long rc = physdev(PHYSDEVOP_irq_status_query, &q);

    *flags = q.flags;
    return rc;
}

static void outb(uint8_t v, uint16_t port)
{
    asm volatile ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}

static uint8_t inb(uint16_t port)
{
    uint8_t v;

    asm volatile ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static uint8_t cmos_read(uint8_t reg)
{
    outb(reg, 0x70);
    return inb(0x71);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
    outb(reg, 0x70);
    outb(v, 0x71);
}

/* True once port is pending, within ms milliseconds. */
static bool wait_pending(evtchn_port_t port, unsigned int ms)
{
    uint64_t end = pv_system_time(0) + ms * 1000000ULL;

    while ( pv_system_time(0) < end )
        if ( evtchn_pending(port) )
            return true;
    return evtchn_pending(port);
}

static void test_apic_read(void)
{
    struct physdev_apic a = { .apic_physbase = IOAPIC_BASE, .reg = 1 };

    check_eq(physdev(PHYSDEVOP_apic_read, &a), 0, "apic_read(IO-APIC version)");
    check_eq((a.value >> 16) & 0xff, 23, "IO-APIC: 24 redirection entries");
    a.apic_physbase = IOAPIC_BASE + 0x1000;
    check_errno(physdev(PHYSDEVOP_apic_read, &a), XEN_EINVAL,
                "apic_read at an address with no IO-APIC");
}

static void test_map_errors(void)
{
    int pirq;

    pirq = FREE_GSI;
    check_errno(map_gsi(DOMID_SELF, 7, FREE_GSI, &pirq), XEN_EINVAL,
                "map_pirq with an unknown type");
    pirq = -1;
    check_errno(map_gsi(DOMID_SELF, MAP_PIRQ_TYPE_GSI, -1, &pirq),
                XEN_EINVAL, "map_pirq of GSI -1");
    pirq = -1;
    check_errno(map_gsi(DOMID_SELF, MAP_PIRQ_TYPE_GSI, 100000, &pirq),
                XEN_EINVAL, "map_pirq of GSI 100000");
    pirq = 0x7fffffff;
    check_errno(map_gsi(DOMID_SELF, MAP_PIRQ_TYPE_GSI, FREE_GSI, &pirq),
                XEN_EINVAL, "map_pirq to PIRQ 0x7fffffff");
    check_errno(unmap(DOMID_SELF, FREE_GSI), XEN_EINVAL,
                "unmap_pirq of a PIRQ never mapped");
    check_errno(unmap(DOMID_SELF, -5), XEN_EINVAL, "unmap_pirq of PIRQ -5");
    check_errno(eoi(100000), XEN_EINVAL, "eoi of PIRQ 100000");
}

/* A GSI nobody drives: map, query, bind, bind again, close, unmap. */
static void test_bind_cycle(void)
{
    evtchn_port_t port, port2;
    struct evtchn_status st = { .dom = DOMID_SELF };
    uint32_t flags;
    int pirq = FREE_GSI;

    if ( !check_rc_setup(map_gsi(DOMID_SELF, MAP_PIRQ_TYPE_GSI, FREE_GSI,
                                 &pirq), "map_pirq(GSI 10, PIRQ 10)") )
        return;
    check_eq(pirq, FREE_GSI, "map_pirq keeps the PIRQ asked for");
    check_eq(status(FREE_GSI, &flags), 0, "irq_status_query of PIRQ 10");
    /* Any PIRQ, mapped or not, edge or level: Xen says EOI (dom0
     * shares no EOI bitmap with it). */
    check_eq(flags, XENIRQSTAT_needs_eoi, "PIRQ 10 needs an EOI");
    check_eq(status(200, &flags), 0, "irq_status_query of PIRQ 200, unmapped");
    check_eq(flags, XENIRQSTAT_needs_eoi, "... needs an EOI too");
    check_eq(bind_pirq(FREE_GSI, &port), 0, "bind_pirq(10)");
    check_errno(bind_pirq(FREE_GSI, &port2), XEN_EEXIST, "bind_pirq(10) again");
    st.port = port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), 0,
             "status of the PIRQ port");
    check_eq(st.status, EVTCHNSTAT_pirq, "the port is a PIRQ port");
    check_eq(st.u.pirq, FREE_GSI, "... of PIRQ 10");
    check_eq(eoi(FREE_GSI), 0, "eoi(10) with nothing in flight");
    check_eq(close_port(port), 0, "close the PIRQ port");
    check_eq(bind_pirq(FREE_GSI, &port), 0, "bind_pirq(10) after close");
    check_eq(close_port(port), 0, "close it again");
    check_eq(unmap(DOMID_SELF, FREE_GSI), 0, "unmap_pirq(10)");
    check_errno(bind_pirq(FREE_GSI, &port), XEN_EPERM,
                "bind_pirq(10) after unmap");
    check_errno(bind_pirq(100000, &port), XEN_EINVAL, "bind_pirq(100000)");
}

/* The RTC's periodic interrupt reaches the bound port. */
static void test_rtc_delivery(void)
{
    struct physdev_set_iopl io = { .iopl = 1 };
    evtchn_port_t port;
    int pirq = RTC_GSI;

    if ( !check_rc_setup(physdev(PHYSDEVOP_set_iopl, &io), "set_iopl(1)") )
        return;
    if ( !check_rc_setup(map_gsi(DOMID_SELF, MAP_PIRQ_TYPE_GSI, RTC_GSI,
                                 &pirq), "map_pirq(GSI 8)") )
        return;
    if ( !check_rc_setup(bind_pirq(pirq, &port), "bind_pirq(8)") )
        return;
    evtchn_mask(port);
    evtchn_clear(port);
    cmos_read(0x0c);                            /* drop an old flag */
    cmos_write(0x0a, 0x26);                     /* 1024 Hz */
    cmos_write(0x0b, cmos_read(0x0b) | 0x40);   /* periodic interrupt on */
    check(wait_pending(port, 2000), "the RTC's interrupt raised the port");

    cmos_write(0x0b, cmos_read(0x0b) & ~0x40);
    cmos_read(0x0c);
    check_eq(eoi(pirq), 0, "eoi(8)");
    evtchn_clear(port);
    check(!wait_pending(port, 50), "no event once the RTC is quiet");
    check_eq(close_port(port), 0, "close the RTC's port");
    check_eq(unmap(DOMID_SELF, pirq), 0, "unmap_pirq(8)");
}

void test_main(void)
{
    test_apic_read();
    test_map_errors();
    test_bind_cycle();
    test_rtc_delivery();
}

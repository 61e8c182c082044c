/*
 * pirq-util.h - small helpers for the tests of dom0's physical
 * interrupts (physdev-apic-write, physdev-eoi-map): physdev calls, PIRQ
 * ports, the IO-APIC through apic_read, the CMOS RTC as an interrupt
 * source (ISA IRQ 8, GSI 8 on QEMU's q35).
 */
#ifndef PIRQ_UTIL_H
#define PIRQ_UTIL_H

#include <pvtest.h>
#include <public/errno.h>
#include <public/physdev.h>
#include <pv/events.h>
#include <pv/time.h>

#define IOAPIC_BASE   0xfec00000UL
#define RTC_GSI       8

#define check_errno(rc, err, what) check_eq((rc), -(long)(err), (what))

static inline long physdev(int cmd, void *arg)
{
    return HYPERVISOR_physdev_op(cmd, arg);
}

static inline long map_gsi(int gsi, int *pirq)
{
    struct physdev_map_pirq m = { .domid = DOMID_SELF,
                                  .type = MAP_PIRQ_TYPE_GSI,
                                  .index = gsi, .pirq = *pirq };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    *pirq = m.pirq;
    return rc;
}

static inline long unmap_pirq(int pirq)
{
    struct physdev_unmap_pirq u = { .domid = DOMID_SELF, .pirq = pirq };

    return physdev(PHYSDEVOP_unmap_pirq, &u);
}

static inline long bind_pirq(uint32_t pirq, evtchn_port_t *port)
{
    struct evtchn_bind_pirq b = { .pirq = pirq };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &b);

    *port = b.port;
    return rc;
}

static inline long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c);
}

static inline long pirq_eoi(uint32_t pirq)
{
    struct physdev_eoi e = { .irq = pirq };

    return physdev(PHYSDEVOP_eoi, &e);
}

/* One IO-APIC register through PHYSDEVOP_apic_read (~0 if refused). */
static inline uint32_t ioapic_reg(uint32_t reg)
{
    struct physdev_apic a = { .apic_physbase = IOAPIC_BASE, .reg = reg };

    return physdev(PHYSDEVOP_apic_read, &a) ? ~0u : a.value;
}

static inline long ioapic_write(uint64_t base, uint32_t reg, uint32_t val)
{
    struct physdev_apic a = { .apic_physbase = base, .reg = reg,
                              .value = val };

    return physdev(PHYSDEVOP_apic_write, &a);
}

static inline void port_outb(uint8_t v, uint16_t port)
{
    asm volatile ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}

static inline uint8_t port_inb(uint16_t port)
{
    uint8_t v;

    asm volatile ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint8_t cmos_read(uint8_t reg)
{
    port_outb(reg, 0x70);
    return port_inb(0x71);
}

static inline void cmos_write(uint8_t reg, uint8_t v)
{
    port_outb(reg, 0x70);
    port_outb(v, 0x71);
}

/* The RTC's periodic interrupt (1024 Hz) on or off; off also reads
 * register C, which lets the line go. */
static inline void rtc_periodic(bool on)
{
    cmos_read(0x0c);
    if ( on )
        cmos_write(0x0a, 0x26);
    cmos_write(0x0b, on ? cmos_read(0x0b) | 0x40 : cmos_read(0x0b) & ~0x40);
    cmos_read(0x0c);
}

/* True once port is pending, within ms milliseconds. */
static inline bool wait_pending(evtchn_port_t port, unsigned int ms)
{
    uint64_t end = pv_system_time(0) + ms * 1000000ULL;

    while ( pv_system_time(0) < end )
        if ( evtchn_pending(port) )
            return true;
    return evtchn_pending(port);
}

/* Port I/O for the RTC needs the virtual IOPL. */
static inline bool iopl_on(void)
{
    struct physdev_set_iopl io = { .iopl = 1 };

    return check_rc_setup(physdev(PHYSDEVOP_set_iopl, &io), "set_iopl(1)");
}

#endif /* PIRQ_UTIL_H */

/*
 * dom0-ports.c - a PVH dom0's port I/O.  The machine's ports reach the
 * hardware (the RTC's status register A through the CMOS index and data
 * ports reads as QEMU's RTC sets it, 0x26: not all ones), but never the
 * hypervisor's own devices: the 8259 PICs' mask registers and the 8254
 * PIT read as all ones, as a port nothing answers (the hypervisor keeps
 * them), and PCI configuration data (0xcfc) is not passed through.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "dom0-ports: dom0's port I/O, not the hypervisor's";

static uint8_t in8(uint16_t port)
{
    uint8_t v;

    __asm__ __volatile__ ("inb %%dx, %%al" : "=a" (v) : "d" (port));
    return v;
}

static void out8(uint16_t port, uint8_t v)
{
    __asm__ __volatile__ ("outb %%al, %%dx" :: "a" (v), "d" (port));
}

void test_main(void)
{
    uint8_t a;

    out8(0x70, 0x0a);                   /* RTC status A, NMIs left on */
    a = in8(0x71);
    xtest_info("RTC status A %#x", a);
    check(a != 0xff && (a & 0x70) == 0x20,
          "RTC status A reads %#x: the CMOS ports do not reach the RTC", a);
    check_eq(in8(0x21), 0xff, "master PIC mask (the hypervisor's)");
    check_eq(in8(0xa1), 0xff, "slave PIC mask (the hypervisor's)");
    check_eq(in8(0x40), 0xff, "PIT channel 0 (the hypervisor's)");
}

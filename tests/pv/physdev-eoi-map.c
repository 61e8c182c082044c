/*
 * physdev-eoi-map.c - the PIRQ "needs EOI" page dom0 shares with the
 * hypervisor (PHYSDEVOP_pirq_eoi_gmfn_v1; physdev-eoi-map-v2.c builds
 * the same checks for _v2), docs/dom0.md.
 *
 * As Xen 4.17: a frame that is not ours, or our L4 page table (it cannot
 * be typed writable), is -EINVAL; the first registration is 0 and any
 * later one, of either version, -EBUSY.  Binding a PIRQ writes its bit:
 * set for a level GSI (GSI 10 on q35) and for an MSI the device cannot
 * mask (q35's AHCI), clear for an edge GSI (the RTC's GSI 8) and for a
 * maskable MSI-X entry (an e1000e); each bit is preset to the wrong
 * value first.  Closing the port leaves the bit.  irq_status_query still
 * says "needs EOI".  With v1 an EOI unmasks the PIRQ's port; with v2 it
 * does not.  Ours and Xen 4.17.
 *
 * pvtest-qemu: -device e1000e,addr=05.0
 */
#include "pci-util.h"
#include <pv/pagetable.h>

#ifndef EOI_MAP_V2
#define EOI_CMD    PHYSDEVOP_pirq_eoi_gmfn_v1
#define EOI_NAME   "v1"
const char test_title[] = "physdev-eoi-map: the PIRQ EOI page (v1, auto-unmask)";
#else
#define EOI_CMD    PHYSDEVOP_pirq_eoi_gmfn_v2
#define EOI_NAME   "v2"
#endif

#define LEVEL_GSI  10
#define NIC_DEVFN  0x28            /* 00:05.0 */

static unsigned long eoi_map[512] __aligned(4096);
static unsigned long other_page[512] __aligned(4096);

static long eoi_gmfn(int cmd, unsigned long mfn)
{
    struct physdev_pirq_eoi_gmfn g = { .gmfn = mfn };

    return physdev(cmd, &g);
}

static bool bit(unsigned int pirq)
{
    return (__atomic_load_n(&eoi_map[pirq / 64], __ATOMIC_SEQ_CST) >> (pirq % 64)) & 1;
}

static void preset(unsigned int pirq, bool on)
{
    if ( on )
        eoi_map[pirq / 64] |= 1UL << (pirq % 64);
    else
        eoi_map[pirq / 64] &= ~(1UL << (pirq % 64));
}

static bool port_masked(evtchn_port_t port)
{
    return (__atomic_load_n(&shared_info->evtchn_mask[port / 64],
                            __ATOMIC_SEQ_CST) >> (port % 64)) & 1;
}

static void test_registration(void)
{
    check_errno(eoi_gmfn(EOI_CMD, 0xfffffffffUL), XEN_EINVAL,
                "EOI page " EOI_NAME " at a frame that is not ours");
    check_errno(eoi_gmfn(EOI_CMD, va_to_mfn(start_info->pt_base)), XEN_EINVAL,
                "EOI page " EOI_NAME " at our L4 table");
    if ( !check_rc_setup(eoi_gmfn(EOI_CMD, va_to_mfn((unsigned long)eoi_map)),
                         "EOI page " EOI_NAME) )
        xtest_exit();
    check_errno(eoi_gmfn(PHYSDEVOP_pirq_eoi_gmfn_v1,
                         va_to_mfn((unsigned long)other_page)), XEN_EBUSY,
                "a second EOI page (v1)");
    check_errno(eoi_gmfn(PHYSDEVOP_pirq_eoi_gmfn_v2,
                         va_to_mfn((unsigned long)eoi_map)), XEN_EBUSY,
                "the same page again (v2)");
}

/* Bind pirq with its bit preset to !expect; the bit must become expect. */
static evtchn_port_t bind_and_check(int pirq, bool expect, const char *what)
{
    evtchn_port_t port = 0;

    preset(pirq, !expect);
    if ( !check_rc_setup(bind_pirq(pirq, &port), what) )
        return 0;
    check_eq(bit(pirq), expect, what);
    return port;
}

static void test_gsis(void)
{
    int level = LEVEL_GSI, edge = RTC_GSI;
    evtchn_port_t port;
    struct physdev_irq_status_query q = { .irq = LEVEL_GSI };

    if ( !check_rc_setup(map_gsi(LEVEL_GSI, &level), "map_pirq(GSI 10)") ||
         !check_rc_setup(map_gsi(RTC_GSI, &edge), "map_pirq(GSI 8)") )
        return;
    port = bind_and_check(level, true, "level GSI 10 bound: its bit set");
    check_eq(physdev(PHYSDEVOP_irq_status_query, &q), 0, "irq_status_query(10)");
    check_eq(q.flags, XENIRQSTAT_needs_eoi, "... still says needs_eoi");

    /* An EOI unmasks the port with v1 only. */
    evtchn_mask(port);
    check_eq(pirq_eoi(level), 0, "eoi(10) with its port masked");
#ifndef EOI_MAP_V2
    check(!port_masked(port), "v1: the EOI unmasked PIRQ 10's port");
#else
    check(port_masked(port), "v2: the EOI left PIRQ 10's port masked");
#endif
    check_eq(close_port(port), 0, "close PIRQ 10's port");
    check(bit(level), "closing the port leaves the bit (as Xen)");

    port = bind_and_check(edge, false, "edge GSI 8 bound: its bit clear");
    check_eq(close_port(port), 0, "close PIRQ 8's port");
    check_eq(unmap_pirq(level), 0, "unmap_pirq(10)");
    check_eq(unmap_pirq(edge), 0, "unmap_pirq(8)");
}

static void test_msis(void)
{
    uint64_t table = msix_table_addr(NIC_DEVFN);
    evtchn_port_t port;
    int pirq = -1;

    check_eq(pci_add(AHCI_DEVFN), 0, "pci_device_add of the AHCI");
    if ( check_rc_setup(map_msi(AHCI_DEVFN, 0, 0, &pirq), "MSI of the AHCI") )
    {
        port = bind_and_check(pirq, true, "unmaskable MSI bound: its bit set");
        check_eq(close_port(port), 0, "close the MSI's port");
        check_eq(unmap_pirq(pirq), 0, "unmap the MSI");
    }
    if ( !check(table != 0, "the e1000e's MSI-X table") )
        return;
    check_eq(pci_add(NIC_DEVFN), 0, "pci_device_add of the e1000e");
    pirq = -1;
    if ( check_rc_setup(map_msi(NIC_DEVFN, 0, table, &pirq), "MSI-X entry 0") )
    {
        port = bind_and_check(pirq, false, "MSI-X entry bound: its bit clear");
        check_eq(close_port(port), 0, "close the MSI-X port");
        check_eq(unmap_pirq(pirq), 0, "unmap the MSI-X entry");
    }
}

void test_main(void)
{
    if ( !iopl_on() )
        return;
    test_registration();
    test_gsis();
    test_msis();
}

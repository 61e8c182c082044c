/*
 * pci-util.h - PCI configuration space through ports 0xcf8/0xcfc (needs
 * the virtual IOPL: iopl_on() in pirq-util.h), capability lookup, and
 * MSI/MSI-X PIRQs of segment-0, bus-0 devices, for the dom0 tests of
 * physical interrupts (physdev-eoi-map, pci-conf-filter).
 */
#ifndef PCI_UTIL_H
#define PCI_UTIL_H

#include "pirq-util.h"

#define PCI_CAP_MSI   0x05
#define PCI_CAP_MSIX  0x11
#define AHCI_DEVFN    0xfa       /* q35's 00:1f.2: MSI without masking */

static inline void conf_select(unsigned int devfn, unsigned int reg)
{
    uint32_t addr = 0x80000000u | devfn << 8 | (reg & 0xfc);

    asm volatile ( "outl %0, %1" :: "a" (addr), "Nd" ((uint16_t)0xcf8) );
}

static inline uint32_t conf_read(unsigned int devfn, unsigned int reg,
                                 unsigned int size)
{
    uint16_t port = 0xcfc + (reg & 3);
    uint32_t v;

    conf_select(devfn, reg);
    if ( size == 1 )
    {
        uint8_t b;

        asm volatile ( "inb %1, %0" : "=a" (b) : "Nd" (port) );
        v = b;
    }
    else if ( size == 2 )
    {
        uint16_t w;

        asm volatile ( "inw %1, %0" : "=a" (w) : "Nd" (port) );
        v = w;
    }
    else
        asm volatile ( "inl %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline void conf_write(unsigned int devfn, unsigned int reg,
                              unsigned int size, uint32_t v)
{
    uint16_t port = 0xcfc + (reg & 3);

    conf_select(devfn, reg);
    if ( size == 1 )
        asm volatile ( "outb %0, %1" :: "a" ((uint8_t)v), "Nd" (port) );
    else if ( size == 2 )
        asm volatile ( "outw %0, %1" :: "a" ((uint16_t)v), "Nd" (port) );
    else
        asm volatile ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}

/* Config offset of capability id of devfn, or 0. */
static inline unsigned int find_cap(unsigned int devfn, unsigned int id)
{
    unsigned int pos = conf_read(devfn, 0x34, 1) & 0xfc;

    for ( int n = 0; pos >= 0x40 && n < 48; n++ )
    {
        uint32_t hdr = conf_read(devfn, pos, 4);

        if ( (hdr & 0xff) == id )
            return pos;
        pos = (hdr >> 8) & 0xfc;
    }
    return 0;
}

/* The MSI-X table's address (from the device's BAR), or 0. */
static inline uint64_t msix_table_addr(unsigned int devfn)
{
    unsigned int pos = find_cap(devfn, PCI_CAP_MSIX);
    uint32_t off, bar;

    if ( !pos )
        return 0;
    off = conf_read(devfn, pos + 4, 4);
    bar = conf_read(devfn, 0x10 + 4 * (off & 7), 4);
    return (bar & ~0xfu) + (off & ~7u);
}

static inline long pci_add(unsigned int devfn)
{
    struct physdev_pci_device_add a = { .seg = 0, .bus = 0, .devfn = devfn };

    return physdev(PHYSDEVOP_pci_device_add, &a);
}

/* An MSI (table 0) or MSI-X entry of bus-0 devfn as a PIRQ (-1: any). */
static inline long map_msi(unsigned int devfn, int entry_nr, uint64_t table,
                           int *pirq)
{
    struct physdev_map_pirq m = {
        .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_MSI_SEG, .index = -1,
        .pirq = *pirq, .bus = 0, .devfn = devfn, .entry_nr = entry_nr,
        .table_base = table,
    };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    *pirq = m.pirq;
    return rc;
}

#endif /* PCI_UTIL_H */

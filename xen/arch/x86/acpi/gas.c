/*
 * Reading and writing registers described by an ACPI Generic Address
 * Structure: system I/O ports, memory (mapped uncached) and PCI
 * configuration space of bus 0 (configuration mechanism #1).  Used for the
 * PM1 control blocks, the reset register and the sleep control register.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/io.h>
#include <asm/ioremap.h>
#include "acpi-internal.h"

#define PCI_CONF_ADDR 0xcf8
#define PCI_CONF_DATA 0xcfc

/* Access width in bits: bit_width, else from access_size (1..4). */
static unsigned int gas_width(const struct acpi_gas *g)
{
    if ( g->bit_width == 8 || g->bit_width == 16 || g->bit_width == 32 ||
         g->bit_width == 64 )
        return g->bit_width;
    if ( g->access_size >= 1 && g->access_size <= 4 )
        return 8u << (g->access_size - 1);
    return g->bit_width ? 0 : 8;
}

static int io_access(uint16_t port, unsigned int w, uint64_t *v, bool write)
{
    if ( write )
    {
        switch ( w )
        {
        case 8:  outb(*v, port); return 0;
        case 16: outw(*v, port); return 0;
        case 32: outl(*v, port); return 0;
        }
        return -EINVAL;
    }
    switch ( w )
    {
    case 8:  *v = inb(port); return 0;
    case 16: *v = inw(port); return 0;
    case 32: *v = inl(port); return 0;
    }
    return -EINVAL;
}

static int mem_access(paddr_t pa, unsigned int w, uint64_t *v, bool write)
{
    volatile void *p = ioremap_uc(pa, w / 8);

    if ( !p )
        return -EINVAL;
    if ( write )
    {
        switch ( w )
        {
        case 8:  *(volatile uint8_t *)p = *v; return 0;
        case 16: *(volatile uint16_t *)p = *v; return 0;
        case 32: writel(*v, p); return 0;
        case 64: writeq(*v, p); return 0;
        }
        return -EINVAL;
    }
    switch ( w )
    {
    case 8:  *v = *(volatile uint8_t *)p; return 0;
    case 16: *v = *(volatile uint16_t *)p; return 0;
    case 32: *v = readl(p); return 0;
    case 64: *v = readq(p); return 0;
    }
    return -EINVAL;
}

/* Address: device in bits 47:32, function in 31:16, offset in 15:0. */
static int pci_access(uint64_t addr, unsigned int w, uint64_t *v, bool write)
{
    unsigned int dev = (addr >> 32) & 0xffff, fn = (addr >> 16) & 0xffff;
    unsigned int off = addr & 0xffff;

    if ( dev > 31 || fn > 7 || off > 0xff || w > 32 || (off & (w / 8 - 1)) )
        return -EINVAL;
    outl(0x80000000u | (dev << 11) | (fn << 8) | (off & 0xfc), PCI_CONF_ADDR);
    return io_access(PCI_CONF_DATA + (off & 3), w, v, write);
}

static int gas_access(const struct acpi_gas *g, uint64_t *v, bool write)
{
    unsigned int w = gas_width(g);

    if ( !g->address || !w )
        return -EINVAL;
    switch ( g->space_id )
    {
    case ACPI_SPACE_IO:
        return g->address > 0xffff ? -EINVAL : io_access(g->address, w, v, write);
    case ACPI_SPACE_MEMORY:
        return mem_access(g->address, w, v, write);
    case ACPI_SPACE_PCI_CONFIG:
        return pci_access(g->address, w, v, write);
    }
    return -EINVAL;
}

int acpi_gas_read(const struct acpi_gas *g, uint64_t *val)
{
    int rc = gas_access(g, val, false);

    if ( !rc && g->bit_offset < 64 )
        *val >>= g->bit_offset;
    return rc;
}

int acpi_gas_write(const struct acpi_gas *g, uint64_t val)
{
    if ( g->bit_offset < 64 )
        val <<= g->bit_offset;
    return gas_access(g, &val, true);
}

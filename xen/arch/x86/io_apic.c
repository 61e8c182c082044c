/*
 * IO-APIC driver: map each IO-APIC the MADT describes, check that it
 * answers, and mask every redirection entry so that no device interrupt
 * arrives before something routes it.  io_apic_route_gsi() and
 * io_apic_mask_gsi() (asm/io_apic.h) program one pin later.
 *
 * Registers are reached through an index (IOREGSEL) and a data window
 * (IOWIN): each pair of accesses is done under the IO-APIC's lock.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/apicdef.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>

struct io_apic {
    volatile uint8_t *regs;
    paddr_t base;
    uint32_t id, gsi_base;
    unsigned int nr_pins;
    spinlock_t lock;
};

static struct io_apic io_apics[MAX_IO_APICS];
static unsigned int nr_io_apics;

static uint32_t ioapic_read(struct io_apic *a, unsigned int reg)
{
    writel(reg, a->regs + IO_APIC_REGSEL);
    return readl(a->regs + IO_APIC_WIN);
}

static void ioapic_write(struct io_apic *a, unsigned int reg, uint32_t v)
{
    writel(reg, a->regs + IO_APIC_REGSEL);
    writel(v, a->regs + IO_APIC_WIN);
}

/* Mask first, then rewrite: the entry is never live half-written. */
static void write_rte(struct io_apic *a, unsigned int pin, uint32_t lo,
                      uint32_t hi)
{
    unsigned long flags;

    spin_lock_irqsave(&a->lock, flags);
    ioapic_write(a, IO_APIC_REG_RTE(pin), IO_APIC_RTE_MASKED);
    ioapic_write(a, IO_APIC_REG_RTE(pin) + 1, hi);
    ioapic_write(a, IO_APIC_REG_RTE(pin), lo);
    spin_unlock_irqrestore(&a->lock, flags);
}

static struct io_apic *find_gsi(unsigned int gsi, unsigned int *pin)
{
    for ( unsigned int i = 0; i < nr_io_apics; i++ )
    {
        struct io_apic *a = &io_apics[i];

        if ( gsi >= a->gsi_base && gsi < a->gsi_base + a->nr_pins )
        {
            *pin = gsi - a->gsi_base;
            return a;
        }
    }
    return NULL;
}

int io_apic_route_gsi(unsigned int gsi, uint8_t vector, uint32_t dest,
                      bool level, bool active_low, bool masked)
{
    unsigned int pin;
    struct io_apic *a = find_gsi(gsi, &pin);
    uint32_t lo = vector;

    if ( !a || dest > 0xff || vector < 0x20 )
        return -EINVAL;
    if ( level )
        lo |= IO_APIC_RTE_LEVEL;
    if ( active_low )
        lo |= IO_APIC_RTE_ACTIVE_LOW;
    if ( masked )
        lo |= IO_APIC_RTE_MASKED;
    write_rte(a, pin, lo, dest << 24);
    return 0;
}

int io_apic_mask_gsi(unsigned int gsi, bool masked)
{
    unsigned int pin;
    struct io_apic *a = find_gsi(gsi, &pin);
    unsigned long flags;
    uint32_t lo;

    if ( !a )
        return -EINVAL;
    spin_lock_irqsave(&a->lock, flags);
    lo = ioapic_read(a, IO_APIC_REG_RTE(pin));
    lo = masked ? lo | IO_APIC_RTE_MASKED : lo & ~IO_APIC_RTE_MASKED;
    ioapic_write(a, IO_APIC_REG_RTE(pin), lo);
    spin_unlock_irqrestore(&a->lock, flags);
    return 0;
}

unsigned int io_apic_nr_gsis(void)
{
    unsigned int n = 0;

    for ( unsigned int i = 0; i < nr_io_apics; i++ )
        n = max(n, io_apics[i].gsi_base + io_apics[i].nr_pins);
    return n;
}

/* Map one MADT entry; false if it does not look like an IO-APIC. */
static bool probe(struct io_apic *a, paddr_t pa)
{
    uint32_t ver;

    a->regs = ioremap_uc(pa, PAGE_SIZE);
    if ( !a->regs )
        return false;
    spin_lock_init(&a->lock);
    ver = ioapic_read(a, IO_APIC_REG_VER);
    if ( ver == 0xffffffffu )          /* nothing decodes the address */
        return false;
    a->nr_pins = IO_APIC_VER_MAXREDIR(ver) + 1;
    for ( unsigned int pin = 0; pin < a->nr_pins; pin++ )
        write_rte(a, pin, IO_APIC_RTE_MASKED, 0);
    return true;
}

void io_apic_init(void)
{
    for ( unsigned int i = 0; i < acpi_madt.nr_ioapics; i++ )
    {
        struct io_apic *a = &io_apics[nr_io_apics];

        a->id = acpi_madt.ioapics[i].id;
        a->gsi_base = acpi_madt.ioapics[i].gsi_base;
        a->base = acpi_madt.ioapics[i].addr;
        if ( !probe(a, acpi_madt.ioapics[i].addr) )
        {
            printk(XENLOG_WARNING "IO-APIC ID %u at %#lx does not respond, ignored\n",
                   a->id, acpi_madt.ioapics[i].addr);
            continue;
        }
        /* dom0 may look (Linux reads it), never program it. */
        mmio_guard(acpi_madt.ioapics[i].addr, PAGE_SIZE, MMIO_READ_ONLY);
        printk(XENLOG_INFO "IO-APIC ID %u at %#lx: GSIs %u-%u, all masked\n",
               a->id, acpi_madt.ioapics[i].addr, a->gsi_base,
               a->gsi_base + a->nr_pins - 1);
        nr_io_apics++;
    }
}

/* The GSIs of the IO-APIC at base: -EINVAL if none of ours is there. */
int io_apic_gsis_at(uint64_t base, unsigned int *gsi_base, unsigned int *nr_pins)
{
    for ( unsigned int i = 0; i < nr_io_apics; i++ )
        if ( io_apics[i].base == base )
        {
            *gsi_base = io_apics[i].gsi_base;
            *nr_pins = io_apics[i].nr_pins;
            return 0;
        }
    return -EINVAL;
}

/* PHYSDEVOP_apic_read: one register of the IO-APIC at base, for dom0's
 * own bookkeeping (Linux reads the ID and version of each MADT entry).
 * -EINVAL if no IO-APIC of ours lives at base. */
int io_apic_read_at(uint64_t base, uint32_t reg, uint32_t *val)
{
    unsigned long flags;

    for ( unsigned int i = 0; i < nr_io_apics; i++ )
    {
        struct io_apic *a = &io_apics[i];

        if ( a->base != base )
            continue;
        spin_lock_irqsave(&a->lock, flags);
        *val = ioapic_read(a, reg & 0xff);
        spin_unlock_irqrestore(&a->lock, flags);
        return 0;
    }
    return -EINVAL;
}

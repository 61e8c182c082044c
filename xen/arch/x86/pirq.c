/*
 * GSIs lent to the hardware domain as PIRQs.
 *
 * dom0 names a GSI with PHYSDEVOP_map_pirq (Linux asks pirq == gsi),
 * may tell its trigger mode and polarity with PHYSDEVOP_setup_gsi (from
 * its ACPI tables), and binds the PIRQ to an event channel with
 * EVTCHNOP_bind_pirq.  Only then is the IO-APIC pin given a vector and
 * unmasked.  An interrupt raises the bound port; a level-triggered pin
 * is masked until dom0 says PHYSDEVOP_eoi (its driver has quietened the
 * device), an edge-triggered one never needs that.  Closing the port
 * masks the pin again and gives the vector back.
 *
 * One table indexed by GSI under one lock: every pin has at most one
 * owner, and only a privileged domain can be one.  The pins the
 * hypervisor keeps (its console UART's line) can be named but never
 * bound, so no event of them ever reaches dom0.
 *
 * Lock order: the event channel's ed->lock, then pirq_lock (bind and
 * close come from event_channel.c with it held).  The interrupt handler
 * drops pirq_lock before it raises the port.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <xen/console.h>
#include <xen/event.h>
#include <public/physdev.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/apicdef.h>
#include <asm/io_apic.h>
#include <asm/msi.h>
#include <asm/pirq.h>
#include <asm/traps.h>

#define MAX_GSIS 256

struct gsi_pirq {
    uint64_t owner;            /* unique_id of the mapping domain, 0: free */
    domid_t domid;
    int pirq;
    unsigned int port;         /* bound event channel, 0: none */
    int vector;                /* while bound */
    bool mode_set;             /* PHYSDEVOP_setup_gsi was given */
    bool level, active_low;
    bool in_flight;            /* level: masked until PHYSDEVOP_eoi */
};

static struct gsi_pirq gsis[MAX_GSIS];
static uint16_t vector_gsi[256];    /* GSI + 1 of a bound vector, 0: none */
DEFINE_SPINLOCK(pirq_lock);           /* also guards arch/x86/msi.c's */

static unsigned int nr_gsis(void)
{
    return min(io_apic_nr_gsis(), (unsigned int)MAX_GSIS);
}

/* The GSI an ISA IRQ arrives on, and its MADT flags (0: ISA defaults). */
static unsigned int isa_gsi(unsigned int irq, uint16_t *flags)
{
    *flags = 0;
    for ( unsigned int i = 0; i < acpi_madt.nr_isos; i++ )
        if ( acpi_madt.isos[i].irq == irq )
        {
            *flags = acpi_madt.isos[i].flags;
            return acpi_madt.isos[i].gsi;
        }
    return irq;
}

/* Lines the hypervisor keeps: its console UART's ISA IRQ. */
static bool hv_owns_gsi(unsigned int gsi)
{
    uint16_t f;

    return (console_uses_ioport(0x3f8) && gsi == isa_gsi(4, &f)) ||
           (console_uses_ioport(0x2f8) && gsi == isa_gsi(3, &f));
}

/* Trigger and polarity of a GSI nobody described with setup_gsi: an
 * ISA line (directly or through an override) follows the MADT flags,
 * ISA default edge/active high; any other line is PCI: level, low. */
static void default_mode(unsigned int gsi, struct gsi_pirq *p)
{
    p->level = gsi >= 16;
    p->active_low = gsi >= 16;
    for ( unsigned int irq = 0; irq < 16; irq++ )
    {
        uint16_t f;

        if ( isa_gsi(irq, &f) != gsi )
            continue;
        p->level = (f & ACPI_INTI_TRIGGER_MASK) == ACPI_INTI_LEVEL;
        p->active_low = (f & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_ACTIVE_LOW;
        return;
    }
}

static bool owns(const struct gsi_pirq *p, const struct domain *d)
{
    return p->owner && p->owner == d->unique_id;
}

/* The GSI d names pirq by, or -1.  With pirq_lock. */
static int find_pirq(const struct domain *d, int pirq)
{
    for ( unsigned int g = 0; g < nr_gsis(); g++ )
        if ( owns(&gsis[g], d) && gsis[g].pirq == pirq )
            return g;
    return -1;
}

bool pirq_gsi_named(const struct domain *d, int pirq)
{
    return find_pirq(d, pirq) >= 0;
}

static void pirq_interrupt(struct cpu_user_regs *regs)
{
    int gsi = (int)vector_gsi[regs->entry_vector & 0xff] - 1;
    struct gsi_pirq *p;
    unsigned int port = 0;
    domid_t domid = 0;
    int pirq = 0;

    if ( gsi < 0 )
        return;
    spin_lock(&pirq_lock);
    p = &gsis[gsi];
    if ( p->port && (uint32_t)p->vector == regs->entry_vector )
    {
        if ( p->level )
        {
            /* Quiet until dom0's driver has served the device. */
            io_apic_mask_gsi(gsi, true);
            p->in_flight = true;
        }
        port = p->port;
        domid = p->domid;
        pirq = p->pirq;
    }
    else
        io_apic_mask_gsi(gsi, true);          /* nobody wants it */
    spin_unlock(&pirq_lock);
    if ( port )
        evtchn_raise_pirq(domid, pirq, port);
}

int pirq_map_gsi(struct domain *d, int gsi, int *pirq)
{
    unsigned long flags;
    struct gsi_pirq *p;
    int rc = 0;

    if ( gsi < 0 || (unsigned int)gsi >= nr_gsis() )
        return -EINVAL;
    if ( *pirq < 0 )
        *pirq = gsi;                        /* a GSI's natural name */
    if ( *pirq >= NR_PIRQS )
        return -EINVAL;
    spin_lock_irqsave(&pirq_lock, flags);
    p = &gsis[gsi];
    if ( owns(p, d) )
        rc = p->pirq == *pirq ? 0 : -EEXIST;    /* already named */
    else if ( p->owner )
        rc = -EBUSY;                        /* another domain's */
    else if ( find_pirq(d, *pirq) >= 0 || msi_pirq_named(d, *pirq) )
        rc = -EEXIST;                       /* name taken by another line */
    else
    {
        p->owner = d->unique_id;
        p->domid = d->domain_id;
        p->pirq = *pirq;
        p->port = 0;
        if ( !p->mode_set )
            default_mode(gsi, p);
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

/* With pirq_lock: silence the pin and give its vector back. */
static void unroute(unsigned int gsi, struct gsi_pirq *p)
{
    io_apic_mask_gsi(gsi, true);
    if ( p->vector > 0 )
    {
        vector_gsi[p->vector] = 0;
        free_vector(p->vector);
    }
    p->vector = 0;
    p->port = 0;
    p->in_flight = false;
}

int pirq_unmap(struct domain *d, int pirq)
{
    unsigned long flags;
    int gsi;

    if ( pirq < 0 || pirq >= NR_PIRQS )
        return -EINVAL;
    if ( msi_unmap(d, pirq) == 0 )
        return 0;
    spin_lock_irqsave(&pirq_lock, flags);
    gsi = find_pirq(d, pirq);
    if ( gsi >= 0 )
    {
        /* A port still bound to it goes dead: events no longer come. */
        unroute(gsi, &gsis[gsi]);
        gsis[gsi].owner = 0;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return gsi >= 0 ? 0 : -EINVAL;
}

int pirq_setup_gsi(struct domain *d, int gsi, bool level, bool active_low)
{
    unsigned long flags;
    struct gsi_pirq *p;
    int rc = 0;

    if ( gsi < 0 || (unsigned int)gsi >= nr_gsis() )
        return -EINVAL;
    if ( hv_owns_gsi(gsi) )
        return -EEXIST;                 /* programmed for the hypervisor */
    spin_lock_irqsave(&pirq_lock, flags);
    p = &gsis[gsi];
    if ( p->owner && !owns(p, d) )
        rc = -EBUSY;
    else if ( p->port )
        rc = -EEXIST;                   /* live: its mode stays */
    else
    {
        p->mode_set = true;
        p->level = level;
        p->active_low = active_low;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

int arch_pirq_bind(struct domain *d, uint32_t pirq, unsigned int port)
{
    struct gsi_pirq *p;
    int gsi, vec, rc = 0;
    unsigned long flags;

    spin_lock_irqsave(&pirq_lock, flags);
    if ( (rc = msi_bind_locked(d, pirq, port)) != -ENOENT )
    {
        spin_unlock_irqrestore(&pirq_lock, flags);
        return rc;
    }
    rc = 0;
    gsi = find_pirq(d, pirq);
    p = gsi >= 0 ? &gsis[gsi] : NULL;
    if ( !p || hv_owns_gsi(gsi) )
        rc = -EPERM;                    /* not lent to this domain */
    else if ( p->port )
        rc = -EEXIST;                   /* bound already (Xen 4.17) */
    else if ( (vec = alloc_vector(pirq_interrupt)) < 0 )
        rc = -ENOSPC;
    else
    {
        vector_gsi[vec] = gsi + 1;
        p->vector = vec;
        p->port = port;
        p->in_flight = false;
        rc = io_apic_route_gsi(gsi, vec, x86_cpu_to_apicid[0], p->level,
                               p->active_low, false);
        if ( rc )
            unroute(gsi, p);
        else
            pirq_eoi_mark(d, pirq, p->level);   /* level: held until EOI */
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

void arch_pirq_unbind(struct domain *d, uint32_t pirq)
{
    unsigned long flags;
    int gsi;

    spin_lock_irqsave(&pirq_lock, flags);
    if ( !msi_unbind_locked(d, pirq) &&
         (gsi = find_pirq(d, pirq)) >= 0 && gsis[gsi].port )
        unroute(gsi, &gsis[gsi]);
    spin_unlock_irqrestore(&pirq_lock, flags);
}

/* PHYSDEVOP_eoi: a level line held masked since its interrupt is let
 * go.  With the v1 EOI page the PIRQ's port is unmasked too (outside
 * pirq_lock: the event lock comes first). */
int pirq_eoi(struct domain *d, uint32_t pirq)
{
    unsigned long flags;
    int gsi, port;

    if ( pirq >= NR_PIRQS )
        return -EINVAL;
    spin_lock_irqsave(&pirq_lock, flags);
    /* An MSI is never masked for its EOI: nothing held back. */
    if ( (port = msi_port_locked(d, pirq)) == -ENOENT &&
         (gsi = find_pirq(d, pirq)) >= 0 )
    {
        port = gsis[gsi].port;
        if ( gsis[gsi].in_flight && gsis[gsi].port )
        {
            gsis[gsi].in_flight = false;
            io_apic_mask_gsi(gsi, false);
        }
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( port < 0 )
        return -EINVAL;
    if ( port && d->arch.pirq_auto_unmask )
        evtchn_unmask_pirq(d, pirq, port);
    return 0;
}

/*
 * Any PIRQ in range answers XENIRQSTAT_needs_eoi, mapped or not, GSI or
 * MSI, level or edge, EOI page or not (Xen 4.17 says the same: a guest
 * that wants to know better reads its EOI page, pirq_eoi.c).  An EOI of a line that holds nothing back does
 * nothing.  No line is shared, so XENIRQSTAT_shared is never set.
 */
int pirq_status(struct domain *d, uint32_t pirq, uint32_t *flags)
{
    (void)d;
    if ( pirq >= NR_PIRQS )
        return -EINVAL;
    *flags = XENIRQSTAT_needs_eoi;
    return 0;
}

/*
 * PHYSDEVOP_apic_write: a dom0 that programs the IO-APIC itself (older
 * kernels, NetBSD) writes redirection entries.  As Xen 4.17, the write
 * is a request, never passed through: only the low half of an entry
 * counts (the ID, version and destination halves are the hypervisor's:
 * accepted, ignored); SMI, NMI, INIT and ExtINT delivery are -EINVAL;
 * a pin the hypervisor keeps or one bound to a port is left as it is
 * (answer 0, as Xen for a pin in use).  Otherwise the entry gives the
 * line's trigger and polarity, and if unmasked its vector field is the
 * PIRQ dom0 names it by (the token PHYSDEVOP_alloc_irq_vector handed
 * out): the GSI is mapped to it unless already named (Xen then keeps
 * the old name and still answers 0).  The pin itself stays masked
 * until EVTCHNOP_bind_pirq routes it to a vector of the hypervisor's,
 * where Xen routes it at once; dom0's vector and destination never
 * reach the hardware.
 */
#define RTE_DELIVERY(lo)     (((lo) >> 8) & 7)
#define RTE_LOWEST_PRIORITY  1

int pirq_apic_write(struct domain *d, uint64_t base, uint32_t reg, uint32_t lo)
{
    unsigned int gsi_base, nr_pins, pin, gsi;
    unsigned long flags;
    struct gsi_pirq *p;
    int rc = io_apic_gsis_at(base, &gsi_base, &nr_pins);

    if ( rc )
        return rc;
    if ( reg < IO_APIC_REG_RTE(0) || (reg & 1) )
        return 0;
    if ( RTE_DELIVERY(lo) > RTE_LOWEST_PRIORITY )
        return -EINVAL;
    pin = (reg - IO_APIC_REG_RTE(0)) / 2;
    gsi = gsi_base + pin;
    /* Xen reads past the pins here; ours refuses. */
    if ( pin >= nr_pins || gsi >= nr_gsis() )
        return -EINVAL;
    if ( hv_owns_gsi(gsi) )
        return 0;
    spin_lock_irqsave(&pirq_lock, flags);
    p = &gsis[gsi];
    if ( !p->port && (!p->owner || owns(p, d)) )
    {
        int pirq = lo & 0xff;

        if ( !(lo & IO_APIC_RTE_MASKED) && !p->owner &&
             find_pirq(d, pirq) < 0 && !msi_pirq_named(d, pirq) )
        {
            p->owner = d->unique_id;
            p->domid = d->domain_id;
            p->pirq = pirq;
        }
        p->mode_set = true;
        p->level = lo & IO_APIC_RTE_LEVEL;
        p->active_low = lo & IO_APIC_RTE_ACTIVE_LOW;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return 0;
}

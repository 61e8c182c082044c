/*
 * I/O permissions through the domctl: machine frames (iomem), I/O ports
 * and physical IRQs the toolstack lets a domain use.
 *
 * As Xen, the caller may only hand out what it may use itself.  Here only
 * the hardware domain (dom0) has direct I/O, defined by the hypervisor's
 * own rules (arch: asm/iocaps.h), so only dom0 can grant; no other domain
 * holds a range it could pass on.  Grants are recorded per domain as
 * sorted, disjoint ranges.
 *
 * Nothing else consults these records yet: a domain other than dom0 gets
 * no port access, no I/O mappings and no PIRQs whatever they say.  They
 * are kept (and reported nowhere) so that the toolstack's calls succeed
 * and fail exactly as on Xen, and so that device pass-through, when it
 * comes, has them to check.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/domctl.h>
#include <public/domctl.h>
#include <asm/current.h>
#include <asm/iocaps.h>

/* PIRQ numbers a domain can name, as in event_channel.c.  Only dom0
 * maps PIRQs (its own GSIs, arch/x86/pirq.c); lending one to another
 * domain is not implemented. */
#define NR_PIRQS 256
#define NR_IOPORTS 0x10000

/* Add [s, e] to the set, merging what it touches or overlaps. */
static int caps_add(struct io_caps *c, uint64_t s, uint64_t e)
{
    unsigned int i = 0, j;

    while ( i < c->nr && c->r[i].e + 1 < s && c->r[i].e != ~0ULL )
        i++;                        /* first range ending at or after s-1 */
    j = i;
    while ( j < c->nr && (e == ~0ULL || c->r[j].s <= e + 1) )
    {
        s = min(s, c->r[j].s);
        e = max(e, c->r[j].e);
        j++;
    }
    if ( i == j && c->nr == IO_CAPS_MAX )
        return -ENOMEM;             /* no room for another range */
    /* Ranges i .. j-1 become one, at i. */
    if ( i == j )
        memmove(&c->r[i + 1], &c->r[i], (c->nr - i) * sizeof(c->r[0]));
    else
        memmove(&c->r[i + 1], &c->r[j], (c->nr - j) * sizeof(c->r[0]));
    c->nr += 1 - (j - i);
    c->r[i].s = s;
    c->r[i].e = e;
    return 0;
}

/* Remove [s, e]; a range it falls inside splits in two. */
static int caps_remove(struct io_caps *c, uint64_t s, uint64_t e)
{
    for ( unsigned int i = 0; i < c->nr; i++ )
    {
        uint64_t rs = c->r[i].s, re = c->r[i].e;

        if ( re < s || rs > e )
            continue;
        if ( rs < s && re > e )
        {
            if ( c->nr == IO_CAPS_MAX )
                return -ENOMEM;
            memmove(&c->r[i + 1], &c->r[i], (c->nr - i) * sizeof(c->r[0]));
            c->nr++;
            c->r[i].e = s - 1;
            c->r[i + 1].s = e + 1;
            return 0;
        }
        if ( rs < s )
            c->r[i].e = s - 1;
        else if ( re > e )
            c->r[i].s = e + 1;
        else
        {
            memmove(&c->r[i], &c->r[i + 1], (c->nr - i - 1) * sizeof(c->r[0]));
            c->nr--;
            i--;
        }
    }
    return 0;
}

static int caps_update(struct io_caps *c, uint64_t s, uint64_t e, bool allow)
{
    return allow ? caps_add(c, s, e) : caps_remove(c, s, e);
}

long domctl_iomem_permission(struct domain *d,
                             const struct xen_domctl_iomem_permission *p)
{
    uint64_t first = p->first_mfn, last = first + p->nr_mfns - 1;

    if ( last < first )
        return -EINVAL;             /* wraps (or no frames at 0) */
    if ( !current->domain->is_privileged || !hwdom_iomem_ok(first, last) )
        return -EPERM;
    return caps_update(&d->iomem_caps, first, last, p->allow_access);
}

long domctl_ioport_permission(struct domain *d,
                              const struct xen_domctl_ioport_permission *p)
{
    unsigned int first = p->first_port, nr = p->nr_ports;

    if ( first + nr <= first || first + nr > NR_IOPORTS )
        return -EINVAL;
    if ( !current->domain->is_privileged ||
         !hwdom_ioports_ok(first, first + nr - 1) )
        return -EPERM;
    return caps_update(&d->ioport_caps, first, first + nr - 1,
                       p->allow_access);
}

/* The caller names the IRQ by its own PIRQ number.  Passing a line on
 * to another domain is not implemented, so every valid number is -EPERM
 * (what Xen answers for an unmapped one; Xen would grant a mapped one). */
long domctl_irq_permission(struct domain *d,
                           const struct xen_domctl_irq_permission *p)
{
    if ( p->pirq >= NR_PIRQS )
        return -EINVAL;
    return -EPERM;
}

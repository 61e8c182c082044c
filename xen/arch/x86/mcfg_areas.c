/*
 * MCFG areas: checked entries, lookups and the bookkeeping of
 * PHYSDEVOP_pci_mmcfg_reserved (interface and rules in asm/mcfg_areas.h).
 * No locks and no hypervisor services here, so that the host unit test
 * (tests/unit/run-mcfg.sh) runs this very file; arch/x86/pci_mmcfg.c
 * serialises the callers.
 */
#include <xen/errno.h>
#include <public/physdev.h>
#include <asm/mcfg_areas.h>

uint64_t mcfg_area_start(const struct mcfg_area *a)
{
    return a->base + ((uint64_t)a->start_bus << MCFG_BUS_SHIFT);
}

uint64_t mcfg_area_end(const struct mcfg_area *a)
{
    return a->base + ((uint64_t)(a->end_bus + 1) << MCFG_BUS_SHIFT);
}

/* Whether two areas would answer for the same function or the same
 * physical address. */
static bool overlaps(const struct mcfg_area *x, const struct mcfg_area *y)
{
    bool same_buses = x->seg == y->seg && x->start_bus <= y->end_bus &&
                      y->start_bus <= x->end_bus;

    return same_buses || (mcfg_area_start(x) < mcfg_area_end(y) &&
                          mcfg_area_start(y) < mcfg_area_end(x));
}

int mcfg_area_add(struct mcfg_areas *s, uint64_t base, unsigned int seg,
                  unsigned int start_bus, unsigned int end_bus,
                  unsigned int paddr_bits)
{
    struct mcfg_area n = { base, seg, start_bus, end_bus, false };

    if ( seg > 0xffff || start_bus > end_bus || end_bus > 0xff ||
         (base & ((1u << MCFG_BUS_SHIFT) - 1)) )
        return -EINVAL;
    /* base below 2^52 first, so that the end cannot wrap. */
    if ( paddr_bits > 52 || (base >> paddr_bits) ||
         (mcfg_area_end(&n) - 1) >> paddr_bits )
        return -ERANGE;
    for ( unsigned int i = 0; i < s->nr; i++ )
        if ( overlaps(&s->a[i], &n) )
            return -EEXIST;
    if ( s->nr >= MCFG_MAX_AREAS )
        return -ENOSPC;
    s->a[s->nr++] = n;
    return 0;
}

void mcfg_area_drop(struct mcfg_areas *s, unsigned int i)
{
    if ( i >= s->nr )
        return;
    for ( s->nr--; i < s->nr; i++ )
        s->a[i] = s->a[i + 1];
}

/* The table's layout: a 36-byte ACPI header, 8 reserved bytes, then
 * 16-byte entries (base, segment, start bus, end bus, 4 reserved). */
#define MCFG_FIRST_ENTRY  44
#define MCFG_ENTRY_SIZE   16

static uint64_t get_le(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while ( bytes-- )
        v = v << 8 | p[bytes];
    return v;
}

unsigned int mcfg_parse(struct mcfg_areas *s, const void *table, size_t len,
                        unsigned int paddr_bits,
                        void (*refused)(unsigned int i, int err,
                                        const struct mcfg_area *e))
{
    const uint8_t *t = table;
    unsigned int n;

    if ( len < MCFG_FIRST_ENTRY )
        return 0;
    n = (len - MCFG_FIRST_ENTRY) / MCFG_ENTRY_SIZE;    /* a partial one ends it */
    for ( unsigned int i = 0; i < n; i++ )
    {
        const uint8_t *e = t + MCFG_FIRST_ENTRY + i * MCFG_ENTRY_SIZE;
        struct mcfg_area seen = { get_le(e, 8), get_le(e + 8, 2), e[10], e[11],
                                  false };
        int rc = mcfg_area_add(s, seen.base, seen.seg, seen.start_bus,
                               seen.end_bus, paddr_bits);

        if ( rc && refused )
            refused(i, rc, &seen);
    }
    return n;
}

const struct mcfg_area *mcfg_find_bus(const struct mcfg_areas *s,
                                      unsigned int seg, unsigned int bus)
{
    for ( unsigned int i = 0; i < s->nr && i < MCFG_MAX_AREAS; i++ )
        if ( s->a[i].seg == seg && s->a[i].start_bus <= bus &&
             bus <= s->a[i].end_bus )
            return &s->a[i];
    return NULL;
}

const struct mcfg_area *mcfg_decode(const struct mcfg_areas *s, uint64_t pa,
                                    unsigned int *seg, unsigned int *bus,
                                    unsigned int *devfn)
{
    for ( unsigned int i = 0; i < s->nr && i < MCFG_MAX_AREAS; i++ )
    {
        const struct mcfg_area *a = &s->a[i];

        if ( pa < mcfg_area_start(a) || pa >= mcfg_area_end(a) )
            continue;
        *seg = a->seg;
        *bus = (pa - a->base) >> MCFG_BUS_SHIFT;
        *devfn = ((pa - a->base) >> 12) & 0xff;
        return a;
    }
    return NULL;
}

uint64_t mcfg_conf_addr(const struct mcfg_area *a, unsigned int bus,
                        unsigned int devfn, unsigned int reg)
{
    return a->base + ((uint64_t)(bus & 0xff) << MCFG_BUS_SHIFT) +
           ((devfn & 0xff) << 12) + (reg & 0xfff);
}

int mcfg_reserved(struct mcfg_areas *s, uint64_t addr, unsigned int seg,
                  unsigned int start_bus, unsigned int end_bus,
                  uint32_t flags, unsigned int *idx)
{
    if ( flags & ~XEN_PCI_MMCFG_RESERVED )
        return -EINVAL;
    for ( unsigned int i = 0; i < s->nr && i < MCFG_MAX_AREAS; i++ )
    {
        struct mcfg_area *a = &s->a[i];

        if ( a->seg != seg || a->start_bus != start_bus ||
             a->end_bus != end_bus )
            continue;
        if ( a->base != addr )
            return -EIO;
        a->in_use = flags & XEN_PCI_MMCFG_RESERVED;
        *idx = i;
        return 0;
    }
    return -ENODEV;
}

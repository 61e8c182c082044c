/*
 * MSI and MSI-X interrupts of the hardware domain's PCI devices, lent to
 * it as PIRQs (PHYSDEVOP_map_pirq of type MSI, MSI_SEG or MULTI_MSI).
 *
 * As on Xen 4.17, dom0 never writes an interrupt message itself: the
 * map gives the PIRQ a vector of the hypervisor's and writes the
 * message (the BSP's local APIC, that vector, edge) into the device's
 * MSI capability or its MSI-X table entry, leaving the vector masked
 * where the device can mask it.  dom0 then sets the enable bit in
 * config space; EVTCHNOP_bind_pirq unmasks, closing the port masks
 * again, unmap_pirq masks and gives the vector back.  MSI is edge: an
 * interrupt raises the bound port; dom0's EOI (which it always sends,
 * see pirq_status) has nothing to undo.
 *
 * An MSI-X table (with its pending-bit array) is the hypervisor's while
 * an entry of it is set up: dom0's new mappings of those frames are
 * read-only (mmio_hold_ro), as Xen's mmio_ro_ranges.  The table's
 * address comes from the device's own BAR, never from dom0's
 * table_base, and must be device memory: not RAM, not a device the
 * hypervisor drives.
 *
 * Without an IOMMU doing interrupt remapping, Xen gives a device one
 * MSI vector only: MULTI_MSI for more than one is -EOPNOTSUPP.
 *
 * The entries share pirq_lock with the GSI table (arch/x86/pirq.c), so
 * one PIRQ name is never both; the same lock order applies.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <xen/event.h>
#include <public/physdev.h>
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/e820.h>
#include <asm/ioremap.h>
#include <asm/mmio_guard.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/pirq.h>
#include <asm/traps.h>

#define MAX_MSIS 128

#define MSI_ADDR_BASE     0xfee00000u
#define MSI_FLAGS_ENABLE  0x0001
#define MSI_FLAGS_64BIT   0x0080
#define MSI_FLAGS_MASKBIT 0x0100
#define MSIX_FLAGS_QSIZE  0x07ff
#define MSIX_ENTRY_SIZE   16
#define MSIX_CTRL_MASKBIT 1u

struct msi_pirq {
    uint64_t owner;             /* unique_id of the domain, 0: free slot */
    domid_t domid;
    int pirq;
    uint16_t seg;
    uint8_t bus, devfn;
    bool msix;
    bool maskable;              /* MSI-X, or MSI with per-vector masking */
    unsigned int cap;           /* config offset of the capability */
    volatile uint32_t *entry;   /* MSI-X: the table entry (mapped UC) */
    unsigned long ro_first, ro_last;    /* MSI-X: frames held read-only */
    bool held;                  /* MSI-X: that hold was taken */
    bool guest_masked;          /* MSI: dom0 set the mask bit itself */
    int vector;
    unsigned int port;          /* bound event channel, 0: none */
};

static struct msi_pirq msis[MAX_MSIS];
static int16_t vector_msi[256];     /* slot + 1 of a vector, 0: none */

static bool owns(const struct msi_pirq *m, const struct domain *d)
{
    return m->owner && m->owner == d->unique_id;
}

/* The slot d names pirq by, or NULL.  With pirq_lock. */
static struct msi_pirq *find(const struct domain *d, int pirq)
{
    for ( unsigned int i = 0; i < MAX_MSIS; i++ )
        if ( owns(&msis[i], d) && msis[i].pirq == pirq )
            return &msis[i];
    return NULL;
}

bool msi_pirq_named(const struct domain *d, int pirq)
{
    return find(d, pirq) != NULL;
}

/* MSI with per-vector masking: where the mask bits are. */
static unsigned int mask_reg(const struct msi_pirq *m)
{
    unsigned int flags = pci_conf_read(m->bus, m->devfn, m->cap + 2, 2);

    return m->cap + (flags & MSI_FLAGS_64BIT ? 0x10 : 0x0c);
}

static void mask(struct msi_pirq *m, bool on)
{
    if ( m->msix )
    {
        m->entry[3] = (m->entry[3] & ~MSIX_CTRL_MASKBIT) | on;
        (void)m->entry[3];                  /* posted write: flush it */
    }
    else if ( m->maskable )
    {
        unsigned int pos = mask_reg(m);
        uint32_t bits = pci_conf_read(m->bus, m->devfn, pos, 4);

        /* A vector dom0 masked stays masked (Xen: guest_masked). */
        pci_conf_write(m->bus, m->devfn, pos, 4,
                       (bits & ~1u) | on | m->guest_masked);
    }
}

/* The message: the BSP's local APIC, physical mode; fixed, edge. */
static void write_msg(struct msi_pirq *m)
{
    uint32_t addr = MSI_ADDR_BASE | (x86_cpu_to_apicid[0] & 0xff) << 12;
    uint32_t data = m->vector & 0xff;

    if ( m->msix )
    {
        m->entry[0] = addr;
        m->entry[1] = 0;
        m->entry[2] = data;
        return;
    }
    pci_conf_write(m->bus, m->devfn, m->cap + 4, 4, addr);
    if ( pci_conf_read(m->bus, m->devfn, m->cap + 2, 2) & MSI_FLAGS_64BIT )
    {
        pci_conf_write(m->bus, m->devfn, m->cap + 8, 4, 0);
        pci_conf_write(m->bus, m->devfn, m->cap + 0x0c, 2, data);
    }
    else
        pci_conf_write(m->bus, m->devfn, m->cap + 8, 2, data);
}

static void msi_interrupt(struct cpu_user_regs *regs)
{
    int slot = vector_msi[regs->entry_vector & 0xff] - 1;
    struct msi_pirq *m;
    unsigned int port = 0;
    domid_t domid = 0;
    int pirq = 0;

    if ( slot < 0 )
        return;
    spin_lock(&pirq_lock);
    m = &msis[slot];
    if ( m->owner && (uint32_t)m->vector == regs->entry_vector && m->port )
    {
        port = m->port;
        domid = m->domid;
        pirq = m->pirq;
    }
    else if ( m->owner )
        mask(m, true);                      /* nobody listens yet */
    spin_unlock(&pirq_lock);
    if ( port )
        evtchn_raise_pirq(domid, pirq, port);
}

/* A memory BAR's address, or 0 (I/O BAR, unset, or out of range). */
static uint64_t bar_address(unsigned int bus, unsigned int devfn,
                            unsigned int bir)
{
    unsigned int reg = 0x10 + 4 * bir;
    uint64_t lo, hi = 0;

    if ( bir > 5 )
        return 0;
    lo = pci_conf_read(bus, devfn, reg, 4);
    if ( lo & 1 )
        return 0;                           /* I/O space */
    if ( (lo & 6) == 4 )
    {
        if ( bir == 5 )
            return 0;
        hi = pci_conf_read(bus, devfn, reg + 4, 4);
    }
    return (hi << 32) | (lo & ~0xfull);
}

/* Frames [first, last] are device memory nobody else holds: not RAM,
 * not a device of the hypervisor's. */
static bool device_frames(unsigned long first, unsigned long last)
{
    for ( unsigned long f = first; f <= last; f++ )
        if ( mfn_valid(_mfn(f)) || e820_all_ram(pfn_to_paddr(f), pfn_to_paddr(f + 1)) ||
             mmio_guarded(f) )
            return false;
    return true;
}

/* Where an MSI-X capability's table and PBA are: the frames to hold
 * read-only (*first..*last), *table the table's address, *size its
 * entries.  -ENXIO for a BAR not set up, -EPERM for memory that is not
 * a device's. */
static int msix_table(unsigned int bus, unsigned int devfn, unsigned int cap,
                      uint64_t *table, unsigned int *size,
                      unsigned long *first, unsigned long *last)
{
    unsigned int flags = pci_conf_read(bus, devfn, cap + 2, 2);
    uint32_t toff = pci_conf_read(bus, devfn, cap + 4, 4);
    uint32_t poff = pci_conf_read(bus, devfn, cap + 8, 4);
    uint64_t pba = bar_address(bus, devfn, poff & 7);
    unsigned long tf, tl, pf, pl;

    *size = (flags & MSIX_FLAGS_QSIZE) + 1;
    *table = bar_address(bus, devfn, toff & 7);
    if ( !*table || !pba )
        return -ENXIO;
    *table += toff & ~7u;
    pba += poff & ~7u;
    tf = PFN_DOWN(*table);
    tl = PFN_DOWN(*table + *size * MSIX_ENTRY_SIZE - 1);
    pf = PFN_DOWN(pba);
    pl = PFN_DOWN(pba + ((*size + 63) / 64) * 8 - 1);
    if ( (*table >> paddr_bits) || (pba >> paddr_bits) ||
         !device_frames(tf, tl) || !device_frames(pf, pl) )
        return -EPERM;
    /* One range covering both (they usually share a page or two). */
    *first = min(tf, pf);
    *last = max(tl, pl);
    if ( *last - *first > 64 )
    {
        *first = tf;                        /* far apart: the table only */
        *last = tl;
    }
    return 0;
}

/* MSI-X: map entry nr of the table and hold the table and PBA
 * read-only for dom0.  Without pirq_lock (maps pages). */
static int setup_msix(struct msi_pirq *m, int nr)
{
    uint64_t table;
    unsigned int size;
    int rc = msix_table(m->bus, m->devfn, m->cap, &table, &size,
                        &m->ro_first, &m->ro_last);

    if ( nr < 0 || (size && (unsigned int)nr >= size) )
        return -EINVAL;
    if ( rc )
        return rc;
    m->entry = ioremap_uc(table + nr * MSIX_ENTRY_SIZE, MSIX_ENTRY_SIZE);
    if ( !m->entry )
        return -ENOMEM;
    if ( !mmio_hold_ro(m->ro_first, m->ro_last) )
        return -ENOSPC;
    m->held = true;
    return 0;
}

/* A free PIRQ for an MSI: from the top down, as Xen. With pirq_lock. */
static int free_pirq(const struct domain *d)
{
    for ( int p = NR_PIRQS - 1; p >= 16; p-- )
        if ( !find(d, p) && !pirq_gsi_named(d, p) )
            return p;
    return -ENOSPC;
}

/* Xen's checks on the MULTI_MSI count (without interrupt remapping). */
static int multi_count(const struct physdev_map_pirq *map)
{
    if ( map->table_base )
        return -EINVAL;
    if ( map->entry_nr <= 0 || map->entry_nr > 32 )
        return -EDOM;
    return map->entry_nr == 1 ? 0 : -EOPNOTSUPP;
}

/* The device part of a map: which capability, the MSI-X entry. */
static int setup_device(struct msi_pirq *m, const struct physdev_map_pirq *map)
{
    unsigned int flags;

    if ( m->seg || !pci_dev_known(m->seg, m->bus, m->devfn, true) )
        return -ENODEV;
    m->msix = map->type != MAP_PIRQ_TYPE_MULTI_MSI && map->table_base;
    m->cap = pci_find_cap(m->bus, m->devfn,
                          m->msix ? PCI_CAP_ID_MSIX : PCI_CAP_ID_MSI);
    if ( !m->cap )
        return -ENODEV;
    if ( m->msix )
    {
        m->maskable = true;
        return setup_msix(m, map->entry_nr);
    }
    flags = pci_conf_read(m->bus, m->devfn, m->cap + 2, 2);
    m->maskable = flags & MSI_FLAGS_MASKBIT;
    return 0;
}

int msi_map(struct domain *d, struct physdev_map_pirq *map)
{
    struct msi_pirq m = { .owner = d->unique_id, .domid = d->domain_id };
    unsigned long flags;
    int rc, vec, slot = -1;

    if ( map->type == MAP_PIRQ_TYPE_MULTI_MSI && (rc = multi_count(map)) )
        return rc;
    if ( map->index != -1 )
        return -EINVAL;                     /* no such interrupt of ours */
    if ( map->pirq >= NR_PIRQS || map->pirq < -1 )
        return -EINVAL;
    m.seg = map->type == MAP_PIRQ_TYPE_MSI ? 0 : (uint32_t)map->bus >> 16;
    m.bus = map->bus;
    m.devfn = map->devfn;
    if ( (rc = setup_device(&m, map)) != 0 )
        goto fail;
    if ( (vec = alloc_vector(msi_interrupt)) < 0 )
    {
        rc = -EINVAL;                       /* Xen: no irq for it */
        goto fail;
    }
    m.vector = vec;
    spin_lock_irqsave(&pirq_lock, flags);
    m.pirq = map->pirq >= 0 ? map->pirq : free_pirq(d);
    if ( m.pirq < 0 )
        rc = m.pirq;
    else if ( find(d, m.pirq) || pirq_gsi_named(d, m.pirq) )
        rc = -EEXIST;                       /* the name is taken */
    for ( unsigned int i = 0; !rc && i < MAX_MSIS && slot < 0; i++ )
        if ( !msis[i].owner )
            slot = i;
    if ( !rc && slot < 0 )
        rc = -ENOSPC;
    if ( !rc )
    {
        msis[slot] = m;
        vector_msi[vec] = slot + 1;
        mask(&msis[slot], true);
        write_msg(&msis[slot]);
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( rc )
    {
        free_vector(vec);
        goto fail;
    }
    map->pirq = m.pirq;
    if ( map->type == MAP_PIRQ_TYPE_MULTI_MSI )
        map->entry_nr = 1;
    return 0;

 fail:
    if ( m.held )
        mmio_release_ro(m.ro_first, m.ro_last);
    return rc;
}

/* With pirq_lock: silence the vector, forget the slot.  The MSI-X hold
 * is handed back to the caller (released without the lock). */
static void teardown(struct msi_pirq *m)
{
    mask(m, true);
    if ( !m->msix )
    {
        unsigned int f = pci_conf_read(m->bus, m->devfn, m->cap + 2, 2);

        pci_conf_write(m->bus, m->devfn, m->cap + 2, 2, f & ~MSI_FLAGS_ENABLE);
    }
    if ( m->vector > 0 )
    {
        vector_msi[m->vector] = 0;
        free_vector(m->vector);
    }
    m->owner = 0;
    m->port = 0;
    m->held = false;
}

int msi_unmap(struct domain *d, int pirq)
{
    unsigned long flags, first = 0, last = 0;
    struct msi_pirq *m;
    bool held = false;

    spin_lock_irqsave(&pirq_lock, flags);
    if ( (m = find(d, pirq)) != NULL )
    {
        held = m->held;
        first = m->ro_first;
        last = m->ro_last;
        teardown(m);
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( held )
        mmio_release_ro(first, last);
    return m ? 0 : -ENOENT;
}

/* With pirq_lock (from arch_pirq_bind). */
int msi_bind_locked(struct domain *d, int pirq, unsigned int port)
{
    struct msi_pirq *m = find(d, pirq);

    if ( !m )
        return -ENOENT;
    if ( m->port )
        return -EEXIST;
    m->port = port;
    mask(m, false);
    /* As Xen: an MSI the device cannot mask is acknowledged by the EOI. */
    pirq_eoi_mark(d, pirq, !m->maskable);
    return 0;
}

/* With pirq_lock: the port an MSI PIRQ is bound to (0: none), -ENOENT
 * if pirq is not an MSI of d's. */
int msi_port_locked(const struct domain *d, int pirq)
{
    const struct msi_pirq *m = find(d, pirq);

    return m ? (int)m->port : -ENOENT;
}

/* With pirq_lock (from arch_pirq_unbind). */
bool msi_unbind_locked(struct domain *d, int pirq)
{
    struct msi_pirq *m = find(d, pirq);

    if ( !m )
        return false;
    if ( m->port )
    {
        mask(m, true);
        m->port = 0;
    }
    return true;
}

int msi_restore(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    unsigned long flags;

    if ( !pci_dev_known(seg, bus, devfn, false) )
        return -ENODEV;
    spin_lock_irqsave(&pirq_lock, flags);
    for ( unsigned int i = 0; i < MAX_MSIS; i++ )
    {
        struct msi_pirq *m = &msis[i];

        if ( !m->owner || m->seg != seg || m->bus != bus || m->devfn != devfn )
            continue;
        write_msg(m);
        mask(m, !m->port);
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return 0;
}

static void forget_prepared(uint32_t sbdf);

/* A device going away takes its MSIs with it (their PIRQ names too: a
 * later unmap_pirq of one is -EINVAL, a port bound to one goes dead). */
void msi_forget_device(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    forget_prepared(seg << 16 | bus << 8 | devfn);
    for ( unsigned int i = 0; i < MAX_MSIS; i++ )
    {
        unsigned long flags, first = 0, last = 0;
        bool held = false;
        struct msi_pirq *m = &msis[i];

        spin_lock_irqsave(&pirq_lock, flags);
        if ( m->owner && m->seg == seg && m->bus == bus && m->devfn == devfn )
        {
            held = m->held;
            first = m->ro_first;
            last = m->ro_last;
            teardown(m);
        }
        spin_unlock_irqrestore(&pirq_lock, flags);
        if ( held )
            mmio_release_ro(first, last);
    }
}

/*
 * PHYSDEVOP_prepare_msix / release_msix: dom0 (pciback) asks for a
 * device's MSI-X table to be taken over before any entry is mapped,
 * and gives it back.  As Xen, preparing counts as one user of the
 * table: prepare wants none (-EBUSY otherwise), release exactly one.
 */
#define MAX_PREPARED 16

static struct {
    uint32_t sbdf;              /* 0 with !used */
    unsigned long first, last;
    bool used;
} prepared[MAX_PREPARED];

/* With pirq_lock: the table's users (mapped MSI-X entries, prepare). */
static unsigned int msix_users(uint32_t sbdf, int *prep, struct msi_pirq **one)
{
    unsigned int n = 0;

    *prep = -1;
    for ( unsigned int i = 0; i < MAX_PREPARED; i++ )
        if ( prepared[i].used && prepared[i].sbdf == sbdf )
        {
            *prep = i;
            n++;
        }
    for ( unsigned int i = 0; i < MAX_MSIS; i++ )
        if ( msis[i].owner && msis[i].msix && msis[i].held &&
             (uint32_t)(msis[i].seg << 16 | msis[i].bus << 8 | msis[i].devfn) == sbdf )
        {
            *one = &msis[i];
            n++;
        }
    return n;
}

int msi_prepare_msix(unsigned int seg, unsigned int bus, unsigned int devfn,
                     bool off)
{
    uint32_t sbdf = seg << 16 | bus << 8 | devfn;
    unsigned int cap = seg ? 0 : pci_find_cap(bus, devfn, PCI_CAP_ID_MSIX);
    unsigned long flags, first = 0, last = 0;
    struct msi_pirq *one = NULL;
    uint64_t table;
    unsigned int size;
    int prep, rc = 0, slot = -1;

    if ( !cap || !pci_dev_known(seg, bus, devfn, false) )
        return -ENODEV;
    if ( !off && (rc = msix_table(bus, devfn, cap, &table, &size, &first, &last)) )
        return rc;
    spin_lock_irqsave(&pirq_lock, flags);
    if ( msix_users(sbdf, &prep, &one) != (off ? 1 : 0) )
        rc = -EBUSY;
    else if ( off && prep >= 0 )
    {
        prepared[prep].used = false;
        first = prepared[prep].first;
        last = prepared[prep].last;
    }
    else if ( off )
    {
        /* Xen drops the protection even under a mapped entry. */
        one->held = false;
        first = one->ro_first;
        last = one->ro_last;
    }
    else
    {
        for ( unsigned int i = 0; i < MAX_PREPARED && slot < 0; i++ )
            if ( !prepared[i].used )
                slot = i;
        if ( slot < 0 )
            rc = -ENOSPC;
        else
            prepared[slot] = (typeof(prepared[0])){ sbdf, first, last, true };
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    if ( rc )
        return rc;
    if ( off )
        mmio_release_ro(first, last);
    else if ( !mmio_hold_ro(first, last) )
    {
        spin_lock_irqsave(&pirq_lock, flags);
        prepared[slot].used = false;
        spin_unlock_irqrestore(&pirq_lock, flags);
        return -ENOSPC;
    }
    return 0;
}

static void forget_prepared(uint32_t sbdf)
{
    for ( unsigned int i = 0; i < MAX_PREPARED; i++ )
    {
        unsigned long flags, first = 0, last = 0;
        bool drop = false;

        spin_lock_irqsave(&pirq_lock, flags);
        if ( prepared[i].used && prepared[i].sbdf == sbdf )
        {
            prepared[i].used = false;
            first = prepared[i].first;
            last = prepared[i].last;
            drop = true;
        }
        spin_unlock_irqrestore(&pirq_lock, flags);
        if ( drop )
            mmio_release_ro(first, last);
    }
}

/*
 * dom0's config-space writes (ports 0xcf8/0xcfc, pv/emul-io.c), filtered
 * as Xen 4.17's MSI intercept filters them, so that what the hypervisor
 * programmed stays:
 *  - a device dom0 announced (Xen without an IOMMU knows no other)
 *    with an MSI-X capability, whatever is set up: within the
 *    capability's first 12 bytes only a 2-byte write of the control
 *    word goes through (dom0 sets the enable and function-mask bits
 *    itself); the rest is dropped;
 *  - a device with an MSI set up by the hypervisor, if the device can
 *    mask it per vector: from the capability to the pending bits, only
 *    a 2-byte control write goes through and a 4-byte mask write, whose
 *    bit for the vector is forced on while the hypervisor keeps it
 *    masked (no port bound) and whose bits for vectors the device has
 *    but nobody set up are forced on; address, data, pending bits and
 *    writes of other sizes are dropped.  dom0's own mask bit is kept
 *    (guest_masked) and honoured by later unmasks;
 *  - an MSI the device cannot mask is not filtered at all, as on Xen.
 * Registers below 64 and from 256 up are never filtered.  The same rules
 * hold on every segment (writes through MMCONFIG, pv/mmcfg_write.c); only
 * segment 0's devices get MSI set up, so elsewhere only the MSI-X rule
 * can apply.
 * Returns false for a write to drop; *val may be adjusted.
 */
#define MSI_FLAGS_QMASK    0x000e      /* log2 of the vectors capable */

static bool msi_mask_write(struct msi_pirq *m, unsigned int reg,
                           unsigned int size, uint32_t *val)
{
    unsigned int mpos = mask_reg(m);
    unsigned int flags = pci_conf_read(m->bus, m->devfn, m->cap + 2, 2);
    unsigned int maxvec = 1u << ((flags & MSI_FLAGS_QMASK) >> 1);

    if ( reg < m->cap || reg >= mpos + 8 )
        return true;
    if ( reg == m->cap + 2 )
        return size == 2;
    if ( reg != mpos || size != 4 )
        return false;
    m->guest_masked = *val & 1;
    if ( !m->port )
        *val |= 1;                          /* the hypervisor's mask */
    if ( maxvec > 1 )
        *val |= (~0u >> (32 - min(maxvec, 32u))) & ~1u;    /* unused */
    return true;
}

bool msi_conf_write_ok(unsigned int seg, unsigned int bus, unsigned int devfn,
                       unsigned int reg, unsigned int size, uint32_t *val)
{
    unsigned int pos;
    unsigned long flags;
    bool ok = true;

    if ( reg < 64 || reg >= 256 || !pci_dev_known(seg, bus, devfn, true) )
        return true;
    pos = pci_seg_find_cap(seg, bus, devfn, PCI_CAP_ID_MSIX);
    if ( pos && reg >= pos && reg < pos + 12 )
        return reg == pos + 2 && size == 2;
    spin_lock_irqsave(&pirq_lock, flags);
    for ( unsigned int i = 0; i < MAX_MSIS; i++ )
    {
        struct msi_pirq *m = &msis[i];

        if ( m->owner && !m->msix && m->maskable && m->seg == seg &&
             m->bus == bus && m->devfn == devfn )
        {
            ok = msi_mask_write(m, reg, size, val);
            break;
        }
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return ok;
}

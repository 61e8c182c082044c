/*
 * x86 memory_op sub-ops: where the M2P table is, and the memory maps
 * (the caller's pseudo-physical one, and the host's for dom0).
 */
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <public/memory.h>
#include <asm/current.h>
#include <asm/e820.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>
#include <asm/hvm/hvm.h>

long arch_memory_op(unsigned long cmd, void *arg);
int arch_guest_add_pages(struct domain *d, unsigned long gfn, mfn_t mfn,
                         unsigned int order);
bool arch_guest_translated(const struct domain *d);
long arch_max_gpfn(const struct domain *d);

void arch_guest_drop_allocation(struct page_info *pg)
{
    if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated,
                            __ATOMIC_ACQ_REL) & PGC_allocated )
        put_page(pg);
}

/* A PV guest's gfn is the machine frame itself; an HVM guest's goes
 * through its p2m. */
int arch_guest_remove_page(struct domain *d, unsigned long gfn)
{
    struct page_info *pg;
    int rc = -EINVAL;

    if ( d->arch.is_hvm )
    {
        if ( !(pg = hvm_physmap_take(d, gfn)) )
            return rc;
        arch_guest_drop_allocation(pg);
        return 0;
    }

    if ( !mfn_valid(_mfn(gfn)) )
        return rc;
    pg = mfn_to_page(_mfn(gfn));
    pv_mm_lock(d);
    /* Only ordinary pages: not shared hypervisor pages like shared_info.
     * The allocation's reference goes once, to whoever clears the flag
     * (atomically: other domains may be changing the count). */
    if ( pg->owner == d && !(pg->count_info & PGC_xen_heap) &&
         (__atomic_fetch_and(&pg->count_info, ~PGC_allocated,
                             __ATOMIC_ACQ_REL) & PGC_allocated) )
    {
        set_gpfn_from_mfn(gfn, M2P_INVALID);
        put_page(pg);                /* freed when no mapping is left */
        rc = 0;
    }
    pv_mm_unlock(d);
    return rc;
}

struct page_info *arch_steal_page(struct domain *d, unsigned long gfn,
                                  unsigned long *m2p);
void arch_unsteal_page(struct domain *d, struct page_info *pg,
                       unsigned long m2p);

/* A PV guest's gfn is the machine frame; *m2p keeps its M2P entry. */
struct page_info *arch_steal_page(struct domain *d, unsigned long gfn,
                                  unsigned long *m2p)
{
    struct page_info *pg = NULL;
    unsigned long only_alloc = PGC_allocated | 1;

    /* Not for translated guests (their gfn is no machine frame): the
     * exchange fails for them rather than take a wrong page. */
    if ( d->arch.is_hvm || !mfn_valid(_mfn(gfn)) )
        return NULL;
    pv_mm_lock(d);
    pg = mfn_to_page(_mfn(gfn));
    /* Only the allocation's own reference (so no type either): not
     * mapped, not a page table, not granted out.  Dropping PGC_allocated
     * in the same atomic step shuts out every new get_page(), another
     * domain's too. */
    if ( pg->owner == d && !(pg->u.inuse.type_info & PGT_count_mask) &&
         __atomic_compare_exchange_n(&pg->count_info, &only_alloc, 1, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_RELAXED) )
    {
        domain_release_pages(d, pg, 0);
        *m2p = get_gpfn_from_mfn(gfn);
        set_gpfn_from_mfn(gfn, M2P_INVALID);
    }
    else
        pg = NULL;
    pv_mm_unlock(d);
    return pg;
}

void arch_unsteal_page(struct domain *d, struct page_info *pg,
                       unsigned long m2p)
{
    /* It was d's a moment ago, so its allocation limit has room. */
    if ( assign_pages(d, pg, 0, 0) )
    {
        free_domheap_page_unflushed(pg);    /* flushed first */
        return;
    }
    set_gpfn_from_mfn(mfn_x(page_to_mfn(pg)), m2p);
}

/* A PV guest states its P2M size in shared_info (max_pfn, highest pfn
 * + 1); as on Xen, nothing stated reads as 0. */
long arch_max_gpfn(const struct domain *d)
{
    unsigned long n = d->shared_info ? READ_ONCE(d->shared_info->arch.max_pfn) : 0;

    return (n ? n : 1) - 1;
}

int arch_guest_add_pages(struct domain *d, unsigned long gfn, mfn_t mfn,
                         unsigned int order)
{
    if ( d->arch.is_hvm )
        return hvm_physmap_add(d, gfn, mfn, order);
    for ( unsigned long i = 0; i < (1UL << order); i++ )
        set_gpfn_from_mfn(mfn_x(mfn) + i, gfn + i);
    return 0;
}

bool arch_guest_translated(const struct domain *d)
{
    return d->arch.is_hvm;
}

/* The E820 entry layout of the ABI: packed, 20 bytes. */
struct e820_abi_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((__packed__));

static long machphys_mapping(void *arg)
{
    struct xen_machphys_mapping m = {
        .v_start = RO_MPT_VIRT_START,
        .v_end = RO_MPT_VIRT_START + m2p_nr_entries * sizeof(unsigned long),
        .max_mfn = m2p_nr_entries - 1,
    };

    return copy_to_guest_ptr(arg, &m, sizeof(m));
}

static long machine_memory_map(void *arg)
{
    struct xen_memory_map map;
    struct e820_abi_entry e;
    uint8_t *buf;
    unsigned int i;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest_ptr(&map, arg, sizeof(map)) )
        return -EFAULT;
    buf = (uint8_t *)map.buffer.p;
    for ( i = 0; i < e820.nr && i < map.nr_entries; i++ )
    {
        e = (struct e820_abi_entry){ e820.map[i].addr, e820.map[i].size,
                                     e820.map[i].type };
        if ( copy_to_guest_ptr(buf + i * sizeof(e), &e, sizeof(e)) )
            return -EFAULT;
    }
    map.nr_entries = i;
    return copy_to_guest_ptr(arg, &map.nr_entries, sizeof(map.nr_entries));
}

/* Most entries a domain's map may have (Xen's E820MAX). */
#define DOMAIN_E820_MAX 1024

/* The domain a map call names, with a reference the caller puts: self,
 * or any for the privileged. */
static long map_target(domid_t id, struct domain **out)
{
    struct domain *cd = current->domain;

    if ( !(*out = get_domain_or_self(id)) )
        return -ESRCH;
    if ( *out == cd || cd->is_privileged )
        return 0;
    put_domain(*out);
    return -EPERM;
}

/* Install buf (nr packed entries, xmalloc'd) as d's map, freeing the old.
 * Swapped under the lock, freed after it: a reader on another vCPU sees
 * the old map or the new one, never a mix or a freed buffer. */
static void swap_map(struct domain *d, void *buf, unsigned int nr)
{
    void *old;

    spin_lock(&d->arch.e820_lock);
    old = d->arch.e820;
    d->arch.e820 = buf;
    d->arch.nr_e820 = nr;
    spin_unlock(&d->arch.e820_lock);
    xfree(old);
}

int domain_set_e820(struct domain *d, const struct boot_mem_range *r,
                    unsigned int nr)
{
    struct e820_abi_entry *buf;

    if ( nr > DOMAIN_E820_MAX )
        return -EINVAL;
    if ( !(buf = xmalloc_array(struct e820_abi_entry, nr ?: 1)) )
        return -ENOMEM;
    for ( unsigned int i = 0; i < nr; i++ )
        buf[i] = (struct e820_abi_entry){ r[i].addr, r[i].size, r[i].type };
    swap_map(d, buf, nr);
    return 0;
}

static long set_memory_map(void *arg)
{
    struct xen_foreign_memory_map f;
    struct domain *d;
    size_t bytes;
    void *buf;
    long rc;

    if ( copy_from_guest_ptr(&f, arg, sizeof(f)) )
        return -EFAULT;
    if ( (rc = map_target(f.domid, &d)) != 0 )
        return rc;
    rc = -EINVAL;
    if ( f.map.nr_entries > DOMAIN_E820_MAX )
        goto out;
    bytes = f.map.nr_entries * sizeof(struct e820_abi_entry);
    rc = -ENOMEM;
    if ( !(buf = xmalloc_bytes(bytes ?: 1)) )
        goto out;
    rc = -EFAULT;
    if ( copy_from_guest_ptr(buf, f.map.buffer.p, bytes) )
    {
        xfree(buf);
        goto out;
    }
    swap_map(d, buf, f.map.nr_entries);
    rc = 0;
 out:
    put_domain(d);
    return rc;
}

/* The caller's own map, as set; none set: -ENOSYS, as on Xen (the guest
 * then assumes one RAM region of its size). */
static long memory_map(void *arg)
{
    struct domain *d = current->domain;
    struct xen_memory_map m;
    unsigned int n;
    void *snap;
    long rc = 0;

    if ( copy_from_guest_ptr(&m, arg, sizeof(m)) )
        return -EFAULT;
    /* Copied out of a snapshot taken under the lock: another vCPU may
     * replace (and free) the map meanwhile. */
    n = min(m.nr_entries, (unsigned int)DOMAIN_E820_MAX);
    if ( !(snap = xmalloc_array(struct e820_abi_entry, n ?: 1)) )
        return -ENOMEM;
    spin_lock(&d->arch.e820_lock);
    if ( d->arch.e820 )
    {
        n = min(n, d->arch.nr_e820);
        memcpy(snap, d->arch.e820, n * sizeof(struct e820_abi_entry));
    }
    else
        rc = -ENOSYS;
    spin_unlock(&d->arch.e820_lock);
    if ( !rc && copy_to_guest_ptr(m.buffer.p, snap,
                                  n * sizeof(struct e820_abi_entry)) )
        rc = -EFAULT;
    xfree(snap);
    if ( rc )
        return rc;
    m.nr_entries = n;
    return copy_to_guest_ptr(arg, &m.nr_entries, sizeof(m.nr_entries));
}

/* Only translated guests have a physmap to add to: a PV domain gets
 * -EACCES once the argument and the target check out, as on Xen 4.17. */
static long add_to_physmap(void *arg)
{
    struct xen_add_to_physmap a;
    struct domain *d;
    long rc;

    if ( copy_from_guest_ptr(&a, arg, sizeof(a)) )
        return -EFAULT;
    /* The foreign space has its own call (add_to_physmap_batch). */
    if ( a.space == XENMAPSPACE_gmfn_foreign )
        return -ENOSYS;
    if ( (rc = map_target(a.domid, &d)) != 0 )
        return rc;
    put_domain(d);
    return -EACCES;
}

long arch_memory_op(unsigned long cmd, void *arg)
{
    switch ( cmd )
    {
    case XENMEM_machphys_mapping:
        return machphys_mapping(arg);
    case XENMEM_machine_memory_map:
        return machine_memory_map(arg);
    case XENMEM_memory_map:
        return memory_map(arg);
    case XENMEM_set_memory_map:
        return set_memory_map(arg);
    case XENMEM_add_to_physmap:
        return add_to_physmap(arg);
    }
    return -ENOSYS;
}

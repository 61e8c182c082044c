/*
 * Affinities through the domctl: which physical CPUs a vCPU may run on
 * (hard, enforced by the scheduler) or prefers (soft, recorded), and the
 * NUMA nodes a domain's memory should come from (one node here).
 *
 * The guest passes bitmaps as xenctl_bitmap: a buffer and its size in
 * bits.  As Xen: only the bytes both sides have are copied in; bits past
 * nr_bits in the last byte are ignored; a larger buffer is accepted and,
 * on the way out, filled with zeros past the hypervisor's bits.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/domctl.h>
#include <xen/guest_access.h>
#include <public/domctl.h>

/* Node ids Xen's x86 build knows (its MAX_NUMNODES). */
#define MAX_NODES 64

/* The guest buffer's size in bytes, rounded up in 32 bits as Xen does:
 * an nr_bits within 7 of 2^32 wraps to a buffer of (almost) nothing. */
static uint64_t guest_bytes(const struct xenctl_bitmap *b)
{
    return (uint32_t)(b->nr_bits + 7) / 8;
}

/* The first nbytes of the hypervisor's map from the guest's bitmap. */
static int bitmap_from_guest(uint8_t *map, unsigned int nbytes,
                             const struct xenctl_bitmap *b)
{
    uint64_t have = guest_bytes(b);
    unsigned int n = min(have, (uint64_t)nbytes);

    memset(map, 0, nbytes);
    if ( !n )
        return 0;
    if ( copy_from_guest_ptr(map, b->bitmap.p, n) )
        return -EFAULT;
    if ( (b->nr_bits & 7) && have == n )
        map[n - 1] &= (1U << (b->nr_bits & 7)) - 1;
    return 0;
}

static int bitmap_to_guest(const struct xenctl_bitmap *b, const uint8_t *map,
                           unsigned int nbytes)
{
    static const uint8_t zeros[64];
    uint64_t want = guest_bytes(b), n = min(want, (uint64_t)nbytes);

    if ( n && copy_to_guest_ptr(b->bitmap.p, map, n) )
        return -EFAULT;
    /* The rest of the guest's buffer: zeros, stopping at its first
     * unwritable byte as Xen does. */
    for ( ; n < want; n += sizeof(zeros) )
        if ( copy_to_guest_ptr(b->bitmap.p + n, zeros,
                               min(want - n, (uint64_t)sizeof(zeros))) )
            return -EFAULT;
    return 0;
}

static unsigned int cpumap_bytes(void)
{
    return DIV_ROUND_UP(nr_cpu_ids, 8);
}

static void cpumask_to_bytes(uint8_t *map, const cpumask_t *m)
{
    memset(map, 0, cpumap_bytes());
    for ( unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++ )
        if ( cpumask_test_cpu(cpu, m) )
            map[cpu / 8] |= 1U << (cpu % 8);
}

static void bytes_to_cpumask(cpumask_t *m, const uint8_t *map)
{
    memset(m, 0, sizeof(*m));
    for ( unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++ )
        if ( map[cpu / 8] & (1U << (cpu % 8)) )
            cpumask_set_cpu(cpu, m);
}

static int cpumask_from_guest(cpumask_t *m, const struct xenctl_bitmap *b)
{
    uint8_t map[DIV_ROUND_UP(NR_CPUS, 8)];
    int rc = bitmap_from_guest(map, cpumap_bytes(), b);

    if ( !rc )
        bytes_to_cpumask(m, map);
    return rc;
}

int xenctl_cpumask_to_guest(const struct xenctl_bitmap *b,
                            const cpumask_t *m)
{
    uint8_t map[DIV_ROUND_UP(NR_CPUS, 8)];

    cpumask_to_bytes(map, m);
    return bitmap_to_guest(b, map, cpumap_bytes());
}

static void cpumask_and_online(cpumask_t *out, const cpumask_t *a)
{
    for ( unsigned int i = 0; i < CPUMASK_LONGS; i++ )
        out->bits[i] = a->bits[i] & cpu_online_map.bits[i];
}

static bool params_invalid(const struct xen_domctl_vcpuaffinity *va)
{
    return !va->flags ||
           ((va->flags & XEN_VCPUAFFINITY_HARD) &&
            guest_handle_is_null(va->cpumap_hard.bitmap)) ||
           ((va->flags & XEN_VCPUAFFINITY_SOFT) &&
            guest_handle_is_null(va->cpumap_soft.bitmap));
}

/* Both maps are read before anything changes, so a bad soft map leaves
 * the hard one as it was (Xen rolls back to the same effect).  What comes
 * back is what the scheduler uses: hard & online, soft & hard & online. */
static long set_affinity(struct vcpu *v, struct xen_domctl_vcpuaffinity *va)
{
    cpumask_t hard = v->cpu_hard_affinity, soft = v->cpu_soft_affinity, eff;
    bool set_hard = va->flags & XEN_VCPUAFFINITY_HARD;
    bool set_soft = va->flags & XEN_VCPUAFFINITY_SOFT;
    int rc;

    if ( set_hard && (rc = cpumask_from_guest(&hard, &va->cpumap_hard)) )
        return rc;
    if ( set_soft && (rc = cpumask_from_guest(&soft, &va->cpumap_soft)) )
        return rc;
    if ( (rc = sched_set_affinity(v, &hard, &soft)) != 0 )
        return rc;
    cpumask_and_online(&eff, &v->cpu_hard_affinity);
    if ( set_hard && (rc = xenctl_cpumask_to_guest(&va->cpumap_hard, &eff)) )
        return rc;
    for ( unsigned int i = 0; i < CPUMASK_LONGS; i++ )
        eff.bits[i] &= v->cpu_soft_affinity.bits[i];
    if ( set_soft && (rc = xenctl_cpumask_to_guest(&va->cpumap_soft, &eff)) )
        return rc;
    return 0;
}

long domctl_vcpu_affinity(struct domain *d, uint32_t cmd,
                          struct xen_domctl_vcpuaffinity *va)
{
    struct vcpu *v;
    cpumask_t hard, soft;
    int rc = 0;

    if ( va->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = d->vcpu[va->vcpu]) )
        return -ESRCH;
    if ( params_invalid(va) )
        return -EINVAL;
    if ( cmd == XEN_DOMCTL_setvcpuaffinity )
        return set_affinity(v, va);
    /* Get: the masks as set, not intersected with anything. */
    hard = v->cpu_hard_affinity;
    soft = v->cpu_soft_affinity;
    if ( va->flags & XEN_VCPUAFFINITY_HARD )
        rc = xenctl_cpumask_to_guest(&va->cpumap_hard, &hard);
    if ( !rc && (va->flags & XEN_VCPUAFFINITY_SOFT) )
        rc = xenctl_cpumask_to_guest(&va->cpumap_soft, &soft);
    return rc;
}

/*
 * Node affinity.  This hypervisor knows one node, 0, holding every CPU
 * and all memory.  As Xen: a map without node 0 is -EINVAL; a full map
 * means "automatic" again; automatic is node 0 once the domain has a
 * vCPU (the nodes of its CPUs), every node before that.
 */
static uint64_t node_affinity_of(const struct domain *d)
{
    if ( d->node_affinity_set )
        return d->node_affinity;
    return d->max_vcpus && d->vcpu[0] ? 1 : ~0ULL;
}

long domctl_node_affinity(struct domain *d, uint32_t cmd,
                          struct xen_domctl_nodeaffinity *na)
{
    uint8_t map[MAX_NODES / 8];
    uint64_t nodes = 0;
    int rc;

    if ( cmd == XEN_DOMCTL_getnodeaffinity )
    {
        nodes = node_affinity_of(d);
        for ( unsigned int i = 0; i < sizeof(map); i++ )
            map[i] = nodes >> (8 * i);
        return bitmap_to_guest(&na->nodemap, map, sizeof(map));
    }
    if ( (rc = bitmap_from_guest(map, sizeof(map), &na->nodemap)) != 0 )
        return rc;
    for ( unsigned int i = 0; i < sizeof(map); i++ )
        nodes |= (uint64_t)map[i] << (8 * i);
    if ( !(nodes & 1) )
        return -EINVAL;             /* disjoint with the online nodes */
    d->node_affinity_set = nodes != ~0ULL;
    d->node_affinity = nodes;
    return 0;
}

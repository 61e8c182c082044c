/*
 * CPU policies as the toolstack reads and sets them (Xen 4.17's
 * serialised form, public/arch-x86/xen.h):
 *   raw      the CPU's own CPUID leaves;
 *   host     the same (this hypervisor hides nothing from itself), but
 *            for SYSENTER on AMD, as Xen;
 *   pv_max,  what a PV guest may see: the host's leaves through the
 *   pv_default  allowlist of pv/cpuid.c (the two are the same here);
 *   hvm_*    none: no HVM guests (-EOPNOTSUPP, as Xen built without HVM).
 * The MSR part (PLATFORM_INFO, ARCH_CAPABILITIES) is 0 in all of them:
 * no CPUID faulting is offered and physinfo reports no arch_capabilities.
 *
 * A domain starts with pv_default (no copy is kept until it is set).
 * XEN_DOMCTL_set_cpu_policy merges the given leaves into the domain's
 * policy, audits it as Xen does (maximum leaves and subleaf no higher
 * than pv_max's, PLATFORM_INFO bits within pv_max's: -EINVAL naming the
 * leaf or MSR), then clamps every feature word to pv_max's, as Xen's
 * recalculation does, and installs it; from then on the domain's
 * emulated CPUID answers from it.  Only before the domain first runs
 * (-EEXIST after), never for the caller's own domain (-EINVAL).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <asm/cpu_policy.h>
#include <asm/current.h>
#include <asm/pv/traps.h>

#include "cpu_policy_ops.h"

#define MSR_PLATFORM_INFO     0x000000ce
#define MSR_ARCH_CAPABILITIES 0x0000010a
#define FEATURE_SEP           (1u << 11)        /* leaf 1 EDX */

static struct cpu_policy policies[3];
static bool policies_ready;
static DEFINE_SPINLOCK(policies_lock);

typedef void (*leaf_source)(uint32_t leaf, uint32_t subleaf,
                            struct cpuid_leaf *res);

static void raw_leaf(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res)
{
    cpuid_count(leaf, subleaf, res);
}

/* Every slot of a policy from a source, within the source's maxima. */
static void fill(struct cpu_policy *p, leaf_source get)
{
    struct cpuid_leaf r;
    uint32_t max, i;

    memset(p, 0, sizeof(*p));
    get(0, 0, &r);
    max = min(r.a, (uint32_t)POLICY_NR_BASIC - 1);
    for ( i = 0; i <= max; i++ )
        get(i, 0, &p->basic[i]);
    for ( i = 0; max >= 4 && i < POLICY_NR_CACHE; i++ )
        get(4, i, &p->cache[i]);
    for ( i = 0; max >= 7 && i < POLICY_NR_FEAT; i++ )
        get(7, i, &p->feat[i]);
    for ( i = 0; max >= 0xb && i < POLICY_NR_TOPO; i++ )
        get(0xb, i, &p->topo[i]);
    for ( i = 0; max >= 0xd && i < POLICY_NR_XSTATE; i++ )
        get(0xd, i, &p->xstate[i]);
    get(0x80000000, 0, &r);
    if ( (r.a & 0xffff0000) != 0x80000000 )
        return;
    max = min(r.a & 0xffff, (uint32_t)POLICY_NR_EXTD - 1);
    for ( i = 0; i <= max; i++ )
        get(0x80000000 | i, 0, &p->extd[i]);
}

const struct cpu_policy *system_cpu_policy(enum policy_kind k)
{
    spin_lock(&policies_lock);
    if ( !policies_ready )
    {
        fill(&policies[POLICY_RAW], raw_leaf);
        policies[POLICY_HOST] = policies[POLICY_RAW];
        /* AMD has no SYSENTER in long mode: Xen's host policy drops it. */
        if ( policies[POLICY_RAW].basic[0].b == 0x68747541 )  /* "Auth" */
            policies[POLICY_HOST].basic[1].d &= ~FEATURE_SEP;
        fill(&policies[POLICY_PV], pv_cpuid_filtered);
        policies_ready = true;
    }
    spin_unlock(&policies_lock);
    return &policies[k];
}

static uint64_t xstates(const struct cpu_policy *p)
{
    return ((uint64_t)p->xstate[0].d << 32 | p->xstate[0].a) |
           ((uint64_t)p->xstate[1].d << 32 | p->xstate[1].c);
}

/* Serialising: the leaves in Xen's order, -ENOBUFS when out of room. */
struct out {
    xen_cpuid_leaf_t *buf;
    uint32_t n, room;
};

static int put(struct out *o, uint32_t leaf, uint32_t subleaf,
               const struct cpuid_leaf *l)
{
    xen_cpuid_leaf_t v = { leaf, subleaf, l->a, l->b, l->c, l->d };

    if ( o->n == o->room )
        return -ENOBUFS;
    if ( copy_to_guest_ptr(o->buf + o->n, &v, sizeof(v)) )
        return -EFAULT;
    o->n++;
    return 0;
}

static int put_basic(struct out *o, const struct cpu_policy *p, uint32_t leaf)
{
    uint32_t s, max;
    uint64_t xs;
    int rc = 0;

    switch ( leaf )
    {
    case 4:     /* up to and with the first subleaf of type 0 */
        for ( s = 0; !rc && s < POLICY_NR_CACHE; s++ )
            if ( (rc = put(o, 4, s, &p->cache[s])) || !(p->cache[s].a & 0x1f) )
                break;
        return rc;
    case 7:
        max = min(feat_max_subleaf(p), (uint32_t)POLICY_NR_FEAT - 1);
        for ( s = 0; !rc && s <= max; s++ )
            rc = put(o, 7, s, &p->feat[s]);
        return rc;
    case 0xb:
        for ( s = 0; !rc && s < POLICY_NR_TOPO; s++ )
            if ( (rc = put(o, 0xb, s, &p->topo[s])) ||
                 !((p->topo[s].c >> 8) & 0xff) )
                break;
        return rc;
    case 0xd:   /* 0 and 1, then one per state component present */
        if ( (rc = put(o, 0xd, 0, &p->xstate[0])) ||
             (rc = put(o, 0xd, 1, &p->xstate[1])) )
            return rc;
        for ( xs = xstates(p) >> 2, s = 2; !rc && xs && s < POLICY_NR_XSTATE;
              xs >>= 1, s++ )
            rc = put(o, 0xd, s, &p->xstate[s]);
        return rc;
    }
    return put(o, leaf, XEN_CPUID_NO_SUBLEAF, &p->basic[leaf]);
}

static int policy_to_guest(const struct cpu_policy *p, xen_cpuid_leaf_t *buf,
                           uint32_t *nr)
{
    struct out o = { buf, 0, *nr };
    uint32_t leaf, max = min(p->basic[0].a, (uint32_t)POLICY_NR_BASIC - 1);
    int rc = 0;

    for ( leaf = 0; !rc && leaf <= max; leaf++ )
        rc = put_basic(&o, p, leaf);
    if ( !rc )
        rc = put(&o, 0x40000000, XEN_CPUID_NO_SUBLEAF,
                 &(struct cpuid_leaf){ p->hv_limit });
    if ( !rc )
        rc = put(&o, 0x40000100, XEN_CPUID_NO_SUBLEAF,
                 &(struct cpuid_leaf){ p->hv2_limit });
    max = min(p->extd[0].a & 0xffff, (uint32_t)POLICY_NR_EXTD - 1);
    for ( leaf = 0; !rc && leaf <= max; leaf++ )
        rc = put(&o, 0x80000000 | leaf, XEN_CPUID_NO_SUBLEAF, &p->extd[leaf]);
    if ( !rc )
        *nr = o.n;
    return rc;
}

static int msrs_to_guest(const struct cpu_policy *p, xen_msr_entry_t *buf,
                         uint32_t *nr)
{
    const xen_msr_entry_t m[POLICY_MAX_MSRS] = {
        { MSR_PLATFORM_INFO, 0, p->platform_info },
        { MSR_ARCH_CAPABILITIES, 0, p->arch_caps },
    };

    if ( *nr < POLICY_MAX_MSRS )
        return -ENOBUFS;
    if ( copy_to_guest_ptr(buf, m, sizeof(m)) )
        return -EFAULT;
    *nr = POLICY_MAX_MSRS;
    return 0;
}

/* Both halves of a get: a null handle asks for the maximum count. */
static int policy_get(const struct cpu_policy *p, xen_cpuid_leaf_t *leaves,
                      uint32_t *nr_leaves, xen_msr_entry_t *msrs,
                      uint32_t *nr_msrs)
{
    int rc;

    if ( !leaves )
        *nr_leaves = POLICY_MAX_LEAVES;
    else if ( (rc = policy_to_guest(p, leaves, nr_leaves)) )
        return rc;
    if ( !msrs )
        *nr_msrs = POLICY_MAX_MSRS;
    else if ( (rc = msrs_to_guest(p, msrs, nr_msrs)) )
        return rc;
    return 0;
}

/* Xen's featureset words of a policy. */
static void featureset(const struct cpu_policy *p, uint32_t *fs)
{
    memset(fs, 0, POLICY_NR_FEATURE_WORDS * sizeof(*fs));
    fs[0] = p->basic[1].d;
    fs[1] = p->basic[1].c;
    fs[2] = p->extd[1].d;
    fs[3] = p->extd[1].c;
    fs[4] = p->xstate[1].a;
    fs[5] = p->feat[0].b;
    fs[6] = p->feat[0].c;
    fs[7] = p->extd[7].d;
    fs[8] = p->extd[8].b;
    fs[9] = p->feat[0].d;
    fs[10] = p->feat[1].a;
    fs[11] = p->extd[0x21].a;
    fs[12] = p->feat[1].b;
    fs[13] = p->feat[2].d;
    fs[14] = p->feat[1].c;
    fs[15] = p->feat[1].d;
    fs[16] = (uint32_t)p->arch_caps;
    fs[17] = p->arch_caps >> 32;
    fs[18] = p->extd[0x21].c;
}

long sysctl_cpu_featureset(struct xen_sysctl_cpu_featureset *f)
{
    static const int kinds[] = {
        [XEN_SYSCTL_cpu_featureset_raw] = POLICY_RAW,
        [XEN_SYSCTL_cpu_featureset_host] = POLICY_HOST,
        [XEN_SYSCTL_cpu_featureset_pv] = POLICY_PV,
        [XEN_SYSCTL_cpu_featureset_hvm] = -1,
        [XEN_SYSCTL_cpu_featureset_pv_max] = POLICY_PV,
        [XEN_SYSCTL_cpu_featureset_hvm_max] = -1,
    };
    uint32_t fs[POLICY_NR_FEATURE_WORDS];
    uint32_t nr = min(f->nr_features, (uint32_t)POLICY_NR_FEATURE_WORDS);

    if ( guest_handle_is_null(f->features) )
    {
        f->nr_features = POLICY_NR_FEATURE_WORDS;
        return 0;
    }
    if ( f->index >= ARRAY_SIZE(kinds) )
        return -EINVAL;
    if ( kinds[f->index] < 0 )
        return -EOPNOTSUPP;
    /* Unlike physinfo's hw_cap, word 2 keeps the AMD copies of word 0's
     * features, as Xen's featuresets do. */
    featureset(system_cpu_policy(kinds[f->index]), fs);
    if ( nr && copy_to_guest_ptr(f->features.p, fs, nr * sizeof(*fs)) )
        return -EFAULT;
    f->nr_features = nr;
    return nr < POLICY_NR_FEATURE_WORDS ? -ENOBUFS : 0;
}

long sysctl_cpu_policy(struct xen_sysctl_cpu_policy *c)
{
    static const int kinds[] = {
        [XEN_SYSCTL_cpu_policy_raw] = POLICY_RAW,
        [XEN_SYSCTL_cpu_policy_host] = POLICY_HOST,
        [XEN_SYSCTL_cpu_policy_pv_max] = POLICY_PV,
        [XEN_SYSCTL_cpu_policy_hvm_max] = -1,
        [XEN_SYSCTL_cpu_policy_pv_default] = POLICY_PV,
        [XEN_SYSCTL_cpu_policy_hvm_default] = -1,
    };

    if ( c->_rsvd || c->index >= ARRAY_SIZE(kinds) )
        return -EINVAL;
    if ( kinds[c->index] < 0 )
        return -EOPNOTSUPP;
    return policy_get(system_cpu_policy(kinds[c->index]), c->leaves.p,
                      &c->nr_leaves, c->msrs.p, &c->nr_msrs);
}

static const struct cpu_policy *domain_policy(const struct domain *d)
{
    return d->arch.cpu_policy ?: system_cpu_policy(POLICY_PV);
}

long domctl_get_cpu_policy(const struct domain *d,
                           struct xen_domctl_cpu_policy *c)
{
    return policy_get(domain_policy(d), c->leaves.p, &c->nr_leaves,
                      c->msrs.p, &c->nr_msrs);
}

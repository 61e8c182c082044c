/*
 * XEN_DOMCTL_set_cpu_policy (semantics in cpu_policy.c's comment): merge
 * the toolstack's leaves and MSRs into a copy of the domain's policy,
 * trim what lies beyond the new maxima, audit it against pv_max, clamp
 * its features to pv_max's, install it.  Nothing changes on a refusal.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <public/domctl.h>
#include <asm/cpu_policy.h>
#include <asm/current.h>

#include "cpu_policy_ops.h"

#define MSR_PLATFORM_INFO     0x000000ce
#define MSR_ARCH_CAPABILITIES 0x0000010a
#define NA                    XEN_CPUID_NO_SUBLEAF

/* The slot a (leaf, subleaf) pair names, NULL if Xen has none for it. */
static struct cpuid_leaf *slot(struct cpu_policy *p, uint32_t leaf,
                               uint32_t sub)
{
    switch ( leaf )
    {
    case 4:   return sub < POLICY_NR_CACHE ? &p->cache[sub] : NULL;
    case 7:   return sub < POLICY_NR_FEAT ? &p->feat[sub] : NULL;
    case 0xb: return sub < POLICY_NR_TOPO ? &p->topo[sub] : NULL;
    case 0xd: return sub < POLICY_NR_XSTATE ? &p->xstate[sub] : NULL;
    }
    if ( sub != NA )
        return NULL;
    if ( leaf < POLICY_NR_BASIC )
        return &p->basic[leaf];
    if ( leaf >= 0x80000000 && leaf < 0x80000000 + POLICY_NR_EXTD )
        return &p->extd[leaf & 0xffff];
    return NULL;
}

static int merge_leaves(struct cpu_policy *p, struct xen_domctl_cpu_policy *c)
{
    xen_cpuid_leaf_t v;
    struct cpuid_leaf *s;

    if ( c->nr_leaves > POLICY_MAX_LEAVES )
        return -E2BIG;
    for ( uint32_t i = 0; i < c->nr_leaves; i++ )
    {
        if ( copy_from_guest_ptr(&v, c->leaves.p + i, sizeof(v)) )
            return -EFAULT;
        if ( (v.leaf == 0x40000000 || v.leaf == 0x40000100) && v.subleaf == NA )
        {
            *(v.leaf == 0x40000000 ? &p->hv_limit : &p->hv2_limit) = v.a;
            continue;
        }
        if ( !(s = slot(p, v.leaf, v.subleaf)) )
        {
            c->err_leaf = v.leaf;
            c->err_subleaf = v.subleaf;
            return -ERANGE;
        }
        *s = (struct cpuid_leaf){ v.a, v.b, v.c, v.d };
    }
    return 0;
}

static int merge_msrs(struct cpu_policy *p, struct xen_domctl_cpu_policy *c)
{
    xen_msr_entry_t m;
    int rc = -ERANGE;

    if ( c->nr_msrs > POLICY_MAX_MSRS )
        return -E2BIG;
    for ( uint32_t i = 0; i < c->nr_msrs; i++ )
    {
        if ( copy_from_guest_ptr(&m, c->msrs.p + i, sizeof(m)) )
            return -EFAULT;
        if ( m.flags )
            rc = -EINVAL;
        else if ( m.idx == MSR_PLATFORM_INFO )
        {
            if ( m.val == (uint32_t)m.val )
            {
                p->platform_info = m.val;
                continue;
            }
            rc = -EOVERFLOW;
        }
        else if ( m.idx == MSR_ARCH_CAPABILITIES )
        {
            p->arch_caps = m.val;
            continue;
        }
        c->err_msr = m.idx;
        return rc;
    }
    return 0;
}

/* Leaves beyond the (possibly lowered) maxima read as zero anyway;
 * clear them so that a get gives back what CPUID answers. */
static void trim(struct cpu_policy *p)
{
    for ( uint32_t l = 1; l < POLICY_NR_BASIC; l++ )
        if ( l > p->basic[0].a )
            p->basic[l] = (struct cpuid_leaf){ 0 };
    for ( uint32_t s = 1; s < POLICY_NR_FEAT; s++ )
        if ( p->basic[0].a < 7 || s > p->feat[0].a )
            p->feat[s] = (struct cpuid_leaf){ 0 };
    for ( uint32_t l = 1; l < POLICY_NR_EXTD; l++ )
        if ( (0x80000000 | l) > p->extd[0].a )
            p->extd[l] = (struct cpuid_leaf){ 0 };
}

static int audit(const struct cpu_policy *max, const struct cpu_policy *p,
                 struct xen_domctl_cpu_policy *c)
{
    uint32_t fmax = max->basic[0].a >= 7 ? max->feat[0].a : 0;
    uint32_t fp = p->basic[0].a >= 7 ? p->feat[0].a : 0;

    if ( p->basic[0].a > max->basic[0].a )
        c->err_leaf = 0, c->err_subleaf = NA;
    else if ( fp > fmax )
        c->err_leaf = 7, c->err_subleaf = 0;
    else if ( p->extd[0].a > max->extd[0].a )
        c->err_leaf = 0x80000000, c->err_subleaf = NA;
    else if ( p->platform_info & ~max->platform_info )
        c->err_msr = MSR_PLATFORM_INFO;
    else
        return 0;
    return -EINVAL;
}

/* Features outside pv_max are dropped, as Xen's recalculation does; the
 * hypervisor bit is always there. */
static void clamp(const struct cpu_policy *max, struct cpu_policy *p)
{
    p->basic[1].c &= max->basic[1].c;
    p->basic[1].d &= max->basic[1].d;
    p->basic[1].c |= 1u << 31;
    for ( unsigned int s = 0; s < POLICY_NR_FEAT; s++ )
    {
        if ( s )
            p->feat[s].a &= max->feat[s].a;
        p->feat[s].b &= max->feat[s].b;
        p->feat[s].c &= max->feat[s].c;
        p->feat[s].d &= max->feat[s].d;
    }
    p->xstate[1].a &= max->xstate[1].a;
    p->extd[1].c &= max->extd[1].c;
    p->extd[1].d &= max->extd[1].d;
    p->extd[7].d &= max->extd[7].d;
    p->extd[8].b &= max->extd[8].b;
    p->extd[0x21].a &= max->extd[0x21].a;
    p->extd[0x21].c &= max->extd[0x21].c;
    p->arch_caps &= max->arch_caps;
}

long domctl_set_cpu_policy(struct domain *d, struct xen_domctl_cpu_policy *c)
{
    const struct cpu_policy *max = system_cpu_policy(POLICY_PV);
    struct cpu_policy *p, *old;
    int rc;

    if ( d == current->domain )
        return -EINVAL;
    if ( d->creation_finished )
        return -EEXIST;                 /* it has run: no changes */
    c->err_leaf = c->err_subleaf = c->err_msr = ~0u;
    if ( !(p = xmalloc_bytes(sizeof(*p))) )
        return -ENOMEM;
    *p = d->arch.cpu_policy ? *d->arch.cpu_policy : *max;
    if ( (rc = merge_leaves(p, c)) || (rc = merge_msrs(p, c)) )
        goto out;
    trim(p);
    if ( (rc = audit(max, p, c)) )
        goto out;
    clamp(max, p);
    /* The domain has never run: nobody reads its policy meanwhile. */
    old = d->arch.cpu_policy;
    d->arch.cpu_policy = p;
    p = old;
 out:
    xfree(p);
    return rc;
}

/*
 * One CPUID leaf out of a CPU policy, as the guest's CPUID would answer
 * it.  Kept apart from cpu_policy.c (which builds and serialises
 * policies) because it depends on nothing but the policy's layout: the
 * PV CPUID emulation calls it, and so can the host unit tests.
 */
#include <asm/cpu_policy.h>

void cpu_policy_leaf(const struct cpu_policy *p, uint32_t leaf,
                     uint32_t subleaf, struct cpuid_leaf *res)
{
    *res = (struct cpuid_leaf){ 0 };
    if ( leaf < POLICY_NR_BASIC )
    {
        if ( leaf > p->basic[0].a )
            return;
        switch ( leaf )
        {
        case 4:
            if ( subleaf < POLICY_NR_CACHE )
                *res = p->cache[subleaf];
            return;
        case 7:
            if ( subleaf <= feat_max_subleaf(p) && subleaf < POLICY_NR_FEAT )
                *res = p->feat[subleaf];
            return;
        case 0xb:
            if ( subleaf < POLICY_NR_TOPO )
                *res = p->topo[subleaf];
            return;
        case 0xd:
            if ( subleaf < POLICY_NR_XSTATE )
                *res = p->xstate[subleaf];
            return;
        }
        *res = p->basic[leaf];
    }
    else if ( (leaf & 0xffff0000) == 0x80000000 &&
              (leaf & 0xffff) < POLICY_NR_EXTD && leaf <= p->extd[0].a )
        *res = p->extd[leaf & 0xffff];
}

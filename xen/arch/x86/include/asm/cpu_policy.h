/*
 * CPU policies (arch/x86/cpu_policy.c): the CPUID leaves and MSRs a
 * policy holds, in the shape Xen 4.17 serialises them for the toolstack
 * (XEN_SYSCTL_get_cpu_policy / get_cpu_featureset, XEN_DOMCTL_{get,set}_
 * cpu_policy), and a domain's own one, which the PV CPUID emulation
 * answers from (pv/cpuid.c).
 */
#ifndef ASM_X86_CPU_POLICY_H
#define ASM_X86_CPU_POLICY_H

#include <xen/lib.h>
#include <asm/processor.h>

/* Xen 4.17's array sizes: what can be serialised at all. */
#define POLICY_NR_BASIC   (0xd + 1)
#define POLICY_NR_CACHE   (5 + 1)       /* leaf 4 */
#define POLICY_NR_FEAT    (2 + 1)       /* leaf 7 */
#define POLICY_NR_TOPO    (1 + 1)       /* leaf 0xb */
#define POLICY_NR_XSTATE  (62 + 1)      /* leaf 0xd */
#define POLICY_NR_EXTD    (0x21 + 1)
#define POLICY_MAX_LEAVES (POLICY_NR_BASIC + POLICY_NR_FEAT - 1 +         \
                           POLICY_NR_CACHE - 1 + POLICY_NR_TOPO - 1 +     \
                           POLICY_NR_XSTATE - 1 + POLICY_NR_EXTD + 2)
#define POLICY_MAX_MSRS   2
/* Feature words in Xen 4.17's featureset (FSCAPINTS). */
#define POLICY_NR_FEATURE_WORDS 19

struct cpu_policy {
    struct cpuid_leaf basic[POLICY_NR_BASIC];   /* 4, 7, 0xb, 0xd unused */
    struct cpuid_leaf cache[POLICY_NR_CACHE];
    struct cpuid_leaf feat[POLICY_NR_FEAT];
    struct cpuid_leaf topo[POLICY_NR_TOPO];
    struct cpuid_leaf xstate[POLICY_NR_XSTATE];
    struct cpuid_leaf extd[POLICY_NR_EXTD];
    uint32_t hv_limit, hv2_limit;
    uint32_t platform_info;                     /* MSR 0xce */
    uint64_t arch_caps;                         /* MSR 0x10a */
};

enum policy_kind { POLICY_RAW, POLICY_HOST, POLICY_PV };

/* Leaf 7's highest subleaf as the policy states it (0 without leaf 7). */
static inline uint32_t feat_max_subleaf(const struct cpu_policy *p)
{
    return p->basic[0].a >= 7 ? p->feat[0].a : 0;
}

/* The system policies, computed once (boot) and then read-only. */
const struct cpu_policy *system_cpu_policy(enum policy_kind k);
/* A leaf of a policy as CPUID answers it (zeros beyond its ranges). */
void cpu_policy_leaf(const struct cpu_policy *p, uint32_t leaf,
                     uint32_t subleaf, struct cpuid_leaf *res);

#endif /* ASM_X86_CPU_POLICY_H */

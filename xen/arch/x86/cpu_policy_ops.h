/* The toolstack's CPU-policy sub-ops (cpu_policy.c, cpu_policy_set.c):
 * 0 or -errno, Xen 4.17's semantics. */
#ifndef X86_CPU_POLICY_OPS_H
#define X86_CPU_POLICY_OPS_H

#include <public/sysctl.h>
#include <public/domctl.h>

struct domain;

long sysctl_cpu_featureset(struct xen_sysctl_cpu_featureset *f);
long sysctl_cpu_policy(struct xen_sysctl_cpu_policy *c);
long domctl_get_cpu_policy(const struct domain *d,
                           struct xen_domctl_cpu_policy *c);
long domctl_set_cpu_policy(struct domain *d, struct xen_domctl_cpu_policy *c);

#endif /* X86_CPU_POLICY_OPS_H */

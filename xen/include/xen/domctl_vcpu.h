/*
 * The toolstack's vCPU domctls (xen/common/domctl_vcpu.c).
 */
#ifndef XEN_DOMCTL_VCPU_H
#define XEN_DOMCTL_VCPU_H

#include <public/domctl.h>

struct domain;

long domctl_setvcpucontext(struct domain *d,
                           const struct xen_domctl_vcpucontext *vc);
long domctl_getvcpucontext(struct domain *d,
                           const struct xen_domctl_vcpucontext *vc);
long domctl_hypercall_init(struct domain *d,
                           const struct xen_domctl_hypercall_init *hi);

#endif /* XEN_DOMCTL_VCPU_H */

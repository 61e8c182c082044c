/* XEN_DOMCTL_{get,set}tscinfo (tsc_info.c): 0 or -errno. */
#ifndef X86_TSC_INFO_H
#define X86_TSC_INFO_H

struct domain;
struct xen_domctl_tsc_info;

long tsc_info_get(const struct domain *d, struct xen_domctl_tsc_info *t);
long tsc_info_set(struct domain *d, const struct xen_domctl_tsc_info *t);

#endif /* X86_TSC_INFO_H */

/*
 * The domctl and sysctl hypercalls (xen/common/domctl.c, sysctl.c).
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <public/domctl.h>

struct domain;

/* A domain's getdomaininfo record (also for sysctl's list). */
void domctl_fill_info(const struct domain *d,
                      struct xen_domctl_getdomaininfo *info);

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5);
long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5);

#endif /* XEN_DOMCTL_H */

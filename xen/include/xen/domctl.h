/*
 * The domctl and sysctl hypercalls (xen/common/domctl.c, sysctl.c).
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <public/domctl.h>
#include <xen/smp.h>

struct domain;

/* A domain's getdomaininfo record (also for sysctl's list). */
void domctl_fill_info(const struct domain *d,
                      struct xen_domctl_getdomaininfo *info);

/* createdomain's configuration (domctl_config.c): check it as Xen does
 * (0 or -errno), and record it in a domain just made. */
int domctl_check_create(const struct xen_domctl_createdomain *c);
void domctl_apply_create(struct domain *d,
                         const struct xen_domctl_createdomain *c);
/* The configuration part of a getdomaininfo record. */
void domctl_fill_config(const struct domain *d,
                        struct xen_domctl_getdomaininfo *info);
long domctl_setdomainhandle(struct domain *d,
                            const struct xen_domctl_setdomainhandle *h);
long domctl_settimeoffset(struct domain *d,
                          const struct xen_domctl_settimeoffset *t);
long domctl_max_mem(struct domain *d, const struct xen_domctl_max_mem *m);
long domctl_address_size(struct domain *d, uint32_t cmd,
                         struct xen_domctl_address_size *a);

/* Affinities (domctl_affinity.c). */
long domctl_vcpu_affinity(struct domain *d, uint32_t cmd,
                          struct xen_domctl_vcpuaffinity *va);
long domctl_node_affinity(struct domain *d, uint32_t cmd,
                          struct xen_domctl_nodeaffinity *na);
/* A CPU mask out to a guest's xenctl_bitmap, as Xen: the bytes both
 * have, zeros in the rest of the guest's buffer (also sysctl's). */
int xenctl_cpumask_to_guest(const struct xenctl_bitmap *b,
                            const cpumask_t *m);

/* I/O permissions (domctl_perm.c). */
long domctl_iomem_permission(struct domain *d,
                             const struct xen_domctl_iomem_permission *p);
long domctl_ioport_permission(struct domain *d,
                              const struct xen_domctl_ioport_permission *p);
long domctl_irq_permission(struct domain *d,
                           const struct xen_domctl_irq_permission *p);

/*
 * Arch contract (x86: arch/x86/domctl.c):
 *   int arch_check_domain_config(uint32_t cdf_flags,
 *                                const struct xen_arch_domainconfig *a);
 *     The arch part of a createdomain request (with its XEN_DOMCTL_CDF_*
 *     flags, for HVM): 0 or Xen's -errno.
 *   int arch_domain_configure(struct domain *d);
 *     A domain createdomain just made (no vCPU yet, d->cdf_flags and
 *     d->arch_config set) becomes what they ask (x86: an HVM domain's
 *     p2m): 0 or -errno, and the caller destroys it.
 *   void arch_domain_default_config(struct domain *d);
 *     What a domain built by the hypervisor itself (dom0) is configured
 *     with, before it runs.
 *   void arch_fill_domain_info(const struct domain *d,
 *                              struct xen_domctl_getdomaininfo *info);
 *     The arch fields of a getdomaininfo record.
 *   long arch_set_address_size(struct domain *d, unsigned int size);
 *   unsigned int arch_get_address_size(const struct domain *d);
long arch_do_domctl(struct domain *d, struct xen_domctl *op, bool *copyback);
 *     The guest's word size (XEN_DOMCTL_{set,get}_address_size).
 *   long arch_do_domctl(struct domain *d, struct xen_domctl *op,
 *                       bool *copyback);
 *     The sub-ops common code does not know (d: the target, with a
 *     reference, under the domctl lock): 0 or -errno, -ENOSYS if the arch
 *     has none either; *copyback set if op goes back to the caller.
 */
int arch_check_domain_config(uint32_t cdf_flags,
                             const struct xen_arch_domainconfig *a);
int arch_domain_configure(struct domain *d);
void arch_domain_default_config(struct domain *d);
void arch_fill_domain_info(const struct domain *d,
                           struct xen_domctl_getdomaininfo *info);
long arch_set_address_size(struct domain *d, unsigned int size);
unsigned int arch_get_address_size(const struct domain *d);
long arch_do_domctl(struct domain *d, struct xen_domctl *op, bool *copyback);

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5);
long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5);

#endif /* XEN_DOMCTL_H */

/*
 * Domain configuration through the domctl: checking a createdomain
 * request the way Xen 4.17 does, recording what it asked for, and the
 * small per-domain settings (handle, time offset, memory limit) that
 * getdomaininfo reports back.  All of it runs under the domctl lock.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/domctl.h>
#include <xen/vcpu.h>
#include <xen/grant_table.h>
#include <public/domctl.h>

#define CDF_KNOWN (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap |              \
                   XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_oos_off | \
                   XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu |      \
                   XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)

/* Grant table limits a domain may ask for (Xen's command-line defaults,
 * which are also its ceilings). */
#define MAX_MAPTRACK_FRAMES 1024
#define MAX_GRANT_VERSION   2

/*
 * The checks that come before anything is allocated, in Xen's order
 * (common part, then the arch part, which decides about HVM).  This
 * hypervisor has no IOMMU, no vPMU, no processor tracing, no nested
 * virtualisation and no TBOOT: asking for any of them is -EINVAL, which
 * is what Xen answers on a machine without the feature.
 */
static int check_flags(const struct xen_domctl_createdomain *c)
{
    if ( c->flags & ~CDF_KNOWN )
        return -EINVAL;
    if ( c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask )
        return -EINVAL;
    if ( c->max_vcpus < 1 )
        return -EINVAL;
    if ( (c->flags & XEN_DOMCTL_CDF_hap) && !(c->flags & XEN_DOMCTL_CDF_hvm) )
        return -EINVAL;
    /* No IOMMU: the flag is refused, and options without it too. */
    if ( (c->flags & XEN_DOMCTL_CDF_iommu) || c->iommu_opts )
        return -EINVAL;
    if ( c->vmtrace_size || (c->flags & XEN_DOMCTL_CDF_vpmu) )
        return -EINVAL;
    /* The arch part: no TBOOT for S3 integrity. */
    if ( c->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;
    if ( c->flags & XEN_DOMCTL_CDF_s3_integrity )
        return -EINVAL;
    if ( c->flags & XEN_DOMCTL_CDF_nested_virt )
        return -EINVAL;
    return arch_check_domain_config(c->flags, &c->arch);
}

/* Then, in Xen, domain_create() sets up the grant table (its limits and
 * version are checked there) and joins the CPU pool (only pool 0 here). */
static int check_limits(const struct xen_domctl_createdomain *c)
{
    int32_t frames = c->max_grant_frames, maptrack = c->max_maptrack_frames;
    unsigned int version = XEN_DOMCTL_GRANT_version(c->grant_opts);

    if ( !version || version > MAX_GRANT_VERSION )
        return -EINVAL;
    if ( frames < 0 )
        frames = GNTTAB_DEFAULT_MAX_FRAMES;
    if ( maptrack < 0 )
        maptrack = MAX_MAPTRACK_FRAMES;
    if ( frames < 1 || frames > GNTTAB_DEFAULT_MAX_FRAMES ||
         maptrack > MAX_MAPTRACK_FRAMES )
        return -EINVAL;
    if ( c->cpupool_id != 0 )
        return -ESRCH;
    return 0;
}

int domctl_check_create(const struct xen_domctl_createdomain *c)
{
    return check_flags(c) ?: check_limits(c);
}

void domctl_apply_create(struct domain *d,
                         const struct xen_domctl_createdomain *c)
{
    memcpy(d->handle, c->handle, sizeof(d->handle));
    /* As Xen: out-of-sync shadows only mean something for HVM. */
    d->cdf_flags = c->flags | XEN_DOMCTL_CDF_oos_off;
    d->arch_config = c->arch;
    /* The ssidref belongs to XSM, which this hypervisor does not have:
     * like Xen's default (dummy) policy, it is accepted and not kept. */
}

void domctl_fill_config(const struct domain *d,
                        struct xen_domctl_getdomaininfo *info)
{
    if ( d->cdf_flags & XEN_DOMCTL_CDF_xs_domain )
        info->flags |= XEN_DOMINF_xs_domain;
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->ssidref = 0;
    info->cpupool = 0;
    /* No claims, no sharing, no paging: these stay 0. */
    info->outstanding_pages = 0;
    info->shr_pages = 0;
    info->paged_pages = 0;
    arch_fill_domain_info(d, info);
}

long domctl_setdomainhandle(struct domain *d,
                            const struct xen_domctl_setdomainhandle *h)
{
    memcpy(d->handle, h->handle, sizeof(d->handle));
    return 0;
}

long domctl_settimeoffset(struct domain *d,
                          const struct xen_domctl_settimeoffset *t)
{
    WRITE_ONCE(d->time_offset_seconds, t->time_offset_seconds);
    /* The guest sees it at once, not at the next wallclock update. */
    domain_update_wallclock(d);
    return 0;
}

long domctl_max_mem(struct domain *d, const struct xen_domctl_max_mem *m)
{
    uint64_t pages = m->max_memkb >> (PAGE_SHIFT - 10);

    /* Below what it holds now is allowed: it only stops growth.  Xen
     * saturates at the largest count its (32-bit) max_pages holds. */
    spin_lock(&d->page_alloc_lock);
    d->max_pages = min(pages, (uint64_t)UINT32_MAX);
    spin_unlock(&d->page_alloc_lock);
    return 0;
}

long domctl_address_size(struct domain *d, uint32_t cmd,
                         struct xen_domctl_address_size *a)
{
    if ( cmd == XEN_DOMCTL_set_address_size )
        return arch_set_address_size(d, a->size);
    a->size = arch_get_address_size(d);
    return 0;
}

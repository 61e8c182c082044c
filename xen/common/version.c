/*
 * HYPERVISOR_xen_version(cmd, arg): what this hypervisor is and offers.
 *
 * Every XENVER_* sub-op answers as Xen 4.17 does with its default policy
 * (tests/pv/version.c runs against both):
 *   version              (major << 16) | minor; arg ignored
 *   extraversion, compile_info, capabilities, changeset
 *                        fixed-size, NUL-padded strings, for any domain
 *   platform_parameters  virt_start = HYPERVISOR_VIRT_START
 *   get_features         submap 0 only (others -EINVAL), see features()
 *   pagesize             PAGE_SIZE; a non-NULL arg is -EINVAL
 *   guest_handle         the toolstack handle (all zeroes: none is kept)
 *   commandline          the whole 1024-byte buffer for the privileged
 *                        domain, "<denied>" for others
 *   build_id             -EPERM unprivileged, else -ENODATA (no build id
 *                        is embedded yet), after Xen's argument checks
 *   anything else        -ENOSYS
 * A bad guest pointer is -EFAULT.
 *
 * The hypervisor command line is recorded at boot by
 * xen_version_save_cmdline().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <public/version.h>
#include <asm/current.h>
#include <asm/page.h>

/* The build may define these; otherwise they read as below. */
#ifndef XEN_COMPILE_BY
#define XEN_COMPILE_BY      "unknown"
#endif
#ifndef XEN_COMPILE_DOMAIN
#define XEN_COMPILE_DOMAIN  "unknown"
#endif
#ifndef XEN_CHANGESET
#define XEN_CHANGESET       ""      /* what Xen's own release builds say */
#endif

/* One space-terminated word per guest type we run: 64-bit PV only. */
#define XEN_CAPABILITIES    "xen-3.0-x86_64 "
#define DENIED              "<denied>"

static char saved_cmdline[sizeof(xen_commandline_t)];

void xen_version_save_cmdline(const char *cmdline)
{
    strlcpy(saved_cmdline, cmdline, sizeof(saved_cmdline));
}

/*
 * XENFEAT_* bits for submap 0, decided per bit against what Xen 4.17
 * reports to a 64-bit PV guest (0x228f0 for dom0, i.e. bits 4-7, 11, 13,
 * 17):
 *   4  pae_pgdir_above_4gb      yes: Xen sets it for every 64-bit PV
 *                                kernel; meaningless there, and harmless
 *   5  mmu_pt_update_preserve_ad yes: Linux panics without it
 *   6  highmem_assist           yes: MMUEXT_CLEAR_PAGE and MMUEXT_COPY_PAGE
 *                                work on the guest's own pages (pv version)
 *   7  gnttab_map_avail_bits    yes: Linux panics without it
 *   11 dom0                     for the privileged domain
 *   13 memory_op_vnode_supported yes: XENMEM_get_vnumainfo exists (it
 *                                answers -EOPNOTSUPP: no domain has a
 *                                virtual NUMA layout, as on Xen by default)
 *   17 direct_mapped            yes: a PV guest sees machine frames
 * Never for PV: 0 writable_page_tables (Xen reports it only to translated
 * guests; Linux would leave its boot GDT read-only), 1, 2, 3, 8-10 (HVM),
 * 14 (ARM), 15 (PVH dom0), 16.
 *
 * A translated (HVM) guest gets what Xen 4.17 gives a PVH domU (0x12305):
 * 0 writable_page_tables, 2 auto_translated_physmap, 8 hvm_callback_vector,
 * 9 hvm_safe_pvclock (Linux's PVH path takes its clock events and TSC
 * rate from Xen only with these two), 13, and 16 not_direct_mapped; no
 * hvm_pirqs (no emulated interrupt controllers).
 */
static uint32_t translated_features(const struct domain *d)
{
    uint32_t f = (1u << XENFEAT_writable_page_tables) |
                 (1u << XENFEAT_auto_translated_physmap) |
                 (1u << XENFEAT_hvm_callback_vector) |
                 (1u << XENFEAT_hvm_safe_pvclock) |
                 (1u << XENFEAT_memory_op_vnode_supported) |
                 (1u << XENFEAT_not_direct_mapped);

    /* A PVH dom0: whether Xen adds 15 (linux_rsdp_unrestricted) for it
     * is not checked yet. */
    if ( d->is_privileged )
        f |= 1u << XENFEAT_dom0;
    return f;
}

static uint32_t features(const struct domain *d)
{
    uint32_t f = (1u << XENFEAT_pae_pgdir_above_4gb) |
                 (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                 (1u << XENFEAT_gnttab_map_avail_bits) |
                 (1u << XENFEAT_highmem_assist) |
                 (1u << XENFEAT_memory_op_vnode_supported) |
                 (1u << XENFEAT_direct_mapped);

    if ( arch_guest_translated(d) )
        return translated_features(d);
    if ( d->is_privileged )
        f |= 1u << XENFEAT_dom0;
    return f;
}

/* A string sub-op: the whole fixed-size field, NUL padded. */
static long copy_string(void *arg, const char *s, char *field, size_t size)
{
    memset(field, 0, size);
    strlcpy(field, s, size);
    return copy_to_guest_ptr(arg, field, size) ? -EFAULT : 0;
}

static long compile_info(void *arg)
{
    struct xen_compile_info info;

    memset(&info, 0, sizeof(info));
    strlcpy(info.compiler, XEN_COMPILER, sizeof(info.compiler));
    strlcpy(info.compile_by, XEN_COMPILE_BY, sizeof(info.compile_by));
    strlcpy(info.compile_domain, XEN_COMPILE_DOMAIN,
            sizeof(info.compile_domain));
    strlcpy(info.compile_date, XEN_BUILD_DATE, sizeof(info.compile_date));
    return copy_to_guest_ptr(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long platform_parameters(void *arg)
{
    struct xen_platform_parameters params = {
        .virt_start = HYPERVISOR_VIRT_START,
    };

    return copy_to_guest_ptr(arg, &params, sizeof(params)) ? -EFAULT : 0;
}

static long get_features(void *arg)
{
    struct xen_feature_info fi;

    if ( copy_from_guest_ptr(&fi, arg, sizeof(fi)) )
        return -EFAULT;
    if ( fi.submap_idx != 0 )
        return -EINVAL;
    fi.submap = features(current->domain);
    return copy_to_guest_ptr(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
}

/* The caller's own handle, as createdomain or setdomainhandle set it
 * (the toolstack puts the domain's uuid there). */
static long guest_handle(void *arg)
{
    const struct domain *d = current->domain;

    return copy_to_guest_ptr(arg, d->handle, sizeof(d->handle)) ? -EFAULT : 0;
}

static long commandline(void *arg)
{
    if ( !current->domain->is_privileged )
        return copy_to_guest_ptr(arg, DENIED, sizeof(DENIED)) ? -EFAULT : 0;
    return copy_to_guest_ptr(arg, saved_cmdline, sizeof(saved_cmdline))
           ? -EFAULT : 0;
}

/* Xen's checks in Xen's order, ending in "no build id in this image". */
static long build_id(void *arg)
{
    struct xen_build_id id;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( arg )
    {
        if ( copy_from_guest_ptr(&id, arg, sizeof(id)) )
            return -EFAULT;
        if ( id.len == 0 )
            return -EINVAL;
    }
    return -ENODATA;
}

/* The string sub-ops share one scratch field of the largest size. */
static long string_op(unsigned int cmd, void *arg)
{
    char field[sizeof(xen_capabilities_info_t)];

    switch ( cmd )
    {
    case XENVER_extraversion:
        return copy_string(arg, XEN_EXTRAVERSION, field,
                           sizeof(xen_extraversion_t));
    case XENVER_capabilities:
        return copy_string(arg, XEN_CAPABILITIES, field,
                           sizeof(xen_capabilities_info_t));
    default:
        return copy_string(arg, XEN_CHANGESET, field,
                           sizeof(xen_changeset_info_t));
    }
}

long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    void *p = (void *)arg;

    /* The sub-op is an int in Xen's ABI: only the low 32 bits count. */
    switch ( (unsigned int)cmd )
    {
    case XENVER_version:
        return (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
    case XENVER_extraversion:
    case XENVER_capabilities:
    case XENVER_changeset:
        return string_op(cmd, p);
    case XENVER_compile_info:
        return compile_info(p);
    case XENVER_platform_parameters:
        return platform_parameters(p);
    case XENVER_get_features:
        return get_features(p);
    case XENVER_pagesize:
        return p ? -EINVAL : (long)PAGE_SIZE;
    case XENVER_guest_handle:
        return guest_handle(p);
    case XENVER_commandline:
        return commandline(p);
    case XENVER_build_id:
        return build_id(p);
    }
    return -ENOSYS;
}

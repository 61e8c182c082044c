/*
 * version.c - every XENVER_* sub-op of HYPERVISOR_xen_version.
 *
 * Each OUT buffer is followed by guard bytes to catch a hypervisor that
 * writes more than the ABI size, and every string must be NUL terminated
 * inside its fixed-size field.  Values that describe the ABI itself
 * (capabilities, virt_start, feature bits, page size) are checked
 * exactly; build-specific strings only for shape.
 */
#include <pvtest.h>
#include <pv/pagetable.h>
#include <public/features.h>
#include <public/errno.h>
#include <public/arch-x86/cpuid.h>

const char test_title[] = "version: XENVER_* sub-ops";

#define GUARD   0xa5
#define SLACK   64

static uint8_t buf[1024 + SLACK];

static void *fresh_buffer(void)
{
    memset(buf, GUARD, sizeof(buf));
    return buf;
}

static void check_guard(size_t abi_size, const char *what)
{
    size_t i;

    for ( i = abi_size; i < abi_size + SLACK; i++ )
        if ( buf[i] != GUARD )
        {
            xtest_fail("%s: wrote past its %zu-byte field (offset %zu)",
                       what, abi_size, i);
            return;
        }
}

/* A string sub-op: rc 0, NUL inside the field, guard untouched. */
static const char *string_op(int cmd, size_t abi_size, const char *what)
{
    long rc = HYPERVISOR_xen_version(cmd, fresh_buffer());

    if ( !check(rc == 0, "%s: rc %ld", what, rc) )
        return NULL;
    check_guard(abi_size, what);
    if ( !check(strnlen((char *)buf, abi_size) < abi_size,
                "%s: no NUL within %zu bytes", what, abi_size) )
        return NULL;
    xtest_info("%-20s \"%s\"", what, (const char *)buf);
    return (const char *)buf;
}

static void test_version(void)
{
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct cpuid_regs r;
    const struct hv_info *hv = hv_info();

    xtest_info("%-20s %ld.%ld", "version", ver >> 16, ver & 0xffff);
    if ( !check(ver > 0, "XENVER_version: rc %ld", ver) )
        return;
    check(ver >> 16 >= 3, "XENVER_version: major %ld is older than 3",
          ver >> 16);

    /* The CPUID leaf base+1 reports the same number. */
    if ( hv->cpuid_base )
    {
        probe_cpuid_pv(hv->cpuid_base + 1, 0, &r);
        check_eq(r.a, (uint32_t)ver, "CPUID leaf base+1 eax vs XENVER_version");
    }
    else
        xtest_fail("no XenVMMXenVMM signature in the CPUID leaves "
                   "(forced-emulation cpuid)");
}

static void test_strings(void)
{
    const char *s;

    string_op(XENVER_extraversion, sizeof(xen_extraversion_t), "extraversion");
    s = string_op(XENVER_compile_info, sizeof(struct xen_compile_info),
                  "compile_info");
    if ( s )
    {
        const struct xen_compile_info *ci = (const void *)buf;

        check(strnlen(ci->compiler, sizeof(ci->compiler)) < sizeof(ci->compiler),
              "compile_info.compiler not terminated");
        check(strnlen(ci->compile_by, sizeof(ci->compile_by)) <
              sizeof(ci->compile_by), "compile_info.compile_by not terminated");
        check(strnlen(ci->compile_domain, sizeof(ci->compile_domain)) <
              sizeof(ci->compile_domain),
              "compile_info.compile_domain not terminated");
        check(strnlen(ci->compile_date, sizeof(ci->compile_date)) <
              sizeof(ci->compile_date), "compile_info.compile_date not terminated");
        xtest_info("  compile_by \"%s\" domain \"%s\" date \"%s\"",
                   ci->compile_by, ci->compile_domain, ci->compile_date);
    }

    s = string_op(XENVER_capabilities, sizeof(xen_capabilities_info_t),
                  "capabilities");
    if ( s )
        check(strstr(s, "xen-3.0-x86_64") != NULL,
              "capabilities \"%s\" lack xen-3.0-x86_64", s);

    string_op(XENVER_changeset, sizeof(xen_changeset_info_t), "changeset");

    s = string_op(XENVER_commandline, sizeof(xen_commandline_t), "commandline");
    if ( s )
        check(strstr(s, "console=com1") != NULL,
              "commandline \"%s\" lacks console=com1 (the runner passes it)", s);
}

static void test_platform_parameters(void)
{
    struct xen_platform_parameters *pp = fresh_buffer();
    long rc = HYPERVISOR_xen_version(XENVER_platform_parameters, pp);

    if ( !check(rc == 0, "platform_parameters: rc %ld", rc) )
        return;
    check_guard(sizeof(*pp), "platform_parameters");
    xtest_info("%-20s virt_start %#lx", "platform_parameters",
               (unsigned long)pp->virt_start);
    check_eq(pp->virt_start, HYPERVISOR_VIRT_START,
             "platform_parameters.virt_start");
}

static uint8_t assist_page[2][PAGE_SIZE] __aligned(PAGE_SIZE);

static xen_pfn_t own_mfn(const void *va)
{
    return (pt_leaf((unsigned long)va) & 0x000ffffffffff000UL) >> PAGE_SHIFT;
}

/* XENFEAT_highmem_assist promises MMUEXT_CLEAR_PAGE and _COPY_PAGE on
 * the guest's own writable pages. */
static void test_highmem_assist(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_COPY_PAGE };

    memset(assist_page[0], 0x5a, PAGE_SIZE);
    memset(assist_page[1], 0, PAGE_SIZE);
    op.arg1.mfn = own_mfn(assist_page[1]);
    op.arg2.src_mfn = own_mfn(assist_page[0]);
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "highmem_assist: MMUEXT_COPY_PAGE");
    check_eq(assist_page[1][PAGE_SIZE - 1], 0x5a, "the copied page's last byte");
    op = (struct mmuext_op){ .cmd = MMUEXT_CLEAR_PAGE };
    op.arg1.mfn = own_mfn(assist_page[0]);
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "highmem_assist: MMUEXT_CLEAR_PAGE");
    check_eq(assist_page[0][PAGE_SIZE - 1], 0, "the cleared page's last byte");
}

/* memory_op_vnode_supported promises XENMEM_get_vnumainfo.  dom0 has no
 * virtual NUMA layout: -EOPNOTSUPP, after -EINVAL for a non-zero pad
 * and -ESRCH for a domain that does not exist (Xen 4.17's answers). */
static void test_vnumainfo(void)
{
    struct xen_vnuma_topology_info t = { .domid = DOMID_SELF };

    check_eq(HYPERVISOR_memory_op(XENMEM_get_vnumainfo, &t), -XEN_EOPNOTSUPP,
             "get_vnumainfo of dom0 (no vNUMA)");
    t.pad = 1;
    check_eq(HYPERVISOR_memory_op(XENMEM_get_vnumainfo, &t), -XEN_EINVAL,
             "get_vnumainfo with pad set");
    t.pad = 0;
    t.domid = 1000;
    check_eq(HYPERVISOR_memory_op(XENMEM_get_vnumainfo, &t), -XEN_ESRCH,
             "get_vnumainfo of no domain");
    check_eq(HYPERVISOR_memory_op(XENMEM_get_vnumainfo, (void *)8), -XEN_EFAULT,
             "get_vnumainfo at a bad address");
}

static void test_features(void)
{
    struct xen_feature_info *fi = fresh_buffer();
    /* Xen 4.17 gives a PV dom0 0x228f0; each bit of it that we claim
     * is checked here, by use where it promises an operation. */
    uint32_t must = (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                    (1u << XENFEAT_gnttab_map_avail_bits) |
                    (1u << XENFEAT_highmem_assist) |
                    (1u << XENFEAT_memory_op_vnode_supported) |
                    (1u << XENFEAT_dom0);
    /* A PV guest is not translated, not ring 0, has no callback vector. */
    uint32_t never = (1u << XENFEAT_writable_page_tables) |
                     (1u << XENFEAT_auto_translated_physmap) |
                     (1u << XENFEAT_supervisor_mode_kernel) |
                     (1u << XENFEAT_hvm_callback_vector) |
                     (1u << XENFEAT_hvm_safe_pvclock) |
                     (1u << XENFEAT_hvm_pirqs);
    long rc;

    fi->submap_idx = 0;
    rc = HYPERVISOR_xen_version(XENVER_get_features, fi);
    if ( !check(rc == 0, "get_features(0): rc %ld", rc) )
        return;
    check_guard(sizeof(*fi), "get_features");
    xtest_info("%-20s submap 0 = %#x", "get_features", fi->submap);
    check((fi->submap & must) == must,
          "get_features(0) = %#x lacks required bits %#x", fi->submap,
          must & ~fi->submap);
    check(!(fi->submap & never),
          "get_features(0) = %#x has bits %#x wrong for a PV dom0",
          fi->submap, fi->submap & never);
    if ( fi->submap & (1u << XENFEAT_highmem_assist) )
        test_highmem_assist();
    if ( fi->submap & (1u << XENFEAT_memory_op_vnode_supported) )
        test_vnumainfo();

    /* Submaps past the defined ones: Xen answers -EINVAL. */
    fi->submap_idx = 1;
    fi->submap = 0xdeadbeef;
    rc = HYPERVISOR_xen_version(XENVER_get_features, fi);
    xtest_info("%-20s submap 1: rc %ld", "get_features", rc);
    check(rc == -XEN_EINVAL, "get_features(1): rc %ld, expected -EINVAL", rc);
}

static void test_own_handle(void);

static void test_scalars(void)
{
    long rc = HYPERVISOR_xen_version(XENVER_pagesize, NULL);
    uint8_t zero[16] = { 0 };

    check_eq(rc, PAGE_SIZE, "XENVER_pagesize");

    rc = HYPERVISOR_xen_version(XENVER_guest_handle, fresh_buffer());
    if ( check(rc == 0, "guest_handle: rc %ld", rc) )
    {
        check_guard(sizeof(xen_domain_handle_t), "guest_handle");
        /* Nobody gave dom0 a handle: it is all zeroes. */
        check(!memcmp(buf, zero, sizeof(zero)),
              "dom0's guest_handle is not all zeroes");
    }
    test_own_handle();
}

/* XENVER_guest_handle is the caller's own handle (what createdomain or
 * setdomainhandle recorded; Linux shows it as /sys/hypervisor/uuid):
 * dom0 sets its own, reads it back, and puts the zeroes back. */
static void set_own_handle(const uint8_t h[16])
{
    struct xen_domctl dc;

    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_setdomainhandle;
    dc.domain = 0;
    memcpy(dc.u.setdomainhandle.handle, h, 16);
    check_eq(HYPERVISOR_domctl(&dc), 0, "setdomainhandle of dom0");
}

static void test_own_handle(void)
{
    static const uint8_t mine[16] = { 0x4d, 0x79, 0x20, 0x75, 0x75, 0x69,
                                      0x64, 0x21, 1, 2, 3, 4, 5, 6, 7, 8 };
    static const uint8_t zero[16];
    long rc;

    set_own_handle(mine);
    rc = HYPERVISOR_xen_version(XENVER_guest_handle, fresh_buffer());
    check(rc == 0 && !memcmp(buf, mine, 16),
          "guest_handle after setdomainhandle: rc %ld, %02x..%02x", rc,
          buf[0], buf[15]);
    check_guard(16, "guest_handle");
    set_own_handle(zero);
}

static void test_build_id(void)
{
    struct xen_build_id *id = fresh_buffer();
    size_t room = sizeof(buf) - SLACK - sizeof(*id);
    long rc;

    id->len = room;
    rc = HYPERVISOR_xen_version(XENVER_build_id, id);
    xtest_info("%-20s rc %ld", "build_id", rc);
    if ( rc == -XEN_ENODATA )
        return;         /* a hypervisor built without a build id */
    if ( check(rc > 0 && (size_t)rc <= room, "build_id: rc %ld", rc) )
        check_guard(sizeof(*id) + rc, "build_id");

    /* Too small a buffer is refused rather than overrun. */
    if ( rc > 1 )
    {
        id = fresh_buffer();
        id->len = 1;
        rc = HYPERVISOR_xen_version(XENVER_build_id, id);
        check(rc == -XEN_ENOBUFS, "build_id with len 1: rc %ld, expected "
              "-ENOBUFS", rc);
    }
}

static void test_unknown(void)
{
    long rc = HYPERVISOR_xen_version(0x7fff, fresh_buffer());

    check(rc == -XEN_ENOSYS, "unknown sub-op 0x7fff: rc %ld, expected -ENOSYS",
          rc);
}

void test_main(void)
{
    test_version();
    test_strings();
    test_platform_parameters();
    test_features();
    test_scalars();
    test_build_id();
    test_unknown();
}

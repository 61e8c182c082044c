/*
 * tscinfo.c - XEN_DOMCTL_gettscinfo / settscinfo, which libxl calls for
 * every domain it builds.  A new domain: the default mode, incarnation
 * 1, a TSC rate, elapsed time that does not go back.  Sets of the
 * default (at the host's rate) and of never-emulate are kept, each making
 * incarnation the given one + 1; never-emulate reports no rate or time.
 * Refused: unknown modes (-EINVAL, nothing changed), the caller's own
 * domain (-EINVAL), a missing domain (-ESRCH).  Emulation (always-
 * emulate, or another rate) Xen does and this hypervisor refuses with
 * -EOPNOTSUPP (it never traps RDTSC).
 *
 * pvtest-smp: 1
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "tscinfo: get/set TSC mode of a domain";

static long tsc(uint32_t cmd, domid_t dom, struct xen_domctl_tsc_info *t)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = dom };
    long rc;

    dc.u.tsc_info = *t;
    rc = HYPERVISOR_domctl(&dc);
    if ( cmd == XEN_DOMCTL_gettscinfo )
        *t = dc.u.tsc_info;
    return rc;
}

static long set(domid_t dom, uint32_t mode, uint32_t khz, uint32_t inc)
{
    struct xen_domctl_tsc_info t = {
        .tsc_mode = mode, .gtsc_khz = khz, .incarnation = inc,
    };

    return tsc(XEN_DOMCTL_settscinfo, dom, &t);
}

static struct xen_domctl_tsc_info get(domid_t dom, const char *what)
{
    struct xen_domctl_tsc_info t = { .tsc_mode = 0x77, .incarnation = 0x77 };

    check_eq(tsc(XEN_DOMCTL_gettscinfo, dom, &t), 0, what);
    return t;
}

static domid_t create(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain };

    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_grant_frames = 1;
    dc.u.createdomain.max_maptrack_frames = 1;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "createdomain") )
        return 0;
    return dc.domain;
}

static void destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };

    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain");
}

static void check_new_and_sets(domid_t d)
{
    struct xen_domctl_tsc_info t = get(d, "gettscinfo of a new domain"), u;
    uint32_t khz = t.gtsc_khz;

    xtest_info("new domain: mode %u khz %u incarnation %u elapsed %lu",
               t.tsc_mode, t.gtsc_khz, t.incarnation,
               (unsigned long)t.elapsed_nsec);
    check_eq(t.tsc_mode, TSC_MODE_DEFAULT, "a new domain's mode");
    check_eq(t.incarnation, 1, "a new domain's incarnation");
    check(khz != 0, "no TSC rate");
    u = get(d, "gettscinfo again");
    check(u.elapsed_nsec >= t.elapsed_nsec, "elapsed went back: %lu -> %lu",
          (unsigned long)t.elapsed_nsec, (unsigned long)u.elapsed_nsec);

    check_eq(set(d, TSC_MODE_DEFAULT, 0, 0), 0, "settscinfo default");
    t = get(d, "get after default");
    check_eq(t.tsc_mode, TSC_MODE_DEFAULT, "mode after default");
    check_eq(t.incarnation, 1, "incarnation after a set with 0");
    check_eq(t.gtsc_khz, khz, "rate after default");

    check_eq(set(d, TSC_MODE_DEFAULT, khz, 41), 0,
             "settscinfo default at the host's rate");
    check_eq(get(d, "get").incarnation, 42, "incarnation after a set with 41");

    check_eq(set(d, TSC_MODE_NEVER_EMULATE, 0, 5), 0, "settscinfo native");
    t = get(d, "get after native");
    check_eq(t.tsc_mode, TSC_MODE_NEVER_EMULATE, "mode after native");
    check_eq(t.incarnation, 6, "incarnation after a set with 5");
    check_eq(t.gtsc_khz, 0, "native: rate reported");
    check_eq(t.elapsed_nsec, 0, "native: elapsed reported");

    check_eq(set(d, 3, 0, 9), -XEN_EINVAL, "settscinfo mode 3");
    check_eq(set(d, 0xffffffff, 0, 9), -XEN_EINVAL, "settscinfo mode ~0");
    t = get(d, "get after refusals");
    check_eq(t.tsc_mode, TSC_MODE_NEVER_EMULATE, "mode after refusals");
    check_eq(t.incarnation, 6, "incarnation after refusals");

    if ( !hv_is_xen() )
    {
        check_eq(set(d, TSC_MODE_ALWAYS_EMULATE, 0, 0), -XEN_EOPNOTSUPP,
                 "always-emulate (no RDTSC emulation here)");
        check_eq(set(d, TSC_MODE_DEFAULT, khz / 2, 0), -XEN_EOPNOTSUPP,
                 "default at half the host's rate");
        check_eq(get(d, "get").incarnation, 6, "incarnation after -EOPNOTSUPP");
    }
}

static void check_refusals(void)
{
    struct xen_domctl_tsc_info t = { 0 };

    check_eq(tsc(XEN_DOMCTL_gettscinfo, 0, &t), -XEN_EINVAL,
             "gettscinfo of the caller's own domain");
    check_eq(set(0, TSC_MODE_DEFAULT, 0, 0), -XEN_EINVAL,
             "settscinfo of the caller's own domain");
    check_eq(tsc(XEN_DOMCTL_gettscinfo, 999, &t), -XEN_ESRCH,
             "gettscinfo of domain 999");
    check_eq(set(999, TSC_MODE_DEFAULT, 0, 0), -XEN_ESRCH,
             "settscinfo of domain 999");
    check_eq(tsc(XEN_DOMCTL_gettscinfo, DOMID_SELF, &t), -XEN_ESRCH,
             "gettscinfo of DOMID_SELF");
}

void test_main(void)
{
    domid_t d = create();

    check_refusals();
    if ( !d )
        return;
    check_new_and_sets(d);
    destroy(d);
}

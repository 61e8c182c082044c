/*
 * cpu-policy.c - the CPU-policy hypercalls libxl's PV build uses, as Xen
 * 4.17 answers them:
 *   sysctl get_cpu_featureset: the count (null buffer), the host words
 *     (the same as physinfo's hw_cap), a short buffer (-ENOBUFS with the
 *     count written back and nothing past it touched), a bad index;
 *   sysctl get_cpu_policy: the maximum counts, the PV default policy in
 *     Xen's order (leaf 0 first, the hypervisor leaf, leaf 1 with the
 *     hypervisor bit), the two MSRs, short buffers (-ENOBUFS), a bad
 *     pointer (-EFAULT), _rsvd or a bad index (-EINVAL);
 *   domctl get_cpu_policy of a new domain: the PV default;
 *   domctl set_cpu_policy: features beyond PV max dropped, a lower max
 *     leaf kept and the leaves above it cleared; refusals with err_* set:
 *     a max leaf above PV max (-EINVAL, leaf 0), a leaf Xen has no room
 *     for (-ERANGE), too many leaves (-E2BIG), MSR flags (-EINVAL), an
 *     unknown MSR (-ERANGE), PLATFORM_INFO beyond 32 bits (-EOVERFLOW);
 *     the caller's own domain (-EINVAL); after the first unpause -EEXIST.
 *
 * pvtest-smp: 1
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "cpu-policy: featuresets, system and domain policies";

#define MAXL 160
static xen_cpuid_leaf_t def[MAXL], max[MAXL], buf[MAXL];
static uint32_t nr_max;
static xen_msr_entry_t msrs[4];
static uint32_t nr_def;

static long featureset(uint32_t index, uint32_t *nr, uint32_t *fs)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_get_cpu_featureset };
    long rc;

    sc.u.cpu_featureset.index = index;
    sc.u.cpu_featureset.nr_features = *nr;
    set_xen_guest_handle(sc.u.cpu_featureset.features, fs);
    rc = HYPERVISOR_sysctl(&sc);
    *nr = sc.u.cpu_featureset.nr_features;
    return rc;
}

static long sys_policy(uint32_t index, uint32_t *nr, xen_cpuid_leaf_t *l,
                       uint32_t *nm, xen_msr_entry_t *m, uint32_t rsvd)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_get_cpu_policy };
    long rc;

    sc.u.cpu_policy.index = index;
    sc.u.cpu_policy.nr_leaves = *nr;
    sc.u.cpu_policy.nr_msrs = *nm;
    sc.u.cpu_policy._rsvd = rsvd;
    set_xen_guest_handle(sc.u.cpu_policy.leaves, l);
    set_xen_guest_handle(sc.u.cpu_policy.msrs, m);
    rc = HYPERVISOR_sysctl(&sc);
    *nr = sc.u.cpu_policy.nr_leaves;
    *nm = sc.u.cpu_policy.nr_msrs;
    return rc;
}

static long dom_policy(uint32_t cmd, domid_t d, uint32_t *nr,
                       xen_cpuid_leaf_t *l, uint32_t nm, xen_msr_entry_t *m,
                       struct xen_domctl_cpu_policy *out)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };
    long rc;

    dc.u.cpu_policy.nr_leaves = *nr;
    dc.u.cpu_policy.nr_msrs = nm;
    set_xen_guest_handle(dc.u.cpu_policy.leaves, l);
    set_xen_guest_handle(dc.u.cpu_policy.msrs, m);
    dc.u.cpu_policy.err_leaf = dc.u.cpu_policy.err_subleaf = 0x55;
    dc.u.cpu_policy.err_msr = 0x55;
    rc = HYPERVISOR_domctl(&dc);
    *nr = dc.u.cpu_policy.nr_leaves;
    if ( out )
        *out = dc.u.cpu_policy;
    return rc;
}

static const xen_cpuid_leaf_t *find(const xen_cpuid_leaf_t *l, uint32_t n,
                                    uint32_t leaf, uint32_t sub)
{
    for ( uint32_t i = 0; i < n; i++ )
        if ( l[i].leaf == leaf && l[i].subleaf == sub )
            return &l[i];
    return NULL;
}

static void check_featureset(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    uint32_t fs[32], nr = 0;

    check_eq(featureset(XEN_SYSCTL_cpu_featureset_host, &nr, NULL), 0,
             "featureset count");
    xtest_info("featureset words: %u", nr);
    check_eq(nr, 19, "featureset words (Xen 4.17)");
    memset(fs, 0xee, sizeof(fs));
    nr = 32;
    check_eq(featureset(XEN_SYSCTL_cpu_featureset_host, &nr, fs), 0,
             "host featureset");
    check_eq(nr, 19, "words written");
    check_eq(fs[19], 0xeeeeeeee, "word past the featureset");
    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    /* Word 2 aside: physinfo drops the AMD copies of word 0's features
     * from it, the featureset keeps them (Xen 4.17 on an AMD CPU). */
    for ( unsigned int i = 0; i < 8; i++ )
        check(i == 2 || fs[i] == sc.u.physinfo.hw_cap[i], "host word %u %08x, "
              "physinfo %08x", i, fs[i], sc.u.physinfo.hw_cap[i]);
    memset(fs, 0xee, sizeof(fs));
    nr = 3;
    check_eq(featureset(XEN_SYSCTL_cpu_featureset_pv, &nr, fs), -XEN_ENOBUFS,
             "PV featureset into 3 words");
    check_eq(nr, 3, "count after -ENOBUFS");
    check_eq(fs[3], 0xeeeeeeee, "word 3 written into a 3-word buffer");
    check(fs[1] & (1u << 31), "PV word 1 %08x without the hypervisor bit",
          fs[1]);
    nr = 32;
    check_eq(featureset(6, &nr, fs), -XEN_EINVAL, "featureset index 6");
    nr = 32;
    check_eq(featureset(~0u, &nr, fs), -XEN_EINVAL, "featureset index ~0");
    nr = 32;
    check_eq(featureset(XEN_SYSCTL_cpu_featureset_pv, &nr, (uint32_t *)0x10),
             -XEN_EFAULT, "featureset to 0x10");
    if ( !hv_is_xen() )
    {
        nr = 32;
        check_eq(featureset(XEN_SYSCTL_cpu_featureset_hvm, &nr, fs),
                 -XEN_EOPNOTSUPP, "HVM featureset (no HVM here)");
    }
}

static void check_system_policy(void)
{
    uint32_t nr = 0, nm = 0;
    const xen_cpuid_leaf_t *l;

    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr, NULL, &nm,
                        NULL, 0), 0, "policy counts");
    xtest_info("policy: at most %u leaves, %u MSRs", nr, nm);
    check_eq(nr, 120, "most leaves (Xen 4.17)");
    check_eq(nm, 2, "most MSRs");
    nr = MAXL;
    nm = 4;
    if ( !check_rc_setup(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr,
                                    def, &nm, msrs, 0), "PV default policy") )
        return;
    nr_def = nr;
    xtest_info("PV default: %u leaves; leaf 0 %08x, 0x40000000 %08x, "
               "last %08x", nr, def[0].a,
               find(def, nr, 0x40000000, ~0u) ? find(def, nr, 0x40000000, ~0u)->a : 0,
               def[nr - 1].leaf);
    check(nr > 3 && nr <= 120, "%u leaves", nr);
    check(def[0].leaf == 0 && def[0].subleaf == XEN_CPUID_NO_SUBLEAF,
          "first leaf %x/%x", def[0].leaf, def[0].subleaf);
    check(find(def, nr, 0x40000000, ~0u) && find(def, nr, 0x40000100, ~0u),
          "no hypervisor limit leaves");
    l = find(def, nr, 1, ~0u);
    check(l && (l->c & (1u << 31)), "leaf 1 without the hypervisor bit");
    check(find(def, nr, 0x80000000, ~0u), "no leaf 0x80000000");
    check_eq(nm, 2, "MSRs written");
    check(msrs[0].idx == 0xce && msrs[1].idx == 0x10a, "MSRs %x %x",
          msrs[0].idx, msrs[1].idx);

    nr = MAXL;
    nm = 4;
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_max, &nr, max, &nm, msrs, 0),
             0, "PV max policy");
    nr_max = nr;
    nr = 2;
    nm = 4;
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr, buf, &nm,
                        msrs, 0), -XEN_ENOBUFS, "policy into 2 leaves");
    nr = MAXL;
    nm = 1;
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr, buf, &nm,
                        msrs, 0), -XEN_ENOBUFS, "policy into 1 MSR");
    nr = MAXL;
    nm = 4;
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr,
                        (xen_cpuid_leaf_t *)0x10, &nm, msrs, 0), -XEN_EFAULT,
             "policy to 0x10");
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_pv_default, &nr, buf, &nm,
                        msrs, 1), -XEN_EINVAL, "_rsvd 1");
    check_eq(sys_policy(6, &nr, buf, &nm, msrs, 0), -XEN_EINVAL, "index 6");
    nr = MAXL;
    nm = 4;
    check_eq(sys_policy(XEN_SYSCTL_cpu_policy_host, &nr, buf, &nm, msrs, 0),
             0, "host policy");
    if ( !hv_is_xen() )
        check_eq(sys_policy(XEN_SYSCTL_cpu_policy_hvm_max, &nr, buf, &nm,
                            msrs, 0), -XEN_EOPNOTSUPP, "HVM policy");
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

static void simple(uint32_t cmd, domid_t d, const char *what)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };

    check_rc_setup(HYPERVISOR_domctl(&dc), what);
}

static void check_refusal(domid_t d, xen_cpuid_leaf_t l, long want,
                          uint32_t leaf, uint32_t sub, const char *what)
{
    struct xen_domctl_cpu_policy o;
    uint32_t nr = 1;

    buf[0] = l;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 0, NULL, &o),
             want, what);
    check(o.err_leaf == leaf && o.err_subleaf == sub && o.err_msr == ~0u,
          "%s: err %x/%x msr %x", what, o.err_leaf, o.err_subleaf, o.err_msr);
}

static void check_msr_refusal(domid_t d, xen_msr_entry_t m, long want,
                              const char *what)
{
    struct xen_domctl_cpu_policy o;
    uint32_t nr = 0;

    msrs[0] = m;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 1, msrs, &o),
             want, what);
    check(o.err_msr == m.idx, "%s: err_msr %x", what, o.err_msr);
}

static void check_domain_policy(domid_t d)
{
    const xen_cpuid_leaf_t *l1 = find(max, nr_max, 1, ~0u), *l;
    uint32_t nr = MAXL;
    struct xen_domctl_cpu_policy o;

    check_eq(dom_policy(XEN_DOMCTL_get_cpu_policy, d, &nr, buf, 0, NULL, NULL),
             0, "get_cpu_policy of a new domain");
    check_eq(nr, nr_def, "its leaves: as many as the PV default");
    /* The same leaves, but for 0x80000001 EDX: Xen's domain policy on an
     * AMD CPU repeats leaf 1's features there, its system one not. */
    for ( uint32_t i = 0; i < nr && i < nr_def; i++ )
    {
        xen_cpuid_leaf_t a = buf[i], b = def[i];

        if ( a.leaf == 0x80000001 )
            a.d = b.d = 0;
        check(!memcmp(&a, &b, sizeof(a)), "leaf %x/%x: %08x %08x %08x %08x, "
              "PV default %08x %08x %08x %08x", a.leaf, a.subleaf, a.a, a.b,
              a.c, a.d, b.a, b.b, b.c, b.d);
    }

    if ( !l1 )
        return;
    /* Every feature bit asked for: only PV max's come back. */
    buf[0] = (xen_cpuid_leaf_t){ 1, ~0u, l1->a, l1->b, ~0u, ~0u };
    nr = 1;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 0, NULL, NULL),
             0, "set leaf 1 with every feature");
    nr = MAXL;
    check_eq(dom_policy(XEN_DOMCTL_get_cpu_policy, d, &nr, buf, 0, NULL, NULL),
             0, "get after set");
    l = find(buf, nr, 1, ~0u);
    check(l && l->c == l1->c && l->d == l1->d,
          "leaf 1 features %08x %08x, PV max %08x %08x", l ? l->c : 0,
          l ? l->d : 0, l1->c, l1->d);

    /* A lower maximum extended leaf: the leaves above it are gone. */
    l = find(def, nr_def, 0x80000000, ~0u);
    buf[0] = (xen_cpuid_leaf_t){ 0x80000000, ~0u, 0x80000001, l->b, l->c,
                                 l->d };
    nr = 1;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 0, NULL, NULL),
             0, "set max extended leaf 0x80000001");
    nr = MAXL;
    dom_policy(XEN_DOMCTL_get_cpu_policy, d, &nr, buf, 0, NULL, NULL);
    check(!find(buf, nr, 0x80000002, ~0u) && find(buf, nr, 0x80000001, ~0u),
          "leaves above 0x80000001 still listed");

    check_refusal(d, (xen_cpuid_leaf_t){ 0, ~0u, 0x7fffffff, 0, 0, 0 }, -XEN_EINVAL,
                  0, ~0u, "max basic leaf 0x7fffffff");
    check_refusal(d, (xen_cpuid_leaf_t){ 0x12345, ~0u, 0, 0, 0, 0 }, -XEN_ERANGE,
                  0x12345, ~0u, "leaf 0x12345");
    check_refusal(d, (xen_cpuid_leaf_t){ 1, 0, 0, 0, 0, 0 }, -XEN_ERANGE, 1, 0,
                  "leaf 1 with subleaf 0");
    check_refusal(d, (xen_cpuid_leaf_t){ 4, 99, 0, 0, 0, 0 }, -XEN_ERANGE, 4, 99,
                  "leaf 4 subleaf 99");
    nr = 1000;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 0, NULL, &o),
             -XEN_E2BIG, "1000 leaves");
    check_msr_refusal(d, (xen_msr_entry_t){ 0xce, 1, 0 }, -XEN_EINVAL,
                      "MSR with flags");
    check_msr_refusal(d, (xen_msr_entry_t){ 0x1234, 0, 0 }, -XEN_ERANGE,
                      "MSR 0x1234");
    check_msr_refusal(d, (xen_msr_entry_t){ 0xce, 0, 1ULL << 40 },
                      -XEN_EOVERFLOW, "PLATFORM_INFO beyond 32 bits");
    nr = 1;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr,
                        (xen_cpuid_leaf_t *)0x10, 0, NULL, NULL),
             -XEN_EFAULT, "leaves at 0x10");
    nr = 0;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, 0, &nr, buf, 0, NULL, NULL),
             -XEN_EINVAL, "set_cpu_policy of the caller's own domain");
    nr = 0;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, 999, &nr, buf, 0, NULL,
                        NULL), -XEN_ESRCH, "set_cpu_policy of domain 999");

    simple(XEN_DOMCTL_unpausedomain, d, "unpause");
    nr = 0;
    check_eq(dom_policy(XEN_DOMCTL_set_cpu_policy, d, &nr, buf, 0, NULL, NULL),
             -XEN_EEXIST, "set_cpu_policy after the first unpause");
}

void test_main(void)
{
    domid_t d;

    check_featureset();
    check_system_policy();
    if ( !nr_def || !(d = create()) )
        return;
    check_domain_policy(d);
    simple(XEN_DOMCTL_destroydomain, d, "destroydomain");
}

/*
 * domctl-config.c - the domctl sub-ops a toolstack configures domains
 * with, as Xen 4.17 answers them: createdomain's checks of its whole
 * configuration (flags, vCPUs, grant limits and version, CPU pool,
 * emulation and misc flags) and the handle it records; getdomaininfo's
 * fields (handle, ssidref, cpupool, emulation flags, gpaddr_bits) and its
 * DOMID_SELF rule; setdomainhandle; dom0's wallclock set by its builder
 * and settimeoffset moving it in shared_info; the removed set_max_evtchn; set/get_address_size;
 * max_mem; iomem/ioport/irq_permission's range and privilege checks.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "domctl-config: createdomain config, handle, "
                          "time offset, address size, I/O permissions";

static long domctl(struct xen_domctl *op)
{
    return HYPERVISOR_domctl(op);
}

static const xen_domain_handle_t uuid = {
    0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
    0x0f, 0xed, 0xcb, 0xa9, 0x87, 0x65, 0x43, 0x21,
};

static void fill_create(struct xen_domctl *dc)
{
    memset(dc, 0, sizeof(*dc));
    dc->cmd = XEN_DOMCTL_createdomain;
    dc->u.createdomain.max_vcpus = 1;
    dc->u.createdomain.max_evtchn_port = 1023;
    dc->u.createdomain.max_grant_frames = 4;
    dc->u.createdomain.max_maptrack_frames = 16;
    dc->u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    memcpy(dc->u.createdomain.handle, uuid, sizeof(uuid));
}

static bool info_of(domid_t d, struct xen_domctl_getdomaininfo *out)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

    if ( !check_rc_setup(domctl(&dc), "getdomaininfo") )
        return false;
    *out = dc.u.getdomaininfo;
    return out->domain == d;
}

static void destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };

    check_rc_setup(domctl(&dc), "destroydomain");
}

static uint32_t physcaps(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    return check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo")
           ? sc.u.physinfo.capabilities : 0;
}

/* One refused configuration: f changes a good one. */
#define REFUSE(expect, what, change) do {                          \
        struct xen_domctl dc_;                                     \
        struct xen_domctl_createdomain *c_ = &dc_.u.createdomain;  \
        long rc_;                                                  \
        fill_create(&dc_);                                         \
        change;                                                    \
        rc_ = domctl(&dc_);                                        \
        check_eq(rc_, (expect), what);                             \
        if ( rc_ == 0 )                                            \
            destroy(dc_.domain);                                   \
        (void)c_;                                                  \
    } while ( 0 )

static void check_create_refusals(void)
{
    uint32_t caps = physcaps();
    long hvm = (caps & XEN_SYSCTL_PHYSCAP_hvm) ? -XEN_EOPNOTSUPP : -XEN_EINVAL;

    xtest_info("physinfo capabilities %#x", caps);
    REFUSE(-XEN_EINVAL, "unknown CDF flag", c_->flags = 1U << 20);
    REFUSE(-XEN_EINVAL, "unknown grant option", c_->grant_opts |= 0x10);
    REFUSE(-XEN_EINVAL, "0 vCPUs", c_->max_vcpus = 0);
    REFUSE(-XEN_EINVAL, "HAP without HVM", c_->flags = XEN_DOMCTL_CDF_hap);
    REFUSE(-XEN_EINVAL, "IOMMU options without the IOMMU flag",
           c_->iommu_opts = XEN_DOMCTL_IOMMU_no_sharept);
    REFUSE(-XEN_EINVAL, "an unknown IOMMU option",
           (c_->flags = XEN_DOMCTL_CDF_iommu, c_->iommu_opts = 2));
    REFUSE(-XEN_EINVAL, "vmtrace on PV", c_->vmtrace_size = 4096);
    REFUSE(-XEN_EINVAL, "too many vCPUs", c_->max_vcpus = 100000);
    REFUSE(-XEN_EINVAL, "an unknown misc flag", c_->arch.misc_flags = 2);
    REFUSE(-XEN_EINVAL, "an unknown emulation flag",
           c_->arch.emulation_flags = 1U << 20);
    REFUSE(-XEN_EOPNOTSUPP, "an emulated LAPIC for PV",
           c_->arch.emulation_flags = XEN_X86_EMU_LAPIC);
    REFUSE(-XEN_EINVAL, "grant table version 0", c_->grant_opts = 0);
    REFUSE(-XEN_EINVAL, "grant table version 3",
           c_->grant_opts = XEN_DOMCTL_GRANT_version(3));
    REFUSE(-XEN_EINVAL, "0 grant frames", c_->max_grant_frames = 0);
    REFUSE(-XEN_EINVAL, "65 grant frames", c_->max_grant_frames = 65);
    REFUSE(-XEN_EINVAL, "1025 maptrack frames",
           c_->max_maptrack_frames = 1025);
    REFUSE(-XEN_ESRCH, "CPU pool 7", c_->cpupool_id = 7);
    /* HVM is refused where the platform has none (ours, Xen on a CPU
     * without VMX/SVM: -EINVAL); where it has, an HVM domain without
     * emulated devices is not one Xen makes (-EOPNOTSUPP). */
    REFUSE(hvm, "an HVM domain", c_->flags = XEN_DOMCTL_CDF_hvm);
    /* Accepted: defaults (-1), MSR_RELAXED, the PIT, oos_off. */
    REFUSE(0, "default grant limits",
           (c_->max_grant_frames = -1, c_->max_maptrack_frames = -1));
    REFUSE(0, "XEN_X86_MSR_RELAXED", c_->arch.misc_flags = XEN_X86_MSR_RELAXED);
    REFUSE(0, "XEN_X86_EMU_PIT", c_->arch.emulation_flags = XEN_X86_EMU_PIT);
    REFUSE(0, "grant version 2", c_->grant_opts = XEN_DOMCTL_GRANT_version(2));
}

static void check_handle_and_info(void)
{
    struct xen_domctl dc;
    struct xen_domctl_getdomaininfo i;
    domid_t d;

    fill_create(&dc);
    dc.u.createdomain.flags = XEN_DOMCTL_CDF_xs_domain;
    dc.u.createdomain.ssidref = 77;
    if ( !check_rc_setup(domctl(&dc), "createdomain") )
        return;
    d = dc.domain;
    if ( info_of(d, &i) )
    {
        check(!memcmp(i.handle, uuid, sizeof(uuid)),
              "getdomaininfo handle is not the one createdomain gave");
        check(i.flags & XEN_DOMINF_xs_domain, "no xs_domain flag (%#x)",
              i.flags);
        check(i.flags & XEN_DOMINF_paused, "not paused (%#x)", i.flags);
        check(!(i.flags & (XEN_DOMINF_hvm_guest | XEN_DOMINF_hap)),
              "HVM flags on a PV domain (%#x)", i.flags);
        check_eq(i.ssidref, 0, "ssidref (no XSM policy)");
        check_eq(i.cpupool, 0, "cpupool");
        check_eq(i.max_vcpu_id, XEN_INVALID_MAX_VCPU_ID,
                 "max_vcpu_id before max_vcpus");
        check_eq(i.arch_config.emulation_flags, 0, "domU emulation flags");
        check_eq(i.outstanding_pages, 0, "outstanding_pages");
    }
    /* setdomainhandle, read back. */
    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_setdomainhandle;
    dc.domain = d;
    memset(dc.u.setdomainhandle.handle, 0xa5, 16);
    check_eq(domctl(&dc), 0, "setdomainhandle");
    if ( info_of(d, &i) )
        check(i.handle[0] == 0xa5 && i.handle[15] == 0xa5,
              "handle not updated (%02x..%02x)", i.handle[0], i.handle[15]);
    /* max_mem: below what it holds is fine; the value reads back. */
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = d };
    dc.u.max_mem.max_memkb = 8192;
    check_eq(domctl(&dc), 0, "max_mem 8 MiB");
    if ( info_of(d, &i) )
        check_eq(i.max_pages, 2048, "max_pages after max_mem 8 MiB");
    dc.u.max_mem.max_memkb = ~0ULL;
    check_eq(domctl(&dc), 0, "max_mem of all ones");
    if ( info_of(d, &i) )
        check_eq(i.max_pages, 0xffffffffULL, "max_pages saturated (32 bits)");
    /* Address size: 64 is what a PV domain is. */
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_get_address_size, .domain = d };
    check_eq(domctl(&dc), 0, "get_address_size");
    check_eq(dc.u.address_size.size, 64, "address size");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_set_address_size, .domain = d };
    dc.u.address_size.size = 64;
    check_eq(domctl(&dc), 0, "set_address_size 64");
    dc.u.address_size.size = 48;
    check_eq(domctl(&dc), -XEN_EINVAL, "set_address_size 48");
    dc.u.address_size.size = 32;
    {
        long rc = domctl(&dc);

        /* Xen with 32-bit PV makes it a compat guest (it is empty);
         * without (and here), -EOPNOTSUPP. */
        if ( hv_is_xen() )
            check(rc == 0 || rc == -XEN_EOPNOTSUPP,
                  "set_address_size 32 of an empty domain: %ld", rc);
        else
            check_eq(rc, -XEN_EOPNOTSUPP, "set_address_size 32");
    }
    destroy(d);
}

static void check_dom0_info(void)
{
    struct xen_domctl_getdomaininfo i;

    if ( !info_of(0, &i) )
        return;
    xtest_info("dom0: flags %#x gpaddr_bits %u emulation %#x",
               i.flags, i.gpaddr_bits, i.arch_config.emulation_flags);
    check_eq(i.arch_config.emulation_flags, XEN_X86_EMU_PIT,
             "dom0's emulation flags (the PIT, as a PV hardware domain)");
    check(i.gpaddr_bits >= 32 && i.gpaddr_bits <= 52,
          "gpaddr_bits %u", i.gpaddr_bits);
    check(!(i.flags & (XEN_DOMINF_xs_domain | XEN_DOMINF_hvm_guest)),
          "dom0 flags %#x", i.flags);
    /* No shutdown code yet: Xen reports its "invalid" code, all ones
     * from the shift up. */
    check_eq(i.flags >> XEN_DOMINF_shutdownshift, 0xffff,
             "dom0's shutdown code bits before any shutdown");
}

/* DOMID_SELF names no domain for the domctl. */
static void check_self(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo,
                             .domain = DOMID_SELF };

    check_eq(domctl(&dc), -XEN_EINVAL, "getdomaininfo(DOMID_SELF)");
    dc.domain = DOMID_IDLE;
    check_eq(domctl(&dc), -XEN_EINVAL, "getdomaininfo(DOMID_IDLE)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_getvcpuinfo,
                              .domain = DOMID_SELF };
    check_eq(domctl(&dc), -XEN_ESRCH, "getvcpuinfo(DOMID_SELF)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_setdomainhandle,
                              .domain = 999 };
    check_eq(domctl(&dc), -XEN_ESRCH, "setdomainhandle(999)");
    /* set_max_evtchn (70) went into createdomain in Xen 4.10. */
    dc = (struct xen_domctl){ .cmd = 70, .domain = 0 };
    check_eq(domctl(&dc), -XEN_ENOSYS, "the removed set_max_evtchn");
}

static uint64_t wallclock(void)
{
    volatile struct shared_info *s = shared_info;
    uint32_t v;
    uint64_t sec;

    do {
        v = s->wc_version;
        __asm__ volatile ( "" ::: "memory" );
        sec = s->wc_sec | ((uint64_t)s->wc_sec_hi << 32);
        __asm__ volatile ( "" ::: "memory" );
    } while ( (v & 1) || v != s->wc_version );
    return sec;
}

static bool set_offset(int64_t secs)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_settimeoffset, .domain = 0 };

    dc.u.settimeoffset.time_offset_seconds = secs;
    return check_eq(domctl(&dc), 0, "settimeoffset");
}

static void check_time_offset(void)
{
    uint64_t base, later, earlier;

    /* The builder set the time of day (no offset yet): after 2020. */
    base = wallclock();
    check(base > 1577836800, "dom0's wallclock at boot: %lu",
          (unsigned long)base);
    if ( !set_offset(0) )
        return;
    base = wallclock();
    set_offset(1000000);
    later = wallclock();
    set_offset(-500);
    earlier = wallclock();
    set_offset(0);
    xtest_info("wallclock %lu, +1000000: %lu, -500: %lu",
               (unsigned long)base, (unsigned long)later,
               (unsigned long)earlier);
    check_eq(later - base, 1000000, "wallclock moved by the offset");
    check_eq(base - earlier, 500, "wallclock moved back by -500");
    check_eq(wallclock(), base, "wallclock back at offset 0");
}

static void check_permissions(void)
{
    struct xen_domctl dc;
    domid_t d;

    fill_create(&dc);
    if ( !check_rc_setup(domctl(&dc), "createdomain") )
        return;
    d = dc.domain;

    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_ioport_permission, .domain = d };
    dc.u.ioport_permission.first_port = 0x300;
    dc.u.ioport_permission.nr_ports = 16;
    dc.u.ioport_permission.allow_access = 1;
    check_eq(domctl(&dc), 0, "ioport_permission 0x300-0x30f");
    dc.u.ioport_permission.allow_access = 0;
    check_eq(domctl(&dc), 0, "ioport_permission revoke");
    dc.u.ioport_permission.allow_access = 1;
    dc.u.ioport_permission.first_port = 0x40;      /* the PIT */
    dc.u.ioport_permission.nr_ports = 4;
    check_eq(domctl(&dc), -XEN_EPERM, "ioport_permission of the PIT");
    dc.u.ioport_permission.first_port = 0xfff0;
    dc.u.ioport_permission.nr_ports = 0x20;
    check_eq(domctl(&dc), -XEN_EINVAL, "ioports beyond 0xffff");
    dc.u.ioport_permission.first_port = 0x300;
    dc.u.ioport_permission.nr_ports = 0;
    check_eq(domctl(&dc), -XEN_EINVAL, "0 ioports");
    dc.u.ioport_permission.first_port = 0x10;
    dc.u.ioport_permission.nr_ports = 0xfffffff8;
    check_eq(domctl(&dc), -XEN_EINVAL, "an ioport range that wraps");

    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_iomem_permission, .domain = d };
    dc.u.iomem_permission.first_mfn = 0xa0;        /* legacy VGA */
    dc.u.iomem_permission.nr_mfns = 0x20;
    dc.u.iomem_permission.allow_access = 1;
    check_eq(domctl(&dc), 0, "iomem_permission 0xa0-0xbf");
    dc.u.iomem_permission.allow_access = 0;
    check_eq(domctl(&dc), 0, "iomem_permission revoke");
    dc.u.iomem_permission.allow_access = 1;
    dc.u.iomem_permission.first_mfn = 0xfee00;     /* the local APIC */
    dc.u.iomem_permission.nr_mfns = 1;
    check_eq(domctl(&dc), -XEN_EPERM, "iomem_permission of the local APIC");
    dc.u.iomem_permission.first_mfn = 1ULL << 40;  /* beyond paddr bits */
    check_eq(domctl(&dc), -XEN_EPERM, "iomem_permission beyond memory");
    dc.u.iomem_permission.first_mfn = ~0ULL - 1;
    dc.u.iomem_permission.nr_mfns = 4;
    check_eq(domctl(&dc), -XEN_EINVAL, "an iomem range that wraps");

    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_irq_permission, .domain = d };
    dc.u.irq_permission.pirq = 0x7fffffff;
    dc.u.irq_permission.allow_access = 1;
    check_eq(domctl(&dc), -XEN_EINVAL, "irq_permission of a huge pirq");
    dc.u.irq_permission.pirq = 200;
    check_eq(domctl(&dc), -XEN_EPERM, "irq_permission of an unmapped pirq");

    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_ioport_permission,
                              .domain = 999 };
    check_eq(domctl(&dc), -XEN_ESRCH, "ioport_permission for no domain");
    destroy(d);
}

void test_main(void)
{
    check_create_refusals();
    check_handle_and_info();
    check_dom0_info();
    check_self();
    check_time_offset();
    check_permissions();
}

/*
 * mca.c - HYPERVISOR_mca as Linux's dom0 machine-check logger uses it
 * (drivers/xen/mcelog.c): XEN_MC_physcpuinfo first for the count of
 * physical CPUs, then for their descriptions; VIRQ_MCA bound; XEN_MC_fetch
 * when it fires (with no machine check seen: XEN_MC_NODATA).  And the
 * errors: a wrong interface version -EACCES, an unknown command -EINVAL,
 * a room of 0 CPUs -EINVAL (of 2^31 or more -ENOMEM), a fetch naming neither urgency or without a
 * buffer -EINVAL, a bad address -EFAULT.  Ours and Xen 4.17 (QEMU's
 * two CPUs, APIC ids 0 and 1).
 *
 * A room smaller than the CPU count corrupts Xen 4.17's heap (every CPU
 * writes its entry into a buffer sized by the room) and crashes it; that
 * case is checked on ours only: exactly the room is filled.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/arch-x86/xen-mca.h>
#include <pv/hvinfo.h>

const char test_title[] = "mca: XEN_MC_physcpuinfo and fetch for dom0's mcelog";

static long mca(struct xen_mc *op)
{
    return hypercall1(__HYPERVISOR_mca, op);
}

static struct xen_mc op_of(uint32_t cmd)
{
    return (struct xen_mc){ .cmd = cmd,
                            .interface_version = XEN_MCA_INTERFACE_VERSION };
}

static xen_mc_logical_cpu_t cpus[8];

static void test_physcpuinfo(void)
{
    struct xen_mc op = op_of(XEN_MC_physcpuinfo);

    check_eq(mca(&op), 0, "physcpuinfo, count only");
    check_eq(op.u.mc_physcpuinfo.ncpus, 2, "two physical CPUs");

    op.u.mc_physcpuinfo.ncpus = 8;
    op.u.mc_physcpuinfo.info.p = cpus;
    check_eq(mca(&op), 0, "physcpuinfo with room for 8");
    check_eq(op.u.mc_physcpuinfo.ncpus, 2, "... fills 2");
    for ( unsigned int i = 0; i < 2; i++ )
    {
        xtest_info("CPU %u: apic %u family %u model %u vendor %.12s nmsr %d",
                   cpus[i].mc_cpunr, cpus[i].mc_apicid, cpus[i].mc_family,
                   cpus[i].mc_model, cpus[i].mc_vendorid, cpus[i].mc_nmsrvals);
        check_eq(cpus[i].mc_cpunr, i, "the CPU number");
        check_eq(cpus[i].mc_apicid, i, "the APIC id");
        check(cpus[i].mc_vendorid[0] != 0, "CPU %u has a vendor string", i);
        check(cpus[i].mc_family != 0, "CPU %u has a family", i);
    }

    if ( !hv_is_xen() )
    {
        memset(cpus, 0xa5, sizeof(cpus));
        op.u.mc_physcpuinfo.ncpus = 1;
        check_eq(mca(&op), 0, "physcpuinfo with room for 1");
        check_eq(op.u.mc_physcpuinfo.ncpus, 1, "... fills 1");
        check_eq(cpus[1].mc_cpunr, 0xa5a5a5a5u, "... and leaves the next alone");
    }

    op.u.mc_physcpuinfo.ncpus = 0;
    check_eq(mca(&op), -XEN_EINVAL, "physcpuinfo with room for 0");
    op.u.mc_physcpuinfo.ncpus = 0x80000000u;
    check_eq(mca(&op), -XEN_ENOMEM, "physcpuinfo with a 'negative' room");
    op.u.mc_physcpuinfo.ncpus = 2;
    op.u.mc_physcpuinfo.info.p = (void *)8;
    check_eq(mca(&op), -XEN_EFAULT, "physcpuinfo into a bad buffer");
}

static void test_fetch(void)
{
    static struct mc_info mi;
    struct xen_mc op = op_of(XEN_MC_fetch);

    op.u.mc_fetch.flags = XEN_MC_NONURGENT;
    op.u.mc_fetch.data.p = &mi;
    check_eq(mca(&op), 0, "fetch non-urgent");
    check_eq(op.u.mc_fetch.flags, XEN_MC_NODATA, "... nothing to fetch");
    op.u.mc_fetch.flags = XEN_MC_URGENT;
    check_eq(mca(&op), 0, "fetch urgent");
    check_eq(op.u.mc_fetch.flags, XEN_MC_NODATA, "... nothing to fetch");
    op.u.mc_fetch.flags = 0;
    check_eq(mca(&op), -XEN_EINVAL, "fetch of neither urgency");
    op.u.mc_fetch.flags = XEN_MC_URGENT | XEN_MC_NONURGENT;
    check_eq(mca(&op), -XEN_EINVAL, "fetch of both urgencies");
    op.u.mc_fetch.flags = XEN_MC_URGENT;
    op.u.mc_fetch.data.p = NULL;
    check_eq(mca(&op), -XEN_EINVAL, "fetch without a buffer");
}

void test_main(void)
{
    struct xen_mc op = op_of(XEN_MC_physcpuinfo);
    struct evtchn_bind_virq bv = { .virq = VIRQ_MCA, .vcpu = 0 };

    op.interface_version = XEN_MCA_INTERFACE_VERSION + 1;
    check_eq(mca(&op), -XEN_EACCES, "a wrong interface version");
    op = op_of(99);
    check_eq(mca(&op), -XEN_EINVAL, "an unknown command");
    check_eq(hypercall1(__HYPERVISOR_mca, (void *)8), -XEN_EFAULT,
             "the argument at a bad address");
    test_physcpuinfo();
    test_fetch();
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bv), 0,
             "bind VIRQ_MCA, as Linux's mcelog does");
}

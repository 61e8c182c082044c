/*
 * cpupool.c - XEN_SYSCTL_cpupool_op as Xen 4.17 answers it on a host
 * with only its boot-time pool: INFO finds pool 0 (the online CPUs,
 * dom0 in it, the scheduler sched_id names) from id 0 and nothing from
 * any higher id; FREEINFO is empty; pool 0 cannot be made again (-EEXIST) nor destroyed
 * (-EBUSY); no CPU is free to add (-ENODEV); CPU 0 never leaves pool 0
 * (-EINVAL); dom0 may not move itself (-EPERM); unknown pools -ENOENT,
 * unknown domains -ESRCH, unknown sub-ops -ENOSYS, bad buffers -EFAULT.
 * (What differs between the two, a second pool, is not asked.)
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "cpupool: pool 0, its info, hostile sub-ops";

static uint8_t map[64];

static long pool_op(uint32_t op, uint32_t pool, uint32_t cpu, uint32_t dom,
                    struct xen_sysctl_cpupool_op *out)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_cpupool_op };
    long rc;

    sc.u.cpupool_op.op = op;
    sc.u.cpupool_op.cpupool_id = pool;
    sc.u.cpupool_op.cpu = cpu;
    sc.u.cpupool_op.domid = dom;
    sc.u.cpupool_op.sched_id = 0x5a5a;
    set_xen_guest_handle(sc.u.cpupool_op.cpumap.bitmap, map);
    sc.u.cpupool_op.cpumap.nr_bits = sizeof(map) * 8;
    if ( out && out->cpumap.nr_bits != ~0U )
        sc.u.cpupool_op.cpumap = out->cpumap;
    rc = HYPERVISOR_sysctl(&sc);
    if ( out )
        *out = sc.u.cpupool_op;
    return rc;
}

static uint32_t running_scheduler(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_sched_id };

    check_eq(HYPERVISOR_sysctl(&sc), 0, "sched_id");
    return sc.u.sched_id.sched_id;
}

static bool rest_zero(unsigned int from)
{
    for ( unsigned int i = from; i < sizeof(map); i++ )
        if ( map[i] )
            return false;
    return true;
}

static void check_info(void)
{
    struct xen_sysctl_cpupool_op o = { .cpumap.nr_bits = ~0U };

    memset(map, 0xaa, sizeof(map));
    if ( !check_rc_setup(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, 0, &o),
                         "INFO of pool 0") )
        return;
    xtest_info("pool %u sched %u n_dom %u map %02x", o.cpupool_id,
               o.sched_id, o.n_dom, map[0]);
    check_eq(o.cpupool_id, 0, "pool id");
    /* The pool's scheduler is the one sched_id names (credit2 on Xen
     * 4.17, credit here). */
    check_eq(o.sched_id, running_scheduler(), "pool 0's scheduler");
    check_eq(o.n_dom, 1, "domains in pool 0 (dom0 alone)");
    check_eq(map[0], 0x03, "pool 0's CPUs (-smp 2)");
    check(rest_zero(1), "bytes past the CPUs not zeroed");

    o.cpumap.nr_bits = ~0U;
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 1, 0, 0, &o), -XEN_ENOENT,
             "INFO from id 1 (no pool there)");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, ~0U, 0, 0, NULL),
             -XEN_ENOENT, "INFO from id 0xffffffff");

    /* A 3-bit map gets one byte: the low bits, whatever they say. */
    memset(map, 0xaa, sizeof(map));
    o.cpumap.nr_bits = 3;
    set_xen_guest_handle(o.cpumap.bitmap, map);
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, 0, &o), 0,
             "INFO into 3 bits");
    check_eq(map[0], 0x03, "3-bit map");
    check_eq(map[1], 0xaa, "byte past a 3-bit map written");
    /* No room at all: nothing written, still success. */
    o.cpumap.nr_bits = 0;
    set_xen_guest_handle(o.cpumap.bitmap, (uint8_t *)0x10);
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, 0, &o), 0,
             "INFO into 0 bits at 0x10");
    o.cpumap.nr_bits = 64;
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, 0, &o), -XEN_EFAULT,
             "INFO into 0x10");
    set_xen_guest_handle(o.cpumap.bitmap, (uint8_t *)0xffff800000000000UL);
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, 0, &o), -XEN_EFAULT,
             "INFO into the hypervisor's half");
}

static void check_freeinfo(void)
{
    memset(map, 0xaa, sizeof(map));
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_FREEINFO, 0, 0, 0, NULL), 0,
             "FREEINFO");
    check(rest_zero(0), "free CPUs %02x: all are in pool 0", map[0]);
}

static void check_refusals(void)
{
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_CREATE, 0, 0, 0, NULL),
             -XEN_EEXIST, "CREATE pool 0 again");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_DESTROY, 0, 0, 0, NULL),
             -XEN_EBUSY, "DESTROY pool 0");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_DESTROY, 5, 0, 0, NULL),
             -XEN_ENOENT, "DESTROY pool 5");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, 1, 0, NULL),
             -XEN_ENODEV, "ADDCPU 1 (in pool 0 already)");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, ~0U, 0, NULL),
             -XEN_ENODEV, "ADDCPU any (none free)");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, 5000, 0, NULL),
             -XEN_EINVAL, "ADDCPU 5000");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 7, 1, 0, NULL),
             -XEN_ENOENT, "ADDCPU to pool 7");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_RMCPU, 0, 0, 0, NULL),
             -XEN_EINVAL, "RMCPU 0 from pool 0");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_RMCPU, 0, 9999, 0, NULL),
             -XEN_EINVAL, "RMCPU 9999");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_RMCPU, 3, 1, 0, NULL),
             -XEN_ENOENT, "RMCPU from pool 3");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, 0, 0, NULL),
             -XEN_EPERM, "MOVEDOMAIN of the caller");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, 0, 0x10000, NULL),
             -XEN_EPERM, "MOVEDOMAIN 0x10000 (truncated to dom0)");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, 0, 999, NULL),
             -XEN_ESRCH, "MOVEDOMAIN of domain 999");
    check_eq(pool_op(XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, 0, DOMID_SELF,
                     NULL), -XEN_ESRCH, "MOVEDOMAIN of DOMID_SELF");
    check_eq(pool_op(0, 0, 0, 0, NULL), -XEN_ENOSYS, "sub-op 0");
    check_eq(pool_op(99, 0, 0, 0, NULL), -XEN_ENOSYS, "sub-op 99");
}

void test_main(void)
{
    check_info();
    check_freeinfo();
    check_refusals();
}

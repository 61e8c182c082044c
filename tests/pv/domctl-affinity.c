/*
 * domctl-affinity.c - vCPU and node affinity through the domctl, as
 * Xen 4.17 answers them.
 *
 * getvcpuaffinity of dom0's vCPUs (every CPU by default; the bitmap's
 * bytes past the hypervisor's CPUs come back zeroed); the refusals
 * (vCPU out of range, no flags, a null map, a bad pointer, a hard map
 * without an online CPU, a domain that does not exist); nr_bits limits
 * (bits past nr_bits ignored, a huge nr_bits only reads what exists,
 * one that wraps when rounded up to bytes reads nothing);
 * the effective maps setvcpuaffinity hands back.  Then the scheduler:
 * with vCPU 1 spinning, its hard affinity set to CPU 1, then to CPU 0,
 * and vCPU 0's own to CPU 1: once moved, a vCPU is never seen on a CPU
 * outside its hard affinity.  Finally node affinity: node 0 by default,
 * maps without node 0 refused, a full map back to automatic, every node
 * for a domain without vCPUs.
 *
 * pvtest-smp: 2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "domctl-affinity: vCPU hard/soft and node affinity";

static uint8_t stack1[8192] __aligned(16);
static volatile bool stop_spin;
static unsigned int nr_cpus;            /* physinfo's max_cpu_id + 1 */

static long domctl(struct xen_domctl *op)
{
    return HYPERVISOR_domctl(op);
}

static long affinity(uint32_t cmd, domid_t d, uint32_t vcpu, uint32_t flags,
                     uint8_t *hard, uint32_t hard_bits, uint8_t *soft,
                     uint32_t soft_bits)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };

    dc.u.vcpuaffinity.vcpu = vcpu;
    dc.u.vcpuaffinity.flags = flags;
    set_xen_guest_handle(dc.u.vcpuaffinity.cpumap_hard.bitmap, hard);
    dc.u.vcpuaffinity.cpumap_hard.nr_bits = hard_bits;
    set_xen_guest_handle(dc.u.vcpuaffinity.cpumap_soft.bitmap, soft);
    dc.u.vcpuaffinity.cpumap_soft.nr_bits = soft_bits;
    return domctl(&dc);
}

/* Hard affinity of one of dom0's vCPUs to the CPUs in mask (8 bits). */
static long set_hard(uint32_t vcpu, uint8_t mask)
{
    uint8_t map[8] = { mask };

    return affinity(XEN_DOMCTL_setvcpuaffinity, 0, vcpu,
                    XEN_VCPUAFFINITY_HARD, map, 64, NULL, 0);
}

static int cpu_of(uint32_t vcpu)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = 0 };

    dc.u.getvcpuinfo.vcpu = vcpu;
    if ( domctl(&dc) )
        return -1;
    return dc.u.getvcpuinfo.cpu;
}

static void yield(void)
{
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

static void spinner(unsigned int id __attribute__((unused)))
{
    while ( !stop_spin )
        yield();
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

static void check_get_default(void)
{
    uint8_t hard[16], soft[16], all = (1U << nr_cpus) - 1;

    memset(hard, 0xee, sizeof(hard));
    memset(soft, 0xee, sizeof(soft));
    if ( !check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 0,
                            XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
                            hard, 128, soft, 128), 0, "getvcpuaffinity") )
        return;
    xtest_info("dom0 vCPU 0: hard %02x %02x soft %02x %02x", hard[0],
               hard[1], soft[0], soft[1]);
    check_eq(hard[0], all, "default hard affinity: every CPU");
    check_eq(soft[0], all, "default soft affinity: every CPU");
    for ( unsigned int i = 1; i < sizeof(hard); i++ )
        check(!hard[i] && !soft[i], "byte %u past the CPUs not zeroed", i);
    /* Bytes beyond nr_bits are not touched. */
    memset(hard, 0xee, sizeof(hard));
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 0, XEN_VCPUAFFINITY_HARD,
                      hard, 8, NULL, 0), 0, "getvcpuaffinity, 8 bits");
    check_eq(hard[1], 0xee, "byte past nr_bits written");
}

static void check_refusals(void)
{
    uint8_t map[8] = { 1 };

    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 2, XEN_VCPUAFFINITY_HARD,
                      map, 64, NULL, 0), -XEN_EINVAL, "vCPU 2 of 2");
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, ~0U, XEN_VCPUAFFINITY_HARD,
                      map, 64, NULL, 0), -XEN_EINVAL, "vCPU ~0");
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, 0, map, 64, map, 64),
             -XEN_EINVAL, "no flags");
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, XEN_VCPUAFFINITY_HARD,
                      NULL, 64, NULL, 0), -XEN_EINVAL, "a null hard map");
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 0, XEN_VCPUAFFINITY_SOFT,
                      map, 64, NULL, 64), -XEN_EINVAL, "a null soft map");
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, XEN_VCPUAFFINITY_HARD,
                      (uint8_t *)0x10, 64, NULL, 0), -XEN_EFAULT,
             "set from a bad pointer");
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 0, XEN_VCPUAFFINITY_HARD,
                      (uint8_t *)0x10, 64, NULL, 0), -XEN_EFAULT,
             "get into a bad pointer");
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 999, 0,
                      XEN_VCPUAFFINITY_HARD, map, 64, NULL, 0), -XEN_ESRCH,
             "a domain that does not exist");
    check_eq(set_hard(1, 0), -XEN_EINVAL, "an empty hard map");
    check_eq(set_hard(1, 1U << 7), -XEN_EINVAL, "a hard map without online CPUs");
    /* Bits past nr_bits do not count: 0xfe in one bit is empty. */
    map[0] = 0xfe;
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 1, XEN_VCPUAFFINITY_HARD,
                      map, 1, NULL, 0), -XEN_EINVAL, "0xfe, 1 bit: empty");
}

static void check_effective(void)
{
    uint8_t hard[8] = { 0xff, 0xff }, soft[8] = { 0x02 };
    uint8_t all = (1U << nr_cpus) - 1;

    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 1,
                      XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
                      hard, 64, soft, 64), 0, "set hard all, soft CPU 1");
    check_eq(hard[0], all, "effective hard: the online CPUs");
    check_eq(hard[1], 0, "effective hard byte 1");
    check_eq(soft[0], 0x02, "effective soft: CPU 1");
    /* Soft outside hard: set as asked, effective empty. */
    hard[0] = 0x01;
    soft[0] = 0x02;
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 1,
                      XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
                      hard, 64, soft, 64), 0, "set hard CPU 0, soft CPU 1");
    check_eq(hard[0], 0x01, "effective hard CPU 0");
    check_eq(soft[0], 0x00, "effective soft: none");
    memset(soft, 0xee, sizeof(soft));
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, 0, 1, XEN_VCPUAFFINITY_SOFT,
                      NULL, 0, soft, 64), 0, "get soft");
    check_eq(soft[0], 0x02, "soft affinity as set");
    soft[0] = all;
    hard[0] = all;
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, 0, 1,
                      XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
                      hard, 64, soft, 64), 0, "back to every CPU");
}

/* Wait (yielding) until vcpu is seen on cpu, up to a second. */
static bool moved_to(uint32_t vcpu, int cpu)
{
    uint64_t end = pv_system_time(0) + NS_PER_S;

    while ( pv_system_time(0) < end )
    {
        if ( cpu_of(vcpu) == cpu )
            return true;
        yield();
    }
    return false;
}

/* Once there, vcpu is never seen elsewhere. */
static void stays_on(uint32_t vcpu, int cpu, const char *what)
{
    unsigned int off = 0;

    for ( unsigned int i = 0; i < 2000; i++ )
    {
        off += cpu_of(vcpu) != cpu;
        if ( i % 16 == 0 )
            yield();
    }
    check_eq(off, 0, what);
}

static void check_enforced(void)
{
    if ( nr_cpus < 2 )
    {
        xtest_skip("one CPU: nothing to move between");
        return;
    }
    if ( !check_rc_setup(pv_vcpu_start(1, spinner, stack1, sizeof(stack1)),
                         "start vCPU 1") )
        return;
    check_eq(set_hard(1, 0x02), 0, "vCPU 1 to CPU 1");
    check(moved_to(1, 1), "vCPU 1 not on CPU 1 after a second");
    stays_on(1, 1, "samples of vCPU 1 off CPU 1");
    check_eq(set_hard(1, 0x01), 0, "vCPU 1 to CPU 0");
    check(moved_to(1, 0), "vCPU 1 not on CPU 0 after a second");
    stays_on(1, 0, "samples of vCPU 1 off CPU 0");
    /* The caller's own vCPU: it leaves at its next scheduling point. */
    check_eq(set_hard(0, 0x02), 0, "vCPU 0 (self) to CPU 1");
    check(moved_to(0, 1), "vCPU 0 not on CPU 1 after a second");
    stays_on(0, 1, "samples of vCPU 0 off CPU 1");
    check_eq(set_hard(0, 0x01), 0, "vCPU 0 (self) to CPU 0");
    check(moved_to(0, 0), "vCPU 0 not on CPU 0 after a second");
    stays_on(0, 0, "samples of vCPU 0 off CPU 0");
    set_hard(0, 0xff);
    set_hard(1, 0xff);
    stop_spin = true;
}

static long nodes(uint32_t cmd, domid_t d, uint8_t *map, uint32_t bits)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };

    set_xen_guest_handle(dc.u.nodeaffinity.nodemap.bitmap, map);
    dc.u.nodeaffinity.nodemap.nr_bits = bits;
    return domctl(&dc);
}

static void check_nodes(void)
{
    uint8_t map[16];
    struct xen_domctl dc;

    memset(map, 0xee, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, 0, map, 128), 0,
             "getnodeaffinity");
    check_eq(map[0], 0x01, "dom0's nodes: node 0");
    check(!map[1] && !map[8] && !map[15], "bytes past node 0 not zero");
    memset(map, 0, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 64), -XEN_EINVAL,
             "no node");
    map[0] = 0x02;
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 64), -XEN_EINVAL,
             "node 1 only");
    map[0] = 0x21;
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 64), 0, "nodes 0, 5");
    memset(map, 0, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, 0, map, 64), 0, "get");
    check_eq(map[0], 0x21, "nodes as set");
    memset(map, 0xff, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 128), 0, "every node");
    memset(map, 0, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, 0, map, 64), 0, "get");
    check_eq(map[0], 0x01, "automatic again: node 0");
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, 0, (uint8_t *)0x10, 64),
             -XEN_EFAULT, "getnodeaffinity into a bad pointer");
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, 0, NULL, 0), 0,
             "getnodeaffinity of 0 bits");
    /* A huge nr_bits on the way in: only the hypervisor's bits are read
     * (set copies nothing back; a get or setvcpuaffinity would zero the
     * whole 512 MiB the guest claims to have). */
    map[0] = 0x01;
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 0xfffffff0), 0,
             "setnodeaffinity, 2^32-16 bits");
    /* Xen rounds nr_bits up to bytes in 32 bits: 2^32-1 bits wrap to no
     * byte at all, so no node. */
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 0xffffffff),
             -XEN_EINVAL, "setnodeaffinity, 2^32-1 bits (wraps to 0 bytes)");
    memset(map, 0xff, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_setnodeaffinity, 0, map, 64), 0, "every node");

    /* A domain without vCPUs: every node. */
    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_createdomain;
    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_grant_frames = 1;
    dc.u.createdomain.max_maptrack_frames = 1;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(domctl(&dc), "createdomain") )
        return;
    memset(map, 0xee, sizeof(map));
    check_eq(nodes(XEN_DOMCTL_getnodeaffinity, dc.domain, map, 128), 0,
             "getnodeaffinity of a new domain");
    check(map[0] == 0xff && map[7] == 0xff && !map[8],
          "a new domain's nodes: %02x .. %02x %02x", map[0], map[7], map[8]);
    dc.cmd = XEN_DOMCTL_destroydomain;
    check_rc_setup(domctl(&dc), "destroydomain");
}

void test_main(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
        return;
    nr_cpus = sc.u.physinfo.max_cpu_id + 1;
    xtest_info("CPU ids: %u", nr_cpus);
    check_get_default();
    check_refusals();
    check_effective();
    check_nodes();
    check_enforced();
}

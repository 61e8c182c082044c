/*
 * sysctl-info.c - the machine as a dom0 toolstack reads it, as Xen 4.17
 * answers: physinfo (CPU ids that exist, nodes, memory, features,
 * capabilities), cputopoinfo (with no buffer, a short one and a long
 * one), getcpuinfo (idle time that grows), numainfo (one node, its
 * memory and distance), and readconsole: text this kernel printed
 * through console_io is found in the hypervisor's ring, incremental reads
 * go on from the index returned, count limits a read, clear drops what
 * was read.  Bad buffers are -EFAULT.
 *
 * pvtest-smp: 2
 * pvtest-hv: console_to_ring
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "sysctl-info: physinfo, topology, idle time, "
                          "NUMA, console ring";

static char ring[32768];

static long sysctl(struct xen_sysctl *op)
{
    return HYPERVISOR_sysctl(op);
}

static struct xen_sysctl_physinfo pi;

/* Whole pages of RAM in the host's E820 map, as Xen counts its "System
 * RAM" (what physinfo's total_pages and xl info's total_memory are). */
static unsigned long e820_ram_pages(void)
{
    static struct __attribute__((packed)) {
        uint64_t addr, size;
        uint32_t type;
    } e[64];
    struct xen_memory_map map = { .nr_entries = 64 };
    unsigned long pages = 0;

    set_xen_guest_handle(map.buffer, e);
    if ( !check_rc_setup(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &map),
                         "machine_memory_map") )
        return 0;
    for ( unsigned int i = 0; i < map.nr_entries && i < 64; i++ )
        if ( e[i].type == 1 )
            pages += ((e[i].addr + e[i].size) >> 12) -
                     ((e[i].addr + 4095) >> 12);
    return pages;
}

static void check_physinfo(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    unsigned long ram;

    if ( !check_rc_setup(sysctl(&sc), "physinfo") )
        return;
    pi = sc.u.physinfo;
    xtest_info("threads/core %u cores/socket %u cpus %u max_cpu_id %u "
               "nodes %u max_node_id %u", pi.threads_per_core,
               pi.cores_per_socket, pi.nr_cpus, pi.max_cpu_id, pi.nr_nodes,
               pi.max_node_id);
    xtest_info("caps %#x arch_caps %#x total %lu free %lu max_mfn %#lx "
               "hw_cap %08x %08x %08x", pi.capabilities, pi.arch_capabilities,
               (unsigned long)pi.total_pages, (unsigned long)pi.free_pages,
               (unsigned long)pi.max_mfn, pi.hw_cap[0], pi.hw_cap[1],
               pi.hw_cap[2]);
    check_eq(pi.nr_cpus, 2, "nr_cpus (-smp 2)");
    check_eq(pi.max_cpu_id, 1, "max_cpu_id: the highest CPU there is");
    check_eq(pi.nr_nodes, 1, "nr_nodes");
    check_eq(pi.max_node_id, 63, "max_node_id (the largest node id)");
    check(pi.threads_per_core >= 1 && pi.cores_per_socket >= 1,
          "threads_per_core %u, cores_per_socket %u", pi.threads_per_core,
          pi.cores_per_socket);
    check_eq(pi.outstanding_pages, 0, "outstanding_pages");
    /* All of the machine's RAM, not what is left after the hypervisor
     * took its own (Xen leaves out a page or two of the map's, e.g. page
     * 0, hence the slack). */
    ram = e820_ram_pages();
    check(pi.total_pages <= ram && pi.total_pages + 16 >= ram,
          "total_pages %lu, but the E820 map has %lu pages of RAM",
          (unsigned long)pi.total_pages, ram);
    check(pi.free_pages < pi.total_pages, "free %lu >= total %lu",
          (unsigned long)pi.free_pages, (unsigned long)pi.total_pages);
    check(pi.max_mfn + 1 >= pi.total_pages, "max_mfn %#lx below total_pages",
          (unsigned long)pi.max_mfn);
    check(pi.hw_cap[0] & 1, "hw_cap[0] (CPUID 1 EDX) without FPU");
    check(pi.hw_cap[2] & (1U << 29), "hw_cap[2] (0x80000001 EDX) without LM");
    /* Xen's featureset lists a feature once: the bits 0x80000001 EDX
     * repeats from leaf 1 EDX are not in word 2. */
    check(!(pi.hw_cap[2] & 0x0183f3ff), "hw_cap[2] %#x repeats word 0",
          pi.hw_cap[2]);
    check(pi.capabilities & XEN_SYSCTL_PHYSCAP_pv, "no PV capability");
    check(pi.capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1, "no grant v1");
    check_eq(pi.arch_capabilities, 0, "arch_capabilities");
}

static long topo(uint32_t *num, struct xen_sysctl_cputopo *buf)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_cputopoinfo };
    long rc;

    sc.u.cputopoinfo.num_cpus = *num;
    set_xen_guest_handle(sc.u.cputopoinfo.cputopo, buf);
    rc = sysctl(&sc);
    *num = sc.u.cputopoinfo.num_cpus;
    return rc;
}

static void check_cputopo(void)
{
    struct xen_sysctl_cputopo t[4];
    uint32_t n = 0;

    check_eq(topo(&n, NULL), 0, "cputopoinfo without a buffer");
    check_eq(n, 2, "CPU ids");
    memset(t, 0xee, sizeof(t));
    n = 1;
    check_eq(topo(&n, t), 0, "cputopoinfo, room for 1");
    check_eq(n, 1, "entries written into 1");
    check(t[1].core == 0xeeeeeeee, "entry 1 written past the buffer");
    n = 4;
    check_eq(topo(&n, t), 0, "cputopoinfo, room for 4");
    check_eq(n, 2, "entries written into 4");
    check(t[2].core == 0xeeeeeeee, "entry 2 written past the CPUs");
    for ( unsigned int i = 0; i < 2; i++ )
    {
        xtest_info("CPU %u: core %u socket %u node %u", i, t[i].core,
                   t[i].socket, t[i].node);
        check_eq(t[i].node, 0, "node of a CPU");
    }
    /* As physinfo says: CPU 0's socket holds threads x cores CPUs
     * (QEMU's default for -smp 2: one socket of two cores). */
    check_eq((t[0].socket == t[1].socket) + 1U,
             pi.threads_per_core * pi.cores_per_socket,
             "CPUs in CPU 0's socket");
    check(t[0].socket != t[1].socket || t[0].core != t[1].core,
          "CPUs 0 and 1 at the same place");
    n = 2;
    check_eq(topo(&n, (void *)0x10), -XEN_EFAULT, "cputopoinfo to 0x10");
}

static long cpuinfo(uint32_t max, struct xen_sysctl_cpuinfo *buf,
                    uint32_t *nr)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_getcpuinfo };
    long rc;

    sc.u.getcpuinfo.max_cpus = max;
    set_xen_guest_handle(sc.u.getcpuinfo.info, buf);
    sc.u.getcpuinfo.nr_cpus = 0xdead;
    rc = sysctl(&sc);
    *nr = sc.u.getcpuinfo.nr_cpus;
    return rc;
}

static void check_cpuinfo(void)
{
    struct xen_sysctl_cpuinfo a[4], b[4];
    uint32_t nr;

    memset(a, 0, sizeof(a));
    if ( !check_eq(cpuinfo(4, a, &nr), 0, "getcpuinfo") )
        return;
    check_eq(nr, 2, "getcpuinfo nr_cpus");
    pv_sleep_until(pv_system_time(0) + 50 * NS_PER_MS);
    check_eq(cpuinfo(2, b, &nr), 0, "getcpuinfo again");
    xtest_info("idle ns: CPU0 %lu -> %lu, CPU1 %lu -> %lu",
               (unsigned long)a[0].idletime, (unsigned long)b[0].idletime,
               (unsigned long)a[1].idletime, (unsigned long)b[1].idletime);
    check(b[0].idletime >= a[0].idletime && b[1].idletime >= a[1].idletime,
          "idle time went backwards");
    check(b[0].idletime + b[1].idletime > a[0].idletime + a[1].idletime,
          "no CPU idled while dom0 slept");
    check_eq(cpuinfo(0, NULL, &nr), 0, "getcpuinfo of 0 CPUs");
    check_eq(nr, 0, "nr_cpus for 0");
    check_eq(cpuinfo(2, (void *)0x10, &nr), -XEN_EFAULT, "getcpuinfo to 0x10");
}

static void check_numa(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_numainfo };
    struct xen_sysctl_meminfo m[2];
    uint32_t dist[4] = { 0xee, 0xee, 0xee, 0xee };

    check_eq(sysctl(&sc), 0, "numainfo without buffers");
    check_eq(sc.u.numainfo.num_nodes, 1, "nodes");
    sc.u.numainfo.num_nodes = 2;
    set_xen_guest_handle(sc.u.numainfo.meminfo, m);
    set_xen_guest_handle(sc.u.numainfo.distance, dist);
    if ( !check_eq(sysctl(&sc), 0, "numainfo") )
        return;
    xtest_info("node 0: %lu bytes, %lu free, distance %u",
               (unsigned long)m[0].memsize, (unsigned long)m[0].memfree,
               dist[0]);
    check_eq(sc.u.numainfo.num_nodes, 1, "nodes written");
    check(m[0].memsize >= pi.total_pages * 4096, "memsize below total_pages");
    check(m[0].memfree > 0 && m[0].memfree < m[0].memsize, "memfree %lu",
          (unsigned long)m[0].memfree);
    check_eq(dist[0], 10, "distance of node 0 to itself");
    check_eq(dist[1], 0xee, "distance written past 1 node");
    sc.u.numainfo.num_nodes = 0;
    check_eq(sysctl(&sc), 0, "numainfo with room for none");
    check_eq(sc.u.numainfo.num_nodes, 0, "nodes written into none");
    sc.u.numainfo.num_nodes = 1;
    set_xen_guest_handle(sc.u.numainfo.meminfo, (void *)0x10);
    check_eq(sysctl(&sc), -XEN_EFAULT, "numainfo to 0x10");
}

static long readconsole(bool clear, bool incremental, uint32_t *index,
                        char *buf, uint32_t *count)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_readconsole };
    long rc;

    sc.u.readconsole.clear = clear;
    sc.u.readconsole.incremental = incremental;
    sc.u.readconsole.index = *index;
    sc.u.readconsole.count = *count;
    set_xen_guest_handle(sc.u.readconsole.buffer, buf);
    rc = sysctl(&sc);
    *index = sc.u.readconsole.index;
    *count = sc.u.readconsole.count;
    return rc;
}

static bool has(const char *buf, uint32_t len, const char *s)
{
    size_t n = strlen(s);

    for ( uint32_t i = 0; i + n <= len; i++ )
        if ( !memcmp(buf + i, s, n) )
            return true;
    return false;
}

static void say(const char *s)
{
    HYPERVISOR_console_io(CONSOLEIO_write, strlen(s), (char *)s);
}

static void check_console(void)
{
    uint32_t index = 0, count = sizeof(ring), mark;

    say("sysctl-info marker ONE\n");
    if ( !check_eq(readconsole(false, false, &index, ring, &count), 0,
                   "readconsole") )
        return;
    xtest_info("read %u bytes, index %u", count, index);
    check(has(ring, count, "marker ONE"), "own text not in the ring");
    mark = index;
    say("sysctl-info marker TWO\n");
    count = sizeof(ring);
    check_eq(readconsole(false, true, &index, ring, &count), 0,
             "incremental readconsole");
    check(has(ring, count, "marker TWO"), "new text not in the increment");
    check(!has(ring, count, "marker ONE"), "old text in the increment");
    check_eq(index - mark, count, "index moved by the bytes read");
    /* count limits what is read. */
    index = 0;
    count = 8;
    check_eq(readconsole(false, false, &index, ring, &count), 0,
             "readconsole of 8 bytes");
    check_eq(count, 8, "bytes given for 8");
    count = 0;
    check_eq(readconsole(false, false, &index, ring, &count), 0,
             "readconsole of 0 bytes");
    check_eq(count, 0, "bytes given for 0");
    /* clear: what was read is gone for the next plain read. */
    count = sizeof(ring);
    check_eq(readconsole(true, false, &index, ring, &count), 0,
             "readconsole with clear");
    say("sysctl-info marker THREE\n");
    count = sizeof(ring);
    index = 0;
    check_eq(readconsole(false, false, &index, ring, &count), 0,
             "readconsole after clear");
    check(has(ring, count, "marker THREE"), "text after clear missing");
    check(!has(ring, count, "marker TWO"), "cleared text still read");
    count = 64;
    check_eq(readconsole(false, false, &index, (char *)0x10, &count),
             -XEN_EFAULT, "readconsole to 0x10");
}

void test_main(void)
{
    check_physinfo();
    check_cputopo();
    check_cpuinfo();
    check_numa();
    check_console();
}

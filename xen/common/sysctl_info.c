/*
 * The machine as the toolstack sees it: physinfo, per-CPU idle time,
 * CPU topology, NUMA layout, and the hypervisor's console log.  Each
 * answer is what is true of this machine, in Xen 4.17's form.
 *
 * NUMA: this hypervisor reads no SRAT, so, like Xen on a machine
 * without one, it has a single node 0 spanning all of memory and every
 * CPU, at the local distance to itself.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/vcpu.h>
#include <xen/console.h>
#include <xen/sysctl.h>
#include <xen/guest_access.h>
#include <public/sysctl.h>

#define MAX_NODE_ID    63           /* Xen's x86 MAX_NUMNODES - 1 */
#define LOCAL_DISTANCE 10           /* ACPI SLIT's value for "same node" */

/* CPUs sharing cpu 0's package (and, for threads, its core). */
static void count_siblings(unsigned int *threads, unsigned int *cores)
{
    unsigned int core0, socket0, core, socket, cpu, same_core = 0, same_pkg = 0;

    arch_cpu_topology(0, &core0, &socket0);
    for_each_online_cpu ( cpu )
    {
        arch_cpu_topology(cpu, &core, &socket);
        if ( socket != socket0 )
            continue;
        same_pkg++;
        same_core += core == core0;
    }
    *threads = same_core ?: 1;
    *cores = same_pkg / *threads ?: 1;
}

void sysctl_physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    count_siblings(&pi->threads_per_core, &pi->cores_per_socket);
    pi->nr_cpus = num_online_cpus();
    /* The highest CPU id that can exist here, not the build's limit. */
    pi->max_cpu_id = nr_cpu_ids - 1;
    pi->nr_nodes = 1;
    pi->max_node_id = MAX_NODE_ID;  /* the largest a node id can be */
    pi->cpu_khz = cpu_khz;
    /* No claims (outstanding_pages).  As on Xen, scrub_pages counts the
     * free pages still to be zeroed (page_alloc.c, "Scrubbing"). */
    pi->free_pages = total_free_pages();
    pi->scrub_pages = total_dirty_pages();
    pi->outstanding_pages = 0;
    pi->max_mfn = max_page - 1;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_gnttab_v1 | XEN_SYSCTL_PHYSCAP_gnttab_v2;
    arch_physinfo(pi);
}

/* ns the CPU's idle vCPU has run (0 for an id that never came up). */
static uint64_t idle_time(unsigned int cpu)
{
    struct vcpu_runstate_info r;

    if ( cpu >= NR_CPUS || !idle_vcpu(cpu) )
        return 0;
    vcpu_runstate_get(idle_vcpu(cpu), &r);
    return r.time[RUNSTATE_running];
}

long sysctl_getcpuinfo(struct xen_sysctl_getcpuinfo *ci)
{
    uint32_t n = min(ci->max_cpus, nr_cpu_ids), i;

    for ( i = 0; i < n; i++ )
    {
        struct xen_sysctl_cpuinfo info = { .idletime = idle_time(i) };

        if ( copy_to_guest_offset(ci->info, i, &info, 1) )
            return -EFAULT;
    }
    ci->nr_cpus = n;
    return 0;
}

/* Without a buffer: how many CPU ids there are.  With one: that many
 * entries at most (the caller's num_cpus), num_cpus set to those
 * written; a smaller buffer is filled, not refused. */
long sysctl_cputopoinfo(struct xen_sysctl_cputopoinfo *ti)
{
    uint32_t n = nr_cpu_ids, i;

    if ( !guest_handle_is_null(ti->cputopo) )
    {
        n = min(n, ti->num_cpus);
        for ( i = 0; i < n; i++ )
        {
            struct xen_sysctl_cputopo t = { .node = 0 };

            arch_cpu_topology(i, &t.core, &t.socket);
            if ( copy_to_guest_offset(ti->cputopo, i, &t, 1) )
                return -EFAULT;
        }
    }
    ti->num_cpus = n;
    return 0;
}

/* Likewise for nodes: memory and distances of node 0. */
long sysctl_numainfo(struct xen_sysctl_numainfo *ni)
{
    uint32_t n = 1;

    if ( !guest_handle_is_null(ni->meminfo) ||
         !guest_handle_is_null(ni->distance) )
    {
        n = min(n, ni->num_nodes);
        if ( n && !guest_handle_is_null(ni->meminfo) )
        {
            struct xen_sysctl_meminfo m = {
                .memsize = (uint64_t)max_page << PAGE_SHIFT,
                .memfree = (uint64_t)total_free_pages() << PAGE_SHIFT,
            };

            if ( copy_to_guest_offset(ni->meminfo, 0, &m, 1) )
                return -EFAULT;
        }
        if ( n && !guest_handle_is_null(ni->distance) )
        {
            uint32_t dist = LOCAL_DISTANCE;

            if ( copy_to_guest_offset(ni->distance, 0, &dist, 1) )
                return -EFAULT;
        }
    }
    ni->num_nodes = n;
    return 0;
}

long sysctl_readconsole(struct xen_sysctl_readconsole *op)
{
    struct console_ring_read r = {
        .clear = op->clear, .incremental = op->incremental,
        .index = op->index, .count = op->count, .buffer = op->buffer.p,
    };
    int rc = console_ring_read_guest(&r);

    if ( !rc )
    {
        op->count = r.count;
        op->index = r.index;
    }
    return rc;
}
